"""This worker of a shared crawl: its identity and heartbeat in Redis, and the reaping of
workers that died without finishing (SIGKILL, a lost machine).

A worker is dead when its heartbeat key has expired (NEWSCRAWL_WORKER_TIMEOUT), or, on the same
host, as soon as its process is gone. Its in-flight requests go back on the queue; its claimed
articles are settled against its output files: those found there are confirmed, the others are
released and their requests queued again. Output files live on the dead worker's machine, so
claims are settled only by a worker that can read them (same host, or a shared file system);
until one can, they stay claimed and no one exports them twice.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from scrapy.crawler import Crawler
from scrapy.utils.defer import deferred_from_coro

from newscrawl.distributed import CRAWL_SETTING, scripts
from newscrawl.distributed.connection import REDIS_ERRORS, RedisGuard, client, text
from newscrawl.distributed.keys import CrawlKeys
from newscrawl.state import Recovery, written_urls

logger = logging.getLogger(__name__)

STATS_PREFIX = "newscrawl/distributed/"

_SHARED: WeakKeyDictionary[Crawler, SharedCrawl] = WeakKeyDictionary()


def shared_crawl(crawler: Crawler) -> SharedCrawl:
    """The crawler's one SharedCrawl (scheduler, state, pipeline and extension share it)."""
    shared = _SHARED.get(crawler)
    if shared is None:
        shared = _SHARED[crawler] = SharedCrawl(crawler)
    return shared


