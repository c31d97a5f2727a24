"""Article vs. non-article pages, decided on real extraction output of fixture-site pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from itemadapter import ItemAdapter

from newscrawl.classify import classify, looks_like_article_url, url_kind
from newscrawl.extract.article import extract_article
from newscrawl.extract.decode import decode_page
from newscrawl.extract.html import parse_html

SITE = Path(__file__).resolve().parent / "fixtures" / "site"
BASE = "https://news.example.com"


def verdict_for(rel: str, path: str, content_type: str = "text/html; charset=utf-8") -> str:
    raw = (SITE / rel).read_bytes().replace(b"{{BASE}}", BASE.encode())
    html = decode_page(raw, content_type).html
    article = extract_article(html, request_url=BASE + path, original_url=BASE + path)
    return classify(parse_html(html), BASE + path, ItemAdapter(article)).kind


@pytest.mark.parametrize(("rel", "path"), [
    ("2026/11/20/council-approves-river-footbridge/index.html",
     "/2026/11/20/council-approves-river-footbridge/"),  # JSON-LD NewsArticle
    ("2026/11/21/library-extends-weekend-hours/index.html",
     "/2026/11/21/library-extends-weekend-hours/"),  # og:type only
    ("2026/11/22/bakery-wins-regional-bread-award/index.html",
     "/2026/11/22/bakery-wins-regional-bread-award/"),  # BlogPosting
    ("2026/11/14/robotics-team-heads-to-national-finals/index.html",
     "/2026/11/14/robotics-team-heads-to-national-finals/"),  # no markup: URL + dense text
    ("business/harbour-dredging-contract-signed.html",
     "/business/harbour-dredging-contract-signed"),  # undated URL
])
def test_articles(rel: str, path: str) -> None:
    assert verdict_for(rel, path) == "article"


def test_article_with_charset_only_in_header() -> None:
    path = "/2026/11/17/corner-cafe-marks-fifty-years/"
    rel = path.strip("/") + "/index.cp1252.html"
    assert verdict_for(rel, path, "text/html; charset=windows-1252") == "article"


@pytest.mark.parametrize(("rel", "path", "kind"), [
    ("index.html", "/", "front"),
    ("local/index.html", "/local/", "section"),
    ("local/page/2/index.html", "/local/page/2/", "section"),
    ("business/index.html", "/business/", "section"),
    ("tag/waterfront/index.html", "/tag/waterfront/", "tag"),
    ("tag/transport/index.html", "/tag/transport/", "tag"),
    ("author/jane-doe/index.html", "/author/jane-doe/", "author"),
    ("search/index.html", "/search?q=ferry", "search"),
    ("login/index.html", "/login/", "login"),
    ("contact/index.html", "/contact/", "contact"),
])
def test_non_articles(rel: str, path: str, kind: str) -> None:
    assert verdict_for(rel, path) == kind


def test_listing_detected_without_url_hints() -> None:
    """A section front at an unremarkable URL, no og:type: many linked teasers decide."""
    teasers = "".join(
        f'<article><h3><a href="/2026/11/{d:02d}/story-number-{d}-of-the-month/">Story {d} of '
        f"the month</a></h3><p>A short teaser of twelve words for story {d} goes here.</p>"
        "</article>" for d in range(1, 9))
    html = f"<html><head><title>Sport</title></head><body><main>{teasers}</main></body></html>"
    article = extract_article(html, request_url=BASE + "/sport/")
    verdict = classify(parse_html(html), BASE + "/sport/", ItemAdapter(article))
    assert verdict.kind == "section" and "teasers" in verdict.reason


def test_article_with_related_stories_block_stays_an_article() -> None:
    paragraphs = [
        "The committee heard evidence from residents, engineers and the harbour master before "
        "voting on the plan, which had been revised twice since the spring.",
        "Residents of the seafront flats had asked for the work to be phased so that the car park "
        "behind the lifeboat station would stay open through the summer season.",
        "The engineers said the new wall would be built in three stages, starting at the northern "
        "end where the old masonry has been undermined by winter storms.",
        "The harbour master told members that fishing boats would keep their moorings throughout "
        "and that the slipway would close for no more than a fortnight in total.",
        "A final design will go on display at the library before work begins next year, and the "
        "council will hold two drop-in sessions for anyone with questions about it.",
    ]
    related = "".join(f'<h3><a href="/2026/11/{d:02d}/related-story-number-{d}/">Related story '
                      f"{d}</a></h3>" for d in range(1, 7))
    html = ('<html><head><meta property="og:type" content="article"><title>Plan approved</title>'
            f"</head><body><main><h1>Plan approved</h1>{''.join(f'<p>{p}</p>' for p in paragraphs)}"
            f'<section class="related">{related}</section></main></body></html>')
    url = BASE + "/2026/11/20/harbour-plan-approved/"
    verdict = classify(parse_html(html), url, ItemAdapter(extract_article(html, request_url=url)))
    assert verdict.kind == "article" and "6 teasers" in verdict.reason


def test_marked_stub_is_not_an_article() -> None:
    html = ('<html><head><meta property="og:type" content="article"></head><body><article>'
            "<h1>Live: storm updates</h1><p>Updates will appear here shortly.</p></article>"
            "</body></html>")
    article = extract_article(html, request_url=BASE + "/2026/11/23/storm-live/")
    assert classify(parse_html(html), BASE + "/2026/11/23/storm-live/",
                    ItemAdapter(article)).kind == "thin"


@pytest.mark.parametrize(("url", "kind"), [
    ("https://n.example/", "front"), ("https://n.example/tag/harbour/", "tag"),
    ("https://n.example/topics/climate", "tag"), ("https://n.example/authors/jo-bloggs/", "author"),
    ("https://n.example/search?q=ferry", "search"), ("https://n.example/?s=ferry", "search"),
    ("https://n.example/account/login", "login"), ("https://n.example/about-us", "contact"),
    ("https://n.example/news/page/3/", "section"), ("https://n.example/news/?page=3", None),
    ("https://n.example/2026/11/20/some-story/", None), ("https://n.example/?p=1234", None),
])
def test_url_kind(url: str, kind: str | None) -> None:
    assert url_kind(url) == kind


@pytest.mark.parametrize(("url", "expected"), [
    ("https://n.example/2026/11/20/x/", True), ("https://n.example/news/20261120-x", True),
    ("https://n.example/world/europe-leaders-meet-in-brussels", True),
    ("https://n.example/story-12345678.html", True),
    ("https://n.example/world/", False), ("https://n.example/about", False),
])
def test_article_like_url(url: str, expected: bool) -> None:
    assert looks_like_article_url(url) is expected
