"""`-s NEWSCRAWL_WARC_DIR=DIR`: every http(s) response the crawl receives, with its request,
is written to rotating WARC files in DIR (newscrawl.warc.write).

A downloader middleware next to the download handler (DOWNLOADER_MIDDLEWARES 950), so it sees
every response as it came off the wire: pages, feeds, sitemaps, robots.txt, redirects and the
error answers that are retried. The payload is recorded as received, still content-encoded
(gzip, br…) with its Content-Encoding header, before HttpCompressionMiddleware decodes it: the
headers and the payload agree, the payload digest is that of the bytes the server sent, and any
WARC reader decodes it (newscrawl's does). Records are compressed and written in one worker
thread, in order, so the reactor never waits for zlib or the disk.
"""

from __future__ import annotations

import importlib.metadata
import json
import logging
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import scrapy
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Headers, Response
from scrapy.settings import BaseSettings

from newscrawl.summary import FAILED_PREFIX
from newscrawl.warc.write import Exchange, WarcFiles

logger = logging.getLogger(__name__)

WRITTEN = "newscrawl/warc/written"
FETCH_SETTINGS = ("USER_AGENT", "ROBOTSTXT_OBEY", "DOWNLOAD_MAXSIZE", "DOWNLOAD_TIMEOUT",
                  "AUTOTHROTTLE_ENABLED", "CONCURRENT_REQUESTS_PER_DOMAIN", "RETRY_TIMES")
"""Scrapy settings that decide what was fetched, named in each file's warcinfo record (beside
every NEWSCRAWL_ setting)."""
TRUNCATION_FLAGS = {"download_stopped": "unspecified", "dataloss": "disconnect"}
"""Scrapy response flags of a partial body → WARC-Truncated reason."""


def _versioned(package: str) -> str:
    """'name/version', or the name alone when it runs from a source tree, not installed."""
    try:
        return f"{package}/{importlib.metadata.version(package)}"
    except importlib.metadata.PackageNotFoundError:
        return package


def warcinfo(settings: BaseSettings, spider_name: str) -> dict[str, str]:
    """The fields of the warcinfo record: the software, the format, the crawl's settings."""
    info = {
        "software": f"{_versioned('newscrawl')} (Scrapy/{scrapy.__version__}, "
                    f"{_versioned('warcio')})",
        "format": "WARC File Format 1.1",
        "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/"
                      "warc-1.1/",
        "isPartOf": f"newscrawl {spider_name} crawl",
        "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore",
        "http-header-user-agent": str(settings.get("USER_AGENT") or ""),
    }
    names = sorted(n for n in settings if n.startswith("NEWSCRAWL_")) + list(FETCH_SETTINGS)
    for name in names:
        value = settings.get(name)
        if value is not None and value != "":  # -s values are strings already
            info[f"setting-{name}"] = value if isinstance(value, str) else json.dumps(
                value, default=str, ensure_ascii=False)
    return info


def _header_list(headers: Headers) -> list[tuple[str, str]]:
    return [(name.decode("latin-1"), value.decode("latin-1"))
            for name, values in headers.items() for value in values]


def exchange_of(request: Request, response: Response) -> Exchange:
    """What the crawl sent and got, in the terms of a WARC request/response pair."""
    request_headers = _header_list(request.headers)
    if not any(name.lower() == "host" for name, _ in request_headers):
        # Scrapy's HTTP client adds Host on the wire; the record shows it as sent.
        request_headers.insert(0, ("Host", response.url.split("/")[2]))
    truncated = next((TRUNCATION_FLAGS[f] for f in response.flags if f in TRUNCATION_FLAGS),
                     None)
    return Exchange(
        url=response.url,
        method=request.method,
        request_headers=request_headers,
        request_body=request.body,
        status=response.status,
        response_headers=_header_list(response.headers),
        body=response.body,
        protocol=response.protocol or "HTTP/1.1",
        ip_address=str(response.ip_address) if response.ip_address else None,
        truncated=truncated,
    )


class WarcWriterMiddleware:
    """Records every http(s) response with its request; off unless NEWSCRAWL_WARC_DIR is set."""

    def __init__(self, crawler: Crawler) -> None:
        folder = crawler.settings.get("NEWSCRAWL_WARC_DIR")
        if not folder:
            raise NotConfigured("NEWSCRAWL_WARC_DIR is not set")
        self.crawler = crawler
        self.folder = Path(folder).expanduser()
        self.max_size = crawler.settings.getint("NEWSCRAWL_WARC_MAX_SIZE", 1024**3)
        self.files: WarcFiles | None = None
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="warc-writer")
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcWriterMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if (response.url.startswith(("http://", "https://"))
                and "cached" not in response.flags and self.worker is not None):
            if self.files is None:
                spider = self.crawler.spider
                info = warcinfo(self.crawler.settings, getattr(spider, "name", ""))
                self.files = WarcFiles(self.folder, self.max_size, info)
            future = self.worker.submit(self.files.write, exchange_of(request, response))
            future.add_done_callback(self._written)
        return response

    def _written(self, future: Future[Any]) -> None:
        """Runs in the writer thread: a record that could not be written is counted, logged."""
        error = future.exception()
        stats = self.crawler.stats
        if error is None:
            stats.inc_value(WRITTEN)
        else:
            stats.inc_value(FAILED_PREFIX + "warc_write")
            logger.error("could not write a WARC record to %s: %s", self.folder, error)

    def spider_closed(self) -> None:
        """Write what is queued, then close the file (a clean end of the last gzip member)."""
        if self.worker is None:
            return
        self.worker.shutdown(wait=True)
        self.worker = None
        if self.files is not None:
            self.files.close()
            logger.info("web archive: %d file(s) in %s", len(self.files.paths), self.folder)
