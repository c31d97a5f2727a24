"""Page metadata (URL, headline, site name, authors, description, language, tags, image).

Each field is looked up in a fixed order of sources, most reliable first, and the winning source is
reported so the export can say where a value came from.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from newscrawl.extract.jsonld import article_object, json_ld_objects, names_of, text_of, url_of

TITLE_SEPARATORS = re.compile(r"\s+[|–—·•»:\-]\s+|\s+[|–—·•»]\s*$")
_SPACES = re.compile(r"\s+")
_LANG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_]|$)")


@dataclass
class Metadata:
    """Extracted metadata values and, per field, the source that gave them."""

    url: str | None = None
    sitename: str | None = None
    headline: str | None = None
    description: str | None = None
    authors: list[str] = field(default_factory=list)
    language: str | None = None
    locale: str | None = None
    tags: list[str] = field(default_factory=list)
    image: str | None = None
    json_ld: dict | None = None
    provenance: dict[str, str] = field(default_factory=dict)


def clean(text: str | None) -> str | None:
    """Collapse white space; None for empty strings."""
    if text is None:
        return None
    text = _SPACES.sub(" ", text).strip()
    return text or None


def _meta(tree: HtmlElement, *keys: str) -> list[tuple[str, str]]:
    """(source, content) of <meta> tags whose property/name/itemprop is one of `keys`, in key order."""
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


def _first(candidates: Iterable[tuple[str, str | None]]) -> tuple[str, str] | None:
    for source, value in candidates:
        value = clean(value)
        if value:
            return source, value
    return None


def _link_href(tree: HtmlElement, rel: str) -> str | None:
    for link in tree.xpath("//link[@href]"):
        if rel in (link.get("rel") or "").lower().split():
            return clean(link.get("href"))
    return None


def _absolute(base: str | None, href: str | None) -> str | None:
    if not href:
        return None
    href = href.strip()
    if href.startswith("//"):
        href = "https:" + href
    joined = urljoin(base or "", href)
    return joined if urlsplit(joined).scheme in ("http", "https", "file") else None


def _page_url(tree: HtmlElement, art: dict | None, base: str | None) -> tuple[str, str] | None:
    """The article's own URL from the page; a canonical pointing at the site root is ignored."""
    candidates = [("link:canonical", _link_href(tree, "canonical"))]
    candidates += _meta(tree, "og:url")
    if art:
        candidates.append(("json-ld:url", url_of(art.get("url"))))
        candidates.append(("json-ld:mainEntityOfPage", url_of(art.get("mainEntityOfPage"))))
    for source, href in candidates:
        url = _absolute(base, href)
        if url and urlsplit(url).scheme in ("http", "https") and urlsplit(url).path not in ("", "/"):
            return source, url
    return None


