"""Article vs. non-article pages, decided on real extraction output of fixture-site pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from itemadapter import ItemAdapter

from newscrawl.classify import classify, looks_like_article_url, url_kind
from newscrawl.extract.article import extract_article
from newscrawl.extract.decode import decode_page
from newscrawl.extract.html import parse_html
from newscrawl.extract.words import words_of

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


NOUNS = ["harbour", "library", "bakery", "ferry", "school", "market", "bridge", "museum", "park",
         "station", "council", "river"]


def para(i: int) -> str:
    """A distinct ~29-word paragraph (the extractor drops repeated ones)."""
    a, b, c = NOUNS[i % 12], NOUNS[(i + 5) % 12], NOUNS[(i + 7) % 12]
    return (f"<p>Residents near the {a} told the meeting on day {i} that plans for the {b} should "
            f"wait until the {c} reopens, and officials agreed to publish a revised timetable.</p>")


def paras(n: int) -> str:
    return "".join(para(i) for i in range(n))


def verdict_of(html: str, url: str):
    article = extract_article(html, request_url=url, original_url=url)
    return classify(parse_html(html), url, ItemAdapter(article))


def page(head: str, body: str) -> str:
    return f"<html><head>{head}<title>T</title></head><body><main>{body}</main></body></html>"


def test_words_of_counts_cjk_without_spaces() -> None:
    assert words_of("two words") == 2
    assert words_of("東京都は二日、新しい計画を発表した。") == 8  # 16 CJK characters, 2 stops
    assert words_of("NHK 東京") == 2


def test_cjk_article_has_enough_words() -> None:
    sentence = "市議会は二日、川に架かる新しい歩道橋の建設計画を全会一致で承認した。"
    body = "".join(f"<p>第{i}回。{sentence}{sentence}</p>" for i in range(4))
    html = page('<meta property="og:type" content="article">', f"<h1>歩道橋</h1>{body}")
    verdict = verdict_of(html, BASE + "/news/k10011959621000.html")
    assert verdict.kind == "article", verdict.reason


def test_password_box_on_marked_short_article_is_not_a_login_page() -> None:
    form = '<form><input type="text" name="user"><input type="password" name="pw"></form>'
    html = page('<meta property="og:type" content="article">',
                f"<h1>Footbridge</h1>{paras(2)}{form}")
    assert verdict_of(html, BASE + "/2026/11/20/footbridge-approved/").kind == "article"
    unmarked = page("", f"<p>Sign in to read on.</p>{form}")
    assert verdict_of(unmarked, BASE + "/members/").kind == "login"


def test_og_website_with_long_prose_is_an_article() -> None:
    html = page('<meta property="og:type" content="website">',
                "<h1>Footbridge</h1>" + paras(12))
    assert verdict_of(html, BASE + "/investigations/footbridge-101.html").kind == "article"
    short = page('<meta property="og:type" content="website">', paras(3))
    assert verdict_of(short, BASE + "/investigations/").kind == "section"


def test_prose_with_lists_and_code_is_an_article() -> None:
    """Short lines (code, list items) between paragraphs do not make a listing."""
    code = "".join(f"<pre>x = {i}</pre>" for i in range(12))
    html = page("", "<h1>Paths</h1>" + paras(5) + code)
    assert verdict_of(html, BASE + "/2018/12/why-use-paths/").kind == "article"


def test_in_page_anchor_headings_are_not_teasers() -> None:
    body = "".join(f'<h2><a href="#part-{i}">Part {i}</a></h2>{para(i)}{para(i + 6)}'
                   for i in range(6))
    verdict = verdict_of(page("", body), BASE + "/guides/harbour-walk-in-six-parts/")
    assert verdict.kind == "article" and "teasers" not in verdict.reason


def test_og_product_is_not_an_article() -> None:
    html = page('<meta property="og:type" content="product">', paras(6))
    assert verdict_of(html, BASE + "/shop/products/organic-coffee-beans-medium-roast").kind \
        == "product"


@pytest.mark.parametrize(("url", "kind"), [
    ("https://n.example/themen/klima/cop26-in-glasgow", None),
    ("https://n.example/news/tag/harbour/", "tag"),
    ("https://n.example/tag/harbour/page/2/", "tag"),
])
def test_listing_word_must_name_the_listed_thing(url: str, kind: str | None) -> None:
    assert url_kind(url) == kind
