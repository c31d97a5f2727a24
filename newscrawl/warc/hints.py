"""Discovery hints from the feeds and sitemaps a web archive holds.

A live crawl keeps each article's title and date from the RSS/Atom feed or Google News sitemap
that led to it, as fallbacks for a page that does not state them (`Page.hints`). An archive of
that crawl holds those documents too, so re-reading it gives the articles the same fallbacks.
"""

from __future__ import annotations

from collections.abc import Iterable

from newscrawl.discovery.dates import parse_stamp
from newscrawl.discovery.feeds import parse_feed
from newscrawl.discovery.sitemaps import parse_sitemap
from newscrawl.urls import canonical_url

Hints = dict[str, dict[str, str]]
"""Canonical page URL → {"headline": …, "date_published": …}."""


def add_hints(hints: Hints, url: str, title: str | None, published: str | None) -> None:
    """Keep the first title and the first readable date named for `url`."""
    entry = hints.setdefault(canonical_url(url), {})
    if title and "headline" not in entry:
        entry["headline"] = title
    stamp = parse_stamp(published)
    if stamp is not None and "date_published" not in entry:
        entry["date_published"] = stamp.iso  # RFC 822 feed dates become ISO 8601
    if not entry:
        del hints[canonical_url(url)]


def discovery_hints(documents: Iterable[tuple[str, bytes]]) -> Hints:
    """Hints from (URL, body) of archived documents; those that are no feed or sitemap add none."""
    hints: Hints = {}
    for url, body in documents:
        feed = parse_feed(body, url)
        if feed is not None:
            for item in feed.entries:
                add_hints(hints, item.url, item.title, item.published)
            continue
        sitemap = parse_sitemap(body)
        if sitemap is not None and sitemap.kind != "index":
            for page in sitemap.entries:
                add_hints(hints, page.url, page.news_title, page.news_published)
    return hints
