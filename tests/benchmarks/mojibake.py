"""Count mojibake in extracted text: UTF-8 bytes that were decoded with a legacy charset.

`Ã©` for `é`, `Â«` for `«`, `â€™` for `’`: each is a run of non-ASCII characters that, encoded
back with the wrong legacy codec, gives valid multibyte UTF-8. Real text in those codecs never
does (an `é` alone is the byte 0xE9, which UTF-8 cannot start a sequence with), so the check
needs no word list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

LEGACY_CODECS = ("cp1252", "iso-8859-2", "euc-kr")
"""The wrong readings seen on news pages (Western, Central European, Korean labels)."""
NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]{2,}")


def _is_misread_utf8(run: str) -> bool:
    for codec in LEGACY_CODECS:
        try:
            raw = run.encode(codec)
            raw.decode("utf-8")
        except UnicodeError:
            continue
        return True
    return False


def has_mojibake(text: str | None) -> bool:
    """True when `text` holds a run of characters that is UTF-8 read in a legacy charset."""
    return any(_is_misread_utf8(m[0]) for m in NON_ASCII_RUN.finditer(text or ""))


def mojibake_items(
    items: Iterable[dict], fields: tuple[str, ...] = ("headline", "body")
) -> list[dict]:
    """The exported items whose `fields` contain mojibake."""
    return [item for item in items if any(has_mojibake(item.get(f)) for f in fields)]
