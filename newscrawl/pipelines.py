"""Item pipelines: thin adapters between Scrapy and the pure extraction functions.

Order (see ITEM_PIPELINES): Page → ExtractPipeline → Article → RequireBodyPipeline →
AnalysePipeline (quotes, entities) → feed export.

The CPU work (decode, extract, classify, analyse) runs in a pool of worker processes
(NEWSCRAWL_WORKERS, default one per core), so the reactor only downloads, schedules and exports:
the pipelines send a page or an article to the pool, await the `Outcome` and apply it here,
where the stats and the log are. Items leave in the order their work finishes.
"""

from __future__ import annotations

import logging
import os
from typing import Any
from weakref import WeakKeyDictionary

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.conf import build_component_list
from scrapy.utils.misc import load_object

from newscrawl.drops import WARNING_PREFIX, Dropped, drop
from newscrawl.items import Article, Page
from newscrawl.summary import FAILED_PREFIX, SKIPPED_PREFIX
from newscrawl.workers.pool import InlinePool, WorkerError, WorkerLost, WorkerPool
from newscrawl.workers.tasks import Outcome, WorkConfig, analyse_article, extract_page, prepare

logger = logging.getLogger(__name__)

STATS_ROOT = "newscrawl/"
EXTRACT_PRIORITY, ANALYSE_PRIORITY = 1, 0
"""Articles already extracted are analysed first: they finish and free their memory sooner."""

_POOLS: WeakKeyDictionary[Crawler, WorkerPool | InlinePool] = WeakKeyDictionary()


def worker_count(crawler: Crawler) -> int:
    """NEWSCRAWL_WORKERS, or the cores this process may use."""
    value = crawler.settings.get("NEWSCRAWL_WORKERS")
    if value is None or str(value).strip() == "":
        return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") \
            else os.cpu_count() or 1
    return max(0, int(value))


def work_pool(crawler: Crawler) -> WorkerPool | InlinePool:
    """The crawl's one pool of workers, made on first use (started by the pipelines' open)."""
    pool = _POOLS.get(crawler)
    if pool is None:
        settings = crawler.settings
        config = WorkConfig(
            analyse=settings.getbool("NEWSCRAWL_ANALYSE", True),
            model=settings.get("NEWSCRAWL_SPACY_MODEL"),
            max_chars=settings.getint("NEWSCRAWL_ANALYSE_MAX_CHARS", 0) or None,
        )
        size = worker_count(crawler)
        timeout = settings.getfloat("NEWSCRAWL_PAGE_TIMEOUT", 60.0)
        def stopping() -> bool:
            return not crawler.crawling  # Crawler.stop(): Ctrl-C, SIGTERM

        pool = (WorkerPool(size, prepare, config, timeout, stopping) if size
                else InlinePool(prepare, config, stopping))
        _POOLS[crawler] = pool
    return pool


class EngineBrake:
    """Back-pressure from the worker pool to the downloads.

    Scrapy's scraper slot bounds the bytes of the pages being processed, not their number: with
    small pages thousands fit in it, each waiting for a worker with its response and item. When
    more pages wait than the workers will take soon, the engine sends no new request until the
    queue has halved.
    """

    def __init__(self, crawler: Crawler, pool: WorkerPool | InlinePool) -> None:
        self.crawler = crawler
        self.pool = pool
        self.high = 4 * worker_count(crawler) + 4
        self.holding = False

    def update(self) -> None:
        engine = self.crawler.engine
        if engine is None:
            return
        waiting = self.pool.waiting
        if not self.holding and waiting >= self.high and not engine.paused:
            self.holding = True
            engine.pause()
        elif self.holding and waiting <= self.high // 2:
            self.release()

    def release(self) -> None:
        engine = self.crawler.engine
        if not self.holding or engine is None:
            return
        self.holding = False
        engine.unpause()
        slot = getattr(engine, "_slot", None)  # send the next requests now, not at the heartbeat
        if slot is not None:
            slot.nextcall.schedule()


_BRAKES: WeakKeyDictionary[Crawler, EngineBrake] = WeakKeyDictionary()


def engine_brake(crawler: Crawler) -> EngineBrake:
    """The crawl's one brake, shared by every pipeline that hands work to the pool."""
    brake = _BRAKES.get(crawler)
    if brake is None:
        brake = _BRAKES[crawler] = EngineBrake(crawler, work_pool(crawler))
    return brake


