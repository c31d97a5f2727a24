"""Count mojibake in extracted text: UTF-8 that was read in a legacy charset somewhere on its way.

`Ã©` for `é`, `Â«` for `«`, `â€™` for `’`. ftfy's badness heuristic judges it (the same library
that repairs it in `newscrawl.extract.decode`, but its detector, not its repair: text that the
repair could not fix still counts).
"""

from __future__ import annotations

from collections.abc import Iterable

from ftfy.badness import is_bad


def mojibake_items(
    items: Iterable[dict], fields: tuple[str, ...] = ("headline", "body")
) -> list[dict]:
    """The exported items whose `fields` contain mojibake."""
    return [item for item in items if any(is_bad(item.get(f) or "") for f in fields)]
