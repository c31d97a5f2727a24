"""Web archives in: WARC 1.0/1.1 and ARC files, plain or gzipped, read record by record.

Two steps, so a file of any size is crawled without being loaded whole: `scan()` walks a file
once and yields one small entry per record (a page to read later at its offset, or why the
record is no page); `read_record()` then reads the one record at an offset. A corrupt or cut-off
record is reported and the scan goes on at the next record that can be found. A record is taken
only when its block, read to its Content-Length, is closed where it should be (see
newscrawl.warc.record_end): a wrong length costs its record alone, never the records it ran
into.

A `.warc.gz` is normally one gzip member per record: the scan inflates each member itself (with
zlib) and takes a record only when its member inflates whole (CRC checked) to exactly that one
record, so damage stays inside its member and never costs the next records. A file gzipped as a
whole (one member, also valid) is read through gzip, forward: the scan inflates it once, and a
record is read on from where an earlier read stopped; damage to its gzip stream ends what can be
read of it. Runs of NUL bytes where a record could start (preallocated or block-padded files)
are padding, passed over.

warcio parses (chosen by measurement, see the `warc` commit: fastwarc is faster per record but
reads no ARC, and either costs well under 1 % of a page's extraction).
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import os
import threading
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import BufferedReader
from warcio.digestverifyingreader import DigestChecker, DigestVerifyingReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecordLoader
from warcio.statusandheaders import StatusAndHeadersParserException

from newscrawl.extract.undecodable import MAX_BYTES, UndecodablePage
from newscrawl.warc.entries import (
    BrokenRecord,
    Entry,
    Padding,
    PageRecord,
    Revisit,
    SkippedRecord,
)
from newscrawl.warc.record_end import (
    READ_SIZE,
    RECORD_ENDS,
    RECORD_START,
    WRONG_LENGTH,
    Skipped,
    Verdicts,
    Walked,
    closes,
    closing_after,
    fault,
    skip_payload,
)

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
RECORD_HEADS = (b"WARC/", b"filedesc://")
"""How the first record of an uncompressed WARC or ARC file begins."""
PAD = b"\0"
"""The byte of padding runs."""
_LOOK_BACK = 1 << 20
"""Inflated bytes of a file gzipped as a whole kept to be read again: the walk looks for the
next record from the start of a damaged one, which warcio has read past by a block or so."""
_HELD_MAX = 1 << 26
"""Inflated bytes kept at most from where a payload holds a WARC header line: a Content-Length
too long by more makes gzip inflate the file again from its start to read those records."""
_BROKEN = (ArchiveLoadFailed, StatusAndHeadersParserException, zlib.error, EOFError, OSError,
           ValueError, IndexError)
"""What warcio raises on damaged bytes (bad headers, broken gzip, a cut-off member)."""
_LAYOUT_BLOCK = 1 << 12
"""Inflated bytes read at a time to tell the layout: the first record and the line after it are
read before any damage further on in a file gzipped as a whole."""
_INFLATE_ERRORS = (zlib.error, EOFError, gzip.BadGzipFile)
"""What reading a gzip stream raises where its bytes are damaged or cut off."""


def is_archive_file(path: Path) -> bool:
    """True for the file names read as web archives."""
    return path.name.lower().endswith(WARC_SUFFIXES)


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
        return BrokenRecord("corrupt", offset, f"unknown record type {kind!r:.40}")
    if kind in ("response", "revisit") and not record.rec_headers.get_header("WARC-Target-URI"):
        return SkippedRecord("no_target_uri", offset)
    status = record.http_headers.get_statuscode() if record.http_headers else None
    if status is not None and kind in ("response", "revisit") and not (
            status.isascii() and status.isdigit()):  # damaged: no number to read the page by
        return BrokenRecord("corrupt", offset, f"HTTP status {status!r:.40}")
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


def _describe(exc: Exception) -> str:
    """The log detail of a reading error (zlib's is plainly named 'error'; ours say what is
    wrong)."""
    if isinstance(exc, HeaderDamage):
        return str(exc)
    name = "zlib.error" if isinstance(exc, zlib.error) else type(exc).__name__
    return f"{name}: {exc}"[:200]


def _iterator(stream: BinaryIO | _LookBack, known_format: str) -> ArchiveIterator:
    records = ArchiveIterator(stream, arc2warc=True)
    records.loader = _LOADER
    records.known_format = known_format  # binary garbage never parses as an ARC header line
    return records


def _known_format(path: Path | str) -> str:
    return "arc" if str(path).lower().endswith(ARC_SUFFIXES) else "warc"


def _next_start(stream: BinaryIO | _LookBack, after: int, marker: bytes,
                before: int | None = None) -> int | None:
    """Offset of the first record (gzip member or WARC header line) after `after` (and before
    `before`)."""
    stream.seek(after)
    position, tail = after, b""
    while (before is None or position < before) and (chunk := stream.read(READ_SIZE)):
        found = (tail + chunk).find(marker)
        if found >= 0:
            found += position - len(tail)
            return found if before is None or found < before else None
        tail = chunk[-len(marker):]
        position += len(chunk)
    return None


class _Damage(Exception):
    """A gzip member that does not hold one whole record; `reason` is the stats key."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason


class _MoreThanOneRecord(_Damage):
    """Data after the record in its gzip member: damage, or a file gzipped as a whole."""


class _GzipMember:
    """The inflated bytes of the gzip member at `start`, read with zlib rather than warcio.

    Reading stops at the member's end, after zlib has checked its CRC: a damaged member that
    inflates to garbage, or a record whose Content-Length is wrong, can then never swallow the
    records of the next members (warcio reads the bytes of a member that does not inflate as
    uncompressed data, and a zlib error past its first block as the end of the file).
    """

    def __init__(self, stream: BinaryIO, start: int, pending: bytes) -> None:
        self._stream = stream
        self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self.pending = pending
        """Compressed bytes read from the file but not inflated yet (after the end: the next
        members' first bytes)."""
        self.end = start
        """File offset of `pending`: once the member is read, where the next member starts."""

    def read(self, size: int | None = None) -> bytes:
        size = size if size and size > 0 else READ_SIZE
        while not self._inflater.eof:
            if not self.pending:
                self.pending = self._stream.read(READ_SIZE)
                if not self.pending:
                    raise _Damage("truncated", "the file ends inside a gzip member")
            data = self._inflater.decompress(self.pending, size)
            rest = self._inflater.unused_data if self._inflater.eof else (
                self._inflater.unconsumed_tail)
            self.end += len(self.pending) - len(rest)
            self.pending = rest
            if data:
                return data
        return b""


class HeaderDamage(ArchiveLoadFailed):
    """A record header that parses but lacks what its record type needs."""


class _Loader(ArcWarcRecordLoader):
    """warcio's record header parser (set up as ArchiveIterator does), with a reason of its own
    for a record that lost its target URI, and warcio's digest check narrowed to block digests
    of `verified_from` bytes or more: blocks read as their payload is skipped, where reading
    them again would cost more than hashing them (a file gzipped as a whole inflates again from
    its start to go back further than it keeps)."""

    def __init__(self, verified_from: int = 0) -> None:
        super().__init__(verify_http=False)
        self.verified_from = verified_from

    def load_http_headers(self, rec_type: str, uri: str | None, stream: Any,
                          length: int | None) -> Any:
        if uri is None and rec_type in self.HTTP_RECORDS and length != 0:
            raise HeaderDamage(f"{rec_type} record without a WARC-Target-URI")
        return super().load_http_headers(rec_type, uri, stream, length)

    def wrap_digest_verifying_stream(self, stream: Any, rec_type: str, rec_headers: Any,
                                     digest_checker: DigestChecker, length: int | None = None
                                     ) -> tuple[Any, bool]:
        if (length or 0) < self.verified_from:
            return stream, False
        digest = rec_headers.get_header("WARC-Block-Digest")
        if not digest:
            return stream, False
        return DigestVerifyingReader(stream, length, digest_checker, block_digest=digest), True