class StatsPipeline:
    """Base of the pipelines: the crawler's stats and settings at hand."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.settings = crawler.settings

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StatsPipeline:
        return cls(crawler)


class WorkPipeline(StatsPipeline):
    """Base of the pipelines whose work runs in the pool: starts it when the crawl opens (the
    workers load their models then, not on the first page) and stops it when the crawl closes.
    """

    enabled = True

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.pool = work_pool(crawler)
        self.brake = engine_brake(crawler)
        self._said: set[str] = set()

    def open_spider(self) -> None:
        if self.enabled:
            self.pool.start()

    async def close_spider(self) -> None:
        self.brake.release()
        await self.pool.close()
        self.stats.set_value(STATS_ROOT + "workers_replaced", self.pool.replaced)

    async def work(self, url: str, priority: int, fn: Any, *args: Any) -> Any:
        """`fn(*args)` in the pool, its outcome applied: the item, or DropItem with a reason.

        A page whose worker died or overran NEWSCRAWL_PAGE_TIMEOUT is counted (failed/
        worker_crash) and logged with its URL; the crawl goes on.
        """
        self.brake.update()
        try:
            try:
                outcome = await self.pool.run(fn, *args, priority=priority)
            finally:
                self.brake.update()
        except WorkerLost as exc:
            if exc.reason == "shutdown":  # not an error: the page is fetched again next run
                self.stats.inc_value(SKIPPED_PREFIX + "shutdown")
                skipped = Dropped("shutdown", f"{url} not processed: the crawl stopped")
                skipped.log_level = "INFO"
                raise skipped from None
            kind = "worker_start" if exc.reason == "worker_start" else "worker_crash"
            self.stats.inc_value(FAILED_PREFIX + kind)
            logger.error("page lost, %s: %s (%s)", exc.reason, url, exc)
            raise Dropped(kind, url) from None
        except WorkerError as exc:
            self.stats.inc_value(FAILED_PREFIX + "worker_error")
            logger.error("processing failed for %s:\n%s", url, exc)
            raise Dropped("worker_error", url) from None
        return self.apply(outcome, url)

    def apply(self, outcome: Outcome, url: str) -> Any:
        """Count and log what the worker noticed; raise the drop it decided on."""
        for key in outcome.counts:
            self.stats.inc_value(STATS_ROOT + key)
        for warning in outcome.warnings:
            self.stats.inc_value(WARNING_PREFIX + warning)
            logger.warning("%s: %s", warning, url)
        for message in outcome.errors:
            logger.error("%s", message)
        for message in outcome.once:
            if message not in self._said:
                self._said.add(message)
                logger.error("%s", message)
        if outcome.drop_reason:
            exc = drop(self.stats, outcome.drop_reason, outcome.drop_detail)
            if outcome.expected_drop:
                exc.log_level = "INFO"
            raise exc
        return outcome.item


class StartWorkers:
    """Extension: start the worker pool as soon as the crawl's settings are final.

    Scrapy builds its engine (downloader handlers with their TLS imports, middlewares, the
    pipelines) after the extensions, and the pipelines open the pool last: started here, the
    workers load their models while that happens instead of after it, and the first page is
    processed about a second sooner. Not enabled when no item pipeline hands work to the pool.
    """

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StartWorkers:
        paths = build_component_list(crawler.settings.getwithbase("ITEM_PIPELINES"))
        if not any(isinstance(component, type) and issubclass(component, WorkPipeline)
                   for component in map(load_object, paths)):
            raise NotConfigured("no item pipeline uses the worker pool")
        work_pool(crawler).start()
        return cls()


class ExtractPipeline(WorkPipeline):
    """Decode a fetched `Page` and extract its article fields."""

    classify = False
    """Drop the page unless it is an article (the live crawl's ArticleOnlyPipeline)."""

    async def process_item(self, item: Any) -> Any:
        if not self.enabled or not isinstance(item, Page):
            return item
        return await self.work(item.request_url, EXTRACT_PRIORITY, extract_page, item,
                               self.classify)


class RequireBodyPipeline(StatsPipeline):
    """Drop articles without article text (login pages, bare section fronts, empty templates)."""

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        words = adapter.get("word_count") or 0
        if words < self.settings.getint("NEWSCRAWL_MIN_BODY_WORDS", 1):
            raise drop(
                self.stats, "empty_body", f"{adapter.get('request_url')} has no article text"
            )
        return item


class AnalysePipeline(WorkPipeline):
    """Add quotes and entities with spaCy (in the pool; each worker loads the model once).

    Articles in another language than the model's are exported without quotes and entities
    (counted); bodies longer than NEWSCRAWL_ANALYSE_MAX_CHARS are analysed up to there (counted).
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.enabled = self.settings.getbool("NEWSCRAWL_ANALYSE", True)

    async def process_item(self, item: Any) -> Any:
        if not self.enabled or not isinstance(item, Article):
            return item
        return await self.work(item.request_url, ANALYSE_PRIORITY, analyse_article, item)
