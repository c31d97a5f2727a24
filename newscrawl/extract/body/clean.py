"""Cleaning the extracted paragraphs with what the page says about itself.

trafilatura keeps the headline, a kicker or label above it, a photo caption, a standfirst that
repeats the page description, dateline/byline lines, "Related:" teaser links and trailing
boilerplate. The line rules are in boilerplate; this module adds the rules that need the
page (`PageHints`): is this line the headline, a kicker, a caption, a standfirst, a link teaser.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from lxml.etree import _Element

from newscrawl.extract.body.boilerplate import (
    is_boilerplate,
    is_dateline,
    strip_teaser_runs,
    strip_trailing,
)
from newscrawl.extract.body.page import KICKER_WORDS, PageHints
from newscrawl.extract.body.text import SENTENCE_END, WORD, has_prose, is_title


def clean_paragraphs(paras: list[str], page: PageHints) -> list[str]:
    """Drop headline, dateline/byline, link-list and trailing boilerplate paragraphs."""
    paras = _strip_leading(paras, page)
    paras = [p for p in paras if not _is_link_line(p, page)]
    paras = strip_teaser_runs(paras)
    return strip_trailing(paras)


def _strip_leading(paras: list[str], page: PageHints) -> list[str]:
    """Drop the headline, kicker, dateline, byline, caption and standfirst lines at the top."""
    i = 0
    while i < len(paras) and i < 5 and (
        is_title(paras[i], page.titles)
        or is_dateline(paras[i])
        or is_boilerplate(paras[i])
        or _is_kicker(paras[i], page)
        or _is_caption(paras[i], page)
        or _is_standfirst(paras[i:], page)
    ):
        i += 1
    # a headline below a kicker or a fact box is still the headline
    head = [p for p in paras[i : i + 3] if not is_title(p, page.titles)]
    return head + paras[i + 3 :]


def _is_kicker(para: str, page: PageHints) -> bool:
    """A short label that sits above the headline in the page (kicker, breadcrumb, "Press")."""
    if para.rstrip().endswith(SENTENCE_END) or len(WORD.findall(para)) > KICKER_WORDS:
        return False
    return page.norms(para) in page.above_headline


def _is_caption(para: str, page: PageHints) -> bool:
    """A photo caption or credit (looked up only for lines short enough to be one)."""
    return len(WORD.findall(para)) <= _CAPTION_WORDS and page.norms(para) in page.captions


_CAPTION_WORDS = 60


def _is_standfirst(paras: list[str], page: PageHints) -> bool:
    """The first paragraph repeats the page description and stands beside the headline.

    Many sites show the description as a standfirst right under the headline, apart from the
    text. Only an (almost) exact copy counts, and only when the page has it next to the
    headline and outside the container of the following paragraph: a first body paragraph
    that doubles as the description stays.
    """
    if len(paras) < 2 or page.headline is None or not has_prose(paras[1:]):
        return False  # a page whose only text is its summary (a video page) keeps it
    first = page.norms(paras[0])
    if len(first.split()) < 5 or not any(_near(first, d) for d in page.descriptions):
        return False
    # the paragraph that starts the text, past a byline or a date under the standfirst
    text = next((p for p in paras[1:4] if not (is_dateline(p) or is_boilerplate(p))), paras[1])
    nxt = {el.getparent() for el in _blocks_with_text(page, page.norms(text))}
    around_headline = set(page.headline.iterancestors())
    for el in _blocks_with_text(page, first):
        boxes = list(el.iterancestors())[:_STANDFIRST_DEPTH]
        if boxes and boxes[0] not in nxt and any(box in around_headline for box in boxes):
            return True
    return False


_STANDFIRST_DEPTH = 2
"""How far up from a standfirst the container it shares with the headline may be."""


def _near(a: str, b: str) -> bool:
    """Exact or near-exact equality of two normalised texts."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 0.05 * max(len(a), len(b)):
        return False
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.95


def _blocks_with_text(page: PageHints, key: str) -> list[_Element]:
    """The innermost paragraph-like elements of the page whose whole text is `key`.

    Read from the innermost blocks out: a block whose text has more letters and digits than
    `key` rules out every block around it, whose text holds its text, so the page's big
    wrappers (the whole article, several levels deep) are never normalised.
    """
    found = []
    norms = page.norms
    limit = _word_chars(key)
    ruled_out: set[_Element] = set()
    for el in reversed(list(page.tree.iter(*_TEXT_BLOCKS))):
        if el not in ruled_out:
            text = norms(el.text_content())
            if text == key and not any(norms(c.text_content()) == key for c in el.iterchildren()):
                found.append(el)
            if _word_chars(text) <= limit:
                continue
        outer = next(el.iterancestors(*_TEXT_BLOCKS), None)
        if outer is not None:
            ruled_out.add(outer)
    return found[::-1]


_TEXT_BLOCKS = ("p", "div", "h2", "h3", "h4", "span", "section", "header", "td")


def _word_chars(key: str) -> int:
    """Word characters (letters, digits, '_') in a normalised text (`norm`): never fewer in a
    text that holds it."""
    return len(key) - key.count(" ")


def _is_link_line(para: str, page: PageHints) -> bool:
    """A paragraph that is, in the page, a block holding nothing but a link (and a label)."""
    if para.lstrip().lower().startswith(("http", "www.")):
        return False  # a bare URL the author typed out is text, not a teaser
    return page.norms(para) in page.link_blocks
