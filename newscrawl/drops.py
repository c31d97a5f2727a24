"""Dropping an item with a reason that ends up in the log and in the crawl stats."""

from __future__ import annotations

from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector

DROPPED_PREFIX = "newscrawl/dropped/"
WARNING_PREFIX = "newscrawl/warning/"


class Dropped(DropItem):
    """DropItem whose `reason` is a short key (e.g. 'empty_body') counted in the stats."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


def drop(stats: StatsCollector | None, reason: str, detail: str = "") -> Dropped:
    """Count `reason` under newscrawl/dropped/ and return the exception to raise."""
    if stats is not None:
        stats.inc_value(DROPPED_PREFIX + reason)
    return Dropped(reason, detail)
