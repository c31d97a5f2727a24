"""Where a WARC record ends, and whether a record read to its Content-Length is taken.

A record's block ends where its Content-Length says, and the record is closed by CRLF CRLF
there. A length too short or too long leaves payload there or takes the closing line ends for
payload; it can also end just before other blank lines (of its own record, or of a later one),
and some writers close their records with one line end or none. What tells these apart: the
record's WARC-Block-Digest, and how the records around it are closed. A walk of the records
(newscrawl.warc.read) skips each payload with `skip_payload`, reads the closing with
`closing_after`, rejects what is wrong whatever its neighbours with `fault`, and lets `Verdicts`
decide the rest, one record held back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

from warcio.bufferedreaders import BufferedReader

from newscrawl.warc.entries import BrokenRecord, Padding

READ_SIZE = 1 << 16
"""Bytes read at a time (and the longest line read after a block)."""
RECORD_START = b"WARC/1."
"""How a WARC record begins (its header line), looked for after damage also where no line end
is before it: NULs or a flipped bit over the blank lines that closed the record before leave
none."""
RECORD_ENDS = (b"\r\n\r\n", b"\n\n")
"""The two line ends that close a WARC record after its block: the spec's CRLF CRLF (LF LF
from a lax writer)."""


class Skipped(NamedTuple):
    """What skipping a record's payload found."""

    missing: int
    """Bytes its Content-Length promised that the stream does not have (0: whole, or no
    Content-Length)."""
    first_start: int | None
    """Where in the payload the first WARC header line starts, when one was looked for: where
    the records a length too long ran into begin."""
    holds_a_record_end: bool
    """Whether the payload holds a WARC header line right after the line ends that close the
    file's records: a length that ran over a record end (or a web archive archived as a
    payload)."""


def skip_payload(record: Any, closing: bytes | None = None,
                 found: Callable[[int], None] | None = None, offset: int = 0) -> Skipped:
    """Read the rest of the record's payload without keeping it, looking for WARC header lines
    in it when `closing` (the line ends that close the file's records) is given; `found` is
    told where the first one is as soon as it is found (the payload starting at `offset`)."""
    first, ended, tail, read = None, False, b"", 0
    keep = len(RECORD_START) - 1 + len(closing or b"")
    while chunk := record.raw_stream.read(READ_SIZE):
        if closing is not None and not ended:
            data = tail + chunk
            at = data.find(RECORD_START, max(0, len(tail) - len(RECORD_START) + 1))
            while at >= 0 and not ended:
                if first is None:
                    first = read - len(tail) + at
                    if found is not None:
                        found(offset + first)
                ended = at >= len(closing) and data[at - len(closing):at] == closing
                at = data.find(RECORD_START, at + 1)
            tail = data[-keep:]
        read += len(chunk)
    return Skipped(getattr(record.raw_stream, "limit", 0), first, ended)


WRONG_LENGTH = "Content-Length does not end at the record's end"
"""The detail of a record whose block is not closed where its length says."""
LINE_ENDS = (b"\r\n", b"\n")


def _wrong_length(closing: bytes, digest: bool | None) -> str:
    """The detail of a record closed by fewer line ends than it should be, with nothing to
    vouch for it."""
    return f"{WRONG_LENGTH}: closed by {closing!r}, " + (
        "and its block digest fails" if digest is False else
        "unlike the records around it, with no block digest to vouch for it")


ONCE_PER_RECORD = ("warc-record-id", "warc-type")
"""WARC header fields that a record has once: two of them are two records' headers run
together, where damage hid the end of the first one's."""


def fault(record: Any, closing: bytes, after: bytes, skipped: Skipped,
          digest: Callable[[], bool | None], file_closing: bytes | None) -> str | None:
    """Why a record read to its Content-Length is not taken, whatever the records around it
    (None: it may be): it has no length (warcio read on to the end); its block is not closed
    where its length says (see `closes`; `after` is the line read past the line ends `closing`)
    unless its digest holds and the line ends are those that close the file's records (or none
    are known yet): then what follows is the next record's damage (in a file closed by fewer
    line ends, its header line); its block holds a record end its digest does not vouch for;
    or it is closed by fewer line ends than it should be and its header runs two records'
    together, its digest fails, or it has none and a WARC header line is in its payload."""
    if record.length is None:
        return "no Content-Length"
    if not closes(closing, after) and (
            file_closing not in (None, closing) or digest() is not True):
        return WRONG_LENGTH
    if skipped.holds_a_record_end and not digest():
        return f"{WRONG_LENGTH}: a record end is in its block, " + (
            "and its block digest fails" if digest() is False else "with no block digest")
    if closing in RECORD_ENDS:
        return None
    names = [name.lower() for name, _ in record.rec_headers.headers]
    if any(names.count(name) > 1 for name in ONCE_PER_RECORD):  # no blank line stopped it
        return "two records' headers run together (a header field that comes once is repeated)"
    if digest() is False or (digest() is None and skipped.first_start is not None):
        return _wrong_length(closing, digest())
    return None