def pid_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class SharedCrawl:
    """One worker's view of the shared crawl: keys, clients, scripts, liveness."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.name: str = settings.get(CRAWL_SETTING)
        self.keys = CrawlKeys(self.name)
        self.url = str(settings.get("REDIS_URL"))
        self.redis = client(settings)
        self._beat_redis = client(settings)  # the heartbeat thread's own connection
        self.guard = RedisGuard(self.url, settings.getfloat("NEWSCRAWL_REDIS_RETRY_SECONDS", 30),
                                self._stop_worker)
        self.timeout = settings.getfloat("NEWSCRAWL_WORKER_TIMEOUT", 60)
        self.host = socket.gethostname()
        self.pid = os.getpid()
        self.started = time.time()
        self.id = f"{self.host}-{self.pid}-{int(self.started)}"
        self.run_id: int | None = None
        self.outputs: list[str] = []
        self.failure: str | None = None
        """Why this worker stopped with an error (Redis lost, declared dead): exit status 1."""
        self._stop_beat = threading.Event()
        self._beat: threading.Thread | None = None
        self._unsettled_warned: set[str] = set()
        r = self.redis
        self.pop = r.register_script(scripts.POP)
        self.requeue_one = r.register_script(scripts.REQUEUE_ONE)
        self.requeue_all = r.register_script(scripts.REQUEUE_ALL)
        self.claim_script = r.register_script(scripts.CLAIM)
        self.release_script = r.register_script(scripts.RELEASE)
        self.attach_script = r.register_script(scripts.ATTACH)
        self.settle = r.register_script(scripts.SETTLE)
        self.is_exported_script = r.register_script(scripts.IS_EXPORTED)
        self.frontier_script = r.register_script(scripts.FRONTIER)

    # --- failure ----------------------------------------------------------------------------
    def _stop_worker(self, reason: str) -> None:
        """Close the crawl (feeds are closed, so they stay valid) and exit with status 1."""
        self.failure = self.failure or reason
        self.crawler.stats.inc_value(STATS_PREFIX + "stopped_on_error")
        engine = self.crawler.engine
        if engine is not None and engine.spider is not None:
            deferred_from_coro(engine.close_spider_async(reason="shared_crawl_error"))

    # --- this worker ------------------------------------------------------------------------
    def _record(self) -> str:
        return json.dumps({"host": self.host, "pid": self.pid, "started": self.started,
                           "outputs": self.outputs})

    def register(self) -> int:
        """Announce this worker (idempotent) and start its heartbeat."""
        if self.run_id is not None:
            return self.run_id
        k = self.keys
        pipe = self.redis.pipeline()
        pipe.incr(k.sequence)
        pipe.hset(k.workers, self.id, self._record())
        pipe.sadd(k.running, self.id)
        pipe.set(k.alive(self.id), "1", ex=max(1, round(self.timeout)))
        # Unregistered (Redis gone right after it answered), the heartbeat stops the worker.
        self.run_id = int(self.guard.call([0], pipe.execute)[0])
        self._beat = threading.Thread(target=self._heartbeat, name="newscrawl-heartbeat",
                                      daemon=True)
        self._beat.start()
        logger.info("shared crawl %r on %s: worker %s joined", self.name, self.url, self.id)
        return self.run_id

    def set_outputs(self, paths: Iterable[str]) -> None:
        outputs = sorted({str(p) for p in paths})
        if outputs != self.outputs:
            self.outputs = outputs
            self.guard.call(None, self.redis.hset, self.keys.workers, self.id, self._record())

    def _heartbeat(self) -> None:
        """Thread: keeps this worker's key alive even while the reactor thread is busy."""
        key, interval = self.keys.alive(self.id), max(0.2, self.timeout / 4)
        ttl = max(1, round(self.timeout))
        while not self._stop_beat.wait(interval):
            try:
                if not self._beat_redis.hexists(self.keys.workers, self.id):
                    if self.run_id is not None and not self._stop_beat.is_set():
                        self.failure = ("declared dead by another worker (no heartbeat for "
                                        f"{self.timeout:.0f} s): its work was handed out again")
                        logger.error("worker %s %s", self.id, self.failure)
                        self._call_in_reactor()
                    return
                self._beat_redis.set(key, "1", ex=ttl)
            except REDIS_ERRORS:
                continue  # the reactor thread's guard reports and bounds the outage

    def _call_in_reactor(self) -> None:
        from twisted.internet import reactor

        reactor.callFromThread(self._stop_worker, self.failure or "declared dead")

    def stop_heartbeat(self) -> None:
        self._stop_beat.set()

    def leave(self) -> None:
        """This worker is done: no heartbeat, no record (its claims were settled)."""
        self.stop_heartbeat()
        k = self.keys
        pipe = self.redis.pipeline()
        pipe.hdel(k.workers, self.id)
        pipe.srem(k.running, self.id)
        pipe.delete(k.alive(self.id), k.inflight(self.id))
        self.guard.call(None, pipe.execute)

    # --- other workers ----------------------------------------------------------------------
    def _workers(self) -> dict[str, str]:
        records = self.guard.call({}, self.redis.hgetall, self.keys.workers)
        return {text(w): text(raw) for w, raw in records.items()}

    def _dead(self, worker: str, raw: str) -> bool:
        info = json.loads(raw)
        if info.get("host") == self.host and not pid_running(int(info.get("pid", 0))):
            return True
        return not self.redis.exists(self.keys.alive(worker))

    def reap(self, overwritten: Iterable[str] = ()) -> Recovery:
        """Hand out again what dead workers held; settle their claims against their outputs.

        `overwritten`: files this worker's feeds will overwrite; what a dead worker wrote only
        there is released (it would be lost with the file)."""
        report = Recovery()
        doomed = {str(Path(p).resolve()) for p in overwritten}
        for worker, raw in self._workers().items():
            if worker == self.id or not self.guard.call(False, self._dead, worker, raw):
                continue
            if not self.guard.call(False, self.redis.set, self.keys.reaping(worker), self.id,
                                   nx=True, ex=120):
                continue  # another worker is reaping it
            self.guard.call(None, self._reap_one, worker, json.loads(raw), doomed, report)
        return report

    def _reap_one(self, worker: str, info: dict[str, Any], doomed: set[str],
                  report: Recovery) -> None:
        k = self.keys
        requeued = int(self.requeue_all(keys=[k.inflight(worker), k.queue]))
        self.crawler.stats.inc_value(STATS_PREFIX + "requeued_from_dead", requeued)
        written = self._written(info, doomed, report)
        if written is None:
            self.redis.srem(k.running, worker)
            self.redis.delete(k.reaping(worker))
            if worker not in self._unsettled_warned:
                self._unsettled_warned.add(worker)
                logger.warning(
                    "worker %s died on host %s: %d requests queued again; its output files "
                    "are not readable here, so its claimed articles stay claimed until a "
                    "worker on %s settles them", worker, info.get("host"), requeued,
                    info.get("host"))
            return
        claimed = [text(url) for url in self.redis.hkeys(k.claims(worker))]
        found = [url for url in claimed if url in written]
        confirmed, released = self.settle(keys=[k.articles, k.claims(worker), k.exported_count,
                                                k.queue], args=[worker, *found])
        pipe = self.redis.pipeline()
        # What it wrote counts in the crawl's totals (it never added its own stats).
        pipe.hincrby(k.totals, "item_scraped_count", int(confirmed))
        pipe.hdel(k.workers, worker)
        pipe.srem(k.running, worker)
        pipe.delete(k.alive(worker), k.reaping(worker))
        pipe.execute()
        report.runs += 1
        report.confirmed += int(confirmed)
        report.forgotten += int(released)
        self.crawler.stats.inc_value(STATS_PREFIX + "reaped_workers")
        logger.warning(
            "worker %s (host %s, pid %s) died: %d requests it held queued again; of its "
            "unconfirmed articles %d are in its output and %d are released to be exported "
            "again", worker, info.get("host"), info.get("pid"), requeued, confirmed, released)

    def _written(self, info: dict[str, Any], doomed: set[str],
                 report: Recovery) -> set[str] | None:
        """Canonical URLs in a dead worker's output files; None when they cannot be read."""
        outputs = [Path(p) for p in info.get("outputs", [])]
        if info.get("host") != self.host and not all(p.exists() for p in outputs):
            return None
        return written_urls(outputs, doomed, report)

    def frontier(self) -> int | None:
        """Requests queued or in flight at another registered worker; None when Redis is away."""
        k = self.keys
        return self.guard.call(None, self.frontier_script, keys=[k.queue, k.workers],
                               args=[k.inflight(""), self.id])
