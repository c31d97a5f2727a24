"""Parse decoded HTML into an lxml tree, and small helpers the field extractors share."""

from __future__ import annotations

import re

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
