"""Writing web archives: `scrapy crawl news -s NEWSCRAWL_WARC_DIR=DIR` against the fixture site
(tests/site_server.py, 127.0.0.1), then the round trip `scrapy crawl saved -a path=DIR -a
articles_only=true`, which must give the same articles with the same fields.

The files are checked by warcio's validator (`warcio check`: every block and payload digest)
and read record by record; a small NEWSCRAWL_WARC_MAX_SIZE makes the crawl rotate files.
"""

from __future__ import annotations

import gzip
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from newscrawl.warc.read import BrokenRecord, read_record, scan
from newscrawl.warc.write import Exchange, WarcFiles
from tests.crawl import PROJECT_ROOT, run_crawl, scrapy_command
from tests.site_server import FixtureSite

FAST = {
    "NEWSCRAWL_ANALYSE": False,
    "AUTOTHROTTLE_START_DELAY": 0,
    "DOWNLOAD_DELAY": 0,
    "DOWNLOAD_TIMEOUT": 2,
}
MAX_SIZE = 40_000
"""Small enough that the fixture site's crawl fills several files."""
FIELDS = ["url", "domain", "sitename", "headline", "description", "authors", "date_published",
          "date_modified", "language", "body", "word_count", "tags", "image", "quotes",
          "entities", "fingerprint", "schema_version"]
"""Every exported field but fetched_at, request_url and provenance (compared apart)."""


def records(folder: Path) -> list[tuple[str, str, str | None, str | None]]:
    """(file, WARC-Type, WARC-Target-URI, HTTP status) of every record, in file order."""
    found = []
    for path in sorted(folder.glob("*.warc.gz")):
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                status = record.http_headers.get_statuscode() if (
                    record.rec_type == "response" and record.http_headers) else None
                found.append((path.name, record.rec_type,
                              record.rec_headers.get_header("WARC-Target-URI"), status))
    return found


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory: pytest.TempPathFactory) -> dict:
    tmp = tmp_path_factory.mktemp("warc-write")
    warc_dir = tmp / "warc"
    with FixtureSite() as site:
        live, live_proc = run_crawl(
            "news", tmp / "live.jsonl", {"start_urls": site.base + "/"},
            {**FAST, "NEWSCRAWL_WARC_DIR": warc_dir, "NEWSCRAWL_WARC_MAX_SIZE": MAX_SIZE},
            timeout=120)
    saved, saved_proc = run_crawl("saved", tmp / "saved.jsonl",
                                  {"path": str(warc_dir), "articles_only": "true"},
                                  {"NEWSCRAWL_ANALYSE": False})
    return {"site": site, "dir": warc_dir, "live": live, "saved": saved,
            "live_log": live_proc.stderr, "saved_log": saved_proc.stderr}


def _by_url(items: list[dict]) -> dict[str, dict]:
    return {item["url"]: item for item in items}


def test_round_trip_exports_the_same_articles(round_trip: dict) -> None:
    assert len(round_trip["live"]) >= 10
    assert sorted(_by_url(round_trip["saved"])) == sorted(_by_url(round_trip["live"]))


@pytest.mark.parametrize("name", FIELDS)
def test_round_trip_field(round_trip: dict, name: str) -> None:
    saved = _by_url(round_trip["saved"])
    for url, item in _by_url(round_trip["live"]).items():
        assert saved[url][name] == item[name], url


def test_round_trip_provenance_adds_only_the_record(round_trip: dict) -> None:
    saved = _by_url(round_trip["saved"])
    for url, item in _by_url(round_trip["live"]).items():
        archived = dict(saved[url]["provenance"])
        assert archived.pop("warc_record").startswith("<urn:uuid:")
        assert Path(archived.pop("warc_file")).parent == round_trip["dir"].resolve()
        assert int(archived.pop("warc_offset")) >= 0
        assert archived == item["provenance"], url


