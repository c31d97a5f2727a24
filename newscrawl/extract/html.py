"""Parse decoded HTML into an lxml tree (first flattening markup nested deeper than lxml can
parse), and small helpers the field extractors share."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache, wraps
from html.parser import HTMLParser
from typing import TypeVar
from weakref import WeakKeyDictionary

import lxml.etree
import lxml.html
from lxml.html import HtmlElement
from trafilatura.utils import repair_faulty_html

_SPACES = re.compile(r"\s+")
T = TypeVar("T")
_NOT_ARTICLE = re.compile(r"comment|related|sidebar|widget|footer|promo|teaser", re.IGNORECASE)
_PARSER = lxml.html.HTMLParser(encoding="utf-8", recover=True, remove_comments=True,
                               remove_pis=True, collect_ids=False, default_doctype=False)
"""The options trafilatura parses with (trafilatura.utils.HTML_PARSER), so the body extractor
reads a copy of this tree instead of parsing the page again."""
_PARSER.set_element_class_lookup(lxml.etree.ElementDefaultClassLookup(
    element=HtmlElement, comment=lxml.html.HtmlComment, pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity))
"""Every element an `HtmlElement`, chosen in C: lxml.html's own lookup is a Python call for each
element the extractors touch (form elements get no classes of their own, which nothing uses)."""


def parse_html(html: str) -> HtmlElement | None:
    """The document tree, or None when nothing parseable is there.

    The text is re-encoded as UTF-8 and parsed as such, so a stale `<meta charset>` or XML
    declaration in already-decoded text cannot make lxml decode it a second time.
    """
    return _parse(html)[0]


def parse_flattened(html: str) -> tuple[str, HtmlElement | None, bool]:
    """(the page, its tree, whether its nesting was cut to a depth lxml can parse).

    An article wrapped in thousands of nested `<div>`s (a broken template, a hostile page)
    would otherwise come out without its text. The page is parsed once; only a page on which
    lxml gave up on depth is rewritten (see `_Flattener`) and parsed again.
    """
    tree, too_deep = _parse(html)
    if not too_deep:
        return html, tree, False
    flattener = _Flattener()
    flattener.feed(html)
    flattener.close()
    flat = "".join(flattener.out)
    return flat, parse_html(flat), True


def _parse(html: str) -> tuple[HtmlElement | None, bool]:
    """(the tree or None, whether lxml stopped building it at its nesting limit).

    The page is first repaired as trafilatura repairs it before parsing (control characters
    that XML forbids, a malformed doctype or `<html/>`): its extractor reads a copy of this tree,
    and such a character left in the text makes it return nothing.
    """
    data = _repaired(html)
    if not data.strip():
        return None, False
    try:
        root = lxml.html.fromstring(data, parser=_PARSER)
    except (lxml.etree.ParserError, ValueError):
        return None, False
    too_deep = any("depth" in error.message for error in _PARSER.error_log
                   if error.type_name == "ERR_RESOURCE_LIMIT")
    return (root.getroottree().getroot() if root is not None else None), too_deep


def _repaired(html: str) -> bytes:
    """`html` as trafilatura's repair_faulty_html leaves it, encoded as UTF-8.

    That function deletes the control characters that XML forbids, with a regex over the whole
    page (a third of the time lxml takes to parse it), and otherwise mends only the page's top:
    a doctype in its first line, a self-closing `<html/>` in its first lines of 4,096
    characters. A page with none of those characters, which are found in its UTF-8 bytes at a
    fifth of the cost, is repaired from its first line and the 4,096 characters after it.
    """
    data = html.encode("utf-8", errors="replace")
    first_newline = html.find("\n")
    if (first_newline < 0 or len(data.translate(None, _XML_FORBIDDEN_BYTES)) != len(data)
            or "\ufffe" in html or "\uffff" in html):
        return repair_faulty_html(html, html[:50].lower()).encode("utf-8", errors="replace")
    head = html[: first_newline + 1 + _REPAIR_REACH]
    fixed = repair_faulty_html(head, html[:50].lower()).encode("utf-8", errors="replace")
    return fixed + data[len(head.encode("utf-8", errors="replace")) :]


_XML_FORBIDDEN_BYTES = bytes(range(0x09)) + b"\x0b\x0c" + bytes(range(0x0E, 0x20))
"""The control characters XML forbids (trafilatura's INVALID_XML_CHARS less U+FFFE and U+FFFF)
as UTF-8 bytes, in which each stands only for itself."""
_REPAIR_REACH = 4096
"""How far past its first line repair_faulty_html mends a page that has no forbidden
character (the window in which it looks for `<html/>`)."""


MAX_DEPTH = 200
"""Deepest element nesting kept. libxml2 (lxml, and so trafilatura) stops building the tree at
256 levels, 2048 with huge_tree: the article inside deeper markup is lost."""
_BARE_WRAPPER_DEPTH = 100
"""From this depth on, `<div>`/`<span>`-like wrappers without attributes are dropped…"""
_WRAPPER_DEPTH = 150
"""…and from this one all of them (a class or id may mark comments or a sidebar: kept longer)."""
_WRAPPERS = frozenset({"div", "span", "section", "font", "center", "main", "b", "i", "u", "em",
                       "strong", "small", "big"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"})


class _Flattener(HTMLParser):
    """Copies the page token by token (text, entities and scripts verbatim), leaving out the
    start and end tags that would nest too deep: the deepest wrappers go first, bare ones before
    those with a class or id, so the article's own paragraphs and headings keep their tags; past
    MAX_DEPTH every further tag goes (its text stays)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.open: list[tuple[str, bool]] = []
        """Open elements as (tag, kept in the output)."""
        self.depth = 0
        """How many of the open elements are kept."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raw = self.get_starttag_text() or ""
        if tag in _VOID:
            self.out.append(raw)
            return
        if self.open and self.open[-1][0] == tag and tag in ("p", "li", "option", "dt", "dd"):
            self._close(len(self.open) - 1)  # `<p>a<p>b`: the second closes the first
        if self.depth >= MAX_DEPTH:
            keep = False
        elif tag in _WRAPPERS:
            keep = self.depth < (_WRAPPER_DEPTH if attrs else _BARE_WRAPPER_DEPTH)
        else:
            keep = True
        self.open.append((tag, keep))
        if keep:
            self.depth += 1
            self.out.append(raw)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                kept = self.open[i][1]
                self._close(i)
                if kept:
                    self.out.append(f"</{tag}>")
                return

    def _close(self, index: int) -> None:
        """Forget the elements from `index` on (closed by an end tag or implicitly)."""
        self.depth -= sum(1 for _, kept in self.open[index:] if kept)
        del self.open[index:]

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def unknown_decl(self, data: str) -> None:
        self.out.append(f"<![{data}]>")


def clean(text: str | None) -> str | None:
    """Collapse white space; None for empty strings."""
    if text is None:
        return None
    text = _SPACES.sub(" ", text).strip()
    return text or None


def page_elements(tree: HtmlElement, *tags: str) -> Iterator[HtmlElement]:
    """The elements with these tags in the whole page `tree` belongs to, in document order: what
    an XPath "//tag" query returns, at a fraction of its cost (such a query on a news page's
    tree costs 15 to 40 times as much as walking it). One tag is looked up in the page's index
    of its elements by tag: building it costs a few walks of the tree, and the extractors ask
    for some thirty tags a page."""
    root = tree.getroottree().getroot()
    if len(tags) != 1:
        return tree.getroottree().iter(*tags)
    below = _elements_by_tag(root).get(tags[0], [])
    return iter([root, *below] if root.tag == tags[0] else below)


def per_tree(build: Callable[[HtmlElement], T]) -> Callable[[HtmlElement], T]:
    """`build(tree)`, computed once per page and kept for as long as its tree lives (a weak
    dictionary): for what several extractors read from the same page. Nothing changes a page's
    tree in place (the extractors that prune, prune a copy, and read it only once pruned): a
    change after the first look would not be seen. The value must not hold `tree` itself, which
    would then live for good."""
    kept: WeakKeyDictionary[HtmlElement, T] = WeakKeyDictionary()

    @wraps(build)
    def once(tree: HtmlElement) -> T:
        value = kept.get(tree)
        if value is None:
            value = kept[tree] = build(tree)
        return value

    return once


@per_tree
def _elements_by_tag(root: HtmlElement) -> dict[str, list[HtmlElement]]:
    """The elements below the page's `root`, by tag, in document order (see page_elements)."""
    index: dict[str, list[HtmlElement]] = {}
    for elem in root.iterdescendants():
        index.setdefault(elem.tag, []).append(elem)
    return index


def meta_values(tree: HtmlElement, *keys: str) -> list[tuple[str, str]]:
    """(source, content) of <meta> tags whose property/name/itemprop is one of `keys`, key order."""
    index = _meta_index(tree)
    return [pair for key in keys for pair in index.get(key, ())]


@per_tree
def _meta_index(tree: HtmlElement) -> dict[str, list[tuple[str, str]]]:
    """The page's <meta> tags by key, in one pass: the metadata, date and classification steps
    look up about ten keys a page."""
    index: dict[str, list[tuple[str, str]]] = {}
    for meta in page_elements(tree, "meta"):
        content = meta.get("content")
        if content is None or _cut_at_a_quote(meta):
            continue
        attr = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "")
        key = attr.strip().lower()
        value = clean(content)
        if key and value:
            index.setdefault(key, []).append((f"meta:{key}", value))
    return index


