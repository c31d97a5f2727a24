"""The atomic steps of a shared crawl (newscrawl.distributed), on a real redis-server.

Each Lua script moves a request or a claim between keys in one step; these tests drive them
directly, as workers would, without a crawl: taking and returning requests, claiming articles,
settling a worker's claims against its output, and reaping a worker whose process is gone.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from scrapy.crawler import Crawler
from scrapy.utils.test import get_crawler

from newscrawl.distributed.worker import SharedCrawl
from tests.redis_server import RedisServer


@pytest.fixture(scope="module")
def server() -> Iterator[RedisServer]:
    with RedisServer() as started:
        yield started


@pytest.fixture
def crawler(server: RedisServer, request: pytest.FixtureRequest) -> Crawler:
    crawl = request.node.name.replace("[", "-").replace("]", "")[:60]
    return get_crawler(settings_dict={"REDIS_URL": server.url, "NEWSCRAWL_CRAWL": crawl})


def worker(crawler: Crawler, name: str) -> SharedCrawl:
    shared = SharedCrawl(crawler)
    shared.id = name
    shared.register()
    return shared


def test_a_request_taken_is_held_in_flight_until_put_back(crawler: Crawler) -> None:
    a = worker(crawler, "a")
    k, r = a.keys, a.redis
    r.zadd(k.queue, {b"later": 0, b"first": -10})
    inflight, data = a.pop(keys=[k.queue, k.inflight("a"), k.sequence, k.workers], args=["a"])
    assert data == b"first"  # highest priority first, as scrapy-redis' PriorityQueue
    assert r.zrange(k.queue, 0, -1) == [b"later"]
    assert r.hget(k.inflight("a"), inflight) == b"-10 first"
    assert a.requeue_all(keys=[k.inflight("a"), k.queue]) == 1
    assert r.zrange(k.queue, 0, -1, withscores=True) == [(b"first", -10.0), (b"later", 0.0)]
    assert not r.exists(k.inflight("a"))


def test_a_worker_no_longer_registered_takes_nothing(crawler: Crawler) -> None:
    a = worker(crawler, "a")
    k = a.keys
    a.redis.zadd(k.queue, {b"page": 0})
    a.redis.hdel(k.workers, "a")  # reaped by another worker
    assert a.pop(keys=[k.queue, k.inflight("a"), k.sequence, k.workers], args=["a"]) is None
    assert a.redis.zcard(k.queue) == 1


def test_an_article_is_claimed_by_one_worker_only(crawler: Crawler) -> None:
    a, b = worker(crawler, "a"), worker(crawler, "b")
    k = a.keys

    def claim(w: SharedCrawl) -> int:
        return w.claim_script(keys=[k.articles, k.claims(w.id), k.workers],
                              args=["https://n.example/x/", w.id])

    assert (claim(a), claim(b)) == (1, 0)
    b.release_script(keys=[k.articles, k.claims("b")], args=["https://n.example/x/", "b"])
    assert claim(b) == 0, "b cannot release a's claim"
    a.release_script(keys=[k.articles, k.claims("a")], args=["https://n.example/x/", "a"])
    assert claim(b) == 1


def test_settling_confirms_what_was_written_and_requeues_the_rest(crawler: Crawler) -> None:
    a = worker(crawler, "a")
    k, r = a.keys, a.redis
    for url in ("https://n.example/written/", "https://n.example/lost/"):
        a.claim_script(keys=[k.articles, k.claims("a"), k.workers], args=[url, "a"])
    r.hset(k.inflight("a"), "7", "0 lost-page-request")
    a.attach_script(keys=[k.inflight("a"), k.claims("a")], args=["7", "https://n.example/lost/"])
    confirmed, released = a.settle(keys=[k.articles, k.claims("a"), k.exported_count, k.queue],
                                   args=["a", "https://n.example/written/"])
    assert (confirmed, released) == (1, 1)
    assert r.hgetall(k.articles) == {b"https://n.example/written/": b"exported"}
    assert r.zrange(k.queue, 0, -1) == [b"lost-page-request"]
    assert not r.exists(k.inflight("a")) and not r.exists(k.claims("a"))


def test_a_dead_worker_is_reaped_against_its_output(crawler: Crawler, tmp_path: Path) -> None:
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    dead_pid = int(gone.stdout)
    out = tmp_path / "dead.jsonl"
    out.write_text(json.dumps({"url": "https://n.example/written/"}) + '\n{"url": "https://n.ex')
    reaper = worker(crawler, "reaper")
    k, r = reaper.keys, reaper.redis
    dead = f"{reaper.host}-{dead_pid}-1"
    r.hset(k.workers, dead, json.dumps({"host": reaper.host, "pid": dead_pid, "started": 1,
                                        "outputs": [str(out)]}))
    r.set(k.alive(dead), "1", ex=60)  # its heartbeat has not expired yet: the pid tells
    r.hset(k.inflight(dead), "1", "0 held-request")
    for url in ("https://n.example/written/", "https://n.example/buffered/"):
        r.hset(k.articles, url, f"claimed:{dead}")
        r.hset(k.claims(dead), url, "")
    report = reaper.reap()
    assert (report.runs, report.confirmed, report.forgotten, report.repaired_files) == (1, 1, 1, 1)
    assert out.read_text().endswith("}\n"), "the half-written line is cut"
    assert r.zrange(k.queue, 0, -1) == [b"held-request"]
    assert r.hgetall(k.articles) == {b"https://n.example/written/": b"exported"}
    assert not r.hexists(k.workers, dead)


def test_a_live_worker_is_not_reaped(crawler: Crawler) -> None:
    a, b = worker(crawler, "a"), worker(crawler, "b")
    a.redis.hset(a.keys.inflight("b"), "1", "0 held-request")
    assert a.reap().runs == 0
    assert a.redis.hlen(a.keys.inflight("b")) == 1
    b.stop_heartbeat()


def test_fingerprints_are_shared_only_for_articles_the_crawl_holds(crawler: Crawler) -> None:
    from newscrawl.distributed.state import RedisState

    a, b = worker(crawler, "a"), worker(crawler, "b")
    state_a, state_b = RedisState(a), RedisState(b)
    for url in ("https://n.example/one/", "https://n.example/two/"):
        assert state_a.claim(url)
    state_a.record_fingerprint("https://n.example/one/", "00ff00ff00ff00ff", b"\x01" * 128, None)
    state_a.record_fingerprint("https://n.example/two/", "00ff00ff00ff00fe", b"\x02" * 128,
                               "https://n.example/one/")
    state_a.release("https://n.example/two/")  # never written after all
    assert list(state_b.earlier_fingerprints()) == [
        ("https://n.example/one/", "00ff00ff00ff00ff", b"\x01" * 128, None)]