_LOADER = _Loader()
"""The record parser of every walk (it keeps no state between records)."""
_BIG_BLOCKS = _Loader(verified_from=_LOOK_BACK // 2)
"""The parser of a walk through a file gzipped as a whole: it hashes big blocks as they are
skipped."""


def _block_digest(stream: BinaryIO | _LookBack, record: Any, at: int, member: bool = False
                  ) -> bool | None:
    """Whether the block of `record` matches its WARC-Block-Digest (None: it has none), from the
    digest taken as it was skipped, or read again from `at` (where its block starts, or its gzip
    member when `member`; the stream is left where it was): it tells a web archive archived as a
    payload from a Content-Length that ran over record ends, and a record closed as its writer
    closes them from a wrong length."""
    digest = record.rec_headers.get_header("WARC-Block-Digest")
    if not digest:
        return None
    if record.digest_checker.passed is not None:
        return record.digest_checker.passed
    position = stream.tell()
    stream.seek(at)
    try:
        source: Any = stream
        if member:  # the block follows the record's header in its member
            source = BufferedReader(_GzipMember(stream, at, b""), block_size=READ_SIZE)
            _LOADER.parse_record_stream(source, known_format="warc", no_record_parse=True)
        checker = DigestChecker()
        block = DigestVerifyingReader(source, record.length, checker, block_digest=digest)
        while block.read(READ_SIZE):
            pass
        return checker.passed is True
    finally:
        stream.seek(position)


class _BlockDigest:
    """_block_digest() of a record, worked out when first asked (most records are taken
    without it)."""

    __slots__ = ("_args", "_holds", "_known")

    def __init__(self, *args: Any) -> None:
        self._args = args
        self._holds: bool | None = None
        self._known = False

    def __call__(self) -> bool | None:
        if not self._known:
            self._holds, self._known = _block_digest(*self._args), True
        return self._holds


def _member_record(member: _GzipMember, known_format: str, block_size: int = READ_SIZE
                   ) -> tuple[Any, bytes]:
    """The one record of a gzip member, its payload skipped, and the line ends that close it;
    _Damage when the member holds less or more than one record (a member is inflated
    `block_size` bytes at a time: zlib reports damage only when it reaches it)."""
    reader = BufferedReader(member, block_size=block_size)
    try:
        record = _LOADER.parse_record_stream(reader, known_format=known_format)
    except EOFError:
        raise _Damage("corrupt", "empty gzip member") from None
    if record.length is None:
        raise _Damage("corrupt", "no Content-Length")
    missing = skip_payload(record).missing
    if missing:
        raise _Damage("corrupt", f"Content-Length runs {missing} bytes past its gzip member")
    closing, line = closing_after(reader, known_format)
    if not closes(closing, line):
        raise _Damage("corrupt", WRONG_LENGTH)
    while line := line or reader.readline():  # the blank lines after a record
        if line.strip():
            raise _MoreThanOneRecord("corrupt", "data after the record in its gzip member")
        line = b""
    return record, closing


def _skip_padding(stream: BinaryIO, start: int, pending: bytes) -> tuple[int, bytes]:
    """(offset, the bytes read from it) of the first byte that is no padding, in a file whose
    bytes from `start` on begin with `pending` (the stream is where they end); at the end of the
    file, (its size, b""). The bytes returned are enough to tell a gzip member start, also
    where the run ends just before the end of a read."""
    while pending:
        rest = pending.lstrip(PAD)
        start += len(pending) - len(rest)
        if rest:
            return start, rest + (stream.read(READ_SIZE) if len(rest) < len(GZIP_MEMBER)
                                  else b"")
        pending = stream.read(READ_SIZE)
    return start, b""


def _walk_members(stream: BinaryIO, known_format: str) -> Iterator[Walked]:
    """The records of a file of gzip members, one record each (the standard .warc.gz): a member
    that does not inflate to exactly one record is reported, and the walk goes on at the next
    member start found after it. NUL padding before a member (or at the end) is passed over;
    NULs that no member start follows were written over one, and are part of its damage."""
    start: int | None = 0
    pending, verdicts = b"", Verdicts()
    while start is not None:
        if not pending:
            stream.seek(start)
            if not (pending := stream.read(READ_SIZE)):
                break
        if pending.startswith(PAD):
            end, pending = _skip_padding(stream, start, pending)
            if pending and not pending.startswith(GZIP_MEMBER):
                yield from verdicts.then(BrokenRecord(
                    "corrupt", start, "NUL bytes over the start of a gzip member"))
                start, pending = _next_start(stream, end, GZIP_MEMBER), b""
                continue
            yield from verdicts.then(Padding(start, end - start))
            start = end
            continue
        member = _GzipMember(stream, start, pending)
        try:
            record, closing = _member_record(member, known_format)
        except _Damage as exc:
            yield from verdicts.then(BrokenRecord(exc.reason, start, str(exc)))
        except _BROKEN as exc:
            yield from verdicts.then(BrokenRecord("corrupt", start, _describe(exc)))
        else:
            yield from verdicts.hold(start, record, closing,
                                     _BlockDigest(stream, record, start, True))
            start, pending = member.end, member.pending
            continue
        start, pending = _next_start(stream, start + 1, GZIP_MEMBER), b""
    yield from verdicts.release()


class _LookBack:
    """The inflated bytes of a file gzipped as a whole, read forward, the last `_LOOK_BACK` of
    them kept: a seek back among them costs nothing, where gzip inflates the file again from
    its start (once per damaged record, which made a walk quadratic in the file's size)."""

    def __init__(self, inflated: BinaryIO, file: BinaryIO | None = None) -> None:
        self._inflated = inflated
        self._file = file
        """The file under `inflated`, when it is this stream's own to close."""
        self._kept = bytearray()
        self._kept_from = 0
        """Offset of the first byte kept."""
        self._position = 0
        self.held: int | None = None
        """Offset from which bytes are kept however far the stream is read on (up to
        `_HELD_MAX` bytes): where the records that a Content-Length too long ran into begin, to
        be read again."""

    def hold(self, offset: int | None) -> None:
        """Keep the bytes from `offset` on (None: no longer)."""
        self.held = offset

    def tell(self) -> int:
        return self._position

    def cost(self, offset: int) -> int | None:
        """Bytes to inflate to read on from `offset`; None when gzip would start again."""
        kept_to = self._kept_from + len(self._kept)
        return None if offset < self._kept_from else max(0, offset - kept_to)

    def close(self) -> None:
        self._inflated.close()
        if self._file is not None:
            self._file.close()

    def seek(self, offset: int) -> int:
        kept_to = self._kept_from + len(self._kept)
        if not self._kept_from <= offset <= kept_to:  # gzip reads on (or again) to there
            self._inflated.seek(offset)
            self._kept, self._kept_from = bytearray(), offset
        self._position = offset
        return offset

    def read(self, size: int = -1) -> bytes:
        size = size if size > 0 else READ_SIZE  # never the whole rest of a big file
        kept_to = self._kept_from + len(self._kept)
        if self._position < kept_to:
            at = self._position - self._kept_from
            data = bytes(self._kept[at:at + size])
        else:
            data = self._inflated.read(size)
            self._kept += data
            if len(self._kept) > 2 * _LOOK_BACK:
                dropped = len(self._kept) - _LOOK_BACK
                if self.held is not None and len(self._kept) <= _HELD_MAX:
                    dropped = min(dropped, max(0, self.held - self._kept_from))
                del self._kept[:dropped]
                self._kept_from += dropped
        self._position += len(data)
        return data


def _padded(padding: Padding | None, offset: int, length: int) -> Padding:
    """The padding between two records with `length` NUL bytes more, found at `offset`."""
    return Padding(padding.offset, padding.length + length) if padding else Padding(offset, length)


def _walk_stream(stream: BinaryIO | _LookBack, known_format: str, gzipped: bool
                 ) -> Iterator[Walked]:
    """The records of an uncompressed stream (a .warc, or the inflated bytes of a .warc.gz
    gzipped as a whole), read forward. Blank lines and NUL padding between records are passed
    over (warcio's iterator took a padding run and the header line after it for one bad blank
    line, and lost that record). After a damaged record, or one whose Content-Length runs past
    the end of the file or is not closed where it says, the walk goes on at the next WARC header
    line after its start; after damage to the gzip stream itself nothing further can be
    inflated, so the walk ends."""
    start: int | None = 0
    loader, verdicts = (_BIG_BLOCKS if gzipped else _LOADER), Verdicts()
    kept = stream if isinstance(stream, _LookBack) else None
    while start is not None:
        stream.seek(start)
        if kept is not None:
            kept.hold(None)
        reader = BufferedReader(stream, block_size=READ_SIZE)
        current, padding, statusline, leftover = start, None, b"", b""
        try:
            while line := leftover or reader.readline(READ_SIZE):
                current = stream.tell() - reader.rem_length() - len(line)
                statusline, leftover = line.lstrip(PAD), b""
                if len(statusline) < len(line):
                    padding = _padded(padding, current, len(line) - len(statusline))
                    current += len(line) - len(statusline)
                if not statusline.strip():
                    continue
                if not statusline.endswith(b"\n"):  # cut by the read limit after a long run
                    statusline += reader.readline(READ_SIZE)
                if padding:
                    yield from verdicts.then(padding)
                    padding = None
                record = loader.parse_record_stream(reader, statusline, known_format,
                                                    check_digests=gzipped)
                payload_start = stream.tell() - reader.rem_length()
                skipped = skip_payload(record, verdicts.closing,
                                       kept.hold if kept is not None else None, payload_start)
                block_end = stream.tell() - reader.rem_length()
                if skipped.missing:  # Content-Length says more than the file has: a cut-off
                    # file, or a wrong length that ran over the records after it
                    yield from verdicts.then(BrokenRecord(
                        "truncated", current, f"{skipped.missing} bytes missing"))
                    break
                closing, leftover = closing_after(reader, known_format)
                digest = _BlockDigest(stream, record, block_end - (record.length or 0))
                why = fault(record, closing, leftover, skipped, digest, verdicts.known)
                if why:
                    yield from verdicts.then(BrokenRecord("corrupt", current, why))
                    break
                if kept is not None:
                    kept.hold(None)
                yield from verdicts.hold(current, record, closing, digest)
            else:
                if padding:
                    yield from verdicts.then(padding)
                yield from verdicts.release()
                return
        except _BROKEN as exc:
            if gzipped and isinstance(exc, _INFLATE_ERRORS):
                reason = "truncated" if isinstance(exc, EOFError) else "corrupt"
                yield from verdicts.then(BrokenRecord(reason, current, "gzip: " + _describe(exc)))
                yield from verdicts.release()
                return
            # bytes that start no record right after one: the rest of its block, or damage
            if not (not statusline.startswith(RECORD_START) and verdicts.blames_held()):
                yield from verdicts.then(BrokenRecord("corrupt", current, _describe(exc)))
            skipped, payload_start = Skipped(0, None, False), None
        try:  # the records a wrong length ran into are read on their own: the next header
            # line after its start (in its headers, where they are still at hand; in its
            # payload, found as it was skipped; or after its block)
            start = _next_start(stream, current + 1, RECORD_START, before=payload_start) if (
                kept is None or kept.cost(current) is not None) else None
            if start is None and skipped.first_start is not None:
                start = payload_start + skipped.first_start
            elif start is None and payload_start is not None:
                start = _next_start(stream, max(payload_start, block_end - len(RECORD_START) + 1),
                                    RECORD_START)
        except _INFLATE_ERRORS:
            start = None  # the damage that ends the gzip stream is after the damaged record
    yield from verdicts.release()


class _Layout(NamedTuple):
    """How the records of an archive are stored."""

    kind: str
    """'plain' (uncompressed), 'members' (a gzip member per record) or 'whole' (one gzip
    member holding several records)."""
    start: int
    """Where its first record or member starts, past the NUL padding at the start of the file
    (gzip reads none, so a file gzipped as a whole is inflated from there)."""


def _holds_a_second_record(stream: BinaryIO, start: int, head: bytes) -> bool:
    """Whether the gzip member at `start` (its file's bytes from there begin with `head`)
    inflates to a WARC header line after its first byte (read up to there, or up to damage in
    its gzip stream): the one member of a file gzipped as a whole does, also when its first
    record is damaged or has a wrong Content-Length."""
    stream.seek(start + len(head))
    member, tail = _GzipMember(stream, start, head), b""
    with contextlib.suppress(_Damage, *_INFLATE_ERRORS):
        while chunk := member.read():
            if (tail + chunk).find(RECORD_START, 1) > 0:  # the first record's is at byte 0
                return True
            tail = chunk[-len(RECORD_START):]
    return False


def _layout(stream: BinaryIO, name: str) -> _Layout:
    """The layout of the archive open as `stream`, named `name`. A damaged first member counts
    as 'members' (the walk reports it) unless it holds more records; so do first bytes that
    start neither a gzip member nor a record (NULs over its gzip header) when the file name
    tells that it is gzipped."""
    stream.seek(0)
    start, head = _skip_padding(stream, 0, stream.read(READ_SIZE))
    if not head.startswith(GZIP_MEMBER):
        damaged = name.lower().endswith(".gz") and not head.startswith(RECORD_HEADS)
        return _Layout("members" if damaged else "plain", start)
    try:
        _, closing = _member_record(_GzipMember(stream, start, head), _known_format(name),
                                    _LAYOUT_BLOCK)
    except (_Damage, *_BROKEN) as exc:
        if isinstance(exc, _MoreThanOneRecord) and _known_format(name) == "arc":
            return _Layout("whole", start)  # ARC has no header line to look for
        closing = None
    # more than a record: a file gzipped as a whole, or a damaged member inflating to garbage
    # after its record; a record closed by fewer line ends may also be one without its
    # Content-Length, read to the end of the file: a second WARC header line tells
    if closing not in RECORD_ENDS and _holds_a_second_record(stream, start, head):
        return _Layout("whole", start)
    return _Layout("members", start)


class _From:
    """A file read as if it began at `start`: gzip goes back to its file's first byte to seek
    back, where the NUL padding before a file gzipped as a whole would stop it."""

    def __init__(self, file: BinaryIO, start: int) -> None:
        self._file = file
        self._start = start
        file.seek(start)

    def read(self, size: int = -1) -> bytes:
        return self._file.read(size)

    def seek(self, offset: int) -> int:
        return self._file.seek(self._start + offset) - self._start


def _inflated(file: BinaryIO, start: int) -> gzip.GzipFile:
    """The inflated bytes of a file gzipped as a whole whose gzip member starts at `start`."""
    return gzip.GzipFile(fileobj=_From(file, start), mode="rb")


def _walk(stream: BinaryIO, name: str) -> Iterator[Walked]:
    """Every record of the archive open as `stream`, named `name`, whatever its layout, in file
    order."""
    layout, known_format = _layout(stream, name), _known_format(name)
    if layout.kind == "members":
        yield from _walk_members(stream, known_format)
    elif layout.kind == "plain":
        yield from _walk_stream(stream, known_format, gzipped=False)
    else:
        if layout.start:
            yield Padding(0, layout.start)
        with _inflated(stream, layout.start) as inflated:
            yield from _walk_stream(_LookBack(inflated), known_format, gzipped=True)


def _records(path: Path) -> Iterator[Walked]:
    """Every record of the archive at `path`, in file order."""
    with open(path, "rb") as stream:
        yield from _walk(stream, path.name)


def scan(path: Path) -> Iterator[Entry]:
    """One entry per record of the file, in file order; payloads are skipped, not kept."""
    with open(path, "rb") as stream:
        yield from scan_stream(stream, path.name)


def scan_stream(stream: BinaryIO, name: str) -> Iterator[Entry]:
    """scan() of an archive already open as a seekable `stream` (e.g. wrapped to count what is
    read); its file `name` tells ARC from WARC."""
    arc = name.lower().endswith(ARC_SUFFIXES)
    for item in _walk(stream, name):
        yield item if isinstance(item, BrokenRecord | Padding) else _entry(item[1], item[0], arc)


def resolve_revisits(revisits: list[Revisit], archives: Iterable[Path]
                     ) -> Iterator[tuple[Revisit, PageRecord | SkippedRecord]]:
    """Each revisit with its page, when its original response is in one of the archives (found
    by record id, else by payload digest), or skipped. Only the revisits are kept in memory, not
    an index of every response: the archives are scanned once more, when there are revisits."""
    by_id = {r.refers_to: r for r in revisits if r.refers_to}
    by_digest = {r.digest: r for r in revisits if r.digest}
    found: dict[int, tuple[str, int]] = {}
    for path in archives:
        for item in _records(path):  # scan() has reported the damaged records already
            if not isinstance(item, tuple):
                continue
            offset, record = item
            if record.rec_type != "response" or _http_reason(record):
                continue
            headers = record.rec_headers
            for table, key in ((by_id, "WARC-Record-ID"), (by_digest, "WARC-Payload-Digest")):
                revisit = table.get(headers.get_header(key))
                if revisit is not None:
                    found.setdefault(id(revisit), (str(path), offset))
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
        for item in _records(path):
            if not isinstance(item, tuple):
                continue
            offset, record = item
            http = record.http_headers
            if (record.rec_type != "response" or http is None
                    or not http.get_statuscode().startswith("2")
                    or not _is_discovery_type(http.get_header("Content-Type"))):
                continue
            try:
                body = _payload_at(str(path), offset, max_bytes)  # the walk has skipped it
            except RecordError:
                continue
            yield record.rec_headers.get_header("WARC-Target-URI") or "", body
    except OSError:
        return


# --- reading one record ----------------------------------------------------------------------
@functools.lru_cache(maxsize=64)
def _file_layout(path: str, size: int, modified: int) -> _Layout:
    """The layout of the archive at `path` (as long as its size and time are these)."""
    with open(path, "rb") as stream:
        return _layout(stream, path)


class _Inflations:
    """Inflated streams of files gzipped as a whole, kept open where their last read ended: a
    record is read on from the nearest one before it, rather than by inflating the file again
    from its start (which made reading every page of such a file quadratic). The saved spider
    reads a file's pages in about file order, a few at a time."""

    KEPT = 4
    """Streams kept (of all files): about the records a crawl reads at once from one file."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: list[tuple[tuple[str, int, int], _LookBack]] = []
        """(file, size, time) and its stream, the most recently used last."""

    def take(self, key: tuple[str, int, int], start: int, offset: int) -> _LookBack:
        """The stream of the file `key` that reaches `offset` at least cost: kept, or new (its
        gzip member starts at `start`)."""
        with self._lock:
            costs = [(cost, n) for n, (k, stream) in enumerate(self._idle)
                     if k == key and (cost := stream.cost(offset)) is not None]
            if costs:
                return self._idle.pop(min(costs)[1])[1]
        file = open(key[0], "rb")  # noqa: SIM115 (closed with the stream)
        return _LookBack(_inflated(file, start), file)

    def give_back(self, key: tuple[str, int, int], stream: _LookBack) -> None:
        with self._lock:
            self._idle.append((key, stream))
            dropped = self._idle[:-self.KEPT]
            del self._idle[:-self.KEPT]
        for _, old in dropped:
            old.close()


_INFLATIONS = _Inflations()


@contextlib.contextmanager
def _opened(path: str, offset: int) -> Iterator[BinaryIO | _LookBack]:
    """The archive's bytes at the offsets scan() gives, to read from `offset`: the file itself,
    or for a file gzipped as a whole its inflated stream."""
    info = os.stat(path)
    key = (path, info.st_size, info.st_mtime_ns)
    layout = _file_layout(*key)
    if layout.kind != "whole":
        with open(path, "rb") as stream:
            yield stream
        return
    inflated = _INFLATIONS.take(key, layout.start, offset)
    try:
        yield inflated
    except BaseException:
        inflated.close()  # where a failed read left it is no place to read on from
        raise
    _INFLATIONS.give_back(key, inflated)


def _load(stream: BinaryIO | _LookBack, path: str, offset: int) -> Any:
    """The record at `offset` of the archive at `path`, open as `stream`."""
    try:
        stream.seek(offset)  # in a file gzipped as a whole, inflates up to there
        return next(_iterator(stream, _known_format(path)))
    except StopIteration:
        raise RecordError("truncated", f"no record at offset {offset}") from None
    except _BROKEN as exc:
        raise RecordError("corrupt", _describe(exc)) from exc


def _payload(record: Any, max_bytes: int) -> tuple[bytes, bool]:
    """The decoded payload (up to max_bytes + 1) and whether warcio removed a content coding."""
    content = record.content_stream()
    try:
        body = content.read(max_bytes + 1)
        missing = skip_payload(record).missing  # to the end, to see whether it is whole
    except _BROKEN as exc:
        raise RecordError("corrupt", "payload: " + _describe(exc)) from exc
    if missing:
        raise RecordError("truncated", f"{missing} bytes missing")
    if len(body) > max_bytes:
        raise RecordError("too_large", f"payload over {max_bytes} bytes")
    coding = record.http_headers.get_header("Content-Encoding") if record.http_headers else None
    return body, bool(coding) and content is not record.raw_stream


def _payload_at(path: str, offset: int, max_bytes: int) -> bytes:
    with _opened(path, offset) as stream:
        return _payload(_load(stream, path, offset), max_bytes)[0]


def read_record(path: str, offset: int, payload: tuple[str, int] | None = None,
                max_bytes: int = MAX_BYTES) -> RecordContent:
    """The record at `offset` as an HTTP response; for a revisit, `payload` locates the original
    whose payload (and headers, when the revisit has none) it shares."""
    with _opened(path, offset) as stream:
        record = _load(stream, path, offset)
        http = record.http_headers
        if payload is None:
            body, decoded = _payload(record, max_bytes)
        else:
            with _opened(*payload) as original_stream:
                original = _load(original_stream, *payload)
                body, decoded = _payload(original, max_bytes)
                if http is None or http.get_statuscode() == "304":
                    http = original.http_headers  # a not-modified revisit: the original's
    status = int(http.get_statuscode()) if http is not None else 200
    dropped = {"transfer-encoding", "content-length"} | ({"content-encoding"} if decoded else set())
    headers = [(k, v) for k, v in (http.headers if http is not None else [])
               if k.lower() not in dropped]
    return RecordContent(status, headers, body)