def test_files_pass_the_validator(round_trip: dict) -> None:
    files = sorted(str(p) for p in round_trip["dir"].glob("*.warc.gz"))
    check = subprocess.run([sys.executable, "-m", "warcio.cli", "check", "-v", *files],
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stdout[-2000:]
    assert "digest pass" in check.stdout and "digest fail" not in check.stdout


def test_files_rotate_and_each_begins_with_warcinfo(round_trip: dict) -> None:
    files = sorted(round_trip["dir"].glob("*.warc.gz"))
    assert len(files) >= 2
    found = records(round_trip["dir"])
    for path in files:
        assert next(r for r in found if r[0] == path.name)[1] == "warcinfo"
    assert all(p.stat().st_size < MAX_SIZE + 200_000 for p in files)


def test_warcinfo_names_newscrawl_and_its_settings(round_trip: dict) -> None:
    path = sorted(round_trip["dir"].glob("*.warc.gz"))[0]
    with open(path, "rb") as stream:
        record = next(iter(ArchiveIterator(stream)))
        info = record.content_stream().read().decode()
        version = record.rec_headers.protocol
    assert version == "WARC/1.1"
    assert "software: newscrawl" in info
    assert f"setting-NEWSCRAWL_WARC_MAX_SIZE: {MAX_SIZE}" in info
    assert "setting-NEWSCRAWL_ANALYSE: " in info


def test_one_gzip_member_per_record(round_trip: dict) -> None:
    path = sorted(round_trip["dir"].glob("*.warc.gz"))[0]
    data = path.read_bytes()
    offsets = [entry.offset for entry in scan(path)]
    assert len(offsets) > 3
    for start, end in zip(offsets, [*offsets[1:], len(data)], strict=True):
        member = gzip.decompress(data[start:end])  # each slice is one whole gzip stream
        assert member.startswith(b"WARC/1.1\r\n")


@pytest.mark.parametrize("path", ["/robots.txt", "/feed/rss.xml", "/sitemap-index.xml",
                                  "/sitemaps/articles.xml.gz", "/news/market-story", "/"])
def test_every_response_is_recorded(round_trip: dict, path: str) -> None:
    uri = round_trip["site"].url(path)
    kinds = {kind for _, kind, target, _ in records(round_trip["dir"]) if target == uri}
    assert kinds == {"request", "response"}


def test_retried_errors_and_redirects_are_recorded_with_their_status(round_trip: dict) -> None:
    site = round_trip["site"]
    found = records(round_trip["dir"])
    ferry = site.url("/2026/11/25/ferry-timetable-changes-for-winter/")
    assert [s for _, kind, uri, s in found if uri == ferry and kind == "response"] == [
        "503", "503", "200"]
    assert ("response", "301") in {(k, s) for _, k, uri, s in found
                                   if uri == site.url("/news/market-story")}


def test_responses_carry_a_payload_digest(round_trip: dict) -> None:
    for path in round_trip["dir"].glob("*.warc.gz"):
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "response":
                    assert record.rec_headers.get_header("WARC-Payload-Digest", "").startswith(
                        "sha1:")


def test_content_encoded_payload_is_kept_and_read_back_decoded(tmp_path: Path) -> None:
    """The writer records the body as received (gzip, with its Content-Encoding); the reader
    gives the decoded page, without the header that no longer applies."""
    page = b"<html><body><p>Compressed on the wire.</p></body></html>"
    encoded = gzip.compress(page)
    files = WarcFiles(tmp_path, 10**9, {"software": "test"})
    files.write(Exchange(url="https://news.example/a", method="GET",
                         request_headers=[("Host", "news.example")], request_body=b"",
                         status=200, body=encoded,
                         response_headers=[("Content-Type", "text/html"),
                                           ("Content-Encoding", "gzip")]))
    files.close()
    path = files.paths[0]
    with open(path, "rb") as stream:
        stored = [r.raw_stream.read() for r in ArchiveIterator(stream) if r.rec_type == "response"]
    assert stored == [encoded]
    offset = next(e.offset for e in scan(path) if not isinstance(e, BrokenRecord)
                  and getattr(e, "target_uri", None) == "https://news.example/a")
    content = read_record(str(path), offset)
    assert content.body == page
    assert "content-encoding" not in {k.lower() for k, _ in content.headers}


def test_killed_crawl_leaves_valid_files(tmp_path: Path) -> None:
    """SIGKILL in the middle of a crawl: every record written so far is whole (at most the last
    one is cut off), so the files are read without a corrupt record before the end."""
    warc_dir = tmp_path / "warc"
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    with FixtureSite(slow_seconds=30) as site:
        cmd = scrapy_command("news", tmp_path / "out.jsonl", {"start_urls": site.base + "/"},
                             {**FAST, "DOWNLOAD_TIMEOUT": 60, "NEWSCRAWL_WARC_DIR": warc_dir})
        proc = subprocess.Popen(cmd, cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            # The slow page holds the crawl open; kill it once most of the site is recorded.
            while time.monotonic() < deadline and proc.poll() is None:
                files = list(warc_dir.glob("*.warc.gz"))
                if files and sum(f.stat().st_size for f in files) > 50_000:
                    break
                time.sleep(0.2)
            assert proc.poll() is None, "the crawl ended before it could be killed"
            proc.send_signal(signal.SIGKILL)
        finally:
            proc.kill()
            proc.wait()
    entries = [e for path in sorted(warc_dir.glob("*.warc.gz")) for e in scan(path)]
    assert len(entries) > 20
    assert not any(isinstance(e, BrokenRecord) for e in entries[:-1])
