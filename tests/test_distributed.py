"""Shared crawls: several `scrapy crawl news` processes on one real Redis server.

Real processes throughout: `scrapy crawl news` subprocesses, a real `redis-server` on a free
loopback port (tests/redis_server.py, no persistence), and a generated site of 60 articles on
127.0.0.1 that answers each request after a delay (tests/generated_site.py), so that workers
overlap and can be killed mid-crawl.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from scrapy.settings import Settings

from newscrawl.feeds import DefaultFeed
from tests.crawl import PROJECT_ROOT, scrapy_command
from tests.generated_site import GeneratedSite
from tests.redis_server import RedisServer, free_port

SHARED = {
    "NEWSCRAWL_ANALYSE": False,
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS": 2,  # with the site's delay, one worker alone takes ~10 s: the
    "MAX_IDLE_TIME_BEFORE_CLOSE": 2,  # other, started with it, is up long before the end
    "NEWSCRAWL_WORKER_TIMEOUT": 5,
    "NEWSCRAWL_REDIS_RETRY_SECONDS": 3,
}
TOTALS = re.compile(r"newscrawl crawl totals \((.*?)\): (.*)")


@dataclass
class Worker:
    """One `scrapy crawl news` process writing to `out`, its log in `log_path`."""

    proc: subprocess.Popen[bytes]
    out: Path
    log_path: Path

    def wait(self, timeout: float = 180) -> int:
        return self.proc.wait(timeout=timeout)

    @property
    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def lines(self) -> list[str]:
        return self.out.read_text(encoding="utf-8").splitlines() if self.out.exists() else []

    def urls(self) -> list[str]:
        return [json.loads(line)["url"] for line in self.lines()]

    @property
    def summary(self) -> str:
        found = re.search(r"newscrawl summary \(\w+\): (.*)", self.log)
        assert found, "no end-of-crawl summary in the log"
        return found.group(1)


def start_worker(tmp: Path, name: str, redis_url: str, args: dict[str, str] | None = None,
                 settings: dict[str, object] | None = None) -> Worker:
    out, log = tmp / f"{name}.jsonl", tmp / f"{name}.log"
    cmd = scrapy_command("news", out, args, {**SHARED, "REDIS_URL": redis_url, **(settings or {})})
    with log.open("wb") as handle:
        proc = subprocess.Popen(cmd, cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=handle,
                                env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)})
    return Worker(proc, out, log)


def wait_until(condition: object, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def worker_key(server: RedisServer, crawl: str, kind: str, worker: Worker) -> str | None:
    """The Redis key of `kind` (claims, inflight) of the worker process `worker`."""
    keys = server.client().keys(f"newscrawl:{crawl}:{kind}:*-{worker.proc.pid}-*")
    return keys[0] if keys else None


def _valid_feed(worker: Worker) -> list[str]:
    """The URLs of a feed file that must be valid JSON Lines (complete lines only)."""
    data = worker.out.read_bytes()
    assert not data or data.endswith(b"\n")
    return [json.loads(line)["url"] for line in data.decode().splitlines()]


@pytest.fixture(scope="module")
def site() -> Iterator[GeneratedSite]:
    with GeneratedSite(articles=60, delay=0.3) as served:
        yield served


@pytest.fixture(scope="module")
def redis_server() -> Iterator[RedisServer]:
    with RedisServer() as server:
        yield server


# --- two workers, then a second run --------------------------------------------------------
@pytest.fixture(scope="module")
def two_workers(tmp_path_factory: pytest.TempPathFactory, site: GeneratedSite,
                redis_server: RedisServer) -> tuple[Worker, Worker, Counter[str]]:
    """A seeds the crawl 'pair', B joins with no arguments; both run to the end."""
    tmp = tmp_path_factory.mktemp("pair")
    before = len(site.hits)
    a = start_worker(tmp, "a", redis_server.url, {"start_urls": site.base + "/", "crawl": "pair"})
    b = start_worker(tmp, "b", redis_server.url, {"crawl": "pair"})
    assert (a.wait(), b.wait()) == (0, 0), a.log[-3000:] + b.log[-3000:]
    return a, b, Counter(h.path for h in site.hits[before:])


def test_two_workers_export_every_article_once(two_workers: tuple[Worker, Worker, Counter[str]],
                                               site: GeneratedSite) -> None:
    a, b, _ = two_workers
    union = a.urls() + b.urls()
    assert sorted(union) == sorted(site.article_urls())
    assert a.urls() and b.urls(), f"a share each: a={len(a.urls())}, b={len(b.urls())}"


def test_two_workers_fetch_each_page_once(two_workers: tuple[Worker, Worker, Counter[str]],
                                          site: GeneratedSite) -> None:
    *_, hits = two_workers
    assert {hits[p] for p in site.article_paths} == {1}
    assert hits["/robots.txt"] == 2  # robots.txt is per worker


def test_each_worker_summarises_and_the_last_logs_the_totals(
        two_workers: tuple[Worker, Worker, Counter[str]]) -> None:
    a, b, _ = two_workers
    for worker in (a, b):
        assert f"articles exported: {len(worker.urls())};" in worker.summary
    totals = [m for w in (a, b) for m in TOTALS.findall(w.log)]
    assert len(totals) == 1, "exactly one worker, the last, logs the totals"
    (label, summary), = totals
    assert label == "pair, 2 workers, complete"
    assert "articles exported: 60;" in summary


def test_finished_crawl_leaves_state_not_frontier(
        two_workers: tuple[Worker, Worker, Counter[str]], redis_server: RedisServer) -> None:
    client = redis_server.client()
    keys = set(client.keys("newscrawl:pair:*"))
    assert not {k for k in keys if re.search(r":(inflight|claims|alive|reaping):", k)}
    assert not {"newscrawl:pair:requests", "newscrawl:pair:workers",
                "newscrawl:pair:running"} & keys
    assert set(client.hvals("newscrawl:pair:articles")) == {"exported"}
    assert client.hlen("newscrawl:pair:articles") == 60
    assert client.hget("newscrawl:pair:totals:last", "item_scraped_count") == "60"


def test_second_run_of_the_crawl_exports_nothing_new(
        two_workers: tuple[Worker, Worker, Counter[str]], tmp_path: Path,
        site: GeneratedSite, redis_server: RedisServer) -> None:
    again = start_worker(tmp_path, "again", redis_server.url,
                         {"start_urls": site.base + "/", "crawl": "pair"})
    assert again.wait() == 0, again.log[-3000:]
    assert again.urls() == []
    assert "articles exported: 0;" in again.summary
    assert "pages fetched: 0;" not in again.summary  # it did crawl: the start page is new


# --- a worker killed --------------------------------------------------------------------------
def test_worker_killed_mid_crawl_loses_nothing_and_exports_nothing_twice(
        tmp_path: Path, site: GeneratedSite, redis_server: RedisServer) -> None:
    a = start_worker(tmp_path, "a", redis_server.url, {"start_urls": site.base + "/",
                                                       "crawl": "killed"})
    b = start_worker(tmp_path, "b", redis_server.url, {"crawl": "killed"})
    client = redis_server.client()

    def a_is_busy() -> bool:
        """A has written articles to its file, holds more in its buffer and requests."""
        claims, inflight = (worker_key(redis_server, "killed", kind, a)
                            for kind in ("claims", "inflight"))
        return bool(a.out.exists() and a.out.stat().st_size and claims and inflight
                    and client.hlen(claims) and client.hlen(inflight))

    try:
        wait_until(a_is_busy)
    finally:
        a.proc.send_signal(signal.SIGKILL)
    assert a.wait() == -signal.SIGKILL
    c = start_worker(tmp_path, "c", redis_server.url, {"crawl": "killed"})
    assert (b.wait(), c.wait()) == (0, 0), b.log[-3000:] + c.log[-3000:]

    union = _valid_feed(a) + b.urls() + c.urls()  # a half-written last line of a's was cut
    assert sorted(union) == sorted(site.article_urls())
    assert a.urls(), "a had written articles when it was killed"
    (label, summary), = [m for w in (b, c) for m in TOTALS.findall(w.log)]
    assert label == "killed, 2 workers, complete"
    assert "articles exported: 60;" in summary, "what the dead worker wrote is counted"
    assert re.search(rf"worker \S+ \(host \S+, pid {a.proc.pid}\) died", b.log + c.log)


# --- Redis faults -----------------------------------------------------------------------------
def test_redis_unreachable_at_start_refuses_the_crawl(tmp_path: Path,
                                                     site: GeneratedSite) -> None:
    before = len(site.hits)
    url = f"redis://127.0.0.1:{free_port()}/0"
    worker = start_worker(tmp_path, "down", url, {"start_urls": site.base + "/"})
    assert worker.wait() == 1
    errors = [line for line in worker.log.splitlines() if " ERROR: " in line]
    assert len(errors) == 1, errors
    assert f"Redis at {url} is unreachable" in errors[0]
    assert len(site.hits) == before, "no request made"


def test_redis_stopped_mid_crawl_stops_the_worker_with_a_valid_feed(
        tmp_path: Path, site: GeneratedSite) -> None:
    with RedisServer() as server:
        worker = start_worker(tmp_path, "lost", server.url, {"start_urls": site.base + "/"})
        client = server.client()
        wait_until(lambda: client.hlen("newscrawl:news:articles") >= 5)
        server.stop()
        assert worker.wait() == 1, worker.log[-3000:]
    assert f"Redis at {server.url} lost" in worker.log
    assert "stopping this worker" in worker.log
    assert 0 < len(_valid_feed(worker)) < 60


def test_redis_back_after_a_worker_gave_up_resumes_exactly_once(
        tmp_path: Path, site: GeneratedSite) -> None:
    """Redis stops answering (SIGSTOP) until the worker gives up; once it answers again, a new
    worker finishes the crawl: nothing the first exported is lost or exported again."""
    quick = {"REDIS_PARAMS": json.dumps({"socket_timeout": 1, "socket_connect_timeout": 1})}
    with RedisServer() as server:
        first = start_worker(tmp_path, "first", server.url, {"start_urls": site.base + "/"},
                             quick)
        client = server.client()
        wait_until(lambda: client.hlen("newscrawl:news:articles") >= 10)
        server.pause()
        try:
            assert first.wait(timeout=120) == 1, first.log[-3000:]
        finally:
            server.resume()
        second = start_worker(tmp_path, "second", server.url, {"start_urls": site.base + "/"})
        assert second.wait() == 0, second.log[-3000:]
    exported = _valid_feed(first)
    assert exported
    assert sorted(exported + second.urls()) == sorted(site.article_urls())


def test_crawl_name_without_redis_is_refused(tmp_path: Path, site: GeneratedSite) -> None:
    out = tmp_path / "out.jsonl"
    cmd = scrapy_command("news", out, {"start_urls": site.base + "/", "crawl": "x"}, SHARED)
    proc = subprocess.run(cmd, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)})
    assert proc.returncode == 1
    assert "-a crawl=x: a shared crawl needs -s REDIS_URL=" in proc.stderr


def test_each_worker_has_its_own_default_feed() -> None:
    """Without -O/-o, a worker of a shared crawl writes exports/news-<host>-<pid>-<time>.jsonl."""
    settings = Settings({"NEWSCRAWL_DEFAULT_FEED": {"uri": "exports/%(name)s.jsonl"},
                         "NEWSCRAWL_CRAWL": "news"})
    DefaultFeed().update_settings(settings)
    (uri,) = settings.getdict("FEEDS")
    assert uri == f"exports/%(name)s-{socket.gethostname()}-{os.getpid()}-%(time)s.jsonl"


def test_a_crawl_without_redis_url_never_loads_redis(tmp_path: Path,
                                                     site: GeneratedSite) -> None:
    """Without -s REDIS_URL= nothing changes: the crawl exports as ever, redis is not imported."""
    urls, out = tmp_path / "urls.txt", tmp_path / "out.jsonl"
    urls.write_text(site.url(site.article_paths[0]) + "\n")
    code = ("import atexit, sys\n"
            "atexit.register(lambda: print('redis loaded:', 'redis' in sys.modules,"
            " file=sys.stderr))\n"
            "from scrapy.cmdline import execute\n"
            f"execute(['scrapy', 'crawl', 'news', '-a', 'urls_file={urls}', '-O', '{out}',"
            " '-s', 'NEWSCRAWL_ANALYSE=False'])\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True,
                          text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)})
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "redis loaded: False" in proc.stderr
    assert [json.loads(line)["url"] for line in out.read_text().splitlines()] == \
        [site.url(site.article_paths[0])]
