"""`scrapy crawl news` (real CLI, subprocess) against the fixture site served on 127.0.0.1.

The site (tests/fixtures/site/, served by tests/site_server.py) has 14 articles reachable through
different routes — homepage, section pagination, tag and author pages, RSS, Atom, a Google News
sitemap, a gzipped sitemap behind a sitemap index, a 301 — plus the pages and faults a crawler
must not export or must survive. Delays are lowered for speed; AutoThrottle, robots.txt, retries
and the size limit stay on.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.crawl import PROJECT_ROOT, run_crawl, scrapy_command
from tests.site_server import FixtureSite, Hit

FAST = {
    "NEWSCRAWL_ANALYSE": False,
    "AUTOTHROTTLE_START_DELAY": 0,
    "DOWNLOAD_DELAY": 0,
    "DOWNLOAD_TIMEOUT": 2,  # the slow page (3.5 s the first time) times out once, then succeeds
}

ARTICLES = {
    "footbridge": "/2026/11/20/council-approves-river-footbridge/",  # home, section, tags, feeds
    "library": "/2026/11/21/library-extends-weekend-hours/",  # home only via tracking params
    "school": "/2026/11/18/school-board-delays-budget-vote/",  # only section page 2
    "bakery": "/2026/11/22/bakery-wins-regional-bread-award/",  # only RSS
    "storm": "/2026/11/23/storm-closes-coastal-road-overnight/",  # only Atom
    "dredging": "/business/harbour-dredging-contract-signed",  # only Google News sitemap
    "mill": "/2026/10/20/old-mill-museum-reopens-after-repairs/",  # old; gz sitemap and RSS
    "market": "/2026/11/19/farmers-market-moves-indoors/",  # only through a 301
    "ferry": "/2026/11/25/ferry-timetable-changes-for-winter/",  # 503 twice
    "bridge": "/2026/11/26/bridge-inspection-finds-worn-bearings/",  # slow
    "cafe": "/2026/11/17/corner-cafe-marks-fifty-years/",  # only tag page; charset in header
    "firefighters": "/2026/11/16/volunteer-firefighters-seek-recruits/",  # only author page
    "leaves": "/2026/10/02/autumn-leaf-collection-schedule/",  # old; sections, gz sitemap
    "robotics": "/2026/11/14/robotics-team-heads-to-national-finals/",  # no article markup
}
OLD = {"mill", "leaves"}


@dataclass
class Crawl:
    items: list[dict]
    log: str
    hits: list[Hit]

    @property
    def summary(self) -> str:
        found = re.search(r"newscrawl summary \((\w+)\): (.*)", self.log)
        assert found, "no end-of-crawl summary in the log"
        return found.group(2)

    def paths(self) -> Counter[str]:
        return Counter(item["url"].split("//", 1)[1].split("/", 1)[1] for item in self.items)


def crawl(site: FixtureSite, out: Path, args: dict[str, str],
          settings: dict[str, object] | None = None) -> Crawl:
    before = len(site.hits)
    items, proc = run_crawl("news", out, args, {**FAST, **(settings or {})}, timeout=120)
    return Crawl(items, proc.stderr, site.hits[before:])


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[FixtureSite, Crawl, Crawl]:
    """A first crawl and a second one with the same state file, each to its own output."""
    tmp = tmp_path_factory.mktemp("news")
    with FixtureSite() as site:
        args = {"start_urls": site.base + "/", "state": str(tmp / "state.sqlite")}
        first = crawl(site, tmp / "first.jsonl", args)
        second = crawl(site, tmp / "second.jsonl", args)
    return site, first, second


@pytest.fixture(scope="module")
def first(runs: tuple[FixtureSite, Crawl, Crawl]) -> Crawl:
    return runs[1]


@pytest.fixture(scope="module")
def site(runs: tuple[FixtureSite, Crawl, Crawl]) -> FixtureSite:
    return runs[0]


def by_path(crawl_: Crawl, name: str) -> dict:
    matches = [i for i in crawl_.items if i["url"].endswith(ARTICLES[name])]
    assert len(matches) == 1, f"{name}: {len(matches)} exports"
    return matches[0]


# --- what is exported ------------------------------------------------------------------------
def test_exports_exactly_the_articles_each_once(first: Crawl, site: FixtureSite) -> None:
    expected = {site.url(path) for path in ARTICLES.values()}
    urls = [item["url"] for item in first.items]
    assert sorted(urls) == sorted(expected)


def test_urls_are_canonical(first: Crawl) -> None:
    for item in first.items:
        assert "#" not in item["url"] and "?" not in item["url"], item["url"]
        assert "utm_" not in item["request_url"] and "fbclid" not in item["request_url"]


def test_items_match_the_schema_fields(first: Crawl) -> None:
    for item in first.items:
        assert item["headline"] and item["body"] and item["word_count"] > 80
        assert item["fetched_at"] and item["domain"] == "127.0.0.1"


def test_redirected_article_under_its_final_url(first: Crawl, site: FixtureSite) -> None:
    item = by_path(first, "market")
    assert item["request_url"] == site.url(ARTICLES["market"])
    assert [h.status for h in first.hits if h.path == "/news/market-story"] == [301]


def test_charset_from_http_header_only(first: Crawl) -> None:
    body = by_path(first, "cafe")["body"]
    assert "Quayside Café" in body and "José Ferreira" in body
    assert "“My father said the quay would always need breakfast,”" in body


def test_google_news_sitemap_date_is_the_fallback(first: Crawl) -> None:
    item = by_path(first, "dredging")
    assert item["date_published"] == "2026-11-24T07:15:00+00:00"
    assert item["provenance"]["date_published"] == "discovery"


def test_page_dates_win_over_feed_dates(first: Crawl) -> None:
    assert by_path(first, "mill")["date_published"] == "2026-10-20T10:00:00+01:00"


# --- what is requested -----------------------------------------------------------------------
def test_robots_txt_disallow_is_obeyed(first: Crawl) -> None:
    assert not [h for h in first.hits if h.path.startswith("/private/")]
    assert "robots=1" in first.summary


def test_robots_txt_fetched_once_and_its_sitemaps_read(first: Crawl) -> None:
    """Scrapy's robots middleware fetches it; the spider reads the sitemaps from its parser."""
    assert [h.path for h in first.hits].count("/robots.txt") == 1
    assert [h.path for h in first.hits].count("/sitemap-index.xml") == 1
    assert "'newscrawl/discovery/robots': 1" in first.log
    assert "robots.txt missing" not in first.summary


