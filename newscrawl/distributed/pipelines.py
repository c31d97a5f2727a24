"""Claim each article in Redis before it is exported, so two workers never export it both."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import Response

from newscrawl.distributed.scheduler import INFLIGHT, REQUEUE
from newscrawl.distributed.state import RedisState
from newscrawl.distributed.worker import shared_crawl
from newscrawl.drops import Dropped, drop
from newscrawl.items import Article
from newscrawl.pipelines import StatsPipeline


def _quiet(exc: Dropped) -> Dropped:
    """An article another worker exports is expected: logged at INFO, not as a warning."""
    exc.log_level = "INFO"
    return exc


class ClaimPipeline(StatsPipeline):
    """After DedupPipeline (this worker's duplicates and the state's exported articles):
    the atomic claim settles the race between workers that fetched the same article.

    A claimed article that does not reach the exporter (dropped or failed later) is released;
    one that does has its request kept with the claim until the feed file is closed.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.state = RedisState(shared_crawl(crawler))
        """Claims only: the crawl's state proper (recovery, runs) is DedupPipeline's."""
        self.claimed: dict[int, str] = {}
        """id(item) → canonical URL of the articles this worker claimed, until their outcome."""
        self.unrecorded: set[int] = set()
        """id(item) of the articles dropped because Redis could not record a claim."""
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(self.item_dropped, signal=signals.item_error)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        url = ItemAdapter(item)["url"]
        won = self.state.claim(url)
        if won is None:
            self.unrecorded.add(id(item))
            raise drop(self.stats, "redis_unavailable", f"{url}: it is fetched again later")
        if not won:
            raise _quiet(drop(self.stats, "already_exported", f"{url} (by another worker)"))
        self.claimed[id(item)] = url
        return item

    def item_scraped(self, item: Any, response: Response | None) -> None:
        url = self.claimed.pop(id(item), None)
        inflight = response.request.meta.get(INFLIGHT) if response is not None else None
        if url is not None and inflight is not None:
            self.state.attach(url, inflight)

    def item_dropped(self, item: Any, response: Response | None) -> None:
        url = self.claimed.pop(id(item), None)
        if url is not None:
            self.state.release(url)
        if id(item) in self.unrecorded:
            self.unrecorded.discard(id(item))
            if response is not None:  # its request goes back on the queue when done
                response.meta[REQUEUE] = True
