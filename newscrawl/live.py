"""Item pipelines of the live crawl (`news` spider): only articles, not too old, each once.

They act only when NEWSCRAWL_LIVE is on (the `news` spider turns it on), so the offline `saved`
spider keeps exporting every page with text. Order (see ITEM_PIPELINES):

    Page → ArticleOnlyPipeline (extract + classify in a worker; non-articles dropped)
         → ExtractPipeline (passes Articles through) → RequireBodyPipeline
         → SincePipeline → DedupPipeline (canonical URL, this run and the state file)
         → AnalysePipeline → feed export; the state records what reached the exporter.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname
from weakref import WeakKeyDictionary

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.extensions.feedexport import FeedExporter
from scrapy.logformatter import LogFormatter, LogFormatterResult
from scrapy.settings import BaseSettings

from newscrawl.discovery.dates import Stamp, is_older, parse_since
from newscrawl.distributed import is_shared, shared_state
from newscrawl.drops import Dropped, drop
from newscrawl.feeds import local_feed_files
from newscrawl.items import Article, Page
from newscrawl.pipelines import ExtractPipeline, StatsPipeline
from newscrawl.state import EXPORTED, CrawlState
from newscrawl.urls import canonical_url

logger = logging.getLogger(__name__)

STATE_PREFIX = "newscrawl/state/"

_STATES: WeakKeyDictionary[Crawler, CrawlState] = WeakKeyDictionary()


def is_live(settings: BaseSettings) -> bool:
    """True when the live-crawl pipelines should act (the `news` spider sets NEWSCRAWL_LIVE)."""
    return settings.getbool("NEWSCRAWL_LIVE", False)


def articles_only(settings: BaseSettings) -> bool:
    """True when only article pages are exported (NEWSCRAWL_ARTICLES_ONLY; unset: live crawls)."""
    value = settings.get("NEWSCRAWL_ARTICLES_ONLY")
    return is_live(settings) if value is None else settings.getbool("NEWSCRAWL_ARTICLES_ONLY")


def since_of(settings: BaseSettings) -> Stamp | None:
    """The NEWSCRAWL_SINCE cut-off (the spider's `-a since=`), parsed; None when unset."""
    value = settings.get("NEWSCRAWL_SINCE")
    return parse_since(str(value)) if value else None


def overwritten_outputs(crawler: Crawler) -> list[str]:
    """Local files the configured feeds (FEEDS, -O) will overwrite when this crawl exports."""
    name = getattr(crawler.spider, "name", "") or ""
    paths = []
    for uri, options in crawler.settings.getdict("FEEDS").items():
        uri = str(uri)
        if not (options or {}).get("overwrite", False):
            continue
        if uri.startswith("file://"):
            uri = url2pathname(urlsplit(uri).path)
        elif "://" in uri:
            continue  # remote storage: not a local file
        uri = uri.replace("%(name)s", name)
        if "%(" not in uri:  # other placeholders (time, batch) make a new file each run
            paths.append(str(Path(uri).expanduser().resolve()))
    return paths


def crawl_state(crawler: Crawler) -> CrawlState | None:
    """The crawl's state file (NEWSCRAWL_STATE), opened, recovered and started once per crawl;
    in a shared crawl, the state in Redis (newscrawl.distributed.state, same methods)."""
    path = crawler.settings.get("NEWSCRAWL_STATE")
    shared = is_shared(crawler.settings)
    if not (path or shared):
        return None
    state = _STATES.get(crawler)
    if state is None:
        state = shared_state(crawler) if shared else CrawlState(path)
        report = state.recover(overwritten=overwritten_outputs(crawler))
        if report.runs:
            logger.warning(
                "state %s: %d unfinished run(s) recovered: %d articles confirmed in their output, "
                "%d not written and to be exported again, %d output file(s) repaired",
                state.path, report.runs, report.confirmed, report.forgotten, report.repaired_files,
            )
            if crawler.stats:
                crawler.stats.set_value(STATE_PREFIX + "recovered_confirmed", report.confirmed)
                crawler.stats.set_value(STATE_PREFIX + "recovered_forgotten", report.forgotten)
        state.begin_run()
        logger.info("state %s: run %s; %d articles exported by earlier runs", state.path,
                    state.run_id, state.count(EXPORTED))
        _STATES[crawler] = state
    return state


class PageLogFormatter(LogFormatter):
    """Drops of raw `Page` items are logged with their reason only, not the page bytes.

    A live crawl drops every section front, tag and author page; the default message would
    print each page's whole HTML into the log.
    """

    def dropped(self, item: Any, exception: BaseException, response: Any,
                spider: Any) -> LogFormatterResult:
        entry = super().dropped(item, exception, response, spider)
        if isinstance(item, Page):
            entry["msg"] = "Dropped: %(exception)s"
        return entry


def _quiet(exc: Dropped) -> Dropped:
    """Expected drops (non-articles, duplicates) are logged at INFO, not as warnings."""
    exc.log_level = "INFO"
    return exc


class ArticleOnlyPipeline(ExtractPipeline):
    """Extract a fetched page and drop it unless it is an article (counted by page kind); both
    run in the worker pool, on one parse of the page."""

    classify = True

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.enabled = articles_only(self.settings)


class SincePipeline(StatsPipeline):
    """Drop articles whose publication date is known and older than `-a since=`."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.since = since_of(self.settings) if is_live(self.settings) else None

    def process_item(self, item: Any) -> Any:
        if self.since is None or not isinstance(item, Article):
            return item
        adapter = ItemAdapter(item)
        if is_older(adapter.get("date_published"), self.since):
            raise _quiet(drop(self.stats, "older_than_since",
                              f"{adapter['url']} published {adapter['date_published']}"))
        return item


class DedupPipeline(StatsPipeline):
    """One export per canonical URL: in this run, and across runs through the state file.

    What reaches the exporter is recorded in the state (status 'scraped'); it is confirmed when
    the feed exporter has closed its files, or by the next run's recovery after a kill.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.enabled = articles_only(self.settings)
        self.seen: set[str] = set()
        self.state = crawl_state(crawler) if self.enabled else None
        if self.state is not None:
            crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
            crawler.signals.connect(self.feed_exporter_closed, signal=signals.feed_exporter_closed)
            crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        self._finished = False

    def process_item(self, item: Any) -> Any:
        if not self.enabled or not isinstance(item, Article):
            return item
        adapter = ItemAdapter(item)
        key = canonical_url(adapter["url"])
        if key in self.seen:
            detail = f"{adapter['url']} (fetched as {adapter['request_url']})"
            raise _quiet(drop(self.stats, "duplicate", detail))
        if self.state is not None and self.state.is_exported(key):
            raise _quiet(drop(self.stats, "already_exported", f"{adapter['url']} (earlier run)"))
        self.seen.add(key)
        return item

    # --- state recording ---------------------------------------------------------------------
    def item_scraped(self, item: Any) -> None:
        """Runs after the feed exporter's own handler: the item is in its (buffered) file."""
        if self.state is None or not isinstance(item, Article):
            return
        adapter = ItemAdapter(item)
        self.state.set_outputs(local_feed_files(self.crawler))
        self.state.record_scraped(adapter["url"], adapter.get("request_url"),
                                  adapter.get("date_published"))

    def _finish(self, outcome: str) -> None:
        if self.state is None or self._finished:
            return
        self._finished = True
        confirmed = self.state.finish_run(outcome)
        self.stats.set_value(STATE_PREFIX + "confirmed", confirmed)
        logger.info("state %s: run %s %s, %d articles confirmed", self.state.path,
                    self.state.run_id, outcome, confirmed)
        self.state.close()

    def feed_exporter_closed(self) -> None:
        self._finish("finished")

    def spider_closed(self, reason: str) -> None:
        exporter = self.crawler.get_extension(FeedExporter)
        if not getattr(exporter, "slots", None):
            # No feed export: nothing is buffered anywhere, the run is complete now.
            self._finish(reason)
