"""The shared frontier: scrapy-redis' scheduler (priority queue + duplicate filter in Redis),
made reliable for workers that die.

scrapy-redis pops a request from the queue, so a worker killed while it held requests loses
them. Here a request taken from the queue moves, atomically, into the worker's in-flight hash;
it leaves it only when the engine is completely done with it (downloaded, parsed, its links
queued, its article through the pipelines), or goes back on the queue when the worker stops
early. A dead worker's in-flight requests are queued again by the worker that reaps it.

While Redis is unreachable, new requests wait in memory and are sent once it answers again;
a request whose links could not be sent stays in flight, so it is fetched again if the worker
has to give up.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.utils.misc import load_object
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler

from newscrawl.distributed.connection import text
from newscrawl.distributed.worker import SharedCrawl, shared_crawl
from newscrawl.urls import host_of

logger = logging.getLogger(__name__)

INFLIGHT = "newscrawl_inflight"
"""Request meta: the id of the request in this worker's in-flight hash."""
REQUEUE = "newscrawl_requeue"
"""Request meta: its work could not be recorded (Redis was away): queue it again when done."""


class SharedScheduler(Scheduler):
    """scrapy-redis Scheduler on this worker's shared crawl keys, with in-flight tracking."""

    shared: SharedCrawl
    unsent: list[Request]
    """Requests not yet in Redis (it was away when they came), oldest first."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedScheduler:
        shared = shared_crawl(crawler)
        dupefilter = RFPDupeFilter(shared.redis, key=shared.keys.dupefilter,
                                   debug=crawler.settings.getbool("DUPEFILTER_DEBUG"))
        scheduler = cls(server=shared.redis, persist=True, queue_key=shared.keys.queue,
                        queue_cls="scrapy_redis.queue.PriorityQueue", dupefilter=dupefilter)
        scheduler.shared = shared
        scheduler.stats = crawler.stats
        scheduler.unsent = []
        return scheduler

    def open(self, spider: Spider) -> None:
        self.spider = spider
        self.queue = load_object(self.queue_cls)(server=self.server, spider=spider,
                                                 key=self.queue_key, serializer=self.serializer)
        self.shared.register()
        queued = self.shared.guard.call(0, len, self.queue)
        if queued:
            logger.info("shared crawl %r: %d requests queued already", self.shared.name, queued)

    # --- queue ------------------------------------------------------------------------------
    def enqueue_request(self, request: Request) -> bool:
        self._send_unsent()
        if self.unsent:
            self.unsent.append(request)
            return True
        return self._send(request)

    def _send(self, request: Request) -> bool:
        """Filter and push one request; kept in `unsent` while Redis is away."""
        guard = self.shared.guard
        if not request.dont_filter:
            seen = guard.call(None, self.df.request_seen, request)
            if seen is None:  # its fingerprint may have been stored: send it unfiltered
                self.unsent.append(request.replace(dont_filter=True))
                return True
            if seen:
                self.df.log(request, self.spider)
                return False
        if not guard.call(False, self._push, request):
            if not request.dont_filter:  # its fingerprint is in: it must be pushed as is
                request = request.replace(dont_filter=True)
            self.unsent.append(request)
            return True
        self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def _push(self, request: Request) -> bool:
        self.queue.push(request)
        return True

    def _send_unsent(self) -> None:
        while self.unsent and self.shared.guard.up:
            request = self.unsent.pop(0)
            self._send(request)

    def next_request(self) -> Request | None:
        self._send_unsent()
        k = self.shared.keys
        popped = self.shared.guard.call(
            None, self.shared.pop, keys=[k.queue, k.inflight(self.shared.id), k.sequence,
                                         k.workers], args=[self.shared.id])
        if not popped:
            return None
        inflight, data = popped
        request = self.queue._decode_request(data)
        request.meta[INFLIGHT] = text(inflight)
        self.stats.inc_value("scheduler/dequeued/redis")
        learn_host(self.shared, self.spider, request.url)
        return request

    def has_pending_requests(self) -> bool:
        return bool(self.unsent) or self.shared.guard.call(0, len, self.queue) > 0

    def __len__(self) -> int:
        return len(self.unsent) + self.shared.guard.call(0, len, self.queue)

    # --- completion -------------------------------------------------------------------------
    def done(self, request: Request) -> None:
        """The engine is done with a request it took from here: drop it from in-flight, or
        queue it again when its work could not be recorded."""
        inflight = request.meta.get(INFLIGHT)
        if inflight is None:
            return
        self._send_unsent()
        if self.unsent:
            return  # its links may be among them: it stays in flight until they are sent
        k = self.shared.keys
        if request.meta.get(REQUEUE):
            self.shared.guard.call(None, self.shared.requeue_one,
                                   keys=[k.inflight(self.shared.id), k.queue], args=[inflight])
        else:
            self.shared.guard.call(None, self.shared.redis.hdel, k.inflight(self.shared.id),
                                   inflight)

    def close(self, reason: str) -> None:
        """A finished crawl holds nothing; one stopped early puts back what it held."""
        k = self.shared.keys
        key = k.inflight(self.shared.id)
        if reason == "finished":
            left = self.shared.guard.call(0, self.shared.redis.hlen, key)
            if left:
                logger.warning("%d in-flight requests left at the end of the crawl", left)
                self.shared.guard.call(None, self.shared.redis.delete, key)
            return
        requeued = self.shared.guard.call(0, self.shared.requeue_all, keys=[key, k.queue])
        if requeued:
            logger.info("%d requests this worker held were queued again (%s)", requeued, reason)
        if self.unsent:
            logger.error("%d discovered requests could not be sent to Redis; the pages they "
                         "came from stay in flight and are fetched again", len(self.unsent))


def learn_host(shared: SharedCrawl, spider: Any, url: str) -> None:
    """Treat the sites the crawl was seeded with as on-site, also when another worker seeded
    them (a worker that joined with no arguments knows no site of its own)."""
    hosts = getattr(spider, "hosts", None)
    if hosts is not None and host_of(url) not in hosts:
        refresh_hosts(shared, spider)


def refresh_hosts(shared: SharedCrawl, spider: Any) -> None:
    """The spider's sites (`hosts`, `allowed_domains`) joined with the crawl's, from Redis."""
    if not hasattr(spider, "hosts"):
        return
    known = shared.guard.call(set(), shared.redis.smembers, shared.keys.hosts)
    spider.hosts = frozenset(set(spider.hosts) | {text(h) for h in known})
    spider.allowed_domains = sorted(spider.hosts)
