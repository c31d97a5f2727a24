"""Acronyms as strings: what looks like one and whether it spells a long name's initials.

Pure string tests with no spaCy, shared by `mentions` (finding "Long Form (ACR)" definitions)
and `grouping` (joining "U.N." to "United Nations" without a definition).
"""

from __future__ import annotations

from newscrawl.nlp.lexicon import wordset

FUNCTION_WORDS = wordset("of the and for in on at to de du des la le el al a an &")


def acronym_fits(acronym: str, words: list[str]) -> bool:
    """True when `acronym`'s capitals spell the initials of `words` in order.

    Lowercase function words may be used or skipped; at most one capitalised word may be
    skipped, and the first word must give the first letter.
    """
    letters = [c for c in acronym if c.isupper() or c.isdigit()]
    if len(letters) < 2 or not words or words[0][:1].upper() != letters[0]:
        return False

    def walk(li: int, wi: int, skipped: int) -> bool:
        if li == len(letters):
            rest = [w for w in words[wi:] if w[:1].isupper()]
            return skipped + len(rest) <= 1 and not (rest and rest[-1] == words[-1])
        if wi == len(words):
            return False
        w = words[wi]
        if w[:1].upper() == letters[li] and walk(li + 1, wi + 1, skipped):
            return True
        if w.lower() in FUNCTION_WORDS or not w[:1].isupper():
            return walk(li, wi + 1, skipped)
        return skipped == 0 and walk(li, wi + 1, skipped + 1)

    return walk(0, 0, 0)


def initials(key_words: list[str], text_words: list[str]) -> set[str]:
    """Acronyms a name could have: of its capitalised words, and of all its words."""
    caps = "".join(w[0] for w in text_words if w[:1].isupper())
    every = "".join(w[0] for w in key_words)
    return {caps.upper(), every.upper()}


def is_acronym(text: str) -> bool:
    """Whether `text` looks like an initialism ("NATO", "U.N."), dots aside."""
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 7 and letters.isalpha() and letters.isupper()
