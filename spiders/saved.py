"""`saved`: read news pages saved on disk (a file, a folder searched recursively, or a glob).

    scrapy crawl saved -a path=~/pages/
    scrapy crawl saved -a path='dump/**/*.html.gz' -O articles.jsonl
    scrapy crawl saved -a path=CC-NEWS-20261201123456-00001.warc.gz -a articles_only=true

Pages are fetched through Scrapy as file:// URIs so middlewares, stats and feed exports apply.
A sidecar `<name>.json` beside `<name>.html[.gz]` holding {"url": ...} gives the original URL.
Web archives (.warc, .warc.gz, .arc.gz) are read record by record (newscrawl.warc).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import scrapy
from scrapy import signals
from scrapy.http import Response
from scrapy.settings import BaseSettings
from twisted.python.failure import Failure

from newscrawl.inputs import Skip, iter_inputs
from newscrawl.items import Page
from newscrawl.progress import INPUTS_TOTAL
from newscrawl.summary import FAILED_PREFIX, REFUSED_PREFIX, SKIPPED_PREFIX
from newscrawl.warc.crawl import RECORD_META, ArchiveRequests, archived_page
from newscrawl.warc.read import WARC_SUFFIXES, is_archive_file

logger = logging.getLogger(__name__)

PAGE_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz", *WARC_SUFFIXES)


def is_page_file(path: Path) -> bool:
    """True for the saved-page file names the spider reads inside folders."""
    return path.name.lower().endswith(PAGE_SUFFIXES)


def find_pages(spec: str, skip: Skip) -> Iterator[Path | None]:
    """Files named by `spec`: one file (any name), a folder (recursive), or a glob pattern.

    Inside folders and glob matches only page files count (.html, .htm, .html.gz), so sidecar
    `.json` files and other downloads lying beside the pages are not read as pages. Each real
    file comes once, symlink loops are not followed (see newscrawl.inputs); None: still looking.
    """
    return iter_inputs(spec, is_page_file, skip)


def sidecar_url(page: Path) -> str | None:
    """The original URL from `<base>.json` beside the page, if there is a readable one."""
    name = page.name
    for suffix in (".gz", ".html", ".htm"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    sidecar = page.with_name(name + ".json")
    if not sidecar.is_file():
        return None
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        logger.warning("unreadable sidecar %s: %s", sidecar, exc)
        return None
    url = data.get("url") if isinstance(data, dict) else None
    return url if isinstance(url, str) and url.startswith(("http://", "https://")) else None


class SavedSpider(scrapy.Spider):
    """Turns saved HTML files into `Page` items; extraction happens in the pipelines."""

    name = "saved"
    custom_settings = {
        "AUTOTHROTTLE_ENABLED": False,
        "CONCURRENT_REQUESTS": 32,
        "DOWNLOAD_DELAY": 0,
        # a file that cannot be read now will not be readable a second later
        "RETRY_ENABLED": False,
    }

    def __init__(self, path: str | None = None, articles_only: str | None = None, *args: Any,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.path = path
        value = (articles_only or "").strip().lower()
        self.articles_only = value if value in ("true", "false", "1", "0") else None
        self.argument_errors = [] if articles_only is None or self.articles_only else [
            f"-a articles_only={articles_only}: expected true or false; ignored"]

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        """No HTTP(S) download handler: pages come from files and archives only. Scrapy imports
        the handlers it is given at start-up, and the HTTP one brings the TLS stack, about half a
        second of CPU while the workers start on the same cores."""
        super().update_settings(settings)
        handlers = {**settings.getdict("DOWNLOAD_HANDLERS"), "http": None, "https": None}
        settings.set("DOWNLOAD_HANDLERS", handlers, priority="spider")

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> SavedSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        if spider.articles_only:  # read by newscrawl.live.ArticleOnlyPipeline
            crawler.settings.set("NEWSCRAWL_ARTICLES_ONLY", spider.articles_only, "cmdline")
        return spider

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for message in self.argument_errors:
            logger.error("%s", message)
            self.crawler.stats.inc_value(FAILED_PREFIX + "bad_argument")
        spec = self.path or self.settings.get("NEWSCRAWL_SAMPLES_DIR")
        max_size = self.settings.getint("DOWNLOAD_MAXSIZE")
        logger.info("reading saved pages from %s", spec)
        found = requested = 0
        archives = ArchiveRequests(self.crawler, self.parse)
        # Lazily: the crawl starts on the first file found, a huge folder is not listed into
        # memory first, and the engine (a shutdown, say) runs while the search goes on.
        for page in find_pages(spec, self._skipped):
            if page is None:  # still searching
                await asyncio.sleep(0)
                continue
            while self.crawler.engine.needs_backout():  # enough scheduled: let it drain
                await self.crawler.signals.wait_for(signals.scheduler_empty)
            found += 1
            if is_archive_file(page):  # one request per page record, streamed
                async for request in archives.requests(page):
                    requested += 1
                    yield request
                continue
            if self._too_large(page, max_size):
                continue
            requested += 1
            yield scrapy.Request(
                page.as_uri(),
                callback=self.parse,
                errback=self.failed,
                dont_filter=True,
                meta={"original_url": sidecar_url(page)},
            )
        async for request in archives.revisit_requests():
            requested += 1
            yield request
        if not found:
            logger.error("no saved pages found at %r (expected .html, .htm, .html.gz, "
                         ".warc, .warc.gz or .arc.gz)", spec)
            self.crawler.stats.inc_value(FAILED_PREFIX + "no_input")
        logger.info("found %d saved pages in %s", found, spec)
        self.crawler.stats.set_value(INPUTS_TOTAL, requested)  # progress knows its total now

    def _skipped(self, reason: str, path: Path) -> None:
        """A path the search left out (a symlink loop, a second name of a file…): counted."""
        self.crawler.stats.inc_value(SKIPPED_PREFIX + reason)
        logger.warning("skipped %s: %s", reason, path)

    def _too_large(self, page: Path, max_size: int) -> bool:
        """Refuse a file over DOWNLOAD_MAXSIZE before anything reads it into memory."""
        try:
            size = page.stat().st_size
        except OSError:
            return False  # the read fails and is counted by the errback
        if not max_size or size <= max_size:
            return False
        self.crawler.stats.inc_value(REFUSED_PREFIX + "too_large")
        logger.warning("refused (%d bytes, larger than DOWNLOAD_MAXSIZE %d): %s",
                       size, max_size, page)
        return True

    def parse(self, response: Response) -> Iterator[Page]:
        self.crawler.stats.inc_value("newscrawl/pages")
        if RECORD_META in response.meta:
            yield archived_page(response)
            return
        content_type = response.headers.get("Content-Type")
        yield Page(
            request_url=response.url,
            raw=response.body,
            content_type=content_type.decode("latin-1") if content_type else None,
            original_url=response.meta.get("original_url"),
            fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        )

    def failed(self, failure: Failure) -> None:
        """A page that could not be read is counted and logged, never silently lost."""
        kind = failure.type.__name__ if failure.type else "error"
        self.crawler.stats.inc_value(FAILED_PREFIX + kind)
        logger.error("could not read %s: %s", failure.request.url, failure.getErrorMessage())
