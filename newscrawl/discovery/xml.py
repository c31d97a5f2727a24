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
    try:
        root = etree.fromstring(data, parser=etree.XMLParser(**_PARSER_OPTIONS))
    except (etree.XMLSyntaxError, ValueError):
        return None
    return root


def local(tag: object) -> str:
    """Tag name without namespace, lower-cased ('{http://…}loc' → 'loc'); '' for comments/PIs."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def child_text(element: etree._Element, *names: str) -> str | None:
    """Stripped text of the first direct child named one of `names` (tried in that order)."""
    for name in names:
        for child in element:
            if local(child.tag) == name:
                text = "".join(child.itertext()).strip()
                if text:
                    return text
    return None
