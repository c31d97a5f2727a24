"""Discovery helpers of the live crawl: canonical URLs, dates, feeds, sitemaps, links."""

from __future__ import annotations

import gzip
from pathlib import Path

import lxml.html
import pytest

from newscrawl.discovery.dates import is_older, parse_since, parse_stamp
from newscrawl.discovery.feeds import feed_links, parse_feed
from newscrawl.discovery.links import has_non_page_extension, page_links
from newscrawl.discovery.sitemaps import parse_sitemap, robots_sitemaps
from newscrawl.urls import canonical_url, host_of, is_same_site

SITE = Path(__file__).resolve().parent / "fixtures" / "site"
BASE = "https://news.example.com"


def fixture_bytes(rel: str) -> bytes:
    return (SITE / rel).read_bytes().replace(b"{{BASE}}", BASE.encode())


# --- URLs --------------------------------------------------------------------------------------
@pytest.mark.parametrize(("url", "expected"), [
    ("https://News.Example.com/a/story/?utm_source=x&utm_medium=y#comments",
     "https://news.example.com/a/story/"),
    ("https://news.example.com/a/?fbclid=IwAR0&gclid=9&page=2", "https://news.example.com/a/?page=2"),
    ("https://news.example.com/a?b=2&a=1", "https://news.example.com/a?a=1&b=2"),
    ("https://news.example.com:443/a/", "https://news.example.com/a/"),
    ("https://news.example.com/Case/Kept/", "https://news.example.com/Case/Kept/"),
    ("https://news.example.com/story?output=print", "https://news.example.com/story?output=print"),
])
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_same_site_ignores_www_and_accepts_subdomains() -> None:
    hosts = frozenset({host_of("https://www.example-news.com/")})
    assert is_same_site("https://example-news.com/x", hosts)
    assert is_same_site("https://sport.example-news.com/x", hosts)
    assert not is_same_site("https://example-news.com.evil.test/x", hosts)
    assert not is_same_site("https://other.example/x", hosts)


# --- dates -------------------------------------------------------------------------------------
def test_since_compares_days_and_instants() -> None:
    since = parse_since("2026-11-01")
    assert is_older("2026-10-31", since)
    assert not is_older("2026-11-01T00:30:00+02:00", since)  # same stated day
    assert is_older("Sat, 31 Oct 2026 23:00:00 GMT", since)
    assert not is_older("2026-11", parse_since("2026-11-15"))  # the month may end after it
    assert not is_older(None, since) and not is_older("not a date", since)
    assert is_older("2026-11-01T09:00:00Z", parse_since("2026-11-01T10:00:00Z"))


def test_since_must_be_a_date() -> None:
    with pytest.raises(ValueError, match="since="):
        parse_since("last week")


def test_rfc822_becomes_iso() -> None:
    stamp = parse_stamp("Sun, 22 Nov 2026 09:00:00 +0100")
    assert stamp is not None and stamp.iso == "2026-11-22T09:00:00+01:00"


# --- feeds -------------------------------------------------------------------------------------
def test_rss_entries_with_dates_and_titles() -> None:
    feed = parse_feed(fixture_bytes("feed/rss.xml"), BASE + "/feed/rss.xml")
    assert feed is not None and len(feed.entries) == 4
    entries = feed.entries
    assert entries[0].url.startswith(BASE + "/2026/11/22/bakery-wins-regional-bread-award/")
    assert entries[0].title == "High Street bakery wins regional bread award"
    assert entries[0].published == "Sun, 22 Nov 2026 09:00:00 +0000"


def test_atom_entries_prefer_html_alternate_link() -> None:
    feed = parse_feed(fixture_bytes("feed/atom.xml"), BASE + "/feed/atom.xml")
    assert feed is not None
    entries = feed.entries
    assert [e.url for e in entries] == [
        BASE + "/2026/11/23/storm-closes-coastal-road-overnight/",
        BASE + "/2026/11/25/ferry-timetable-changes-for-winter/",
    ]
    assert entries[0].published == "2026-11-23T18:40:00Z"
    assert entries[0].updated == "2026-11-23T21:05:00Z"


def test_rss_guid_permalink_and_relative_links() -> None:
    body = b"""<rss version="2.0"><channel>
      <item><guid>https://n.example/a/1</guid><title>One</title></item>
      <item><link>/b/2</link><guid isPermaLink="false">x</guid></item>
      <item><guid isPermaLink="false">no-link</guid></item></channel></rss>"""
    feed = parse_feed(body, "https://n.example/feed")
    assert feed is not None and [e.url for e in feed.entries] == [
        "https://n.example/a/1", "https://n.example/b/2"]
    assert feed.rejected == 1  # the item without a link


def test_not_a_feed() -> None:
    assert parse_feed(b"<html><body>hello</body></html>", BASE) is None
    assert parse_feed(b"", BASE) is None