@pytest.mark.parametrize("obey", [True, False])
def test_missing_robots_txt_counted_not_failed(tmp_path: Path, obey: bool) -> None:
    """A 404 robots.txt means no rules and no sitemaps there: counted, not an error; with
    ROBOTSTXT_OBEY off the spider fetches it itself, once."""
    with FixtureSite(missing=frozenset({"/robots.txt"})) as site:
        result = crawl(site, tmp_path / "norobots.jsonl", {"start_urls": site.base + "/"},
                       {"ROBOTSTXT_OBEY": obey, "NEWSCRAWL_DEPTH_LIMIT": 1})
    assert [h.path for h in result.hits].count("/robots.txt") == 1
    assert "robots.txt missing: 1 (http_404=1)" in result.summary
    assert "http_404" not in result.summary.split("failed: ")[1].split(";")[0]
    assert "'newscrawl/robots_missing': 1" in result.log
    assert not [h for h in result.hits if h.path == "/sitemap-index.xml"]
    assert "footbridge" in " ".join(result.paths())  # the crawl goes on: links and feeds


def test_offsite_links_never_requested(first: Crawl, site: FixtureSite) -> None:
    assert all(h.host == f"127.0.0.1:{site.port}" for h in first.hits)
    assert "offsite=2" in first.summary


def test_tracking_duplicates_fetched_once(first: Crawl) -> None:
    library = [h.path for h in first.hits if h.path.startswith(ARTICLES["library"])]
    assert library == [ARTICLES["library"]]
    for path in ARTICLES.values():
        if path != ARTICLES["ferry"]:
            assert len([h for h in first.hits if h.path == path]) <= 2, path  # 2: slow retry


