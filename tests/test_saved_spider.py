"""The `saved` spider's input: files, folders, globs, sidecar URLs, the bundled samples and the
default feed (anchored on the project root, UTF-8 without escapes)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from spiders.saved import find_pages, sidecar_url
from tests.crawl import PROJECT_ROOT, run_crawl

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
SAMPLES = PROJECT_ROOT / "newscrawl" / "samples"
SAMPLE_FILES = sorted(p.name for p in SAMPLES.iterdir() if p.name.endswith((".html", ".html.gz")))


# --- finding the input files (pure functions) --------------------------------------------------

@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    """a.html, b.HTM, c/d.html.gz, c/e/f.htm.gz plus files that are not pages."""
    for name in ("a.html", "b.HTM", "c/d.html.gz", "c/e/f.htm.gz", "a.json", "c/notes.txt",
                 "c/e/page.php", "c/d.json"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"<html></html>")
    return tmp_path


def _pages(spec: str) -> list[Path]:
    """What find_pages finds (no path of these trees is skipped)."""
    def skip(reason: str, path: Path) -> None:
        raise AssertionError(f"skipped {reason}: {path}")
    return [p for p in find_pages(spec, skip) if p is not None]


def _names(paths: list[Path], root: Path) -> list[str]:
    return [p.relative_to(root.resolve()).as_posix() for p in paths]


def test_folder_is_searched_recursively_for_page_files(tree: Path) -> None:
    assert _names(_pages(str(tree)), tree) == ["a.html", "b.HTM", "c/d.html.gz", "c/e/f.htm.gz"]


def test_single_file_is_read_whatever_its_name(tree: Path) -> None:
    assert _names(_pages(str(tree / "c/e/page.php")), tree) == ["c/e/page.php"]


def test_glob_pattern(tree: Path) -> None:
    assert _names(_pages(str(tree / "**/*.gz")), tree) == ["c/d.html.gz", "c/e/f.htm.gz"]


def test_glob_skips_sidecars_and_other_files(tree: Path) -> None:
    assert _names(_pages(str(tree / "c/*")), tree) == ["c/d.html.gz", "c/e/f.htm.gz"]


def test_glob_matching_a_folder_searches_it(tree: Path) -> None:
    assert _names(_pages(str(tree / "[c]")), tree) == ["c/d.html.gz", "c/e/f.htm.gz"]


def test_nothing_found(tmp_path: Path) -> None:
    assert _pages(str(tmp_path / "missing")) == []


@pytest.mark.parametrize("page", ["story.html", "story.htm", "story.html.gz"])
def test_sidecar_shares_the_base_name(tmp_path: Path, page: str) -> None:
    (tmp_path / "story.json").write_text('{"url": "https://example.org/2020/01/02/story"}')
    assert sidecar_url(tmp_path / page) == "https://example.org/2020/01/02/story"


@pytest.mark.parametrize("content", ["not json", '{"url": "file:///etc/passwd"}', '["x"]', "{}"])
def test_unusable_sidecar_is_ignored(tmp_path: Path, content: str) -> None:
    (tmp_path / "story.json").write_text(content)
    assert sidecar_url(tmp_path / "story.html") is None


# --- real crawls --------------------------------------------------------------------------------

def test_crawl_one_file_with_sidecar(tmp_path: Path) -> None:
    items, _ = run_crawl("saved", tmp_path / "out.jsonl", {"path": str(PAGES / "table-layout.htm")},
                         {"NEWSCRAWL_ANALYSE": False})
    assert [(i["url"], i["provenance"]["url"]) for i in items] == [
        ("http://www.harbourtownherald.example/news/local/heroes.htm", "sidecar")
    ]


def test_crawl_glob(tmp_path: Path) -> None:
    items, _ = run_crawl("saved", tmp_path / "out.jsonl", {"path": str(PAGES / "**" / "*.html.gz")},
                         {"NEWSCRAWL_ANALYSE": False})
    assert [i["request_url"].rsplit("/", 1)[-1] for i in items] == ["river-levels-fall.html.gz"]


def _project_copy(folder: Path) -> Path:
    """A copy of the package as a user's install has it, with an empty exports/ folder."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for package in ("newscrawl", "spiders"):
        shutil.copytree(PROJECT_ROOT / package, folder / package, ignore=ignore)
    (folder / "exports").mkdir()
    (folder / "exports" / ".gitkeep").touch()
    return folder


