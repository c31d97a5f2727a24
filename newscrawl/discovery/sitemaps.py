"""robots.txt `Sitemap:` lines, sitemap indexes, URL sets and the Google News block.

Scrapy's own sitemap reader keeps only <loc> and <lastmod>; a Google News sitemap also gives each
article's title and publication date (`news:news/news:title`, `news:publication_date`), which the
crawl keeps as fallbacks for pages that do not state them.
"""

from __future__ import annotations

from dataclasses import dataclass

from scrapy.utils.sitemap import sitemap_urls_from_robots

from newscrawl.discovery.xml import child_text, local, parse_xml
from newscrawl.urls import is_web_url


@dataclass(frozen=True)
class SitemapEntry:
    """One <url> (or one child <sitemap> of an index)."""

    url: str
    lastmod: str | None = None
    news_title: str | None = None
    news_published: str | None = None


@dataclass(frozen=True)
class Sitemap:
    """A parsed sitemap: 'index' (entries are sitemaps) or 'urlset' (entries are pages)."""

    kind: str
    entries: list[SitemapEntry]
    rejected: int = 0
    """Entries left out: their <loc> is no absolute http(s) URL (the protocol wants one; an
    entity bomb's unexpanded `&lol9;`, a relative or javascript: link is none)."""


def robots_sitemaps(robots_txt: bytes, base_url: str) -> list[str]:
    """Absolute URLs of the `Sitemap:` lines of a robots.txt, in order, without repeats."""
    return list(dict.fromkeys(sitemap_urls_from_robots(robots_txt, base_url)))


def _news_block(url_element: object) -> tuple[str | None, str | None]:
    for child in url_element:  # type: ignore[attr-defined]
        if local(child.tag) == "news":
            return child_text(child, "title"), child_text(child, "publication_date")
    return None, None


def parse_sitemap(body: bytes) -> Sitemap | None:
    """A sitemap index or URL set (gzipped or not); None when the body is neither."""
    root = parse_xml(body)
    if root is None:
        return None
    kind = local(root.tag)
    if kind not in ("sitemapindex", "urlset"):
        return None
    child_name = "sitemap" if kind == "sitemapindex" else "url"
    entries: list[SitemapEntry] = []
    rejected = 0
    for element in root:
        if local(element.tag) != child_name:
            continue
        loc = child_text(element, "loc")
        if loc is None or not is_web_url(loc):
            rejected += 1
            continue
        title, published = _news_block(element) if kind == "urlset" else (None, None)
        entries.append(SitemapEntry(
            url=loc,
            lastmod=child_text(element, "lastmod"),
            news_title=title,
            news_published=published,
        ))
    return Sitemap("index" if kind == "sitemapindex" else "urlset", entries, rejected)