def test_descriptive_user_agent(first: Crawl) -> None:
    assert {h.user_agent for h in first.hits} == {
        "newscrawl/0.1 (+https://pypi.org/project/scrapy/; news article archiver)"}


def test_503_retried_until_success(first: Crawl) -> None:
    statuses = [h.status for h in first.hits if h.path == ARTICLES["ferry"]]
    assert statuses == [503, 503, 200]
    by_path(first, "ferry")


def test_slow_page_retried_after_timeout(first: Crawl) -> None:
    assert len([h for h in first.hits if h.path == ARTICLES["bridge"]]) == 2
    assert "'retry/reason_count/scrapy.exceptions.DownloadTimeoutError': 1" in first.log
    by_path(first, "bridge")


def test_refusals_and_errors_counted(first: Crawl) -> None:
    summary = first.summary
    assert "refused: 6 (robots=1, size=1, type=2, offsite=2)" in summary
    assert "failed: 1 (http_404=1)" in summary
    # The .pdf link is never requested; the extension-less PDF is cut off after its headers.
    assert not [h for h in first.hits if h.path.endswith(".pdf")]
    assert [h.status for h in first.hits if h.path == "/documents/budget-2027"] == [200]


def test_non_articles_crawled_not_exported(first: Crawl) -> None:
    summary = first.summary
    assert "articles exported: 14;" in summary
    assert ("non-articles: 11 (author=2, contact=1, front=1, login=1, search=1, section=3, tag=2)"
            in summary)
    assert "duplicates skipped: 1 (same_canonical=1)" in summary  # the ?output=print copy
    for path in ("/tag/waterfront/", "/author/jane-doe/", "/local/page/2/", "/login/"):
        assert [h for h in first.hits if h.path == path], f"{path} not crawled"


def test_summary_line_printed(first: Crawl) -> None:
    print("\nfixture-site crawl summary:", first.summary)
    assert first.summary.startswith("pages fetched: 26; articles exported: 14;")


# --- incremental -----------------------------------------------------------------------------
def test_second_run_with_state_exports_nothing(runs: tuple[FixtureSite, Crawl, Crawl]) -> None:
    _, first_run, second = runs
    assert len(first_run.items) == len(ARTICLES)
    assert second.items == []
    assert "articles exported: 0;" in second.summary
    # Articles known from the first run are not even fetched again (the 301 chain aside).
    refetched = {h.path for h in second.hits} & (set(ARTICLES.values()) - {ARTICLES["market"]})
    assert refetched == set()


def test_since_skips_older_articles(tmp_path: Path) -> None:
    with FixtureSite() as site:
        result = crawl(site, tmp_path / "since.jsonl",
                       {"start_urls": site.base + "/", "since": "2026-11-01"})
    assert sorted(result.paths()) == sorted(
        p.lstrip("/") for name, p in ARTICLES.items() if name not in OLD)
    # Known old from the RSS date and the sitemap index's lastmod: never requested.
    assert not [h for h in result.hits if h.path == ARTICLES["mill"]]
    assert not [h for h in result.hits if h.path == "/sitemaps/articles.xml.gz"]
    assert "older_than_since=1" in result.summary.split("; skipped")[1]  # mill, from RSS
    # Known old only from its own page: fetched, then dropped.
    assert [h for h in result.hits if h.path == ARTICLES["leaves"]]
    assert "dropped: 13 (duplicate=1, not_article=11, older_than_since=1)" in result.summary


