"""JSON-LD `articleBody`: used only when it is complete and agrees with the HTML text.

Sites often truncate articleBody, pad it with widgets, or put a teaser there, so it wins over
trafilatura's text only when it looks complete and contains most of what the HTML gave, and
either the HTML gave next to nothing (a paywall teaser, a reprint notice) or clearly less.
"""

from __future__ import annotations

import html as html_lib
import re
from collections import Counter

from lxml import html as lxml_html
from lxml.etree import _Element

from newscrawl.extract.body.text import WORD, word_count

SHORT_WORDS = 30
"""Below this many words the HTML text is taken as missing (a teaser or a notice)."""


def choose_jsonld(
    bodies: list[str], paras: list[str], tree: _Element, short: bool = False
) -> list[str] | None:
    """The JSON-LD articleBody as paragraphs when it is complete and beats the HTML text.

    Sites fill articleBody with a teaser, a truncated copy or the text plus widgets, so it is
    taken only when it looks complete (long enough, no trailing ellipsis) and the HTML text
    agrees with it: with `short` (the HTML gave only a teaser, as on paywalled pages) it must
    contain most of the teaser; otherwise it must contain most of the HTML text and be clearly
    longer, meaning trafilatura missed part of the article.
    """
    best: list[str] | None = None
    for raw in bodies:
        cand = _jsonld_paragraphs(raw)
        words = word_count(cand)
        if words < _MIN_JSONLD_WORDS or cand[-1].rstrip().endswith(("...", "…")):
            continue
        if best is None or words > word_count(best):
            best = cand
    if best is None:
        return None
    have = word_count(paras)
    ours = _shingles(" ".join(paras))
    theirs = _shingles(" ".join(best))
    covered = sum((ours & theirs).values()) / max(1, sum(ours.values()))
    if short:
        agrees = have < SHORT_WORDS // 3 or covered >= 0.5
        return _resplit(best, tree) if agrees and word_count(best) > have else None
    if covered >= 0.8 and word_count(best) >= 1.25 * have:
        return _resplit(best, tree)
    return None


_MIN_JSONLD_WORDS = 50


def _jsonld_paragraphs(raw: str) -> list[str]:
    """articleBody text as paragraphs; some sites put HTML in it."""
    text = html_lib.unescape(raw)
    if re.search(r"</?(?:p|br|div|h\d)\b", text, re.IGNORECASE):
        frag = lxml_html.fromstring(f"<div>{text}</div>")
        for br in frag.iter("br"):
            br.tail = "\n" + (br.tail or "")
        blocks = [el.text_content() for el in frag.iter("p", "h2", "h3", "h4", "li", "blockquote")]
        text = "\n".join(blocks) if blocks else frag.text_content()
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _resplit(paras: list[str], tree: _Element) -> list[str]:
    """Cut a JSON-LD body that comes as one block where the page's own paragraphs start."""
    if len(paras) > 1:
        return paras
    text = paras[0]
    starts = set()
    for el in tree.iter("p"):
        head = " ".join(el.text_content().split()[:8])
        if len(head.split()) >= 5:
            pos = text.find(head)
            if pos > 0:
                starts.add(pos)
    cuts = [0, *sorted(starts), len(text)]
    return [text[a:b].strip() for a, b in zip(cuts, cuts[1:], strict=False) if text[a:b].strip()]

def _shingles(text: str, n: int = 4) -> Counter:
    toks = WORD.findall(text)
    return Counter(zip(*(toks[i:] for i in range(n)), strict=False))  # each run of n words
