"""End-of-crawl summary: how many inputs were exported, dropped (and why) or failed."""

from __future__ import annotations

import logging

from scrapy import signals
from scrapy.crawler import Crawler

from newscrawl.drops import DROPPED_PREFIX

logger = logging.getLogger(__name__)

FAILED_PREFIX = "newscrawl/failed/"
SKIPPED_PREFIX = "newscrawl/skipped/"


def _group(stats: dict, prefix: str) -> dict[str, int]:
    return {k.removeprefix(prefix): v for k, v in sorted(stats.items()) if k.startswith(prefix)}


def summarize(stats: dict) -> str:
    """One line: exported, dropped by reason, skipped by reason, failed by kind."""
    parts = [
        f"pages fetched: {stats.get('newscrawl/pages', 0)}",
        f"articles exported: {stats.get('item_scraped_count', 0)}",
    ]
    for label, prefix in (("dropped", DROPPED_PREFIX), ("skipped", SKIPPED_PREFIX),
                          ("failed", FAILED_PREFIX)):
        group = _group(stats, prefix)
        detail = ", ".join(f"{k}={v}" for k, v in group.items())
        parts.append(f"{label}: {sum(group.values())}" + (f" ({detail})" if detail else ""))
    return "; ".join(parts)


class CrawlSummary:
    """Logs `summarize()` when the spider closes."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlSummary:
        return cls(crawler)

    def spider_closed(self, spider: object, reason: str) -> None:
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        logger.info("newscrawl summary (%s): %s", reason, summarize(stats))
