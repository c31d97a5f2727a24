"""Small text measures shared by the body-extraction modules.

Word counts, the normalised form texts are compared in, "is there a real sentence", and the
headline test are used by the orchestration, the page hints, the line rules and the JSON-LD
check alike; they live here so those modules do not import each other for them.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from newscrawl.extract.words import without_cjk

WORD = re.compile(r"\w+")
SENTENCE_END = tuple(".!?\"'”’…。！？“»")


def norm(text: str) -> str:
    """Lower-cased words joined by single spaces: the form page texts and lines are compared in."""
    return " ".join(WORD.findall(text.lower()))


class PageNorms(dict[str, str]):
    """`norm` of the texts read from one page, each computed once: the page hints and the
    cleaning rules read the same blocks again and again (nested wrappers with the same text, a
    paragraph as a link block, a caption box and a split part), and half of a page's normalised
    characters were repeats. Called like `norm`; made per page, dropped with it."""

    def __missing__(self, text: str) -> str:
        key = self[text] = norm(text)
        return key

    __call__ = dict.__getitem__


def word_count(paras: list[str]) -> int:
    """Number of words in all paragraphs together (CJK characters counted as in `words_of`)."""
    total = 0
    for p in paras:
        rest, cjk = without_cjk(p)
        total += cjk + len(WORD.findall(rest))
    return total


def has_prose(paras: list[str]) -> bool:
    """At least one real sentence: a menu, a login form or a list of teasers has none."""
    return any(
        len(p) >= _MIN_SENTENCE_CHARS and p.rstrip().endswith(SENTENCE_END) for p in paras
    ) or word_count(paras) >= 50


def has_a_sentence(paras: list[str]) -> bool:
    """Some paragraph holds a whole sentence, even if it does not end on one: a short post that
    introduces the link or list below it ends on a colon ('… please sign the appeal here:').
    Looser than has_prose (a sidebar's tweet passes it too), so only a last resort."""
    return any(_SENTENCE_INSIDE.search(p, _MIN_SENTENCE_CHARS - 1) for p in paras)


_MIN_SENTENCE_CHARS = 40
_SENTENCE_INSIDE = re.compile(r"[.!?…](?=\s+\w)|[。！？](?=\s*\w)")
"""A sentence end with more text after it (looked for from _MIN_SENTENCE_CHARS on); after an
ideographic full stop the next sentence follows without a space."""


_SITE_SUFFIX_CHARS = 40


def is_title(para: str, titles: list[str]) -> bool:
    """True when the paragraph is the page's headline (or the headline plus site name)."""
    p = norm(para)
    if not p or len(p) > 300:
        return False
    for t in titles:
        if p == t or (len(p) >= 15 and t.startswith(p)):
            return True  # the headline, the title being "headline | site"
        if len(t) >= 15 and p.startswith(t) and len(p) - len(t) <= _SITE_SUFFIX_CHARS:
            return True  # the headline with the site name or a kicker appended
        if abs(len(p) - len(t)) <= 0.2 * max(len(p), len(t)):
            matcher = SequenceMatcher(None, p, t, autojunk=False)
            if matcher.quick_ratio() >= 0.9 and matcher.ratio() >= 0.9:
                return True
    return False
