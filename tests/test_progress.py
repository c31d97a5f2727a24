"""Progress: the log line's wording, and real crawls with stderr to a file and to a terminal."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import termios
import time
from pathlib import Path

from newscrawl.progress import Rate, duration, progress_line
from spiders.saved import find_pages
from tests.conftest import FIXTURES
from tests.crawl import PROJECT_ROOT, run_crawl, scrapy_command
from tests.site_server import FixtureSite

PAGES = FIXTURES / "pages"
FAST = {"NEWSCRAWL_ANALYSE": "False", "NEWSCRAWL_PROGRESS_INTERVAL": "0.2",
        "NEWSCRAWL_REPORT": ""}


def test_line_with_a_known_total() -> None:
    assert progress_line(1240, 5000, 31.2) == \
        "progress: 1,240/5,000 pages (24.8 %), 31.2 pages/s, ETA 2 min"


def test_line_before_the_total_is_known() -> None:
    assert progress_line(1240, None, 31.2) == "progress: 1,240/? pages, 31.2 pages/s"


def test_line_of_a_live_crawl() -> None:
    assert progress_line(1240, None, 31.2, live=True, queue=312, exported=845, errors=12) == \
        "progress: 1,240 pages, 31.2 pages/s, queue 312, 845 articles exported, 12 errors"


def test_durations() -> None:
    assert [duration(s) for s in (42, 125, 3 * 3600 + 5 * 60)] == ["42 s", "2 min", "3 h 05 min"]


def test_rate_over_the_recent_window() -> None:
    rate = Rate()
    rate.update(0.0, 0)
    assert rate.update(10.0, 100) == 10.0
    rate.update(100.0, 200)  # the first sample leaves the 60 s window
    assert rate.update(110.0, 400) == (400 - 100) / (110 - 10)


def page_count() -> int:
    return sum(1 for path in find_pages(str(PAGES), lambda reason, path: None) if path)


def test_log_lines_when_stderr_is_no_terminal(tmp_path: Path) -> None:
    _, proc = run_crawl("saved", tmp_path / "out.jsonl", {"path": str(PAGES)}, FAST)
    total = page_count()
    assert f"progress: {total}/{total} pages (100.0 %)" in proc.stderr
    assert "\r" not in proc.stderr


def test_one_updating_line_on_a_terminal(tmp_path: Path) -> None:
    """stderr is a pseudo-terminal: a tqdm bar redrawn in place (carriage returns), no
    progress lines in the log, and the log itself still readable."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 120, 0, 0))
    cmd = scrapy_command("saved", tmp_path / "out.jsonl", {"path": str(PAGES)}, FAST)
    proc = subprocess.Popen(cmd, cwd=PROJECT_ROOT, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=slave,
                            env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)})
    os.close(slave)
    output = b""
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 1)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the terminal closed: the crawl is over
                    break
                if not chunk:
                    break
                output += chunk
            elif proc.poll() is not None:
                break
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
    text = output.decode("utf-8", "replace")
    assert proc.returncode == 0, text[-2000:]
    total = page_count()
    assert re.search(rf"\r[^\r\n]*{total}/{total}", text), text[-2000:]
    assert "progress:" not in text
    assert "Spider closed (finished)" in text


def test_live_crawl_line(tmp_path: Path) -> None:
    settings = {**FAST, "AUTOTHROTTLE_START_DELAY": "0", "DOWNLOAD_DELAY": "0",
                "DOWNLOAD_TIMEOUT": "2"}
    with FixtureSite() as site:
        items, proc = run_crawl("news", tmp_path / "out.jsonl", {"start_urls": site.base + "/"},
                                settings, timeout=120)
    lines = re.findall(r"progress: .*", proc.stderr)
    assert lines, "no progress line"
    assert re.fullmatch(rf"progress: \d+ pages, [\d.]+ pages/s, queue 0, {len(items)} articles "
                        r"exported, 1 errors", lines[-1])  # the 404
