"""Finding the input files (newscrawl.inputs): each real file once, no loop followed, skips told."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newscrawl.inputs import SCAN_BATCH, iter_inputs


def _is_page(path: Path) -> bool:
    return path.name.endswith(".html")


def _find(spec: Path | str) -> tuple[list[str], list[tuple[str, str]]]:
    """(names found, (reason, name) of each path skipped)."""
    skipped: list[tuple[str, str]] = []
    found = [p.name for p in iter_inputs(str(spec), _is_page,
                                         lambda reason, path: skipped.append((reason, path.name)))
             if p is not None]
    return found, skipped


@pytest.fixture()
def looped(tmp_path: Path) -> Path:
    """a.html, d/b.html, d/e/c.html; d/e/up → .. and d/e/top → ../.. (loops); d/alias.html → a."""
    (tmp_path / "d" / "e").mkdir(parents=True)
    for name in ("a.html", "d/b.html", "d/e/c.html", "d/notes.txt"):
        (tmp_path / name).write_text("<p>x</p>")
    (tmp_path / "d" / "e" / "up").symlink_to("..")
    (tmp_path / "d" / "e" / "top").symlink_to("../..")
    (tmp_path / "d" / "alias.html").symlink_to("../a.html")
    return tmp_path


@pytest.mark.parametrize("spec", ["", "**", "**/*.html", "**/**/*.html", "*/**/*.html"])
def test_loops_are_not_followed(looped: Path, spec: str) -> None:
    found, skipped = _find(looped / spec if spec else looped)
    assert found == ["a.html", "b.html", "c.html"]  # under */, a.html is found as d/alias.html
    assert ("symlink_loop", "up") in skipped and ("symlink_loop", "top") in skipped


def test_second_name_of_a_file_is_skipped(looped: Path) -> None:
    _, skipped = _find(looped)
    assert ("duplicate_path", "alias.html") in skipped


def test_pattern_within_one_level(looped: Path) -> None:
    assert _find(looped / "d" / "*.html") == (["a.html", "b.html"], [])  # alias.html → a.html
    assert _find(looped / "*" / "e" / "c.*") == (["c.html"], [])


def test_glob_through_a_link_reads_the_target_once(looped: Path) -> None:
    found, skipped = _find(looped / "d" / "e" / "up" / "**" / "*.html")
    assert found == ["a.html", "b.html", "c.html"]
    assert ("symlink_loop", "up") in skipped


def test_hidden_names_only_when_spelled_out(tmp_path: Path) -> None:
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "a.html").write_text("x")
    (tmp_path / ".b.html").write_text("x")
    assert _find(tmp_path / "**" / "*.html") == ([], [])
    assert _find(tmp_path / ".cache" / "*.html") == (["a.html"], [])


def test_fifo_and_dangling_link_are_skipped_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.html")
    (tmp_path / "gone.html").symlink_to("nowhere.html")
    assert _find(tmp_path) == ([], [("broken_link", "gone.html"), ("not_a_file", "pipe.html")])
    assert _find(tmp_path / "pipe.html") == ([], [("not_a_file", "pipe.html")])


def test_a_named_file_is_read_whatever_its_name(tmp_path: Path) -> None:
    (tmp_path / "page.php").write_text("x")
    assert _find(tmp_path / "page.php") == (["page.php"], [])


def test_walk_yields_while_searching(tmp_path: Path) -> None:
    """A folder full of other files: the walk hands control back before it has found anything
    (so a crawl can stop during a long search)."""
    for i in range(SCAN_BATCH + 10):
        (tmp_path / f"{i:05d}.txt").write_text("")
    (tmp_path / "zz" ).mkdir()
    (tmp_path / "zz" / "last.html").write_text("x")
    results = list(iter_inputs(str(tmp_path), _is_page, lambda reason, path: None))
    assert results[0] is None
    assert [p.name for p in results if p is not None] == ["last.html"]
