"""Accent-free forms of words, for comparisons that ignore accents ('Zürich' = 'Zurich')."""

from __future__ import annotations

import unicodedata


def strip_accents(text: str) -> str:
    """`text` with its combining marks (accents, diacritics) removed after compatibility
    decomposition; case is left as it is."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(ch))
