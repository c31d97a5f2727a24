"""How late the reactor runs a periodic tick: the proof that no CPU work blocks it.

A tick is scheduled every `TICK` seconds; the time it fires past that is the reactor's lag (a
page analysed in the reactor thread shows up as that page's analysis time). The largest lag of
the crawl is kept in the stats as newscrawl/reactor_lag_max_ms; a lag long enough to make
in-flight downloads time out is what the worker pool exists to prevent.
"""

from __future__ import annotations

import time

from scrapy import signals
from scrapy.crawler import Crawler
from twisted.internet import reactor
from twisted.internet.base import DelayedCall

LAG_STAT = "newscrawl/reactor_lag_max_ms"
TICK = 0.05


class ReactorLag:
    """Extension: measures the reactor's tick lag from spider_opened to spider_closed."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.max_lag = 0.0
        self._due = 0.0
        self._call: DelayedCall | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ReactorLag:
        return cls(crawler)

    def spider_opened(self) -> None:
        self._schedule()

    def _schedule(self) -> None:
        self._due = time.monotonic() + TICK
        self._call = reactor.callLater(TICK, self._tick)  # type: ignore[attr-defined]

    def _tick(self) -> None:
        self.max_lag = max(self.max_lag, time.monotonic() - self._due)
        self._schedule()

    def spider_closed(self) -> None:
        if self._call is not None and self._call.active():
            self._call.cancel()
        if self.crawler.stats:
            self.crawler.stats.set_value(LAG_STAT, round(self.max_lag * 1000))
