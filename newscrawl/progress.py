"""Progress of a running crawl: how far it is, how fast it goes, when it will end.

Every NEWSCRAWL_PROGRESS_INTERVAL seconds the log gets one line:

    progress: 1,240/5,000 pages (24.8 %), 31.2 pages/s, ETA 2 min        (saved: a known total)
    progress: 1,240 pages, 31.2 pages/s, queue 312, 845 articles exported, 12 errors   (news)

The total is the `newscrawl/inputs_total` stat, which a spider sets once it has counted its
inputs (`?` until then). On a terminal the log lines give way to one updating progress bar
(tqdm); when stderr is not a terminal (a file, a pipe, CI), only log lines.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import time
from collections import deque
from collections.abc import Mapping
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from newscrawl.summary import FAILED_PREFIX

logger = logging.getLogger(__name__)

INPUTS_TOTAL = "newscrawl/inputs_total"
"""Stat a spider sets to the number of inputs it will read, once it knows it."""
RATE_WINDOW = 60.0
"""Seconds of recent progress the speed (and so the ETA) is measured over."""
TERMINAL_REFRESH = 1.0
"""Seconds between updates of the terminal's progress bar."""


def duration(seconds: float) -> str:
    """A rough human duration: '40 s', '2 min', '1 h 05 min'."""
    if seconds < 60:
        return f"{seconds:.0f} s"
    if seconds < 3600:
        return f"{seconds / 60:.0f} min"
    hours, minutes = divmod(round(seconds / 60), 60)
    return f"{hours} h {minutes:02d} min"


def errors_of(stats: Mapping[str, Any]) -> int:
    """Requests and pages that failed so far (newscrawl/failed/*)."""
    return sum(v for k, v in stats.items() if k.startswith(FAILED_PREFIX) and isinstance(v, int))


def progress_line(done: int, total: int | None, rate: float, live: bool = False,
                  queue: int = 0, exported: int = 0, errors: int = 0) -> str:
    """The log line. `total` None: not (yet) known. `live`: a crawl that discovers its pages
    as it goes (no total): queue, articles exported and errors instead of a percentage."""
    if live:
        return (f"progress: {done:,} pages, {rate:.1f} pages/s, queue {queue:,}, "
                f"{exported:,} articles exported, {errors:,} errors")
    if total is None:
        return f"progress: {done:,}/? pages, {rate:.1f} pages/s"
    share = 100 * done / total if total else 100.0
    eta = duration((total - done) / rate) if rate > 0 and done < total else "-"
    return f"progress: {done:,}/{total:,} pages ({share:.1f} %), {rate:.1f} pages/s, ETA {eta}"


class Rate:
    """Pages per second over the last RATE_WINDOW seconds."""

    def __init__(self) -> None:
        self.samples: deque[tuple[float, int]] = deque()

    def update(self, now: float, done: int) -> float:
        self.samples.append((now, done))
        while len(self.samples) > 2 and now - self.samples[1][0] >= RATE_WINDOW:
            self.samples.popleft()
        first_time, first_done = self.samples[0]
        return (done - first_done) / (now - first_time) if now > first_time else 0.0


class AboveBar(logging.Handler):
    """Stands in for the console log handler while the bar is shown: same level, filters and
    format, but each line is printed above the bar (tqdm.write) instead of through it."""

    def __init__(self, console: logging.StreamHandler) -> None:
        super().__init__(console.level)
        self.console = console
        self.setFormatter(console.formatter)
        self.filters = list(console.filters)

    def emit(self, record: logging.LogRecord) -> None:
        from tqdm import tqdm

        try:
            tqdm.write(self.format(record), file=self.console.stream)
        except Exception:
            self.handleError(record)


class Progress:
    """Extension: progress lines (or a terminal progress bar) while the crawl runs."""

    def __init__(self, crawler: Crawler, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.live = crawler.settings.getbool("NEWSCRAWL_LIVE", False)
        self.rate = Rate()
        self.loop: task.LoopingCall | None = None
        self.bar: Any = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        interval = crawler.settings.getfloat("NEWSCRAWL_PROGRESS_INTERVAL", 10.0)
        if interval <= 0:
            raise NotConfigured("NEWSCRAWL_PROGRESS_INTERVAL is 0")
        return cls(crawler, interval)

    # --- numbers -----------------------------------------------------------------------------
    def _stats(self) -> Mapping[str, Any]:
        return self.crawler.stats.get_stats() if self.crawler.stats else {}

    def _queue(self) -> int:
        engine = self.crawler.engine
        scheduler = getattr(engine, "scheduler", None)
        queued = len(scheduler) if scheduler is not None and hasattr(scheduler, "__len__") else 0
        downloader = getattr(engine, "downloader", None)
        return queued + len(getattr(downloader, "active", ()))

    def snapshot(self) -> tuple[int, int | None, float, Mapping[str, Any]]:
        """(pages done, total or None, pages/s, stats) now. A page is done when its response
        arrived or its request failed for good."""
        stats = self._stats()
        done = int(stats.get("response_received_count", 0))
        if not self.live:
            done += errors_of(stats)
        total = stats.get(INPUTS_TOTAL)
        return done, total, self.rate.update(time.monotonic(), done), stats

    def line(self) -> str:
        done, total, rate, stats = self.snapshot()
        return progress_line(done, total, rate, live=self.live, queue=self._queue(),
                             exported=int(stats.get("item_scraped_count", 0)),
                             errors=errors_of(stats))

    # --- output ------------------------------------------------------------------------------
    def spider_opened(self, spider: Any) -> None:
        self.rate.update(time.monotonic(), 0)
        every = self.interval
        if sys.stderr.isatty():
            self._open_bar()
            every = min(self.interval, TERMINAL_REFRESH)
        self.loop = task.LoopingCall(self.tick)
        self.loop.start(every, now=False)

    def _open_bar(self) -> None:
        from tqdm import tqdm

        # A terminal that reports no size (some pseudo-terminals) gets 80 columns.
        width = shutil.get_terminal_size().columns
        self.bar = tqdm(total=None, unit="page", file=sys.stderr, ncols=width,
                        dynamic_ncols=os.get_terminal_size(sys.stderr.fileno()).columns > 0,
                        bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}] "
                                   "{postfix}")
        # Log lines are printed above the bar instead of breaking it.
        root = logging.getLogger()
        for handler in list(root.handlers):
            if isinstance(handler, logging.StreamHandler) and handler.stream is sys.stderr:
                root.removeHandler(handler)
                root.addHandler(AboveBar(handler))

    def tick(self) -> None:
        if self.bar is None:
            logger.info(self.line())
            return
        done, total, rate, stats = self.snapshot()
        self.bar.total = total
        self.bar.n = done
        postfix = f"{rate:.1f} pages/s"
        if self.live:
            postfix += (f", queue {self._queue():,}, {stats.get('item_scraped_count', 0):,} "
                        f"exported, {errors_of(stats):,} errors")
        self.bar.set_postfix_str(postfix, refresh=False)
        self.bar.refresh()

    def spider_closed(self, spider: Any) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        if self.bar is not None:
            self.tick()
            self.bar.close()
            self.bar = None
            root = logging.getLogger()
            for handler in list(root.handlers):
                if isinstance(handler, AboveBar):
                    root.removeHandler(handler)
                    root.addHandler(handler.console)
        else:
            logger.info(self.line())
