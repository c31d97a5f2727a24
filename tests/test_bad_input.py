"""Bad input through one real `scrapy crawl saved`: no crash, no empty item, every file counted.

The corpus (tests/bad_corpus.py) is made at test time from the golden fixture pages: empty,
blank and binary files, corrupt, truncated and bomb gzip, a file over DOWNLOAD_MAXSIZE, a
mislabelled charset, a login page, an app shell, an article under many comments, stray NUL bytes,
an article inside 50,000 nested <div>s, and a symlink loop, a second name, a FIFO and a dangling
link in the folder. The same folder is also named by globs, and a crawl is stopped with SIGTERM.
Live faults (redirect loop and chain, gzip bomb, entity-bomb sitemap) come from the fixture site.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.bad_corpus import FIRST_WORDS, LAST_SENTENCE, Outcome, make_corpus
from tests.crawl import PROJECT_ROOT, run_crawl, scrapy_command
from tests.site_server import ENTITY_BOMB_SITEMAP, GZIP_BOMB, REDIRECT_CHAIN, FixtureSite

Crawled = tuple[dict[str, dict], str, dict[str, Outcome]]


def _name(url: str) -> str:
    return url.rsplit("/", 1)[-1]


@pytest.fixture(scope="module")
def bad_crawl(tmp_path_factory: pytest.TempPathFactory) -> Crawled:
    """(exported items by file name, crawl log, expected outcome by path in the corpus)."""
    folder = tmp_path_factory.mktemp("bad-input")
    expected = make_corpus(folder)
    out = tmp_path_factory.mktemp("bad-out") / "out.jsonl"
    items, proc = run_crawl("saved", out, {"path": str(folder)}, {"NEWSCRAWL_ANALYSE": False},
                            timeout=600)
    return {_name(item["request_url"]): item for item in items}, proc.stderr, expected


def _with(expected: dict[str, Outcome], kind: str) -> list[str]:
    return sorted(name for name, outcome in expected.items() if outcome.kind == kind)


def test_no_traceback(bad_crawl: Crawled) -> None:
    _, log, _ = bad_crawl
    assert "Traceback" not in log
    assert "Error processing" not in log


def test_no_item_with_empty_body(bad_crawl: Crawled) -> None:
    items, _, _ = bad_crawl
    assert [name for name, item in items.items() if not item["body"].strip()] == []


def test_exactly_the_readable_pages_exported(bad_crawl: Crawled) -> None:
    items, _, expected = bad_crawl
    assert sorted(items) == _with(expected, "exported")


def test_each_file_read_once(bad_crawl: Crawled) -> None:
    """The symlink loop is not followed and the second name of a file is not read again."""
    items, log, expected = bad_crawl
    dropped = Counter(_name(url) for url in re.findall(r"Dropped: \w+: (file:\S+)", log))
    assert dropped == Counter(_with(expected, "dropped"))
    assert f"'item_scraped_count': {len(items)}," in log  # no name exported twice
    assert f"'newscrawl/pages': {len(items) + len(dropped)}," in log


def test_dropped_with_reason_in_log(bad_crawl: Crawled) -> None:
    items, log, expected = bad_crawl
    for name in _with(expected, "dropped"):
        assert name not in items
        reason = expected[name].reason
        assert re.search(rf"Dropped: {reason}: \S*/{re.escape(name)}\b", log), name


def test_oversized_file_refused_before_reading(bad_crawl: Crawled) -> None:
    _, log, expected = bad_crawl
    for name in _with(expected, "refused"):
        assert re.search(rf"refused \(\d+ bytes, larger than DOWNLOAD_MAXSIZE \d+\): "
                         rf"\S*/{re.escape(name)}\n", log), name
        assert not re.search(rf"<GET \S*/{re.escape(name)}>", log), f"{name} was read"


def test_skipped_paths_logged_with_reason(bad_crawl: Crawled) -> None:
    _, log, expected = bad_crawl
    for name in _with(expected, "skipped"):
        assert re.search(rf"skipped {expected[name].reason}: \S*/{re.escape(name)}\n", log), name


def test_readable_pages_keep_the_whole_article(bad_crawl: Crawled) -> None:
    items, _, expected = bad_crawl
    for name in _with(expected, "exported"):
        body = items[name]["body"]
        assert body.startswith(FIRST_WORDS), name
        if name != "truncated.html.gz":
            assert body.endswith(LAST_SENTENCE), name
            assert "Comment 1:" not in body


def test_deep_markup_gives_the_same_body(bad_crawl: Crawled) -> None:
    """50,000 nested <div>s around the article change nothing in what is extracted."""
    items, _, _ = bad_crawl
    assert items["deep-divs.html"]["body"] == items["long-comments.html"]["body"]
    assert items["deep-divs.html"]["headline"] == items["long-comments.html"]["headline"]


def test_nul_bytes_removed(bad_crawl: Crawled) -> None:
    items, _, _ = bad_crawl
    assert items["nul-bytes.html"]["body"] == items["long-comments.html"]["body"]


def test_misdeclared_charset_keeps_characters(bad_crawl: Crawled) -> None:
    items, _, _ = bad_crawl
    body = items["misdeclared.html"]["body"]
    assert "“This is the street where most of our residents shop" in body and "£1.8" in body


def test_warnings_counted(bad_crawl: Crawled) -> None:
    _, log, expected = bad_crawl
    for name in _with(expected, "exported"):
        if expected[name].reason:
            assert f"'newscrawl/warning/{expected[name].reason}': 1" in log, name


def _detail(outcomes: list[Outcome], labels: dict[str, str] | None = None) -> str:
    """'total (reason=n, …)' as the summary line writes it; 'total' alone when there is none."""
    counts = Counter((labels or {}).get(o.reason, o.reason) for o in outcomes if o.reason)
    detail = ", ".join(f"{k}={v}" for k, v in sorted(counts.items()))
    return f"{sum(counts.values())}" + (f" ({detail})" if detail else "")


def test_summary_accounts_for_every_file(bad_crawl: Crawled) -> None:
    _, log, expected = bad_crawl
    line = re.search(r"newscrawl summary \(finished\): (.*)", log)
    assert line, "no end-of-crawl summary line"
    of = {kind: [expected[n] for n in _with(expected, kind)]
          for kind in ("exported", "dropped", "refused", "skipped")}
    assert line.group(1) == (
        f"pages fetched: {len(of['exported']) + len(of['dropped'])}; "
        f"articles exported: {len(of['exported'])}; dropped: {_detail(of['dropped'])}; "
        f"skipped: {_detail(of['skipped'])}; failed: 0; warnings: {_detail(of['exported'])}; "
        f"refused: {_detail(of['refused'], {'too_large': 'size'})}"
    )


# --- naming the inputs: every form visits each real file once, follows no loop ---------------

@pytest.fixture(scope="module")
def looped_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """a.html, sub/b.html; sub/up → .. and sub/self → . (loops), c.html → sub/b.html."""
    root = tmp_path_factory.mktemp("looped")
    page = (Path(__file__).parent / "fixtures" / "pages" / "blog-post.html").read_bytes()
    (root / "sub").mkdir()
    (root / "a.html").write_bytes(page)
    (root / "sub" / "b.html").write_bytes(page.replace(b"<title>", b"<title>B "))
    (root / "sub" / "up").symlink_to("..")
    (root / "sub" / "self").symlink_to(".")
    (root / "c.html").symlink_to("sub/b.html")
    return root


@pytest.mark.parametrize(("spec", "names", "looped"), [
    ("", ["a.html", "b.html"], True),
    ("**/*.html", ["a.html", "b.html"], True),
    ("**", ["a.html", "b.html"], True),
    ("*/*.html", ["b.html"], False),  # two levels only: the links are never entered
    ("sub/up/**/*.html", ["a.html", "b.html"], True),
])
def test_every_form_of_path_reads_each_file_once(looped_tree: Path, tmp_path: Path, spec: str,
                                                 names: list[str], looped: bool) -> None:
    path = str(looped_tree / spec) if spec else str(looped_tree)
    items, proc = run_crawl("saved", tmp_path / "out.jsonl", {"path": path},
                            {"NEWSCRAWL_ANALYSE": False}, timeout=120)
    assert sorted(_name(i["request_url"]) for i in items) == names
    assert "Traceback" not in proc.stderr
    skipped = re.search(r"skipped: \d+ \(([^)]*)\)", proc.stderr)
    assert bool(skipped and "symlink_loop=" in skipped.group(1)) == looped


def test_sigterm_stops_the_crawl_promptly(tmp_path: Path) -> None:
    """A glob over many pages and a symlink loop: the crawl is under way at once and stops
    soon after SIGTERM, with the usual summary (reading the files is never one long step)."""
    page = (Path(__file__).parent / "fixtures" / "pages" / "blog-post.html").read_bytes()
    for i in range(40):
        folder = tmp_path / "pages" / f"{i:02d}"
        folder.mkdir(parents=True)
        for j in range(100):
            (folder / f"p{j:03d}.html").write_bytes(page)
    (tmp_path / "pages" / "00" / "up").symlink_to("..")
    (tmp_path / "pages" / "00" / "again").symlink_to("../00")
    log, out = tmp_path / "crawl.log", tmp_path / "out.jsonl"
    cmd = scrapy_command("saved", out, {"path": str(tmp_path / "pages" / "**" / "*.html")},
                         {"NEWSCRAWL_ANALYSE": False})
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    with log.open("w") as err, subprocess.Popen(cmd, cwd=PROJECT_ROOT, env=env,
                                                stderr=err) as proc:
        deadline = time.monotonic() + 60
        while not (out.exists() and out.stat().st_size) and time.monotonic() < deadline:
            time.sleep(0.2)  # until articles are being written
        proc.send_signal(signal.SIGTERM)
        stopped = time.monotonic()
        try:
            proc.wait(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
        waited = time.monotonic() - stopped
    assert waited < 20, f"took {waited:.1f} s to stop"
    text = log.read_text()
    assert "newscrawl summary (shutdown)" in text


# --- live faults: every request that ends without a page is counted -----------------------------

def test_live_faults_counted_in_summary(tmp_path: Path) -> None:
    """A redirect loop, an endless redirect chain, a gzip bomb and a sitemap whose <loc>s are
    unexpanded entities (billion laughs): each counted by reason; no entity becomes a URL."""
    with FixtureSite() as site:
        urls = tmp_path / "urls.txt"
        urls.write_text("".join(site.url(p) + "\n"
                                for p in ("/faults/loop-a", REDIRECT_CHAIN, GZIP_BOMB)))
        items, proc = run_crawl(
            "news", tmp_path / "out.jsonl",
            {"urls_file": str(urls), "sitemaps": site.url(ENTITY_BOMB_SITEMAP)},
            {"NEWSCRAWL_ANALYSE": False, "NEWSCRAWL_DEPTH_LIMIT": 1, "DOWNLOAD_DELAY": 0,
             "AUTOTHROTTLE_START_DELAY": 0}, timeout=180)
        paths = {hit.path for hit in site.hits}
    summary = re.search(r"newscrawl summary \(finished\): (.*)", proc.stderr)
    assert summary
    line = summary.group(1)
    assert "failed: 2 (redirect_limit=1, redirect_loop=1)" in line
    assert "refused: 1 (size_decompressed=1)" in line
    assert "unusable_url=1" in line.split("skipped: ")[1].split(";")[0]
    assert [_name(i["url"].rstrip("/")) for i in items] == ["bakery-wins-regional-bread-award"]
    assert not [p for p in paths if "lol" in p]
    assert "/" not in paths  # the part of a <loc> before the entity bomb is no URL either


def test_missing_path_is_reported(tmp_path: Path) -> None:
    """A path that matches nothing is a counted failure with a clear log line, not a crash."""
    items, proc = run_crawl("saved", tmp_path / "out.jsonl", {"path": str(tmp_path / "nope")},
                            {"NEWSCRAWL_ANALYSE": False})
    assert items == []
    assert "no saved pages found" in proc.stderr
    assert "failed: 1 (no_input=1)" in proc.stderr
