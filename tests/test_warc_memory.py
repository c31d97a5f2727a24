"""Memory stays flat whatever the size of a web archive: a real `scrapy crawl saved` of a WARC
with 5,000 page records peaks at about the memory of one with 500.

Each page record is followed by a photo record of 10 kB of incompressible bytes, so the file of
5,000 pages holds some 50 MB: a reader that loaded the file, or kept the records or their
requests, would show it in the crawl process's peak RSS (VmHWM, read from /proc while it runs).
The pages are small, so the test spends its time reading records rather than extracting text.
"""

from __future__ import annotations

import io
import os
import random
import subprocess
import time
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.crawl import PROJECT_ROOT, scrapy_command

FILLER_BYTES = 10_000


def write_archive(path: Path, records: int) -> None:
    rng = random.Random(records)
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True, warc_version="1.1")
        for n in range(records):
            page = (f"<html><head><title>Notice {n}</title></head><body><article>"
                    f"<h1>Notice {n}</h1><p>The harbour office posted notice number {n} about "
                    f"mooring fees and the winter timetable for the ferry.</p></article>"
                    f"</body></html>").encode()
            photo = rng.randbytes(FILLER_BYTES)
            for uri, body, kind in ((f"https://harbour.example/notices/{n}", page, "text/html"),
                                    (f"https://harbour.example/photos/{n}.jpg", photo,
                                     "image/jpeg")):
                http = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(
                    uri, "response", payload=io.BytesIO(body), length=len(body),
                    http_headers=http))


def peak_rss_kb(archive: Path, out: Path) -> tuple[int, int]:
    """(peak RSS in kB, exported lines) of `scrapy crawl saved` on the archive."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    cmd = scrapy_command("saved", out, {"path": str(archive)},
                         {"NEWSCRAWL_ANALYSE": False, "LOG_LEVEL": "WARNING"})
    proc = subprocess.Popen(cmd, cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    peak = 0
    deadline = time.monotonic() + 600
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            try:
                status = Path(f"/proc/{proc.pid}/status").read_text()
            except OSError:
                break
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
            time.sleep(0.2)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    assert proc.returncode == 0, f"crawl failed ({proc.returncode})"
    return peak, len(out.read_text(encoding="utf-8").splitlines())


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_ten_times_the_records_same_memory(tmp_path: Path) -> None:
    small, large = tmp_path / "small.warc.gz", tmp_path / "large.warc.gz"
    write_archive(small, 500)
    write_archive(large, 5000)
    assert large.stat().st_size > 45 * 1024 * 1024
    small_peak, small_items = peak_rss_kb(small, tmp_path / "small.jsonl")
    large_peak, large_items = peak_rss_kb(large, tmp_path / "large.jsonl")
    assert (small_items, large_items) == (500, 5000)
    print(f"peak RSS: 500 pages {small_peak} kB, 5,000 pages {large_peak} kB")
    assert large_peak - small_peak < 20 * 1024, f"peak RSS {small_peak} kB → {large_peak} kB"
