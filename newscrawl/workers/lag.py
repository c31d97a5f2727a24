"""How late the reactor runs a periodic tick, and how much of that it caused itself.

A tick is scheduled every `TICK` seconds. Two figures go into the stats at the end of the crawl:

- newscrawl/reactor_lag_max_ms: the longest a tick fired past its time (wall clock). On a busy
  machine this includes the time the operating system gave the CPU to other processes.
- newscrawl/reactor_busy_max_ms: the most CPU time the reactor thread spent between two ticks,
  i.e. the longest it was kept from its loop by its own work. A page extracted or analysed in
  the reactor thread shows up here whole; with the worker pool it stays at a few milliseconds.
  Unlike the lag, it does not grow with the machine's load.

Either kept long enough, in-flight downloads time out: what the worker pool exists to prevent.
"""

from __future__ import annotations

import time

from scrapy import signals
from scrapy.crawler import Crawler
from twisted.internet import reactor
from twisted.internet.base import DelayedCall

LAG_STAT = "newscrawl/reactor_lag_max_ms"
BUSY_STAT = "newscrawl/reactor_busy_max_ms"
TICK = 0.05


class ReactorLag:
    """Extension: measures the reactor's tick lag from spider_opened to spider_closed."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.max_lag = 0.0
        self.max_busy = 0.0
        self._due = 0.0
        self._cpu = 0.0
        self._call: DelayedCall | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ReactorLag:
        return cls(crawler)

    def spider_opened(self) -> None:
        self._cpu = time.thread_time()
        self._schedule()

    def _schedule(self) -> None:
        self._due = time.monotonic() + TICK
        self._call = reactor.callLater(TICK, self._tick)  # type: ignore[attr-defined]

    def _tick(self) -> None:
        cpu = time.thread_time()  # the reactor thread's own CPU time
        self.max_lag = max(self.max_lag, time.monotonic() - self._due)
        self.max_busy = max(self.max_busy, cpu - self._cpu)
        self._cpu = cpu
        self._schedule()

    def spider_closed(self) -> None:
        if self._call is not None and self._call.active():
            self._call.cancel()
        if self.crawler.stats:
            self.crawler.stats.set_value(LAG_STAT, round(self.max_lag * 1000))
            self.crawler.stats.set_value(BUSY_STAT, round(self.max_busy * 1000))
