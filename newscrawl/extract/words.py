"""Counting words in scripts written with and without spaces.

Chinese and Japanese run their words together, so whitespace (or a regex's `\\w+`) finds one
"word" per clause: a Chinese news story of 600 characters would count as a dozen words and fail
every length test that an English one passes. The counts that decide whether a page has text
enough (the body filters, the `word_count` field, language detection, page classification) go
through here.
"""

from __future__ import annotations

import re

CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
"""Kana and CJK ideographs (Hangul is written with spaces and counts like Latin text)."""
CJK_CHARS_PER_WORD = 2
"""Chinese and Japanese are written without spaces: count about two characters as a word."""


def without_cjk(text: str) -> tuple[str, int]:
    """`text` with its CJK characters blanked out, and the words those characters make."""
    if text.isascii():
        return text, 0
    cjk = len(CJK.findall(text))
    if not cjk:
        return text, 0
    return CJK.sub(" ", text), -(-cjk // CJK_CHARS_PER_WORD)


def words_of(text: str) -> int:
    """Whitespace words, with runs of CJK characters counted by length (no spaces there)."""
    rest, cjk = without_cjk(text)
    if not cjk:
        return len(text.split())
    # Ideographic punctuation (、。「」) left between the CJK runs is not a word.
    return cjk + sum(1 for token in rest.split() if any(c.isalnum() for c in token))
