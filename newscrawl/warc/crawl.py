"""What the `saved` spider does with a web archive: one request per page record, one `Page` per
response, every other record counted by reason.

Requests are made lazily, as Scrapy has room for them (the start() pattern Scrapy documents for
lazy scheduling), so a file of any size is crawled in flat memory; the scan yields to the reactor
between records.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import scrapy
from dateutil.parser import isoparse
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.utils.asyncio import run_in_thread
from twisted.python.failure import Failure

from newscrawl.items import Page
from newscrawl.summary import FAILED_PREFIX, SKIPPED_PREFIX
from newscrawl.urls import canonical_url
from newscrawl.warc.handler import PAYLOAD_META, max_payload, record_location, record_uri
from newscrawl.warc.hints import Hints, discovery_hints
from newscrawl.warc.read import (
    BrokenRecord,
    Padding,
    PageRecord,
    Revisit,
    SkippedRecord,
    discovery_documents,
    resolve_revisits,
    scan,
)

logger = logging.getLogger(__name__)

RECORD_META = "warc_record"
"""Request meta of a record request: what the scan learnt from the record's WARC headers."""
PADDING_BYTES = "newscrawl/warc/padding_bytes"
"""Stats key: NUL bytes of padding passed over between records (no record, no damage)."""
_SCAN_SLICE = 200
"""Records scanned between two returns to the reactor when none of them is a page."""


def fetched_at(warc_date: str) -> str:
    """WARC-Date as the UTC ISO 8601 `fetched_at` of a live crawl; now when it is unreadable."""
    try:
        stamp = isoparse(warc_date)
    except (ValueError, OverflowError):
        stamp = datetime.now(timezone.utc)
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=timezone.utc)
    return stamp.astimezone(timezone.utc).isoformat(timespec="seconds")


def archived_page(response: Response) -> Page:
    """The `Page` of a record response: the recorded URL, headers (charset) and date."""
    record = response.meta[RECORD_META]
    path, offset = record_location(response.url)
    provenance = {"warc_file": path, "warc_offset": str(offset)}
    if record["id"]:
        provenance["warc_record"] = record["id"]
    content_type = response.headers.get("Content-Type")
    return Page(
        request_url=record["uri"],
        raw=response.body,
        content_type=content_type.decode("latin-1") if content_type else None,
        original_url=record["uri"],
        fetched_at=fetched_at(record["date"]),
        hints=dict(record["hints"]),
        provenance=provenance,
    )


class ArchiveRequests:
    """Scans the archives among the input files, as the spider finds them, and makes the
    requests for their page records.

    Before an archive's first page, the feeds and sitemaps in it are read for discovery hints
    (kept for the archives found after it: a crawl writes its feeds and sitemaps first); after
    the last archive, the revisits are resolved against all of them.
    """

    def __init__(self, crawler: Crawler, callback: Callable[[Response], Any]) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.callback = callback
        self.archives: list[Path] = []
        self.hints: Hints = {}
        self.revisits: list[tuple[Path, Revisit]] = []

    def _read_hints(self, path: Path) -> Hints:
        return discovery_hints(discovery_documents(path, max_payload(self.crawler.settings)))

    async def _room(self) -> None:
        """Wait until Scrapy can take another request (nothing piles up in the scheduler)."""
        engine = self.crawler.engine
        if engine is not None and engine.needs_backout():
            await self.crawler.signals.wait_for(signals.scheduler_empty)

    def _request(self, path: Path, page: PageRecord) -> scrapy.Request:
        hints = self.hints.get(canonical_url(page.target_uri)) if page.target_uri else None
        meta = {
            RECORD_META: {"id": page.record_id, "uri": page.target_uri, "date": page.date,
                          "hints": hints or {}},
            "dont_obey_robotstxt": True,
            "dont_redirect": True,
        }
        if page.payload:
            meta[PAYLOAD_META] = page.payload
        return scrapy.Request(record_uri(path, page.offset), callback=self.callback,
                              errback=self.failed, dont_filter=True, meta=meta)

    def _skipped(self, path: Path, reason: str, offset: int) -> None:
        self.stats.inc_value(f"{SKIPPED_PREFIX}warc_{reason}")
        logger.debug("skipped %s record at %s:%d", reason, path, offset)

    def _broken(self, path: Path, reason: str, offset: int, detail: str) -> None:
        self.stats.inc_value(f"{FAILED_PREFIX}warc_{reason}")
        logger.error("%s record at %s:%d: %s", reason, path, offset, detail)

    async def requests(self, path: Path) -> AsyncIterator[scrapy.Request]:
        """Requests for the page records of one archive; revisits wait for `revisit_requests`."""
        self.archives.append(path)
        found = await run_in_thread(self._read_hints, path)
        for url, hints in found.items():  # the first archive to name a page's title wins
            self.hints[url] = {**hints, **self.hints.get(url, {})}
        since_yield = 0
        try:
            for entry in scan(path):
                if isinstance(entry, PageRecord):
                    await self._room()
                    yield self._request(path, entry)
                    since_yield = 0
                    continue
                if isinstance(entry, Revisit):
                    self.revisits.append((path, entry))
                elif isinstance(entry, SkippedRecord):
                    self._skipped(path, entry.reason, entry.offset)
                elif isinstance(entry, BrokenRecord):
                    self._broken(path, entry.reason, entry.offset, entry.detail)
                elif isinstance(entry, Padding):
                    self.stats.inc_value(PADDING_BYTES, entry.length)
                    logger.debug("passed over %d bytes of NUL padding at %s:%d", entry.length,
                                 path, entry.offset)
                since_yield += 1
                if since_yield >= _SCAN_SLICE:
                    since_yield = 0
                    await asyncio.sleep(0)
        except OSError as exc:
            self._broken(path, "unreadable", 0, str(exc))

    async def revisit_requests(self) -> AsyncIterator[scrapy.Request]:
        """Requests for the revisits whose original is in one of the archives read."""
        if not self.revisits:
            return
        files = {id(revisit): path for path, revisit in self.revisits}
        revisits = [revisit for _, revisit in self.revisits]
        self.revisits = []
        resolved = await run_in_thread(lambda: list(resolve_revisits(revisits, self.archives)))
        for revisit, entry in resolved:
            path = files[id(revisit)]
            if isinstance(entry, PageRecord):
                await self._room()
                yield self._request(path, entry)
            else:
                self._skipped(path, entry.reason, entry.offset)

    def failed(self, failure: Failure) -> None:
        """A record that could not be read at its offset: counted as failed by reason."""
        reason = getattr(failure.value, "reason", None) or (
            failure.type.__name__ if failure.type else "error")
        path, offset = record_location(failure.request.url)
        self._broken(Path(path), reason, offset, failure.getErrorMessage())

