"""Compose the extractors: decoded page in, an `Article` (without quotes/entities) out."""

from __future__ import annotations

from urllib.parse import urlsplit

from lxml.html import HtmlElement

from newscrawl.extract.body.extract import extract_body
from newscrawl.extract.dates.extract import extract_dates
from newscrawl.extract.fingerprint import fingerprint
from newscrawl.extract.html import parse_html
from newscrawl.extract.language import article_language
from newscrawl.extract.metadata import Metadata, extract_metadata
from newscrawl.extract.words import words_of
from newscrawl.items import Article
from newscrawl.urls import web_host


def extract_article(
    html: str,
    request_url: str,
    original_url: str | None = None,
    fetched_at: str = "",
    hints: dict | None = None,
    tree: HtmlElement | None = None,
) -> Article:
    """Every field of the article that the page itself gives; quotes and entities stay empty.

    `original_url` is the page's URL when known from outside (sidecar file, redirect); it is the
    fallback for the canonical URL and the base for relative links. `hints` are fallback values
    from discovery (a sitemap's news:title and news:publication_date). `tree` is `html` already
    parsed by the caller (only read here), so a page is not parsed twice.
    """
    hints = hints or {}
    base = original_url or request_url
    if tree is None:
        tree = parse_html(html)
    meta = extract_metadata(tree, base) if tree is not None else Metadata()
    provenance = dict(meta.provenance)

    url = meta.url
    if not url:
        url = original_url or request_url
        provenance["url"] = "sidecar" if original_url else "request"

    body = extract_body(html, url, tree)
    if body.text:
        provenance["body"] = body.source

    web_url = url if urlsplit(url).scheme in ("http", "https") else None
    dates = extract_dates(html, original_url or web_url, meta.locale, tree)
    date_published, date_modified = dates.published, dates.modified
    if dates.published_source:
        provenance["date_published"] = dates.published_source
    elif hints.get("date_published"):
        date_published = hints["date_published"]
        provenance["date_published"] = "discovery"
    if dates.modified_source:
        provenance["date_modified"] = dates.modified_source

    headline = meta.headline
    if not headline and hints.get("headline"):
        headline = hints["headline"]
        provenance["headline"] = "discovery"

    language, decided_by = article_language(meta.language, body.text)
    if decided_by:
        provenance["language"] = decided_by

    return Article(
        url=url,
        request_url=request_url,
        domain=web_host(url),
        sitename=meta.sitename,
        headline=headline,
        description=meta.description,
        authors=meta.authors,
        date_published=date_published,
        date_modified=date_modified,
        language=language,
        body=body.text,
        word_count=words_of(body.text),
        tags=meta.tags,
        image=meta.image,
        quotes=[],
        entities=[],
        fetched_at=fetched_at,
        provenance=provenance,
        fingerprint=fingerprint(body.text),
    )