def test_feed_links_from_page_head() -> None:
    tree = lxml.html.fromstring(fixture_bytes("index.html"))
    assert feed_links(tree, BASE + "/") == [BASE + "/feed/rss.xml", BASE + "/feed/atom.xml"]


# --- sitemaps ----------------------------------------------------------------------------------
def test_robots_sitemap_lines() -> None:
    text = fixture_bytes("robots.txt") + b"sitemap: /extra.xml\n"
    assert robots_sitemaps(text, BASE + "/robots.txt") == [
        BASE + "/sitemap-index.xml", BASE + "/extra.xml"]


def test_sitemap_index() -> None:
    sitemap = parse_sitemap(fixture_bytes("sitemap-index.xml"))
    assert sitemap is not None and sitemap.kind == "index"
    assert [(e.url, e.lastmod) for e in sitemap.entries] == [
        (BASE + "/sitemaps/news.xml", "2026-11-25T06:00:00+00:00"),
        (BASE + "/sitemaps/articles.xml.gz", "2026-10-20"),
    ]


def test_google_news_block_is_kept() -> None:
    sitemap = parse_sitemap(fixture_bytes("sitemaps/news.xml"))
    assert sitemap is not None and sitemap.kind == "urlset"
    first = sitemap.entries[0]
    assert first.url == BASE + "/business/harbour-dredging-contract-signed"
    assert first.news_title == "Harbour dredging contract signed after two-year delay"
    assert first.news_published == "2026-11-24T07:15:00+00:00"


def test_gzipped_sitemap() -> None:
    sitemap = parse_sitemap(gzip.compress(fixture_bytes("sitemaps/articles.xml")))
    assert sitemap is not None
    assert [e.lastmod for e in sitemap.entries] == ["2026-10-20", "2026-10-02", "2026-10-01"]


def test_sitemap_parser_does_not_expand_entities(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    body = f"""<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file://{secret}">
  <!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://n.example/x&xxe;</loc></url>
  <url><loc>https://n.example/y&b;</loc></url>
</urlset>""".encode()
    sitemap = parse_sitemap(body)
    assert sitemap is not None
    urls = " ".join(e.url for e in sitemap.entries)
    assert "TOP-SECRET" not in urls and "aaaaaaaaaa" not in urls


def test_sitemap_loc_that_is_no_absolute_web_url_is_rejected() -> None:
    """An unexpanded entity (a billion-laughs bomb), a relative, javascript: or empty <loc>."""
    body = b"""<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>&b;</loc></url>
  <url><loc>https://n.example/y&b;</loc></url>
  <url><loc>/relative/page</loc></url>
  <url><loc>javascript:alert(1)</loc></url>
  <url><loc> </loc></url>
  <url><loc>https://n.example/kept</loc></url>
</urlset>"""
    sitemap = parse_sitemap(body)
    assert sitemap is not None
    assert [e.url for e in sitemap.entries] == ["https://n.example/kept"]
    assert sitemap.rejected == 5


def test_feed_link_with_unexpanded_entity_is_rejected() -> None:
    body = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<rss version="2.0"><channel>
  <item><link>&b;</link><title>Bomb</title></item>
  <item><link>javascript:void(0)</link></item>
  <item><link>/kept</link><title>Kept</title></item></channel></rss>"""
    feed = parse_feed(body, "https://n.example/feed")
    assert feed is not None
    assert [(e.url, e.title) for e in feed.entries] == [("https://n.example/kept", "Kept")]
    assert feed.rejected == 2


def test_html_is_not_a_sitemap() -> None:
    assert parse_sitemap(b"<!DOCTYPE html><html><body>404</body></html>") is None


# --- links -------------------------------------------------------------------------------------
def test_page_links() -> None:
    html = b"""<html><head><base href="https://n.example/news/"><link rel="next" href="page/2/">
    <link rel="stylesheet" href="/s.css"></head><body>
    <a href="story-one/">One</a> <a href="/abs/two">Two</a> <a href="#top">Top</a>
    <a href="mailto:desk@n.example">Mail</a> <a href="javascript:void(0)">JS</a>
    <a rel="nofollow sponsored" href="/ad">Ad</a> <a href="/abs/two">Again</a></body></html>"""
    tree = lxml.html.fromstring(html)
    assert page_links(tree, "https://n.example/news/index.html") == [
        "https://n.example/news/page/2/", "https://n.example/news/story-one/",
        "https://n.example/abs/two",
    ]


@pytest.mark.parametrize(("url", "skipped"), [
    ("https://n.example/report.PDF", True), ("https://n.example/photo.jpg?w=300", True),
    ("https://n.example/story.html", False), ("https://n.example/2026/11/story/", False),
])
def test_non_page_extensions(url: str, skipped: bool) -> None:
    assert has_non_page_extension(url) is skipped
