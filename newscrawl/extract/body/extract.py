"""Article body extraction: trafilatura plus the repairs a news-page benchmark showed it needs.

trafilatura in precision mode finds the main text (the best of its settings measured on the
article-extraction benchmark, see tests/benchmarks/body.py). Around it we fix what it gets wrong
on news pages: it keeps the headline, dateline/byline lines, "Related:" teaser links and
trailing share/newsletter/contributor/copyright lines; in precision mode it sometimes keeps only
a reprint notice (its balanced mode then finds the article); and when an article is cut into
several same-class containers with ads in between it keeps only the first one. JSON-LD
`articleBody` is used only when it is complete and agrees with the HTML text, because sites often
truncate it, pad it, or put a teaser there.

Hand-made golden pages showed more: an old page laid out as one big table comes out as a single
"menu | article | sidebar" line (tables are included because that scores best on the benchmark),
so layout tables are turned into plain blocks first; a kicker or label above the headline, a
photo caption and a standfirst that repeats the page description are kept at the top; and the
"enable JavaScript" `<noscript>` of an app shell became a body. Those lines are recognised by
where they sit in the page (above or beside the headline, in an image box), not by their words.

The repairs live in modules named by concern: layout (layout tables, split articles),
page (what the page says about itself), boilerplate (line rules), clean (cleaning
with the page's hints), jsonld (articleBody) and text (shared text measures). This
module keeps the public API and the order in which the pieces are tried.
"""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass

from lxml.etree import _Element
from trafilatura import bare_extraction
from trafilatura.utils import load_html
from trafilatura.xml import xmltotxt

from newscrawl.extract.body.clean import clean_paragraphs
from newscrawl.extract.body.jsonld import SHORT_WORDS, choose_jsonld
from newscrawl.extract.body.layout import add_split_parts, has_layout_table, unwrap_layout_tables
from newscrawl.extract.body.page import PageHints
from newscrawl.extract.body.text import WORD, has_a_sentence, has_prose, word_count

PRECISION = {"favor_precision": True, "include_comments": False, "include_tables": True}
"""Best trafilatura setting measured on the benchmark (see tests/benchmarks/body.py)."""
RECALL = {"include_comments": False, "include_tables": True}
"""trafilatura's balanced setting: the second try when precision mode keeps next to nothing."""


@dataclass
class Body:
    """The article text and which source produced it."""

    text: str
    """Article text only, paragraphs separated by exactly one blank line."""
    source: str
    """Which source won, e.g. "trafilatura" or "json-ld:articleBody"."""


def extract_body(html: str, url: str | None = None, tree: _Element | None = None) -> Body:
    """Return the article text of a decoded HTML page ("" when there is none).

    `tree` is `html` already parsed (newscrawl.extract.html.parse_html, trafilatura's parser
    options); it is copied, not changed.
    """
    tree = _parse(html, tree)
    if tree is None:
        return Body("", "none")
    page = PageHints.from_tree(tree)

    paras, source = _trafilatura(tree, url, PRECISION), "trafilatura"
    fallback: list[str] = []
    if word_count(paras) < SHORT_WORDS * 2:
        # precision mode kept next to nothing (a teaser, a reprint notice): a complete JSON-LD
        # body that contains what it kept wins; else the balanced mode, if it finds more
        jsonld = choose_jsonld(page.article_bodies, clean_paragraphs(paras, page), tree, short=True)
        if jsonld is not None:
            return Body(_join(clean_paragraphs(jsonld, page)), "json-ld:articleBody")
        alt = _trafilatura(tree, url, RECALL)
        if word_count(alt) > 2 * max(word_count(paras), 1):
            paras, source = alt, "trafilatura:recall"
        else:
            fallback = clean_paragraphs(alt, page)
    paras = add_split_parts(tree, paras, page.norms)
    paras = clean_paragraphs(paras, page)

    jsonld = choose_jsonld(page.article_bodies, paras, tree)
    if jsonld is not None:
        return Body(_join(clean_paragraphs(jsonld, page)), "json-ld:articleBody")
    if not has_prose(paras):
        if fallback and has_prose(fallback):
            return Body(_join(fallback), "trafilatura:recall")
        if has_a_sentence(paras):
            return Body(_join(paras), source)  # a short post, no menu: nothing better was found
        return Body("", "none")
    return Body(_join(paras), source)


def _parse(html: str, parsed: _Element | None = None) -> _Element | None:
    """`parsed`, or `html` parsed the way trafilatura does itself (its scores depend on it), with
    the markup that misleads it neutralised: `<noscript>` notices and tables used for page
    layout. `parsed` is copied first when it has such markup: the caller reads it afterwards."""
    if not html or not html.strip():
        return None
    if parsed is not None and _FULL_DOCUMENT.match(html):
        tree = deepcopy(parsed) if _misleading(parsed) else parsed
    else:
        tree = load_html(html)
    if tree is None:
        return None
    for el in _noscript_notices(tree):
        el.drop_tree()
    unwrap_layout_tables(tree)
    return tree


def _noscript_notices(tree: _Element) -> list[_Element]:
    """"Enable JavaScript" notices, which trafilatura's fallback keeps on app shells. A long
    `<noscript>` can be the page's real content (some blog engines put the post there); one
    without words (a tracking pixel) misleads nothing and stays, so most pages need no copy."""
    return [el for el in tree.iter("noscript")
            if 0 < len(WORD.findall(el.text_content())) < _NOSCRIPT_NOTICE_WORDS]


def _misleading(tree: _Element) -> bool:
    return bool(_noscript_notices(tree)) or has_layout_table(tree)


_NOSCRIPT_NOTICE_WORDS = 40
_FULL_DOCUMENT = re.compile(r"\s*<(?:html|!doctype)", re.IGNORECASE)
"""A page lxml parses as a whole document. Anything else (a page that opens with a PHP warning,
a bare fragment) lxml.html.fromstring turns into a fragment, and trafilatura reads that
fragment: such a page is parsed the way trafilatura does it."""


def _trafilatura(tree: _Element, url: str | None, options: dict) -> list[str]:
    """Paragraphs of one trafilatura run on a copy of the tree."""
    # include_links=True would be handy for spotting link lists, but it changes trafilatura's
    # choices and costs 0.05 F1 on the benchmark; link texts come from the page instead
    # trafilatura copies a tree it is given before changing it (tests/test_body.py checks it)
    doc = bare_extraction(tree, url=url, **options)
    if doc is None or doc.body is None:
        return []
    return _lines(xmltotxt(doc.body, False))


def _lines(text: str) -> list[str]:
    """Non-empty lines of trafilatura's text; rows of empty table cells ("|  |  |") go."""
    lines = (line.strip() for line in text.split("\n"))
    return [line for line in lines if line.strip("| ")]


def _join(paras: list[str]) -> str:
    """Paragraphs separated by exactly one blank line."""
    return "\n\n".join(paras)