def _starts_next(line: bytes) -> bool:
    """Whether a line read after a record's block is where the next record or the end of the
    file (or gzip member) begins."""
    return not line or line.startswith(RECORD_START)


def closing_after(reader: BufferedReader, known_format: str) -> tuple[bytes, bytes]:
    """The line ends read after the block of a record just read to its Content-Length (up to
    two), and the line read past them (b"" when none): see `closes`. An ARC record ends in one
    line end: not checked (taken as closed)."""
    if known_format == "arc":
        return RECORD_ENDS[0], b""
    first = reader.readline(READ_SIZE)
    if first not in LINE_ENDS:
        return b"", first
    second = reader.readline(READ_SIZE)
    if first + second in RECORD_ENDS:
        return first + second, b""
    return first, second


def closes(line_ends: bytes, after: bytes) -> bool:
    """Whether a record's block is closed by `line_ends`, with `after` read past them: CRLF CRLF
    or LF LF, or, as some writers close their records, one line end or none before the next
    record or the end. Not when other bytes follow the block: a length too short leaves payload
    there, and one too long takes some or all of the closing line ends (and then the next
    record's first bytes) for payload."""
    return line_ends in RECORD_ENDS or _starts_next(after)


Walked = tuple[int, Any] | BrokenRecord | Padding
"""A record at its offset (payload already skipped, headers kept), why it cannot be read, or
padding passed over."""


@dataclass(slots=True)
class _Held:
    """A record read whole, held back until the record after it is read."""

    offset: int
    record: Any
    closing: bytes
    digest: Callable[[], bool | None]
    taken: bool | None
    """None: what the record after it is closed by tells."""
    detail: str = ""


class Verdicts:
    """Whether each record read whole to its Content-Length is taken, where that depends on the
    records around it: one record is held back until the next is read.

    A record closed by other line ends than CRLF CRLF (or LF LF) is taken when its block digest
    holds, or, without one, when the record before or after it is closed the same way (the
    nearest ones read whole, past damaged ones): a writer's habit, not a length that took or
    left some of the closing line ends. A record that bytes starting no record follow is taken
    unless its block digest fails: then those bytes are the rest of its block, which a length
    too short ended at a blank line of its own.
    """

    WAITING = 100
    """Entries kept waiting at most behind a record that waits for the next record's closing."""

    def __init__(self) -> None:
        self._held: _Held | None = None
        self._behind: list[Walked] = []
        """What came after the held record while it waits (damaged records, padding)."""
        self.known: bytes | None = None
        """The line ends that close the file's records: the last record taken's."""
        self.closing = b""
        """Those, or none while they are not known: then any WARC header line in a payload is
        looked at (the first record of a standard file is taken, and they are known, before the
        second is read)."""

    def hold(self, offset: int, record: Any, closing: bytes, digest: Callable[[], bool | None]
             ) -> list[Walked]:
        """Take in the next record read whole; what is released before it."""
        released = self.release(closing)
        held = _Held(offset, record, closing, digest, True)
        if closing not in RECORD_ENDS:
            held.taken = held.digest()
            if held.taken is None and closing == self.known:
                held.taken = True
            held.detail = _wrong_length(closing, held.digest())
        if held.taken:
            self.known = self.closing = closing
        self._held = held
        return released

    def then(self, entry: BrokenRecord | Padding) -> list[Walked]:
        """An entry after the held record, with what is released before it: it waits behind
        the held record while that waits for the next record's closing."""
        if self._held is not None and self._held.taken is None and (
                len(self._behind) < self.WAITING):
            self._behind.append(entry)
            return []
        return [*self.release(), entry]

    def blames_held(self) -> bool:
        """Whether bytes that start no record, found after the held record, are the rest of its
        block (its block digest fails): then they are no damage of their own."""
        held = self._held
        if held is None or self._behind or held.digest() is not False:
            return False
        held.taken = False
        held.detail = f"{WRONG_LENGTH}: bytes that start no record follow it, and its block " \
                      "digest fails"
        return True

    def release(self, next_closing: bytes | None = None) -> list[Walked]:
        """The held record, taken or reported, and what waited behind it; `next_closing`: how
        the next record read whole is closed (None: none is)."""
        held = self._held
        if held is None:
            return []
        self._held = None
        if held.taken if held.taken is not None else next_closing == held.closing:
            self.known = self.closing = held.closing
            released: list[Walked] = [(held.offset, held.record)]
        else:
            released = [BrokenRecord("corrupt", held.offset, held.detail)]
        if self._behind:
            released += self._behind
            self._behind = []
        return released