def _cut_at_a_quote(meta: HtmlElement) -> bool:
    """The tag's content ended at a quote mark the publisher left unescaped (content="A "B" C"):
    the rest of the text came out as attribute names with quote marks in them, and the value
    is only the start of what the page meant (a headline cut before its quoted words)."""
    return any('"' in name or "'" in name for name in meta.attrib)


def in_boilerplate(elem: HtmlElement) -> bool:
    """Inside comments, related links, sidebars, navigation or the footer: not the article."""
    return any(boilerplate_marker(node) for node in (elem, *elem.iterancestors()))


BLOCK_TAGS = frozenset({
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "br",
    "hr", "section", "article", "header", "footer", "aside", "nav", "main", "figure",
    "figcaption", "blockquote", "table", "tr", "td", "th", "address", "form", "pre", "picture",
    "img"})
"""Elements that start a new line of text on screen: a byline is one line, a paragraph another."""


def leads_elsewhere(href: str | None) -> bool:
    """A link's href leads to another page: not missing or empty, not a place on this page
    ('#…'), not a script ('javascript:…')."""
    href = (href or "").strip()
    return bool(href) and not href.startswith("#") and not href.lower().startswith("javascript:")


def marker_search(pattern: re.Pattern[str]) -> Callable[[str], str | None]:
    """A function giving `pattern`'s first match in a marker (an element's class and id), or
    None, that searches each distinct marker once: a page repeats the same classes on many
    elements (menu items, list entries, wrappers: three in four markers are repeats), and the
    rules that skip boxes test every element they walk."""

    @lru_cache(maxsize=_MARKERS_KEPT)
    def search(marker: str) -> str | None:
        match = pattern.search(marker)
        return match[0] if match else None

    return search


_MARKERS_KEPT = 4096
"""Distinct markers remembered per pattern: a page has a few hundred."""
_not_article = marker_search(_NOT_ARTICLE)


def boilerplate_marker(node: HtmlElement) -> str | None:
    """What marks `node` itself as a box beside the article: its tag ('aside', 'footer', 'nav')
    or the word of its class or id ('comment', 'sidebar', 'footer'…); None when nothing does."""
    if node.tag in ("aside", "footer", "nav"):
        return node.tag
    found = _not_article(f"{node.get('class', '')} {node.get('id', '')}")
    return found.lower() if found is not None else None
