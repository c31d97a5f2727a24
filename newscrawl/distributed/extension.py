"""The life of a worker in a shared crawl: when to take work, when to stop, the crawl's totals.

- The engine asks an idle scheduler for requests only every 5 s; a shared queue is filled by
  other processes, so this worker asks every NEWSCRAWL_SHARED_POLL seconds.
- It stops once the frontier (the queue and every worker's in-flight requests) has been empty
  for MAX_IDLE_TIME_BEFORE_CLOSE seconds; while it waits it reaps dead workers, whose requests
  may fill the frontier again.
- At the end it adds its crawl stats to the crawl's totals in Redis; the last worker to leave
  logs them, and when the crawl is complete it clears the frontier for the next run (the state
  of exported articles stays).
- When Redis stays away too long, or this worker was declared dead, `scrapy crawl` exits 1.
"""

from __future__ import annotations

import logging
import time

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured

from newscrawl.distributed import is_shared
from newscrawl.distributed.connection import text
from newscrawl.distributed.scheduler import SharedScheduler, refresh_hosts
from newscrawl.distributed.worker import STATS_PREFIX, shared_crawl
from newscrawl.feeds import local_feed_files
from newscrawl.summary import summarize

logger = logging.getLogger(__name__)

REAP_EVERY = 2.0
"""Seconds between two looks for dead workers while this one is idle."""


class SharedCrawlExtension:
    """See the module docstring."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.shared = shared_crawl(crawler)
        settings = crawler.settings
        self.max_idle = settings.getfloat("MAX_IDLE_TIME_BEFORE_CLOSE", 30)
        self.poll = settings.getfloat("NEWSCRAWL_SHARED_POLL", 0.5)
        self.idle_since: float | None = None
        self.last_reap = 0.0
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.engine_stopped, signal=signals.engine_stopped)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedCrawlExtension:
        if not is_shared(crawler.settings):
            raise NotConfigured
        return cls(crawler)

    # --- start ------------------------------------------------------------------------------
    def spider_opened(self, spider: Spider) -> None:
        engine = self.crawler.engine
        slot = getattr(engine, "_slot", None)
        scheduler = getattr(slot, "scheduler", None)
        if not isinstance(scheduler, SharedScheduler):
            return  # the crawl was refused before it began
        # Private engine parts, checked by the tests: the engine's idle poll interval, and the
        # moment it is done with a request (after its callback's output and items).
        engine._SLOT_HEARTBEAT_INTERVAL = self.poll  # type: ignore[union-attr]
        remove_request = slot.remove_request

        def done(request: Request) -> None:
            scheduler.done(request)
            remove_request(request)

        slot.remove_request = done
        from twisted.internet import reactor  # the one Scrapy installed

        # After every spider_opened handler, the feed exporter's included: its files exist.
        reactor.callLater(0, lambda: self.shared.set_outputs(local_feed_files(self.crawler)))
        hosts = sorted(getattr(spider, "hosts", ()))
        if hosts:
            self.shared.guard.call(None, self.shared.redis.sadd, self.shared.keys.hosts, *hosts)
        refresh_hosts(self.shared, spider)

    # --- idle -------------------------------------------------------------------------------
    def spider_idle(self, spider: Spider) -> None:
        if self.shared.failure:
            return  # closing: the crawl failed
        now = time.monotonic()
        if now - self.last_reap >= REAP_EVERY:
            self.last_reap = now
            self.shared.reap()
        frontier = self.shared.frontier()
        if frontier is None:  # Redis away: wait (the guard gives up after a while)
            raise DontCloseSpider
        if frontier:
            self.idle_since = None
            raise DontCloseSpider
        if self.idle_since is None:
            self.idle_since = now
            logger.info("shared frontier empty: stopping in %.0f s unless work comes",
                        self.max_idle)
        if now - self.idle_since < self.max_idle:
            raise DontCloseSpider

    # --- end --------------------------------------------------------------------------------
    def spider_closed(self, spider: Spider, reason: str) -> None:
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        counters = {k: v for k, v in stats.items()
                    if isinstance(v, int) and not isinstance(v, bool)}
        self.shared.guard.call(None, self._leave, reason, counters)

    def _leave(self, reason: str, counters: dict[str, int]) -> None:
        k = self.shared.keys
        self.shared.reap()
        pipe = self.shared.redis.pipeline()
        for key, value in counters.items():
            pipe.hincrby(k.totals, key, value)
        pipe.hincrby(k.totals, STATS_PREFIX + "workers", 1)
        pipe.srem(k.running, self.shared.id)
        pipe.scard(k.running)
        still_running = pipe.execute()[-1]
        if still_running:
            logger.info("shared crawl %r: %d other worker(s) still running; the last one logs "
                        "the totals", self.shared.name, still_running)
            return
        totals = {text(key): int(v) for key, v in
                  self.shared.redis.hgetall(k.totals).items()}
        complete = reason == "finished" and not self.shared.frontier()
        logger.info("newscrawl crawl totals (%s, %s workers, %s): %s", self.shared.name,
                    totals.get(STATS_PREFIX + "workers", 0),
                    "complete" if complete else "frontier left for a resumed crawl",
                    summarize(totals))
        if complete:
            pipe = self.shared.redis.pipeline()
            pipe.delete(k.queue, k.dupefilter, k.hosts)
            pipe.rename(k.totals, k.last_totals)
            pipe.execute()

    def engine_stopped(self) -> None:
        """`scrapy crawl` exits 1 when its crawler ends with no spider (as bad arguments do)."""
        if self.shared.failure:
            logger.error("shared crawl %r: this worker failed: %s", self.shared.name,
                         self.shared.failure)
            self.crawler.spider = None  # type: ignore[assignment]