def strip_site_name(title: str, sitename: str | None) -> str:
    """Remove a site-name prefix or suffix ("Headline | Site", "Site - Headline") from a title."""
    parts = [p for p in TITLE_SEPARATORS.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    if sitename:
        site = sitename.lower()
        if parts[-1].strip().lower() in site or site in parts[-1].strip().lower():
            return clean(title[: title.rfind(parts[-1])].rstrip(" |–—·•»:-")) or title
        if parts[0].strip().lower() in site or site in parts[0].strip().lower():
            return clean(title[len(parts[0]) :].lstrip(" |–—·•»:-")) or title
    # Without a known site name, drop a short last segment only ("… | Example News").
    last = parts[-1].strip()
    if len(last.split()) <= 4 and len(last) < len(title) / 2 and "|" in title:
        return clean(title[: title.rfind(last)].rstrip(" |–—·•»:-")) or title
    return title


def _headline(tree: HtmlElement, art: dict | None, sitename: str | None) -> tuple[str, str] | None:
    candidates: list[tuple[str, str | None]] = []
    if art:
        candidates.append(("json-ld:headline", text_of(art.get("headline"))))
    candidates += _meta(tree, "og:title", "twitter:title")
    h1 = tree.xpath("//h1")
    if len(h1) == 1:
        candidates.append(("h1", h1[0].text_content()))
    candidates.append(("title", (tree.xpath("//title/text()") or [None])[0]))
    found = _first(candidates)
    if not found:
        return None
    source, title = found
    stripped = strip_site_name(title, sitename)
    return source, stripped


def _sitename(tree: HtmlElement, art: dict | None) -> tuple[str, str] | None:
    candidates: list[tuple[str, str | None]] = list(_meta(tree, "og:site_name", "application-name"))
    if art:
        candidates.append(("json-ld:publisher", text_of(art.get("publisher"))))
    return _first(candidates)


_URL_LIKE = re.compile(r"^(https?:|www\.|/)")
_BY = re.compile(r"^(by|von|par|por|di)\s+", re.IGNORECASE)


def split_authors(values: Iterable[str]) -> list[str]:
    """Author names: drop URLs, strip "By", split lists ("A, B and C"), keep order, no duplicates."""
    names: list[str] = []
    for value in values:
        value = clean(value) or ""
        if not value or _URL_LIKE.match(value) or "@" in value:
            continue
        value = _BY.sub("", value)
        for part in re.split(r"\s*(?:;|,|\band\b|\bund\b|&|\|)\s*", value):
            part = clean(part)
            if part and len(part) < 80 and part.lower() not in (n.lower() for n in names):
                names.append(part)
    return names


def _authors(tree: HtmlElement, art: dict | None) -> tuple[str, list[str]] | None:
    sources: list[tuple[str, Callable[[], list[str]]]] = [
        ("json-ld:author", lambda: names_of(art.get("author")) if art else []),
        ("meta:author", lambda: [v for _, v in _meta(tree, "author", "article:author", "dc.creator")]),
        ("rel:author", lambda: [a.text_content() for a in tree.xpath('//a[@rel="author"]')]),
    ]
    for source, get in sources:
        names = split_authors(get())
        if names:
            return source, names
    return None


def _language(tree: HtmlElement, art: dict | None) -> tuple[str, str] | None:
    candidates: list[tuple[str, str | None]] = [("html:lang", tree.get("lang") or tree.get("xml:lang"))]
    candidates += _meta(tree, "content-language", "og:locale", "dc.language", "language")
    for meta in tree.xpath("//meta[@http-equiv]"):
        if meta.get("http-equiv", "").lower() == "content-language":
            candidates.append(("meta:content-language", meta.get("content")))
    if art:
        candidates.append(("json-ld:inLanguage", text_of(art.get("inLanguage"))))
    return _first(candidates)


def _tags(tree: HtmlElement, art: dict | None) -> tuple[str, list[str]] | None:
    found: list[tuple[str, list[str]]] = []
    article_tags = [v for _, v in _meta(tree, "article:tag")]
    if article_tags:
        found.append(("meta:article:tag", article_tags))
    if art and art.get("keywords"):
        kw = art["keywords"]
        found.append(("json-ld:keywords", kw.split(",") if isinstance(kw, str) else names_of(kw)))
    keywords = [v for _, v in _meta(tree, "keywords", "news_keywords")]
    if keywords:
        found.append(("meta:keywords", [k for v in keywords for k in v.split(",")]))
    tag_links = tree.xpath(
        '//a[@rel="tag"] | //article//a[contains(@href, "/tag/") or contains(@href, "/tags/")]'
    )
    if tag_links:
        found.append(("a:tag", [a.text_content() for a in tag_links]))
    for source, values in found:
        tags: list[str] = []
        for value in values:
            value = clean(value)
            if value and value.lower() not in (t.lower() for t in tags):
                tags.append(value)
        if tags:
            return source, tags
    return None


def _image(tree: HtmlElement, art: dict | None) -> tuple[str, str] | None:
    candidates: list[tuple[str, str | None]] = list(_meta(tree, "og:image", "og:image:url"))
    if art:
        candidates.append(("json-ld:image", url_of(art.get("image"))))
    candidates += _meta(tree, "twitter:image", "twitter:image:src")
    return _first(candidates)


def extract_metadata(tree: HtmlElement, base_url: str | None) -> Metadata:
    """Metadata of a parsed page; `base_url` (original or fetched URL) resolves relative links."""
    art = article_object(json_ld_objects(tree))
    meta = Metadata(json_ld=art)

    def put(name: str, found: tuple[str, object] | None) -> None:
        if found:
            meta.provenance[name] = found[0]
            setattr(meta, name, found[1])

    put("url", _page_url(tree, art, base_url))
    put("sitename", _sitename(tree, art))
    put("headline", _headline(tree, art, meta.sitename))
    put("description", _first(
        [*_meta(tree, "og:description", "description", "twitter:description"),
         ("json-ld:description", text_of(art.get("description")) if art else None)]
    ))
    put("authors", _authors(tree, art))
    lang = _language(tree, art)
    if lang:
        meta.locale = lang[1]
        code = _LANG.match(lang[1])
        if code and len(code.group(1)) == 2:
            put("language", (lang[0], code.group(1).lower()))
    put("tags", _tags(tree, art))
    image = _image(tree, art)
    if image:
        put("image", (image[0], _absolute(meta.url or base_url, image[1])))
    return meta
