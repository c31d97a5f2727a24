"""Scrapy add-on: a `news` crawl that joined a shared crawl runs on the shared frontier.

Applied after the spider checked that Redis answers (newscrawl.distributed.join_error); does
nothing otherwise, so a crawl without REDIS_URL never loads redis.
"""

from __future__ import annotations

from scrapy.settings import BaseSettings

from newscrawl.distributed import is_shared

CLAIM_PRIORITY = 260
"""Right after DedupPipeline (250), before the costly analysis (300)."""


class SharedCrawlAddon:
    """Shared scheduler and duplicate filter (scrapy-redis), claims, and the worker's life."""

    def update_settings(self, settings: BaseSettings) -> None:
        if not is_shared(settings):
            return
        from newscrawl.distributed.extension import SharedCrawlExtension
        from newscrawl.distributed.pipelines import ClaimPipeline

        settings.set("SCHEDULER", "newscrawl.distributed.scheduler.SharedScheduler",
                     priority="addon")
        settings.set("SCHEDULER_PERSIST", True, priority="addon")
        settings.set_in_component_priority_dict("ITEM_PIPELINES", ClaimPipeline, CLAIM_PRIORITY)
        settings.set_in_component_priority_dict("EXTENSIONS", SharedCrawlExtension, 0)
