"""Bad input through one real `scrapy crawl saved`: no crash, no empty item, every file counted.

The inputs are made at test time from the golden fixture pages (so nothing large or binary is
checked in): empty and blank files, an image named .html, truncated and corrupt gzip, a page
whose meta says UTF-8 while its bytes are windows-1252, an oversized file, a very long page with
a real article, a login page and a JavaScript app shell.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from tests.crawl import run_crawl

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
ARTICLE = PAGES / "wordpress-post.html"
LAST_SENTENCE = "The £1.8 million cost is covered by a regional active-travel grant."

# file name -> dropped reason (None: must be exported)
INPUTS: dict[str, str | None] = {
    "empty.html": "empty_file",
    "blank.htm": "empty_file",
    "image.html": "binary",
    "corrupt.html.gz": "corrupt_gzip",
    "header-only.html.gz": "truncated_gzip",
    "oversized.html": "too_large",
    "login.html": "empty_body",
    "app-shell.html": "empty_body",
    "truncated.html.gz": None,
    "misdeclared.html": None,
    "long-comments.html": None,
}

WARNINGS = {"truncated.html.gz": "truncated_gzip", "misdeclared.html": "misdeclared_charset"}
"""Exported inputs that the summary still flags."""


def _make_inputs(folder: Path) -> None:
    page = ARTICLE.read_bytes()
    packed = gzip.compress(page, mtime=0)
    comments = "".join(
        f'<li class="comment"><article class="comment-body"><b class="fn">reader{i}</b>'
        f'<div class="comment-content"><p>Comment {i}: the traffic on this road has never been '
        f"worse than it is now, and nobody at the council listens.</p></div></article></li>\n"
        for i in range(8000)
    )
    files = {
        "empty.html": b"",
        "blank.htm": b"  \n\t \r\n",
        "image.html": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40,
        "corrupt.html.gz": b"\x1f\x8b\x08\x00" + b"this is not deflate data " * 20,
        "header-only.html.gz": packed[:12],
        "truncated.html.gz": packed[: int(len(packed) * 0.8)],
        # meta says UTF-8, the bytes are windows-1252 (curly quotes, £, en dash)
        "misdeclared.html": page.decode("utf-8").encode("cp1252"),
        "oversized.html": b"<html><body><p>" + b"word " * (21 * 1024 * 1024 // 5) + b"</p>",
        "login.html": (PAGES / "login-page.html").read_bytes(),
        "app-shell.html": b'<!doctype html><html><head><title>News</title><script src="/app.js">'
                          b'</script></head><body><div id="root"></div><noscript>You need to '
                          b"enable JavaScript to run this app.</noscript></body></html>",
        "long-comments.html": page.decode("utf-8").replace(
            '<ol class="comment-list">', '<ol class="comment-list">' + comments
        ).encode("utf-8"),
    }
    assert set(files) == set(INPUTS)
    for name, data in files.items():
        (folder / name).write_bytes(data)


@pytest.fixture(scope="module")
def bad_crawl(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, dict], str]:
    folder = tmp_path_factory.mktemp("bad-input")
    _make_inputs(folder)
    out = tmp_path_factory.mktemp("bad-out") / "out.jsonl"
    items, proc = run_crawl("saved", out, {"path": str(folder)}, {"NEWSCRAWL_ANALYSE": False})
    return {item["request_url"].rsplit("/", 1)[-1]: item for item in items}, proc.stderr


def test_no_traceback(bad_crawl: tuple[dict[str, dict], str]) -> None:
    _, log = bad_crawl
    assert "Traceback" not in log
    assert "Error processing" not in log


def test_no_item_with_empty_body(bad_crawl: tuple[dict[str, dict], str]) -> None:
    items, _ = bad_crawl
    assert [name for name, item in items.items() if not item["body"].strip()] == []


@pytest.mark.parametrize("name", sorted(n for n, r in INPUTS.items() if r))
def test_dropped_with_reason_in_log(bad_crawl: tuple[dict[str, dict], str], name: str) -> None:
    items, log = bad_crawl
    assert name not in items
    assert re.search(rf"Dropped: {INPUTS[name]}: \S*/{re.escape(name)}\b", log)


@pytest.mark.parametrize("name", sorted(n for n, r in INPUTS.items() if r is None))
def test_readable_page_exported(bad_crawl: tuple[dict[str, dict], str], name: str) -> None:
    items, _ = bad_crawl
    assert name in items
    body = items[name]["body"]
    assert body.startswith("Riverside councillors voted 9 to 4 on Monday evening")
    if name != "truncated.html.gz":
        assert body.endswith(LAST_SENTENCE)
        assert "Comment 1:" not in body


def test_misdeclared_charset_keeps_characters(bad_crawl: tuple[dict[str, dict], str]) -> None:
    items, log = bad_crawl
    body = items["misdeclared.html"]["body"]
    assert "“This is the street where most of our residents shop" in body and "£1.8" in body
    assert "'newscrawl/warning/misdeclared_charset': 1" in log


def test_truncated_gzip_counted(bad_crawl: tuple[dict[str, dict], str]) -> None:
    _, log = bad_crawl
    assert "'newscrawl/warning/truncated_gzip': 1" in log  # exported with a warning


def test_summary_accounts_for_every_file(bad_crawl: tuple[dict[str, dict], str]) -> None:
    _, log = bad_crawl
    line = re.search(r"newscrawl summary \(finished\): (.*)", log)
    assert line, "no end-of-crawl summary line"
    reasons: dict[str, int] = {}
    for reason in INPUTS.values():
        if reason:
            reasons[reason] = reasons.get(reason, 0) + 1
    detail = ", ".join(f"{k}={v}" for k, v in sorted(reasons.items()))
    exported = sum(1 for r in INPUTS.values() if r is None)
    warnings = ", ".join(f"{w}=1" for w in sorted(WARNINGS.values()))
    assert line.group(1) == (
        f"pages fetched: {len(INPUTS)}; articles exported: {exported}; "
        f"dropped: {sum(reasons.values())} ({detail}); skipped: 0; failed: 0; "
        f"warnings: {len(WARNINGS)} ({warnings})"
    )


def test_missing_path_is_reported(tmp_path: Path) -> None:
    """A path that matches nothing is a counted failure with a clear log line, not a crash."""
    items, proc = run_crawl("saved", tmp_path / "out.jsonl", {"path": str(tmp_path / "nope")},
                            {"NEWSCRAWL_ANALYSE": False})
    assert items == []
    assert "no saved pages found" in proc.stderr
    assert "failed: 1 (no_input=1)" in proc.stderr
