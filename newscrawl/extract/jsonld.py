"""Read schema.org JSON-LD blocks leniently and find the page's article object."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any

from lxml.html import HtmlElement

from newscrawl.extract.html import page_elements, per_tree

ARTICLE_TYPES = {
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "socialmediaposting",
    "liveblogposting", "scholarlyarticle", "techarticle", "report", "posting", "webpage",
    "advertisercontentarticle", "satiricalarticle", "askpublicnewsarticle",
    "medicalscholarlyarticle",
}
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_LD_JSON_CASE = str.maketrans("LDJSON", "ldjson")
"""The letters a script's type is folded in (any case of "ld+json"), as XPath translate() did."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _loads(text: str) -> Any:
    text = text.strip().removeprefix("<!--").removesuffix("-->").strip().rstrip(";")
    for candidate in (text, _TRAILING_COMMA.sub(r"\1", _CONTROL.sub(" ", text))):
        try:
            return json.loads(candidate, strict=False)
        except ValueError:
            continue
    return None


def _walk(node: Any) -> Iterator[dict]:
    if isinstance(node, list):
        for child in node:
            yield from _walk(child)
    elif isinstance(node, dict):
        yield node
        if "@graph" in node:
            yield from _walk(node["@graph"])


@per_tree
def json_ld_objects(tree: HtmlElement) -> list[dict]:
    """All JSON-LD objects of the page, flattened out of lists and @graph containers.

    Read once per page: the metadata and the page classification both ask (the callers only
    read the objects)."""
    objects: list[dict] = []
    for script in page_elements(tree, "script"):
        if "ld+json" not in (script.get("type") or "").translate(_LD_JSON_CASE):
            continue
        data = _loads(script.text_content() or "")
        objects.extend(_walk(data))
    return objects


def index_by_id(objects: list[dict]) -> dict[str, dict]:
    """Objects that carry an @id and more than a bare reference, keyed by that @id."""
    return {
        obj["@id"]: obj
        for obj in objects
        if isinstance(obj.get("@id"), str) and set(obj) - {"@id", "@type"}
    }


def _resolved(value: Any, index: dict[str, dict]) -> Any:
    if isinstance(value, list):
        return [_resolved(v, index) for v in value]
    if isinstance(value, dict) and not set(value) - {"@id", "@type"}:
        return index.get(value.get("@id"), value)  # type: ignore[arg-type]
    return value


def with_references(obj: dict, index: dict[str, dict]) -> dict:
    """`obj` with bare {"@id": …} values replaced by the objects they point to (one level).

    Yoast-style `@graph` pages name authors, publisher and image only by reference; one level of
    lookup is enough for the fields we read and cannot loop on circular graphs.
    """
    return {key: _resolved(value, index) for key, value in obj.items()}


def types_of(obj: dict) -> set[str]:
    """The object's @type values, lower-cased."""
    kind = obj.get("@type", [])
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower().rsplit("/", 1)[-1] for k in kinds}


def article_object(objects: list[dict]) -> dict | None:
    """The object describing the article: a (News)Article type first, a WebPage as last resort."""
    best: dict | None = None
    for obj in objects:
        kinds = types_of(obj)
        if kinds & (ARTICLE_TYPES - {"webpage"}):
            return obj
        dated = obj.get("headline") or obj.get("datePublished")
        if "webpage" in kinds and best is None and dated:
            best = obj
    return best


def text_of(value: Any) -> str | None:
    """A plain string from a JSON-LD value: a string, an object with a name, or a list."""
    if isinstance(value, str):
        # JSON-LD is often written by templates that HTML-escape it a second time ("&#8211;")
        return html.unescape(value).strip() or None
    if isinstance(value, dict):
        return text_of(value.get("name") or value.get("@value") or value.get("url"))
    if isinstance(value, list) and value:
        return text_of(value[0])
    return None


def names_of(value: Any) -> list[str]:
    """Every name in a JSON-LD value (author lists, keyword lists)."""
    if isinstance(value, list):
        return [n for v in value for n in names_of(v)]
    name = text_of(value)
    return [name] if name else []


def url_of(value: Any) -> str | None:
    """A URL from a JSON-LD value (string, ImageObject, list of either)."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return url_of(value.get("url") or value.get("@id") or value.get("contentUrl"))
    if isinstance(value, list) and value:
        return url_of(value[0])
    return None
