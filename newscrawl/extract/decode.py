"""Bytes to text: gunzip when gzipped, refuse empty or binary input, pick the charset.

The charset comes from a byte-order mark, the HTTP Content-Type header, then the page's own
`<meta charset>` (w3lib implements the WHATWG order); undeclared pages are tried as UTF-8 and fall
back to Windows-1252, the usual legacy encoding of Western news sites. Two declarations are
overruled by the bytes themselves, each with a 'misdeclared_charset' warning: a `<meta>` legacy
charset on bytes that are valid multibyte UTF-8 (templates copied from older sites keep their
old label; legacy text practically never forms valid UTF-8), and a UTF-8 label on bytes that are
mostly not UTF-8. Text that the publisher itself double-encoded ('fÃ¼r' in the UTF-8 bytes) is
repaired by ftfy, with a 'mojibake_repaired' warning.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

import numpy as np
from ftfy.fixes import decode_inconsistent_utf8
from lxml.html import HtmlElement
from w3lib.encoding import (
    html_body_declared_encoding,
    html_to_unicode,
    http_content_type_encoding,
    read_bom,
)

from newscrawl.extract.html import parse_flattened
from newscrawl.extract.undecodable import MAX_BYTES, UndecodablePage

GZIP_MAGIC = b"\x1f\x8b"


@dataclass
class DecodedPage:
    """Decoded HTML with what was noticed on the way (stats keys such as 'truncated_gzip')."""

    html: str
    encoding: str
    warnings: list[str] = field(default_factory=list)
    tree: HtmlElement | None = field(default=None, repr=False, compare=False)
    """`html` parsed (newscrawl.extract.html.parse_html): the page is parsed once, here, since
    finding out whether it nests too deep for lxml takes a parse anyway."""


def _gunzip(raw: bytes, warnings: list[str]) -> bytes:
    """Decompress gzip data; a truncated stream yields what could be read, with a warning."""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        data = inflater.decompress(raw, MAX_BYTES + 1)
    except zlib.error as exc:
        raise UndecodablePage("corrupt_gzip", str(exc)) from exc
    if not inflater.eof:
        warnings.append("truncated_gzip")
    return data


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
"""Bytes that text pages hardly contain (tab, line feed, form feed and return excepted)."""
_DROP_CONTROL_CHARS = dict.fromkeys(_CONTROL_BYTES)
"""`str.translate` table deleting the same characters (counted in C, not per character)."""


def _looks_binary(data: bytes) -> bool:
    """True for images, PDFs, executables…: text pages have few control bytes (NUL included; a
    few stray NULs in a CMS's output do not make a page binary, see decode_page).

    UTF-16 text is full of NUL bytes, so a page with a UTF-16 byte-order mark is judged on its
    decoded characters instead.
    """
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be"
        text = head[2 : len(head) // 2 * 2].decode(codec, errors="replace")
        controls = len(text) - len(text.translate(_DROP_CONTROL_CHARS))
        return controls > len(text) * 0.05
    if head.startswith((b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04")):
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > len(head) * 0.05


def _mostly_legacy(data: bytes) -> bool:
    """True when the non-ASCII bytes are mostly not UTF-8: a page that is UTF-8 with a few
    stray bytes keeps its UTF-8 reading (re-decoding it would garble every é)."""
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd")
    valid = len(text) - len(text.encode("ascii", errors="ignore")) - invalid
    return invalid > valid


def _is_multibyte_utf8(data: bytes) -> bool:
    """The bytes are valid UTF-8 and use it: at least one non-ASCII character."""
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _guess_undeclared(data: bytes) -> str:
    """UTF-8 unless most non-ASCII bytes are not UTF-8 (a stray byte does not make cp1252)."""
    return "cp1252" if _mostly_legacy(data) else "utf-8"


def _is_utf8_label(encoding: str) -> bool:
    return encoding.replace("-", "").replace("_", "").lower() == "utf8"


def _meta_declares_legacy(raw: bytes, content_type: str | None) -> bool:
    """Only the page's own `<meta>` names the charset (no BOM, no HTTP header), and not UTF-8."""
    if read_bom(raw)[0] is not None or http_content_type_encoding(content_type) is not None:
        return False
    declared = html_body_declared_encoding(raw)
    return declared is not None and not _is_utf8_label(declared)


_UTF8_LEADS = (0xC2, 0xF4)
"""The code points of UTF-8's lead bytes read as Latin-1 ('Ã', 'Â', 'â'...), first and last."""
_UTF8_CONTINUATIONS = np.array(sorted(
    {ord(ch) for ch in bytes(range(0x80, 0xC0)).decode("latin-1")}
    | {ord(ch) for ch in bytes(range(0x80, 0xC0)).decode("cp1252", errors="ignore")}
), dtype=np.uint32)
"""UTF-8's continuation bytes as Latin-1 or Windows-1252 read them ('©', '¼', '€', '™'...)."""


def mojibake_hint(text: str) -> bool:
    """A UTF-8 lead byte followed by a continuation byte, both read as Latin-1/Windows-1252
    ('Ã¼', 'Â«', 'â€'): a cheap test before ftfy looks closer (ten times slower). Vectorised:
    the same test as a regular expression took a millisecond on a large page, and runs on all."""
    if text.isascii():
        return False
    points = np.frombuffer(text.encode("utf-32-le", errors="surrogatepass"), dtype=np.uint32)
    leads = np.flatnonzero((points[:-1] >= _UTF8_LEADS[0]) & (points[:-1] <= _UTF8_LEADS[1]))
    return bool(leads.size) and bool(np.isin(points[leads + 1], _UTF8_CONTINUATIONS).any())


def _repair_mojibake(text: str, warnings: list[str]) -> str:
    """Undo UTF-8 that was decoded as a legacy charset before it reached the page's bytes."""
    if not mojibake_hint(text):
        return text
    fixed = decode_inconsistent_utf8(text)
    if fixed != text:
        warnings.append("mojibake_repaired")
    return fixed


def decode_page(raw: bytes, content_type: str | None = None) -> DecodedPage:
    """Return the page as text, or raise `UndecodablePage` with a reason for the crawl stats."""
    warnings: list[str] = []
    if raw.startswith(GZIP_MAGIC):
        raw = _gunzip(raw, warnings)
    if not raw.strip():
        # a gzip stream cut off before any text is a broken download, not an empty page
        raise UndecodablePage("truncated_gzip" if warnings else "empty_file")
    if len(raw) > MAX_BYTES:
        raise UndecodablePage("too_large", f"{len(raw)} bytes")
    if _looks_binary(raw):
        raise UndecodablePage("binary", "not a text/HTML document")
    encoding, text = html_to_unicode(content_type, raw, auto_detect_fun=_guess_undeclared)
    if _meta_declares_legacy(raw, content_type) and _is_multibyte_utf8(raw):
        # A legacy label on UTF-8 bytes: reading them as labelled would garble every é into Ã©.
        warnings.append("misdeclared_charset")
        encoding, text = "utf-8", raw.decode("utf-8")
    elif _is_utf8_label(encoding) and "\ufffd" in text and _mostly_legacy(raw):
        # Declared UTF-8 but is not: legacy bytes mislabelled by the server or template.
        warnings.append("misdeclared_charset")
        encoding, text = "cp1252", raw.decode("cp1252", errors="replace")
    text = _repair_mojibake(text, warnings)
    if "\x00" in text:  # stray NULs from a CMS or a bad copy: text that lxml would cut short
        warnings.append("nul_bytes")
        text = text.replace("\x00", "")
    text, tree, flattened = parse_flattened(text)
    if flattened:
        warnings.append("too_deep")
    return DecodedPage(html=text, encoding=encoding, warnings=warnings, tree=tree)
