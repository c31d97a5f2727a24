"""Incremental state: what counts as exported, and recovery after a killed run."""

from __future__ import annotations

import json
from pathlib import Path

from newscrawl.state import CrawlState, exported_urls


def record(url: str) -> str:
    return json.dumps({"url": url, "headline": "h", "body": "b"}) + "\n"


def test_clean_run_confirms_and_later_runs_skip(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    state = CrawlState(path)
    state.recover()
    state.begin_run()
    state.record_scraped("https://n.example/a/?utm_source=x", "https://n.example/a-old", None)
    assert not state.is_exported("https://n.example/a/")  # this run's own: not "earlier"
    assert state.finish_run("finished") == 1
    state.close()

    later = CrawlState(path)
    assert later.recover().runs == 0
    later.begin_run()
    assert later.is_exported("https://n.example/a/#comments")
    assert later.is_exported("https://n.example/a-old")  # the URL it was fetched as
    assert not later.is_exported("https://n.example/b/")


def test_killed_run_is_reconciled_with_its_output(tmp_path: Path) -> None:
    path, out = tmp_path / "state.sqlite", tmp_path / "killed.jsonl"
    killed = CrawlState(path)
    killed.begin_run()
    killed.set_outputs([str(out)])
    for name in ("a", "b", "c"):
        killed.record_scraped(f"https://n.example/{name}/", None, None)
    # The exporter got a and half of b onto disk; c was still in its buffer. No finish_run.
    out.write_text(record("https://n.example/a/") + record("https://n.example/b/")[:20],
                   encoding="utf-8")
    killed.close()

    resumed = CrawlState(path)
    report = resumed.recover()
    resumed.begin_run()
    assert (report.runs, report.confirmed, report.forgotten, report.repaired_files) == (1, 1, 2, 1)
    assert resumed.is_exported("https://n.example/a/")
    assert not resumed.is_exported("https://n.example/b/")
    assert not resumed.is_exported("https://n.example/c/")
    assert out.read_text(encoding="utf-8") == record("https://n.example/a/")  # torn line cut
    assert resumed.recover().runs == 0  # recovered once


def test_killed_run_without_its_file_exports_everything_again(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    killed = CrawlState(path)
    killed.begin_run()
    killed.set_outputs([str(tmp_path / "moved-away.jsonl")])
    killed.record_scraped("https://n.example/a/", None, None)
    killed.close()
    resumed = CrawlState(path)
    assert resumed.recover().forgotten == 1
    resumed.begin_run()
    assert not resumed.is_exported("https://n.example/a/")


def test_links_are_kept_per_page(tmp_path: Path) -> None:
    state = CrawlState(tmp_path / "state.sqlite")
    state.begin_run()
    state.record_links("https://n.example/a/", ["https://n.example/tag/x/?utm_source=y",
                                                "https://n.example/b/"])
    state.record_links("https://n.example/a/#top", ["https://n.example/c/"])  # refetched
    assert state.links_of("https://n.example/a/") == ["https://n.example/c/"]
    assert state.links_of("https://n.example/unknown/") == []


def test_exported_urls_reads_complete_lines_only(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text(record("https://n.example/a/?utm_medium=z") + '{"url": "https://n.ex',
                   encoding="utf-8")
    assert exported_urls(out, repair=False) == {"https://n.example/a/"}
    assert out.read_text(encoding="utf-8").endswith('"https://n.ex')  # untouched without repair


def test_killed_output_about_to_be_overwritten_is_exported_again(tmp_path: Path) -> None:
    path, out = tmp_path / "state.sqlite", tmp_path / "news.jsonl"
    killed = CrawlState(path)
    killed.begin_run()
    killed.set_outputs([str(out)])
    killed.record_scraped("https://n.example/a/", None, None)
    out.write_text(record("https://n.example/a/"), encoding="utf-8")
    killed.close()
    resumed = CrawlState(path)
    report = resumed.recover(overwritten=[str(out)])
    resumed.begin_run()
    assert (report.confirmed, report.forgotten) == (0, 1)
    assert not resumed.is_exported("https://n.example/a/")
