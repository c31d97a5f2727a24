"""The crawl report: written at the end of a real crawl, its numbers equal to what pandas computes
from the export, the same report from `scrapy report FILE`, and the HTML page rendered by real
headless Chromium without console errors or network requests."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from newscrawl.items import Article
from newscrawl.report.build import LISTED, ReportBuilder, date_precision, is_filled
from tests.browser import chromium, distinct_colours, visit_page
from tests.conftest import FIXTURES
from tests.crawl import PROJECT_ROOT, run_crawl
from tests.rewrap import rewrap
from tests.site_server import FixtureSite

SAMPLES = PROJECT_ROOT / "newscrawl" / "samples"
FIELDS = [name for name in Article.__dataclass_fields__]
CRAWL_ONLY = ("outcomes", "slowest_pages", "failures", "dropped")
"""Report parts only a crawl knows (null in a report built from an export)."""
CRAWL_ONLY_DOMAIN = ("pages", "http_errors", "robots_refused", "failures", "mean_seconds")


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """One crawl (with quotes and entities) of the golden pages, the reference page, the samples,
    a copy of one sample in another template, and an empty file: (export, report dir, log)."""
    tmp = tmp_path_factory.mktemp("report")
    pages = tmp / "pages"
    shutil.copytree(FIXTURES / "pages", pages, ignore=shutil.ignore_patterns("*.expected.json"))
    shutil.copy(FIXTURES / "mali-panetta.html", pages)
    shutil.copytree(SAMPLES, pages / "samples")
    (pages / "empty.html").write_bytes(b"")
    out, folder = tmp / "out.jsonl", tmp / "crawl-report"
    first, _ = run_crawl("saved", tmp / "sample.jsonl",
                         {"path": str(SAMPLES / "wind-farm-approved.html")},
                         {"NEWSCRAWL_ANALYSE": "False", "NEWSCRAWL_REPORT": ""})
    (pages / "syndicated.html").write_text(
        rewrap(first[0]["headline"], first[0]["body"], "https://copies.example/wind", 2, "line"),
        encoding="utf-8")
    _, proc = run_crawl("saved", out, {"path": str(pages)}, {"NEWSCRAWL_REPORT": str(folder)})
    return out, folder, proc.stderr


@pytest.fixture(scope="module")
def report(crawled: tuple[Path, Path, str]) -> dict:
    return json.loads((crawled[1] / "report.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def df(crawled: tuple[Path, Path, str]) -> pd.DataFrame:
    return pd.read_json(crawled[0], lines=True, dtype=False)


def filled(value: object) -> bool:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return False
    if isinstance(value, (str, list, dict)):
        return len(value) > 0
    return True


# --- the numbers equal pandas' --------------------------------------------------------------------
def test_exported(report: dict, df: pd.DataFrame) -> None:
    assert report["exported"] == len(df) > 10


@pytest.mark.parametrize("name", FIELDS)
def test_fill_rate(name: str, report: dict, df: pd.DataFrame) -> None:
    assert report["fill_rate"][name] == round(df[name].map(filled).mean(), 4)


def test_duplicates(report: dict, df: pd.DataFrame) -> None:
    assert report["duplicates"] == df["duplicate_of"].notna().sum() == 1


def test_date_precision(report: dict, df: pd.DataFrame) -> None:
    kinds = df["date_published"].map(lambda v: date_precision(v) or "none")
    expected = {k: round(float((kinds == k).mean()), 4) for k in ("day", "time", "offset", "none")}
    assert report["date_precision"] == expected


def test_body_words(report: dict, df: pd.DataFrame) -> None:
    words = df["word_count"]
    got = report["body_words"]
    assert (got["min"], got["max"]) == (words.min(), words.max())
    assert got["median"] == words.median()
    assert got["mean"] == round(words.mean(), 2)
    assert (got["p10"], got["p90"]) == (round(words.quantile(0.1), 4),
                                        round(words.quantile(0.9), 4))
    assert sum(b["count"] for b in got["histogram"]) == len(df)


def test_languages(report: dict, df: pd.DataFrame) -> None:
    assert report["languages"] == df["language"].fillna("unknown").value_counts().to_dict()


def test_articles_per_domain(report: dict, df: pd.DataFrame) -> None:
    got = {d["domain"]: d["articles"] for d in report["domains"] if d["articles"]}
    assert got == df["domain"].fillna("(no domain)").value_counts().to_dict()


def test_fill_rate_per_domain(report: dict, df: pd.DataFrame) -> None:
    for row in report["domains"]:
        if not row["articles"]:
            continue
        own = df[df["domain"].fillna("(no domain)") == row["domain"]]
        for name, share in row["fill_rate"].items():
            assert share == round(own[name].map(filled).mean(), 4), (row["domain"], name)


def test_quotes_and_top_speakers(report: dict, df: pd.DataFrame) -> None:
    quotes = pd.json_normalize(df["quotes"].explode().dropna().tolist())
    assert report["quotes"]["total"] == len(quotes) > 0
    assert report["quotes"]["attributed"] == quotes["speaker"].notna().sum()
    counts = quotes["speaker"].value_counts()
    assert {s["name"]: s["quotes"] for s in report["top_speakers"]} == \
        counts.head(len(report["top_speakers"])).to_dict()


def test_top_entities(report: dict, df: pd.DataFrame) -> None:
    entities = pd.json_normalize(df["entities"].explode().dropna().tolist())
    assert report["entities"]["total"] == len(entities) > 0
    top = report["top_entities"][0]
    same = entities[(entities["name"] == top["name"]) & (entities["label"] == top["label"])]
    assert (top["articles"], top["mentions"]) == (len(same), same["mentions"].sum())
    assert top["articles"] == entities.groupby(["name", "label"]).size().max()


def test_provenance_counts(report: dict, df: pd.DataFrame) -> None:
    provenance = pd.json_normalize(df["provenance"].tolist())
    for name, sources in report["provenance"].items():
        assert sources == provenance[name].value_counts().to_dict(), name


def test_publication_days(report: dict, df: pd.DataFrame) -> None:
    days = df["date_published"].map(lambda v: v[:10] if date_precision(v) else "unknown")
    assert report["dates"]["by_day"] == dict(sorted(days.value_counts().to_dict().items()))


# --- crawl-only parts -----------------------------------------------------------------------------
def test_outcomes_from_the_crawl(report: dict, df: pd.DataFrame) -> None:
    outcomes = report["outcomes"]
    assert outcomes["exported"] == len(df)
    assert outcomes["dropped"]["empty_file"] == 1
    assert outcomes["dropped"]["empty_body"] >= 2  # the login page and the section front
    folder = Path(report["source"]["exports"][0]).parent / "pages"
    assert outcomes["pages_fetched"] == sum(1 for _ in folder.rglob("*.htm*"))


def test_every_drop_listed_with_its_url(report: dict) -> None:
    dropped = {Path(d["url"]).name: d["reason"] for d in report["dropped"]["listed"]}
    assert dropped["empty.html"] == "empty_file"
    assert dropped["login-page.html"] == "empty_body"
    assert report["dropped"]["total"] == sum(report["outcomes"]["dropped"].values())


def test_slowest_pages_ordered(report: dict) -> None:
    seconds = [p["seconds"] for p in report["slowest_pages"]]
    assert seconds and seconds == sorted(seconds, reverse=True) and seconds[0] > 0


def test_report_beside_the_export_by_default(tmp_path: Path) -> None:
    run_crawl("saved", tmp_path / "one.jsonl", {"path": str(SAMPLES / "wind-farm-approved.html")},
              {"NEWSCRAWL_ANALYSE": "False"})
    made = json.loads((tmp_path / "one-report" / "report.json").read_text(encoding="utf-8"))
    assert made["exported"] == 1


def test_report_logged(crawled: tuple[Path, Path, str]) -> None:
    assert f"crawl report: {crawled[1] / 'report.html'}" in crawled[2]


# --- scrapy report FILE ---------------------------------------------------------------------------
def scrapy_report(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scrapy", "report", *args], cwd=PROJECT_ROOT,
                          env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
                          capture_output=True, text=True, timeout=300)


def article_parts(report: dict) -> dict:
    """The report without what only a crawl knows, and without when and from what it was made."""
    keep = {k: v for k, v in report.items()
            if k not in (*CRAWL_ONLY, "generated_at", "source", "domains")}
    keep["domains"] = [{k: v for k, v in d.items() if k not in CRAWL_ONLY_DOMAIN}
                       for d in report["domains"] if d["articles"]]
    return keep


def test_command_builds_the_same_report(crawled: tuple[Path, Path, str], report: dict,
                                        tmp_path: Path) -> None:
    proc = scrapy_report(str(crawled[0]), "-o", str(tmp_path / "again"))
    assert proc.returncode == 0, proc.stderr
    again = json.loads((tmp_path / "again" / "report.json").read_text(encoding="utf-8"))
    assert article_parts(again) == article_parts(report)
    assert all(again[k] is None for k in CRAWL_ONLY)
    assert (tmp_path / "again" / "report.html").stat().st_size > 10_000


def test_command_finds_duplicates_in_an_older_export(crawled: tuple[Path, Path, str],
                                                     tmp_path: Path) -> None:
    """An export made before `duplicate_of` existed (and with a torn last line)."""
    lines = crawled[0].read_text(encoding="utf-8").splitlines()
    old = tmp_path / "old.jsonl"
    records = [json.loads(line) for line in lines]
    for record in records:
        del record["duplicate_of"]
    old.write_text("".join(json.dumps(r) + "\n" for r in records) + '{"url": "htt',
                   encoding="utf-8")
    proc = scrapy_report(str(old))
    assert proc.returncode == 0, proc.stderr
    made = json.loads((tmp_path / "old-report" / "report.json").read_text(encoding="utf-8"))
    assert (made["exported"], made["duplicates"]) == (len(records), 1)
    assert f"old.jsonl:{len(records) + 1} is not a JSON object" in proc.stderr


def test_command_refuses_a_missing_file(tmp_path: Path) -> None:
    proc = scrapy_report(str(tmp_path / "nothing.jsonl"))
    assert proc.returncode != 0 and "no such file" in proc.stderr


# --- the page in a real browser -------------------------------------------------------------------
def need_chromium() -> None:
    if chromium() is None:
        if os.environ.get("CI"):
            pytest.fail("chromium missing: .ci/run installs it")
        pytest.skip("chromium is not installed (apt-get install chromium)")


def test_html_renders_without_errors_or_network(crawled: tuple[Path, Path, str]) -> None:
    need_chromium()
    page = crawled[1] / "report.html"
    visit = visit_page(page)
    assert visit.errors == []
    assert visit.requests == [page.resolve().as_uri()]  # nothing fetched but the page itself
    assert distinct_colours(visit.screenshot) > 100


def test_browser_check_sees_errors_and_blank_pages(tmp_path: Path) -> None:
    """The check above can fail: a script error and a missing image are caught, and a blank
    page has one colour."""
    need_chromium()
    broken = tmp_path / "broken.html"
    broken.write_text('<html><body><img src="missing.png"><script>undefinedCall()</script>'
                      "</body></html>", encoding="utf-8")
    visit = visit_page(broken)
    assert any("exception" in e for e in visit.errors)
    assert any("failed load" in e for e in visit.errors)
    blank = tmp_path / "blank.html"
    blank.write_text("<html><body></body></html>", encoding="utf-8")
    assert distinct_colours(visit_page(blank).screenshot) == 1


# --- a live crawl: HTTP errors, robots refusals, time per page by domain --------------------------
def test_live_crawl_report_per_domain(tmp_path: Path) -> None:
    settings = {"NEWSCRAWL_ANALYSE": "False", "AUTOTHROTTLE_START_DELAY": "0",
                "DOWNLOAD_DELAY": "0", "DOWNLOAD_TIMEOUT": "2",
                "NEWSCRAWL_REPORT": str(tmp_path / "report")}
    with FixtureSite() as site:
        items, _ = run_crawl("news", tmp_path / "out.jsonl", {"start_urls": site.base + "/"},
                             settings, timeout=120)
    made = json.loads((tmp_path / "report" / "report.json").read_text(encoding="utf-8"))
    row = next(d for d in made["domains"] if d["domain"] == "127.0.0.1")
    assert row["articles"] == len(items)
    assert row["http_errors"] == {"404": 1}
    assert row["robots_refused"] == 1
    assert row["mean_seconds"] > 0
    assert row["pages"] >= made["outcomes"]["pages_fetched"]
    assert sorted(f["kind"] for f in made["failures"]["listed"]) == ["http_404", "too_large"]


# --- pure parts -----------------------------------------------------------------------------------
def test_is_filled() -> None:
    assert [is_filled(v) for v in (None, "", [], {}, 0, "x", ["a"], {"a": 1})] == \
        [False, False, False, False, True, True, True, True]


def test_date_precision_kinds() -> None:
    assert [date_precision(v) for v in ("2013-01-15", "2013-01-15T09:42:00",
                                        "2013-01-15T09:42:00+01:00", "2013-01-15T09:42Z", None,
                                        "yesterday")] == ["day", "time", "offset", "offset", None,
                                                          None]


def test_failures_listed_up_to_the_limit_then_counted() -> None:
    builder = ReportBuilder()
    for n in range(LISTED + 50):
        builder.add_failure(f"https://a.example/{n}", "a.example", "timeout")
    failures = builder.build({})["failures"]
    assert (len(failures["listed"]), failures["more"], failures["total"]) == (LISTED, 50,
                                                                              LISTED + 50)