def _run_installed(copy: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """`scrapy crawl saved ARGS` from `cwd`, settings found through SCRAPY_SETTINGS_MODULE."""
    env = {**os.environ, "PYTHONPATH": str(copy), "SCRAPY_SETTINGS_MODULE": "newscrawl.settings"}
    scrapy = Path(sys.executable).with_name("scrapy")
    command = [str(scrapy)] if scrapy.exists() else [sys.executable, "-m", "scrapy"]
    proc = subprocess.run([*command, "crawl", "saved", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc


@pytest.fixture(scope="module")
def installed_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """`scrapy crawl saved` with no arguments, run the way a user of the installed package does:
    from an unrelated working directory, settings found through SCRAPY_SETTINGS_MODULE.

    The package is a temporary copy of the project, so the default feed is written into the
    copy's exports/ and the checkout's exports/ stays untouched. Returns (copy, cwd, log).
    """
    copy = _project_copy(tmp_path_factory.mktemp("project"))
    # an older export must be replaced, not appended to
    (copy / "exports" / "saved.jsonl").write_text('{"stale": true}\n', encoding="utf-8")
    cwd = tmp_path_factory.mktemp("elsewhere")
    return copy, cwd, _run_installed(copy, cwd).stderr


def test_explicit_output_replaces_the_default_feed(tmp_path: Path) -> None:
    """With -O the crawl writes only that file, as in any Scrapy project."""
    copy = _project_copy(tmp_path / "project")
    out = tmp_path / "mine.jsonl"
    _run_installed(copy, tmp_path, "-a", f"path={PAGES / 'blog-post.html'}", "-O", str(out),
                   "-s", "NEWSCRAWL_ANALYSE=False")
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1
    assert sorted(p.name for p in (copy / "exports").iterdir()) == [".gitkeep"]


@pytest.fixture(scope="module")
def sample_items(installed_run: tuple[Path, Path, str]) -> dict[str, dict]:
    copy, _, _ = installed_run
    lines = (copy / "exports" / "saved.jsonl").read_text(encoding="utf-8").splitlines()
    items = [json.loads(line) for line in lines if line.strip()]
    return {item["request_url"].rsplit("/", 1)[-1]: item for item in items}


def test_default_input_is_the_bundled_samples(installed_run: tuple[Path, Path, str],
                                              sample_items: dict[str, dict]) -> None:
    copy, _, _ = installed_run
    assert 3 <= len(SAMPLE_FILES) <= 5
    assert sorted(sample_items) == SAMPLE_FILES
    for item in sample_items.values():
        assert item["request_url"].startswith((copy / "newscrawl" / "samples").as_uri())


def test_default_feed_is_anchored_on_the_project_root(
    installed_run: tuple[Path, Path, str],
) -> None:
    copy, cwd, _ = installed_run
    assert sorted(p.name for p in (copy / "exports").iterdir()) == [".gitkeep", "saved-report",
                                                                   "saved.jsonl"]
    assert sorted(p.name for p in (copy / "exports" / "saved-report").iterdir()) == [
        "report.html", "report.json"]
    assert list(cwd.iterdir()) == [], "the crawl wrote into the working directory"


def test_default_feed_is_plain_utf8(installed_run: tuple[Path, Path, str]) -> None:
    copy, _, _ = installed_run
    raw = (copy / "exports" / "saved.jsonl").read_bytes()
    text = raw.decode("utf-8")
    assert "\\u" not in text
    assert "“" in text and "’" in text
    assert '"stale"' not in text, "the feed was appended to instead of overwritten"


def test_summary_line(installed_run: tuple[Path, Path, str]) -> None:
    _, _, log = installed_run
    n = len(SAMPLE_FILES)
    assert (f"newscrawl summary (finished): pages fetched: {n}; articles exported: {n}; "
            "dropped: 0; skipped: 0; failed: 0") in log


FILLED = ["url", "domain", "sitename", "headline", "description", "authors", "date_published",
          "language", "body", "tags", "image", "quotes", "entities", "fetched_at", "fingerprint"]


@pytest.mark.parametrize(("sample", "field"), [(s, f) for s in SAMPLE_FILES for f in FILLED])
def test_samples_show_every_field(sample_items: dict[str, dict], sample: str, field: str) -> None:
    assert sample_items[sample][field]


# Quotes in the samples whose speaker is stated unambiguously in the same paragraph.
SAMPLE_QUOTES = [
    ("wind-farm-approved.html", "This is the largest single step this region has taken towards "
     "clean power", "Claire Donnelly"),
    ("wind-farm-approved.html", "The corridors look fine on a map.", "Tom Hargreaves"),
    ("wind-farm-approved.html", "We will study the decision carefully", "Tom Hargreaves"),
    ("wind-farm-approved.html", "We know we are guests in waters", "Rafael Ortiz"),
    ("museum-returns-drum.html", "We were never the right home for this object.",
     "Eleanor Whitcombe"),
    ("museum-returns-drum.html", "For us it is not an artefact.", "Kwame Asante-Darko"),
    ("marathon-course-record.html", "I felt the wind and I thought", "Grace Wanjiru"),
    ("marathon-course-record.html", "We trained for exactly this kind of day", "Daniel Kiptoo"),
]


@pytest.mark.parametrize(("sample", "start", "speaker"), SAMPLE_QUOTES)
def test_sample_quote_speaker(sample_items: dict[str, dict], sample: str, start: str,
                              speaker: str) -> None:
    quotes = [q for q in sample_items[sample]["quotes"] if q["text"].startswith(start)]
    assert len(quotes) == 1, f"quote not found once: {start!r}"
    assert quotes[0]["speaker"] == speaker


@pytest.mark.parametrize(("sample", "speaker"), sorted({(s, p) for s, _, p in SAMPLE_QUOTES}))
def test_sample_speakers_are_person_entities(sample_items: dict[str, dict], sample: str,
                                             speaker: str) -> None:
    labels = [e["label"] for e in sample_items[sample]["entities"] if e["name"] == speaker]
    assert labels == ["PERSON"]