def test_feeds_sitemaps_and_url_list_without_start_page(tmp_path: Path) -> None:
    """Every discovery route given explicitly; depth 1 keeps the crawl to the listed pages."""
    with FixtureSite() as site:
        urls = tmp_path / "urls.txt"
        urls.write_text(f"# articles to fetch\n{site.url(ARTICLES['school'])}?utm_source=x\n"
                        f"\n{site.url(ARTICLES['cafe'])}#top\n", encoding="utf-8")
        result = crawl(site, tmp_path / "routes.jsonl", {
            "feeds": f"{site.base}/feed/rss.xml,{site.base}/feed/atom.xml",
            "sitemaps": f"{site.base}/robots.txt",
            "urls_file": str(urls),
        }, {"NEWSCRAWL_DEPTH_LIMIT": 1})
    names = {"footbridge", "library", "bakery", "leaves", "storm", "ferry", "dredging", "mill",
             "school", "cafe"}
    assert sorted(result.paths()) == sorted(ARTICLES[n].lstrip("/") for n in names)
    assert not [h for h in result.hits if h.path == "/"]
    assert [h.path for h in result.hits].count("/robots.txt") == 1


# --- killed and resumed ----------------------------------------------------------------------
def _scraped_rows(state: Path) -> int:
    if not state.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{state}?mode=ro", uri=True, timeout=1) as db:
            return db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def _read_jsonl(path: Path) -> list[dict]:
    """Strict: every line must be a whole JSON record (the restart repairs a torn last line)."""
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_sigkill_then_restart_gives_full_set_once(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite"
    killed_out, resumed_out = tmp_path / "killed.jsonl", tmp_path / "resumed.jsonl"
    with FixtureSite() as site:
        args = {"start_urls": site.base + "/", "state": str(state)}
        # Slow enough to be killed mid-way: one request at a time, 0.3 s apart. Timeouts are
        # not under test here: a generous one keeps a loaded machine from failing pages.
        patient = {"DOWNLOAD_TIMEOUT": 10}
        slow = {**FAST, **patient, "DOWNLOAD_DELAY": 0.3, "CONCURRENT_REQUESTS_PER_DOMAIN": 1}
        proc = subprocess.Popen(
            scrapy_command("news", killed_out, args, slow), cwd=PROJECT_ROOT,
            env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 60
            while _scraped_rows(state) < 4 and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
            proc.send_signal(signal.SIGKILL)
        finally:
            returncode = proc.wait(timeout=30)
        assert returncode == -signal.SIGKILL, "the crawl ended before it could be killed"
        resumed = crawl(site, resumed_out, args, patient)
    killed = _read_jsonl(killed_out)
    union = [item["url"] for item in killed + _read_jsonl(resumed_out)]
    assert len(killed) < len(ARTICLES)
    assert "unfinished run(s) recovered" in resumed.log
    assert sorted(union) == sorted(site.url(p) for p in ARTICLES.values())


# --- bad arguments ---------------------------------------------------------------------------
@pytest.mark.parametrize(("args", "error"), [
    ({"since": "last tuesday"}, r"-a since=: since='last tuesday' is not a date"),
    ({"start_url": "{base}/"}, r"unknown argument -a start_url= \(known: start_urls, "),
    ({"feeds": "feed.xml"}, r"-a feeds=: not an http\(s\) URL: 'feed.xml'"),
    ({"state": "/proc/no-such-dir/state.sqlite"}, r"state file .*: cannot open it"),
])
def test_bad_argument_is_one_error_line_and_a_failed_exit(
        tmp_path: Path, args: dict[str, str], error: str) -> None:
    with FixtureSite() as site:
        args = {"start_urls": site.base + "/", **{k: v.format(base=site.base)
                                                   for k, v in args.items()}}
        proc = subprocess.run(
            scrapy_command("news", tmp_path / "out.jsonl", args, FAST), cwd=PROJECT_ROOT,
            env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}, capture_output=True, text=True,
            timeout=60)
        assert site.hits == []  # refused before any request
    log = proc.stderr
    assert proc.returncode == 1
    assert "Traceback" not in log
    assert re.search(r"\[spiders\.news\] ERROR: " + error + r".*\n\d{4}-", log), log[-2000:]
    assert "Spider closed (bad_argument)" in log
    assert "newscrawl summary (bad_argument): pages fetched: 0; articles exported: 0;" in log
    assert "failed: 1 (bad_argument=1)" in log
