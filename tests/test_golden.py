"""Golden tests: varied saved pages through ONE real `scrapy crawl saved`, one assertion per field.

Each page in tests/fixtures/pages/ was written for this test and has a `<name>.expected.json`
holding the exact values the export must contain (ground truth by construction: the article
paragraphs, metadata and dates were chosen when the page was written). Pages whose expected file
says `"exported": false` are not articles and must be dropped with a counted reason.

The pages differ in structure and in what they test:
- wordpress-post.html: WordPress theme, og/article meta, offset dates, comments and widgets.
- graph-jsonld.html: Yoast-style JSON-LD `@graph` with authors, publisher and image given only by
  `@id` reference; `datePublished` with a +01:00 offset; ads and related links inside the body.
- table-layout.htm: a 2003 table layout in windows-1252 (é, curly quotes), `.htm`, URL only in a
  sidecar, an untagged "By" byline, an ambiguous numeric date (03/04/2003) on an en-GB page.
- amp-article.html: AMP markup (`amp-img`, `<html ⚡>`), JSON-LD with a UTC ("Z") date.
- german-news.html: German page, "Von A und B" byline, day-first date 05.03.2013, keywords meta.
- blog-post.html: personal blog without og tags; site name only in the title ("«"), date only
  as visible text, lead image only inside the post.
- press-release.html: UTF-16 with a byte-order mark as the only charset declaration.
- archive/2016/river-levels-fall.html.gz: gzipped, in a subfolder, sidecar URL with the date in
  its path, relative image link resolved against the sidecar URL.
- login-page.html, section-front.html: not articles.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.crawl import run_crawl

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
FIELDS = ["url", "domain", "sitename", "headline", "description", "authors", "date_published",
          "date_modified", "language", "body", "word_count", "tags", "image"]


def _expected() -> dict[str, dict]:
    found = {}
    for path in sorted(PAGES.rglob("*.expected.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        found[data["file"]] = data
    return found


EXPECTED = _expected()
ARTICLES = {name: exp for name, exp in EXPECTED.items() if exp.get("exported", True)}
NON_ARTICLES = sorted(name for name, exp in EXPECTED.items() if not exp.get("exported", True))
INPUT_FILES = sorted(p for p in PAGES.rglob("*") if p.name.endswith((".html", ".htm", ".html.gz")))


@pytest.fixture(scope="session")
def golden_crawl(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, dict], str]:
    """All fixture pages crawled once: ({file name: exported item}, crawl log)."""
    out = tmp_path_factory.mktemp("golden") / "pages.jsonl"
    items, proc = run_crawl("saved", out, {"path": str(PAGES)}, {"NEWSCRAWL_ANALYSE": False})
    by_file = {item["request_url"].rsplit("/", 1)[-1]: item for item in items}
    assert len(by_file) == len(items), "two exported items came from the same file"
    return by_file, proc.stderr


def test_fixture_set_is_varied() -> None:
    assert len(ARTICLES) >= 8 and NON_ARTICLES
    assert len(INPUT_FILES) == len(EXPECTED), "every fixture page needs an expected file"


@pytest.mark.parametrize(("page", "field"), [(p, f) for p in ARTICLES for f in FIELDS])
def test_field(golden_crawl: tuple[dict[str, dict], str], page: str, field: str) -> None:
    items, _ = golden_crawl
    assert page in items, f"{page} was not exported"
    assert items[page][field] == ARTICLES[page][field]


@pytest.mark.parametrize(
    ("page", "field"),
    [(p, f) for p, exp in ARTICLES.items() for f in exp.get("provenance", {})],
)
def test_provenance(golden_crawl: tuple[dict[str, dict], str], page: str, field: str) -> None:
    """Where a value came from (the expected text must appear in the provenance entry)."""
    items, _ = golden_crawl
    assert page in items, f"{page} was not exported"
    assert ARTICLES[page]["provenance"][field] in (items[page]["provenance"].get(field) or "")


@pytest.mark.parametrize("page", sorted(ARTICLES))
def test_request_url_is_the_file(golden_crawl: tuple[dict[str, dict], str], page: str) -> None:
    items, _ = golden_crawl
    assert page in items, f"{page} was not exported"
    assert items[page]["request_url"].startswith("file:///")


@pytest.mark.parametrize("page", sorted(ARTICLES))
def test_fingerprint(golden_crawl: tuple[dict[str, dict], str], page: str) -> None:
    items, _ = golden_crawl
    assert page in items, f"{page} was not exported"
    assert re.fullmatch(r"[0-9a-f]{16}", items[page]["fingerprint"] or "")


@pytest.mark.parametrize("page", NON_ARTICLES)
def test_non_article_not_exported(golden_crawl: tuple[dict[str, dict], str], page: str) -> None:
    items, log = golden_crawl
    assert page not in items
    assert re.search(rf"Dropped: empty_body: \S*/{re.escape(page)} ", log), "no reason logged"


def test_summary_counts_every_file(golden_crawl: tuple[dict[str, dict], str]) -> None:
    items, log = golden_crawl
    summary = re.search(r"newscrawl summary \(finished\): (.*)", log)
    assert summary, "no end-of-crawl summary line"
    assert summary.group(1).startswith(
        f"pages fetched: {len(INPUT_FILES)}; articles exported: {len(ARTICLES)}; "
        f"dropped: {len(NON_ARTICLES)} (empty_body={len(NON_ARTICLES)}); "
    )


def test_non_utf8_characters_survive(golden_crawl: tuple[dict[str, dict], str]) -> None:
    """windows-1252 and UTF-16 pages: é, curly quotes and Å decode to the right characters."""
    items, _ = golden_crawl
    assert "José Alvarez" in items["table-layout.htm"]["body"]
    assert "“I didn’t think about it." in items["table-layout.htm"]["body"]
    assert "“Our customers" in items["press-release.html"]["body"]
    assert "Åsa Lindqvist" in items["press-release.html"]["body"]
