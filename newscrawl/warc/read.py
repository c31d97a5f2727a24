"""Web archives in: WARC 1.0/1.1 and ARC files, plain or gzipped, read record by record.

Two steps, so a file of any size is crawled without being loaded whole: `scan()` walks a file
once and yields one small entry per record (a page to read later at its offset, or why the
record is no page); `read_record()` then reads the one record at an offset. A corrupt or cut-off
record is reported and the scan goes on at the next record that can be found.

warcio parses (chosen by measurement, see the `warc` commit: fastwarc is faster per record but
reads no ARC, and either costs well under 1 % of a page's extraction).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from newscrawl.extract.undecodable import MAX_BYTES, UndecodablePage

ARC_SUFFIXES = (".arc", ".arc.gz")
"""The WARC format's predecessor (Internet Archive crawls before 2009)."""
WARC_SUFFIXES = (".warc", ".warc.gz", *ARC_SUFFIXES)
"""File names read as web archives (Common Crawl and most crawlers write `.warc.gz`)."""
PAGE_TYPES = ("text/html", "application/xhtml+xml")
"""HTTP content types of pages; a record without a Content-Type is read too (the decoder
sniffs its bytes and refuses binary ones)."""
RECORD_TYPES = ("warcinfo", "response", "resource", "request", "metadata", "revisit",
                "conversion", "continuation")
"""The WARC 1.1 record types: a record of another type is a damaged header."""
GZIP_MEMBER = b"\x1f\x8b\x08"
RECORD_START = b"\nWARC/1."
_READ_SIZE = 1 << 16
_BROKEN = (ArchiveLoadFailed, StatusAndHeadersParserException, zlib.error, EOFError, OSError,
           ValueError, IndexError)
"""What warcio raises on damaged bytes (bad headers, broken gzip, a cut-off member)."""


def is_archive_file(path: Path) -> bool:
    """True for the file names read as web archives."""
    return path.name.lower().endswith(WARC_SUFFIXES)


@dataclass(frozen=True)
class PageRecord:
    """A record to crawl as a page: where it is and what its WARC headers say about it."""

    offset: int
    """Byte offset of the record in its (compressed) file."""
    record_id: str | None
    """WARC-Record-ID, e.g. '<urn:uuid:…>'; None for ARC records, which have none."""
    target_uri: str
    """WARC-Target-URI: the URL that was fetched."""
    date: str
    """WARC-Date: when it was fetched."""
    payload: tuple[str, int] | None = None
    """For a revisit: (file, offset) of the response record holding its payload."""


@dataclass(frozen=True)
class SkippedRecord:
    """A record that is no page (request, metadata, PDF, 404…), with the reason."""

    reason: str
    offset: int


@dataclass(frozen=True)
class BrokenRecord:
    """A record that cannot be read: 'corrupt' (damaged bytes) or 'truncated' (cut off)."""

    reason: str
    offset: int
    detail: str


@dataclass(frozen=True)
class Revisit:
    """A revisit record: a page whose payload is in an earlier response record."""

    page: PageRecord
    refers_to: str | None
    """WARC-Refers-To: the record id of the original, when the writer named it."""
    digest: str | None
    """WARC-Payload-Digest, shared with the original response."""


Entry = PageRecord | SkippedRecord | BrokenRecord | Revisit


class RecordError(UndecodablePage):
    """A record that cannot be read at its offset; `reason` is a short stats key."""


