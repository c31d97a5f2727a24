"""The `warc:` download handler: one Scrapy request reads one record of a web archive.

    warc://localhost/data/CC-NEWS-20261201123456-00001.warc.gz?offset=123456

The `saved` spider scans an archive once for its records' offsets and requests each page record
by such a URI, so records go through Scrapy like saved files do (middlewares, stats, feeds) and
only the records in flight are in memory. The record is read in a thread, as Scrapy reads files.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from urllib.request import url2pathname

from scrapy import Request
from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes
from scrapy.settings import BaseSettings
from scrapy.utils.asyncio import run_in_thread

from newscrawl.extract.undecodable import MAX_BYTES
from newscrawl.warc.read import read_record

SCHEME = "warc"
PAYLOAD_META = "warc_payload"
"""Request meta: (file, offset) of the response record whose payload a revisit shares."""


def max_payload(settings: BaseSettings) -> int:
    """The largest payload read from a record: Scrapy's download size cap, as for live pages."""
    return settings.getint("DOWNLOAD_MAXSIZE") or MAX_BYTES


def record_uri(path: Path, offset: int) -> str:
    """The `warc:` URI of the record at `offset` in the archive at `path` (with a host, like
    file://localhost/…, as URL parsers drop an empty one)."""
    return f"{SCHEME}://localhost{path.resolve().as_uri().removeprefix('file://')}?offset={offset}"


def record_location(uri: str) -> tuple[str, int]:
    """(file, offset) named by a `warc:` URI."""
    parts = urlsplit(uri)
    offsets = parse_qs(parts.query).get("offset") or ["0"]
    return url2pathname(parts.path), int(offsets[0])


class WarcRecordDownloadHandler(BaseDownloadHandler):
    """Reads the record a `warc:` request names; failures carry a `reason` for the stats."""

    async def download_request(self, request: Request) -> Response:
        path, offset = record_location(request.url)
        payload = request.meta.get(PAYLOAD_META)
        max_bytes = max_payload(self.crawler.settings)
        content = await run_in_thread(read_record, path, offset,
                                      tuple(payload) if payload else None, max_bytes)
        headers = Headers(content.headers)
        respcls = responsetypes.from_args(headers=headers, body=content.body)
        return respcls(url=request.url, status=content.status, headers=headers,
                       body=content.body, request=request)
