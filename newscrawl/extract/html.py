"""Parse decoded HTML into an lxml tree, whatever declarations the text still carries."""

from __future__ import annotations

import lxml.etree
import lxml.html
from lxml.html import HtmlElement

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
