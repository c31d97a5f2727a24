"""The fixed split of every data set into a tuning half and a check half.

Rules are tuned on the tuning half only; the check half shows whether they generalise. The split
is a hash of the item's name (a page id, a file name), so it never depends on order or content.
"""

from __future__ import annotations

import hashlib

HALVES = ("tuning", "check")


def half_of(name: str) -> str:
    """'tuning' or 'check' for an item name: the first byte of its SHA-1, even or odd."""
    return "tuning" if hashlib.sha1(name.encode()).digest()[0] % 2 == 0 else "check"


def select(names, half: str) -> list[str]:
    """The names in `half` ('tuning', 'check'), or all of them for 'all', in their order."""
    return [name for name in names if half == "all" or half_of(name) == half]