@dataclass
class RecordContent:
    """One record as an HTTP response: the payload decoded (no transfer or content coding)."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes


# --- scanning --------------------------------------------------------------------------------
def _http_reason(record: Any, allowed: tuple[str, ...] = ()) -> str | None:
    """Why an HTTP response record is no page (non-2xx, not HTML), or None when it is one."""
    http = record.http_headers
    if http is None:
        return "not_http"
    status = http.get_statuscode()
    if not (status.startswith("2") or status in allowed):
        return f"http_{status}"
    content_type = http.get_header("Content-Type")
    if content_type and content_type.split(";")[0].strip().lower() not in PAGE_TYPES:
        return "not_html"
    return None


def _page(record: Any, offset: int, arc: bool) -> PageRecord:
    headers = record.rec_headers
    return PageRecord(
        offset=offset,
        # warcio gives an ARC record a new random id each time it reads it: no id to trace
        record_id=None if arc else headers.get_header("WARC-Record-ID"),
        target_uri=headers.get_header("WARC-Target-URI") or "",
        date=headers.get_header("WARC-Date") or "",
    )


def _entry(record: Any, offset: int, arc: bool) -> Entry:
    kind = record.rec_type
    if kind not in RECORD_TYPES:
        return BrokenRecord("corrupt", offset, f"unknown record type {kind[:40]!r}")
    if kind in ("response", "revisit") and not record.rec_headers.get_header("WARC-Target-URI"):
        return SkippedRecord("no_target_uri", offset)
    if kind == "revisit":
        # A 304 is what a server-not-modified revisit records: the page is the original's.
        reason = _http_reason(record, allowed=("304",)) if record.http_headers else None
        if reason:
            return SkippedRecord(reason, offset)
        headers = record.rec_headers
        return Revisit(_page(record, offset, arc), headers.get_header("WARC-Refers-To"),
                       headers.get_header("WARC-Payload-Digest"))
    if kind != "response":
        return SkippedRecord(kind, offset)
    reason = _http_reason(record)
    return SkippedRecord(reason, offset) if reason else _page(record, offset, arc)


def _iterator(stream: BinaryIO) -> ArchiveIterator:
    return ArchiveIterator(stream, arc2warc=True)


def _next_start(stream: BinaryIO, after: int, gzipped: bool) -> int | None:
    """Offset of the first record (gzip member or WARC header line) after `after`."""
    marker = GZIP_MEMBER if gzipped else RECORD_START
    stream.seek(after)
    position, tail = after, b""
    while chunk := stream.read(_READ_SIZE):
        found = (tail + chunk).find(marker)
        if found >= 0:
            start = position - len(tail) + found
            return start if gzipped else start + 1
        tail = chunk[-len(marker):]
        position += len(chunk)
    return None


def scan(path: Path) -> Iterator[Entry]:
    """One entry per record of the file, in file order; payloads are skipped, not kept."""
    arc = path.name.lower().endswith(ARC_SUFFIXES)
    with open(path, "rb") as stream:
        gzipped = stream.read(2) == GZIP_MEMBER[:2]
        start: int | None = 0
        while start is not None:
            stream.seek(start)
            records = _iterator(stream)
            current = start
            try:
                for record in records:
                    entry = _entry(record, current, arc)
                    records.read_to_end()  # the payload is skipped, not read into memory
                    if record.raw_stream.limit:  # Content-Length says more than the file has
                        yield BrokenRecord("truncated", current,
                                           f"{record.raw_stream.limit} bytes missing")
                    else:
                        yield entry
                    current = records.offset
                start = None
            except _BROKEN as exc:
                yield BrokenRecord("corrupt", current, f"{type(exc).__name__}: {exc}"[:200])
                start = _next_start(stream, current + 1, gzipped)


def resolve_revisits(revisits: list[Revisit], archives: Iterable[Path]
                     ) -> Iterator[tuple[Revisit, PageRecord | SkippedRecord]]:
    """Each revisit with its page, when its original response is in one of the archives (found
    by record id, else by payload digest), or skipped. Only the revisits are kept in memory, not
    an index of every response: the archives are scanned once more, when there are revisits."""
    by_id = {r.refers_to: r for r in revisits if r.refers_to}
    by_digest = {r.digest: r for r in revisits if r.digest}
    found: dict[int, tuple[str, int]] = {}
    for path in archives:
        with open(path, "rb") as stream:
            records = _iterator(stream)
            try:
                for record in records:
                    if record.rec_type != "response" or _http_reason(record):
                        continue
                    headers = record.rec_headers
                    offset = records.get_record_offset()
                    for table, key in ((by_id, "WARC-Record-ID"),
                                       (by_digest, "WARC-Payload-Digest")):
                        revisit = table.get(headers.get_header(key))
                        if revisit is not None:
                            found.setdefault(id(revisit), (str(path), offset))
            except _BROKEN:
                pass  # scan() has reported the damage already
    for revisit in revisits:
        payload = found.get(id(revisit))
        if payload is None:
            yield revisit, SkippedRecord("revisit_without_original", revisit.page.offset)
        else:
            page = revisit.page
            yield revisit, PageRecord(page.offset, page.record_id, page.target_uri, page.date,
                                      payload)


def _is_discovery_type(content_type: str | None) -> bool:
    """XML (feeds, sitemaps) or gzip (gzipped sitemaps), as a live crawl reads them."""
    kind = (content_type or "").split(";")[0].strip().lower()
    return kind.endswith("xml") or kind.endswith("gzip")


def discovery_documents(path: Path, max_bytes: int) -> Iterator[tuple[str, bytes]]:
    """(URL, payload) of the 2xx XML and gzip responses of an archive: the feeds and sitemaps a
    crawl read, among others. Damaged records and unreadable files are passed over: scan()
    reports them."""
    try:
        stream = open(path, "rb")  # noqa: SIM115 (closed below)
    except OSError:
        return
    with stream:
        records = _iterator(stream)
        try:
            for record in records:
                http = record.http_headers
                if (record.rec_type != "response" or http is None
                        or not http.get_statuscode().startswith("2")
                        or not _is_discovery_type(http.get_header("Content-Type"))):
                    continue
                try:
                    body, _ = _payload(record, max_bytes)
                except RecordError:
                    continue
                yield record.rec_headers.get_header("WARC-Target-URI") or "", body
        except _BROKEN:
            return


# --- reading one record ----------------------------------------------------------------------
def _load(path: str, offset: int) -> tuple[Any, ArchiveIterator, BinaryIO]:
    stream = open(path, "rb")  # noqa: SIM115 (closed by the caller, after the payload is read)
    try:
        stream.seek(offset)
        records = _iterator(stream)
        return next(records), records, stream
    except StopIteration:
        stream.close()
        raise RecordError("truncated", f"no record at offset {offset}") from None
    except _BROKEN as exc:
        stream.close()
        raise RecordError("corrupt", f"{type(exc).__name__}: {exc}"[:200]) from exc


def _payload(record: Any, max_bytes: int) -> tuple[bytes, bool]:
    """The decoded payload (up to max_bytes + 1) and whether warcio removed a content coding."""
    content = record.content_stream()
    try:
        body = content.read(max_bytes + 1)
        while record.raw_stream.read(_READ_SIZE):  # to the end, to see whether it is whole
            pass
    except _BROKEN as exc:
        raise RecordError("corrupt", f"payload: {type(exc).__name__}: {exc}"[:200]) from exc
    if record.raw_stream.limit:
        raise RecordError("truncated", f"{record.raw_stream.limit} bytes missing")
    if len(body) > max_bytes:
        raise RecordError("too_large", f"payload over {max_bytes} bytes")
    coding = record.http_headers.get_header("Content-Encoding") if record.http_headers else None
    return body, bool(coding) and content is not record.raw_stream


def read_record(path: str, offset: int, payload: tuple[str, int] | None = None,
                max_bytes: int = MAX_BYTES) -> RecordContent:
    """The record at `offset` as an HTTP response; for a revisit, `payload` locates the original
    whose payload (and headers, when the revisit has none) it shares."""
    record, _, stream = _load(path, offset)
    with stream:
        http = record.http_headers
        if payload is None:
            body, decoded = _payload(record, max_bytes)
        else:
            original, _, original_stream = _load(*payload)
            with original_stream:
                body, decoded = _payload(original, max_bytes)
                if http is None or http.get_statuscode() == "304":
                    http = original.http_headers  # a not-modified revisit: the original's
    status = int(http.get_statuscode()) if http is not None else 200
    dropped = {"transfer-encoding", "content-length"} | ({"content-encoding"} if decoded else set())
    headers = [(k, v) for k, v in (http.headers if http is not None else [])
               if k.lower() not in dropped]
    return RecordContent(status, headers, body)
