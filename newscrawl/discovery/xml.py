"""A safe XML parser for feeds and sitemaps fetched from the web.

No entity expansion, no DTD loading, no network access: a hostile feed cannot read local files
(XXE) or blow up memory (billion laughs). `recover` keeps going over the small syntax errors that
real feeds often have. Gzipped bodies (`sitemap.xml.gz` served without Content-Encoding) are
inflated here, with a cap.
"""

from __future__ import annotations

import zlib

from lxml import etree

MAX_XML_BYTES = 50 * 1024 * 1024
"""The sitemap protocol's own limit for one uncompressed file."""

_PARSER_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "recover": True,
    "remove_comments": True,
    "remove_pis": True,
}


def inflate(body: bytes, limit: int = MAX_XML_BYTES) -> bytes:
    """Gunzip `body` when it is gzip data (up to `limit` bytes); other bytes pass unchanged."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        return inflater.decompress(body, limit)
    except zlib.error:
        return b""


def parse_xml(body: bytes) -> etree._Element | None:
    """The root element of an XML document, or None when there is none."""
    data = inflate(body).lstrip()
    if not data:
        return None
    parser = etree.XMLParser(**_PARSER_OPTIONS)
    try:
        root = etree.fromstring(data, parser=parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root is not None and any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        # libxml2 stopped reading (an entity bomb, say): the element it was reading is cut
        # short, e.g. a <loc> holding the part of a URL before the bomb. It goes.
        last = next(reversed(list(root.iter())), None)
        if last is not None and last is not root:
            last.getparent().remove(last)
    return root


def local(tag: object) -> str:
    """Tag name without namespace, lower-cased ('{http://…}loc' → 'loc'); '' for comments/PIs."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def text_of(element: etree._Element) -> str | None:
    """Stripped text of an element; None when it is empty or holds an entity reference left
    unexpanded (entities are not expanded: an entity bomb's `&lol9;` is no title, date or URL)."""
    if any(isinstance(node, etree._Entity) for node in element.iter()):
        return None
    return "".join(element.itertext()).strip() or None


def child_text(element: etree._Element, *names: str) -> str | None:
    """Text (see text_of) of the first direct child named one of `names` that has some, tried
    in that order."""
    for name in names:
        for child in element:
            if local(child.tag) == name:
                text = text_of(child)
                if text:
                    return text
    return None
