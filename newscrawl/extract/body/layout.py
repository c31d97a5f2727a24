"""Page layout that misleads trafilatura: layout tables and articles split over containers.

An old page laid out as one big table comes out of trafilatura (tables included, which scores
best on the benchmark) as a single "menu | article | sidebar" line, so layout tables are turned
into plain blocks before extraction. Sites that interleave ads or widgets cut the article into
several same-class containers, of which trafilatura keeps the first; the later parts are added
back after extraction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from lxml.etree import _Element

from newscrawl.extract.body.text import WORD, norm
from newscrawl.extract.html import page_elements

_LAYOUT_TAGS = {"table": "div", "tbody": "div", "thead": "div", "tfoot": "div", "tr": "div",
                "td": "div", "th": "div", "caption": "div"}


def has_layout_table(tree: _Element) -> bool:
    """The page has a table that `unwrap_layout_tables` would unwrap."""
    return any(_is_layout_table(table) for table in tree.iter("table"))


def unwrap_layout_tables(tree: _Element) -> None:
    """Turn every layout table of the page into plain blocks, in place."""
    for table in [t for t in tree.iter("table") if _is_layout_table(t)]:
        _unwrap_table(table)


def _is_layout_table(table: _Element) -> bool:
    """A table that lays out the page (menu, article, sidebar) rather than holding data.

    With tables included, trafilatura flattens such a table into one "a | b | c" line. Data
    tables hold short values; a cell with a headline or several long paragraphs is a column of
    the page.
    """
    if table.xpath(".//h1 | .//h2"):
        return True
    for cell in table.iter("td", "th"):
        prose = [p for p in cell.iterchildren("p") if len(WORD.findall(p.text_content())) >= 15]
        if len(prose) >= 3:
            return True
    return False


def _unwrap_table(table: _Element) -> None:
    """Turn a layout table, its rows and cells into plain blocks.

    Tables nested in it stay tables unless they are layout tables themselves: small boxes
    (pull quotes, fact boxes) in an article column are content.
    """
    own = [el for el in table.iter(*_LAYOUT_TAGS) if _owner(el) is table]
    for el in own:
        el.tag = _LAYOUT_TAGS[el.tag]
        for attr in ("colspan", "rowspan"):
            el.attrib.pop(attr, None)


def _owner(el: _Element) -> _Element | None:
    """The table a row or cell belongs to (the table itself for a table)."""
    if el.tag == "table":
        return el
    return next(el.iterancestors("table"), None)


def add_split_parts(tree: _Element, paras: list[str],
                    norms: Callable[[str], str] = norm) -> list[str]:
    """Add the paragraphs of sibling containers that share the article container's class.

    Sites that interleave ads or widgets cut the article into several `<div class="body">`
    blocks; trafilatura keeps the first. Only prose paragraphs (`<p>`) of containers with the
    very same tag and class are added, in document order. `norms` is `norm` or the page's
    memo of it (`PageNorms`).
    """
    wanted = {norms(p): i for i, p in enumerate(paras)}
    parents: Counter = Counter()
    found_at: dict[int, _Element] = {}
    for el in page_elements(tree, "p"):
        key = norms(el.text_content())
        if key in wanted and len(key.split()) >= 8:
            parents[el.getparent()] += 1
            found_at.setdefault(wanted[key], el)
    if not parents:
        return paras
    container, hits = parents.most_common(1)[0]
    cls = (container.get("class") or "").strip()
    if not cls or hits < 2:
        return paras
    extra: list[tuple[_Element, str]] = []
    # only later parts (boxes come in document order): a same-class box before the article
    # is a summary or a claim box
    later = False
    for sib in tree.iter(container.tag):
        if sib is container:
            later = True
            continue
        if not later or (sib.get("class") or "").strip() != cls:
            continue
        if any(anc is container for anc in sib.iterancestors()):
            continue
        for el in sib.iterchildren("p"):
            text = " ".join(el.text_content().split())
            key = norms(text)
            if key and key not in wanted and _link_share(el) < 0.5:
                extra.append((el, text))
    if sum(len(WORD.findall(t)) for _, t in extra) < 30:
        return paras
    # positions in the page, numbered only for the few pages that get this far
    order = {el: n for n, el in enumerate(tree.iter())}
    found = {i: order[el] for i, el in found_at.items()}
    # give every kept paragraph a position: its own, or the one of the paragraph before it
    placed: list[tuple[int, int, str]] = []
    last = -1
    for i, p in enumerate(paras):
        last = found.get(i, last)
        placed.append((last, i, p))
    placed.extend((order[el], -1, text) for el, text in extra)
    placed.sort(key=lambda t: (t[0], t[1]))
    return [text for _, _, text in placed]


def _link_share(el: _Element) -> float:
    """Share of an element's text that sits inside links."""
    total = len(el.text_content().strip())
    if not total:
        return 1.0
    return sum(len(a.text_content().strip()) for a in el.iter("a")) / total
