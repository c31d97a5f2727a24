"""Parse decoded HTML into an lxml tree (first flattening markup nested deeper than lxml can
parse), and small helpers the field extractors share."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import lxml.etree
import lxml.html
from lxml.html import HtmlElement

_SPACES = re.compile(r"\s+")
_NOT_ARTICLE = re.compile(r"comment|related|sidebar|widget|footer|promo|teaser", re.IGNORECASE)
_PARSER = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, recover=True)


def parse_html(html: str) -> HtmlElement | None:
    """The document tree, or None when nothing parseable is there.

    The text is re-encoded as UTF-8 and parsed as such, so a stale `<meta charset>` or XML
    declaration in already-decoded text cannot make lxml decode it a second time.
    """
    data = html.encode("utf-8", errors="replace")
    if not data.strip():
        return None
    try:
        root = lxml.html.fromstring(data, parser=_PARSER)
    except (lxml.etree.ParserError, ValueError):
        return None
    return root.getroottree().getroot() if root is not None else None


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


def flatten_deep_markup(html: str) -> tuple[str, bool]:
    """(the page with nesting cut to a depth lxml can parse, whether anything was cut).

    An article wrapped in thousands of nested `<div>`s (a broken template, a hostile page)
    would otherwise come out without its text. Only pages on which lxml gives up on depth are
    rewritten: the deepest wrappers go first, bare ones before those with a class or id, so the
    article's own paragraphs and headings keep their tags; past MAX_DEPTH every further tag
    goes (its text stays).
    """
    if not _too_deep(html):
        return html, False
    flattener = _Flattener()
    flattener.feed(html)
    flattener.close()
    return "".join(flattener.out), True


def _too_deep(html: str) -> bool:
    """True when lxml stops at its nesting limit on this page."""
    if html.count("<") < 256:
        return False
    probe = lxml.html.HTMLParser(encoding="utf-8", recover=True)  # its own error log
    try:
        lxml.html.document_fromstring(html.encode("utf-8", errors="replace"), parser=probe)
    except (lxml.etree.ParserError, ValueError):
        return False
    return any("depth" in error.message for error in probe.error_log
               if error.type_name == "ERR_RESOURCE_LIMIT")


class _Flattener(HTMLParser):
    """Copies the page token by token (text, entities and scripts verbatim), leaving out the
    start and end tags that would nest too deep."""

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


def meta_values(tree: HtmlElement, *keys: str) -> list[tuple[str, str]]:
    """(source, content) of <meta> tags whose property/name/itemprop is one of `keys`, key order."""
    found: list[tuple[str, str]] = []
    metas = tree.xpath("//meta[@content]")
    for key in keys:
        for meta in metas:
            attr = meta.get("property") or meta.get("name") or meta.get("itemprop") or ""
            if attr.strip().lower() == key:
                value = clean(meta.get("content"))
                if value:
                    found.append((f"meta:{key}", value))
    return found


def in_boilerplate(elem: HtmlElement) -> bool:
    """Inside comments, related links, sidebars, navigation or the footer: not the article."""
    for node in (elem, *elem.iterancestors()):
        if node.tag in ("aside", "footer", "nav"):
            return True
        if _NOT_ARTICLE.search(f"{node.get('class', '')} {node.get('id', '')}"):
            return True
    return False
