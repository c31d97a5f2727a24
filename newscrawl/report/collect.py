"""Collect the crawl report during a crawl and write it when the crawl closes.

`CrawlReport` (extension) follows each response to its outcome through Scrapy's signals: the
page's download time, status, and whether it became an exported article, a dropped item (with
the reason) or an error; exported articles go to the report as the feed writes them.
`FailureRecorder` (downloader middleware) sees the requests that never became a response:
network errors after the last retry, and robots.txt refusals, by domain.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from itemadapter import ItemAdapter
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.extensions.feedexport import FeedExporter, FileFeedStorage
from scrapy.http import Response

from newscrawl.items import Article
from newscrawl.report.build import NO_DOMAIN, PageRecord, ReportBuilder
from newscrawl.report.write import folder_beside, write_report
from newscrawl.urls import web_host

logger = logging.getLogger(__name__)

CANCELLED = ("DownloadCancelledError", "CancelledError")
"""How a download cut off at DOWNLOAD_MAXSIZE ends (the only cancellation a crawl causes)."""


def report_folder(crawler: Crawler) -> Path:
    """NEWSCRAWL_REPORT with the spider's name filled in; when unset, beside the crawl's first
    local export file, else beside where the default export would be (exports/<spider>-report
    under the project root)."""
    name = getattr(crawler.spidercls, "name", "") or "crawl"
    value = crawler.settings.get("NEWSCRAWL_REPORT")
    if value:
        return Path(str(value).replace("%(name)s", name)).expanduser()
    exporter = crawler.get_extension(FeedExporter)
    for slot in getattr(exporter, "slots", []):
        if isinstance(slot.storage, FileFeedStorage):
            return folder_beside(slot.storage.path)
    default = crawler.settings.getdict("NEWSCRAWL_DEFAULT_FEED").get("uri", f"{name}.jsonl")
    return folder_beside(str(default).replace("%(name)s", name))


def _record(article: Article) -> dict[str, Any]:
    """The article as the report reads it: its fields, quotes and entities as dicts.

    Read-only, so the fields are not copied: `dataclasses.asdict` deep-copies every value
    (the body, the provenance): two thirds of the report's cost per item, in the reactor.
    """
    record = dict(vars(article))
    for name, value in record.items():
        if isinstance(value, list) and value and is_dataclass(value[0]):
            record[name] = [asdict(part) for part in value]
    return record


class CrawlReport:
    """Extension: the report of the crawl, written to NEWSCRAWL_REPORT when it closes."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.builder = ReportBuilder()
        self.pending: dict[str, list[tuple[PageRecord, float]]] = defaultdict(list)
        for handler, signal in ((self.response_received, signals.response_received),
                                (self.item_scraped, signals.item_scraped),
                                (self.item_dropped, signals.item_dropped),
                                (self.item_error, signals.item_error),
                                (self.spider_closed, signals.spider_closed)):
            crawler.signals.connect(handler, signal=signal)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlReport:
        if crawler.settings.get("NEWSCRAWL_REPORT") == "":
            raise NotConfigured("NEWSCRAWL_REPORT is empty: no report")
        return cls(crawler)

    # --- pages -----------------------------------------------------------------------------
    def response_received(self, response: Response, request: Request) -> None:
        web = urlsplit(response.url).scheme in ("http", "https")
        record = PageRecord(url=response.url, domain=web_host(response.url) or NO_DOMAIN,
                            status=response.status if web else None,
                            fetch_seconds=float(request.meta.get("download_latency") or 0.0))
        self.pending[response.url].append((record, time.monotonic()))

    def _finish(self, response: Response | None, outcome: str, reason: str | None = None,
                domain: str | None = None) -> None:
        waiting = self.pending.get(response.url) if response is not None else None
        if not waiting:
            return
        record, started = waiting.pop(0)
        if not waiting:
            del self.pending[response.url]
        record.process_seconds = time.monotonic() - started
        record.outcome, record.reason = outcome, reason
        if domain:
            record.domain = domain
        self.builder.add_page(record)

    def item_scraped(self, item: Any, response: Response | None) -> None:
        if isinstance(item, Article):
            self.builder.add_article(_record(item))
            domain = item.domain
        else:
            domain = ItemAdapter(item).get("domain")
        self._finish(response, "exported", domain=domain)

    def item_dropped(self, item: Any, response: Response | None, exception: BaseException) -> None:
        reason = getattr(exception, "reason", None) or type(exception).__name__
        self._finish(response, "dropped", reason)

    def item_error(self, item: Any, response: Response | None, failure: Any) -> None:
        self._finish(response, "error", getattr(failure.type, "__name__", "error"))

    # --- requests without a response (FailureRecorder) ---------------------------------------
    def request_failed(self, request: Request, exception: BaseException) -> None:
        domain = web_host(request.url) or NO_DOMAIN
        if isinstance(exception, IgnoreRequest):
            if "robots.txt" in str(exception):
                self.builder.add_robots_refusal(domain)
            return
        kind = type(exception).__name__
        if kind in CANCELLED:
            kind = "too_large"
        self.builder.add_failure(request.url, domain, kind, str(exception)[:200])

    # --- the end -------------------------------------------------------------------------------
    def spider_closed(self, spider: Any, reason: str) -> None:
        for waiting in self.pending.values():
            for record, _ in waiting:  # pages that gave no item: feeds, HTTP errors, refusals
                self.builder.add_page(record)
        self.pending.clear()
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        source = {"spider": getattr(spider, "name", None), "finish_reason": reason,
                  "exports": [str(uri) for uri in self.crawler.settings.getdict("FEEDS")]}
        folder = report_folder(self.crawler)
        try:
            write_report(folder, self.builder.build(stats, source))
        except OSError as exc:
            logger.error("crawl report could not be written to %s: %s", folder, exc)
            return
        logger.info("crawl report: %s", folder / "report.html")


class FailureRecorder:
    """Downloader middleware: requests that end in an exception no other middleware handled
    (placed before the retry and robots middlewares, so it sees only final outcomes)."""

    def __init__(self, report: CrawlReport) -> None:
        self.report = report

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FailureRecorder:
        report = crawler.get_extension(CrawlReport)
        if report is None:
            raise NotConfigured("no crawl report")
        return cls(report)

    def process_exception(self, request: Request, exception: BaseException) -> None:
        self.report.request_failed(request, exception)
        return None
