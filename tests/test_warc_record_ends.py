"""Where a WARC record ends: files written here with warcio's writer, then damaged or changed
the way other writers differ, read by the record scanner.

A record's block ends where its Content-Length says, and the record should then be closed by
CRLF CRLF. A length too short can still end just before a blank line of its own record (its
HTTP header's end, a blank line in the page); one several MB too long in a file gzipped as a
whole must not make the scan inflate the file again from its start; and writers that close their
records with one line end, or none, must read without a report, while real damage in their files
is still caught.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from newscrawl.warc.read import BrokenRecord, PageRecord, scan, scan_stream
from tests.crawl import run_crawl
from tests.test_warc_damage import (
    LAYOUTS,
    CountingReader,
    archive,
    failures,
    page,
    pages_read,
    record,
    uri,
    with_length,
)

RECORDS = 6
PLACES = {"first": 0, "middle": 2, "last": RECORDS - 1}
"""Where in a file of six records the changed one is."""


def broken(path: Path) -> list[tuple[str, int]]:
    """(reason, offset) of each record scan() reports."""
    return [(e.reason, e.offset) for e in scan(path) if isinstance(e, BrokenRecord)]


def offset_of(layout: str, parts: list[bytes], n: int) -> int:
    """Where record `n` of `parts` starts in the file archive() writes (of a file gzipped as a
    whole: in its inflated bytes)."""
    sizes = [len(gzip.compress(p)) if layout == "members" else len(p) for p in parts]
    return sum(sizes[:n])


def file_name(layout: str) -> str:
    return "x.warc" if layout == "plain" else "x.warc.gz"


# --- a length too short that ends at a blank line of its own record ---------------------------
def with_a_blank_line(n: int) -> bytes:
    """The record of page(n) with a blank line in its page, between head and body."""
    return record(n, gzipped=False, body=page(n).replace(b"</head>", b"</head>\n\n", 1))


def cut_at(part: bytes, blank_line: bytes) -> bytes:
    """The record with its Content-Length cut to end just before the first `blank_line` of its
    block."""
    block = part.index(b"\r\n\r\n") + 4
    length = part.index(blank_line, block) - block
    return with_length(part, length - (len(part) - 4 - block))


BLANK_LINES = {"http-header-end": b"\r\n\r\n", "page-blank-line": b"\n\n"}


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("blank_line", BLANK_LINES)
def test_a_length_too_short_that_ends_at_a_blank_line_of_its_record(
        tmp_path: Path, layout: str, place: str, blank_line: str) -> None:
    """The block is closed by blank lines, as a record should be, but they are its own: the rest
    of its page follows. The record is reported corrupt at its own offset and not read as a page;
    the rest of it is no record of its own."""
    n = PLACES[place]
    parts = [record(k, gzipped=False) for k in range(RECORDS)]
    parts[n] = cut_at(with_a_blank_line(n), BLANK_LINES[blank_line])
    path = archive(tmp_path / file_name(layout), layout, parts)
    assert pages_read(path) == [uri(k) for k in range(RECORDS) if k != n]
    assert broken(path) == [("corrupt", offset_of(layout, parts, n))]


# --- a length megabytes too long in a file gzipped as a whole ---------------------------------
def scan_whole_gzip(tmp_path: Path, parts: list[bytes]) -> tuple[list, float]:
    """The entries of `parts` written as one gzipped file, and how many times over the scan
    read the compressed file."""
    path = archive(tmp_path / "whole.warc.gz", "whole", parts)
    with open(path, "rb") as raw:
        counted = CountingReader(raw)
        entries = list(scan_stream(counted, path.name))  # type: ignore[arg-type]
    return entries, counted.bytes_read / path.stat().st_size


def test_lengths_megabytes_too_long_cost_one_inflation_of_a_whole_gzip_file(
        tmp_path: Path) -> None:
    """Every 500th record of 4000 has a Content-Length 3 MB too long (the last ones run past the
    end of the file). The walk went back to the start of each, and to check its digest, further
    back than the inflated bytes it keeps: gzip inflated the file again from its start each time
    (the compressed file was read 7.6 times). Each is reported, every other record read, and the
    compressed file read about once (the layout check reads its first two records again)."""
    damaged = range(500, 4000, 500)
    parts = [record(n, gzipped=False) for n in range(4000)]
    for n in damaged:
        parts[n] = with_length(parts[n], 3_000_000)
    entries, read_share = scan_whole_gzip(tmp_path, parts)
    assert [e.target_uri for e in entries if isinstance(e, PageRecord)] == [
        uri(n) for n in range(4000) if n not in damaged]
    assert [e.reason for e in entries if isinstance(e, BrokenRecord)] == [
        "truncated" if 4 + sum(map(len, parts[n + 1:])) < 3_000_000 else "corrupt"
        for n in damaged]
    assert read_share < 1.5


def test_lengths_megabytes_too_long_that_end_at_a_record_end_cost_one_inflation(
        tmp_path: Path) -> None:
    """Two records of 4000 whose Content-Length takes the next 1500 records too, ending where
    the last of them is closed: such a block is closed as a record should be, and only its
    digest tells it holds other records. Checking it read the block again, from further back
    than the inflated bytes kept; big blocks are now hashed as they are skipped. Both are
    reported, every other record read, the compressed file read about once."""
    damaged = (500, 2500)
    parts = [record(n, gzipped=False) for n in range(4000)]
    for n in damaged:
        parts[n] = with_length(parts[n], sum(map(len, parts[n + 1:n + 1501])))
    entries, read_share = scan_whole_gzip(tmp_path, parts)
    assert [e.target_uri for e in entries if isinstance(e, PageRecord)] == [
        uri(n) for n in range(4000) if n not in damaged]
    assert [(e.reason, e.offset) for e in entries if isinstance(e, BrokenRecord)] == [
        ("corrupt", offset_of("whole", parts, n)) for n in damaged]
    assert read_share < 1.5


# --- writers that close records with one line end, or none ------------------------------------
CLOSINGS = {"none": b"", "one-crlf": b"\r\n", "one-lf": b"\n"}
"""What some writers put after a record's block, where the standard has CRLF CRLF."""
DIGEST_LINE = re.compile(rb"WARC-(Block|Payload)-Digest: [^\r\n]*\r\n")


def closed_by(part: bytes, closing: bytes, digests: bool) -> bytes:
    """The record `part` closed by `closing`, with its digests or not."""
    part = part[:-4] + closing
    return part if digests else DIGEST_LINE.sub(b"", part)


def written(closing: str, digests: bool, change: dict[int, int] | None = None) -> list[bytes]:
    """Six records closed by CLOSINGS[closing]; `change` = {record: bytes its length is off}."""
    parts = [record(n, gzipped=False) for n in range(RECORDS)]
    for n, by in (change or {}).items():
        parts[n] = with_length(parts[n], by)
    return [closed_by(part, CLOSINGS[closing], digests) for part in parts]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("closing", CLOSINGS)
@pytest.mark.parametrize("digests", [True, False], ids=["digests", "no-digests"])
def test_records_closed_by_fewer_line_ends_read_without_a_report(
        tmp_path: Path, layout: str, closing: str, digests: bool) -> None:
    """Every record of such a file was reported corrupt (and in a file of gzip members, lost).
    A closing other than CRLF CRLF is taken when the record's block digest holds, or, when the
    writer wrote none, when the record before or after it is closed the same way."""
    path = archive(tmp_path / file_name(layout), layout, written(closing, digests))
    assert pages_read(path) == [uri(n) for n in range(RECORDS)]
    assert failures(path) == []


CHANGES = {"short": -200, "long-by-two": 2, "into-next-header": 30,
           "over-next-record": None}
"""Content-Length errors: a block too short, two bytes into what follows it, into the next
record's header, or over the whole next record (None: its length)."""


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("closing", CLOSINGS)
@pytest.mark.parametrize("digests", [True, False], ids=["digests", "no-digests"])
@pytest.mark.parametrize("change", CHANGES)
@pytest.mark.parametrize("place", ["first", "middle"])
def test_a_wrong_length_is_caught_in_a_file_closed_by_fewer_line_ends(
        tmp_path: Path, layout: str, closing: str, digests: bool, change: str,
        place: str) -> None:
    """A guard on the rule above: in such a file a wrong length still costs its record alone,
    reported corrupt at its offset (a block that ends just before a later record's start passes
    for one of the file's own closings: its digest, or with none the record start it holds,
    tells)."""
    n = PLACES[place]
    plain = written(closing, digests)
    by = CHANGES[change] if CHANGES[change] is not None else len(plain[n + 1])
    parts = written(closing, digests, {n: by})
    path = archive(tmp_path / file_name(layout), layout, parts)
    assert pages_read(path) == [uri(k) for k in range(RECORDS) if k != n]
    assert broken(path) == [("corrupt", offset_of(layout, parts, n))]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("by", [2, 4], ids=["long-by-two", "long-by-four"])
@pytest.mark.parametrize("place", ["middle", "last"])
def test_a_length_that_takes_the_closing_line_ends_is_caught_without_digests(
        tmp_path: Path, layout: str, by: int, place: str) -> None:
    """A guard on the rule above: in a standard file without digests, a block that takes two or
    all four bytes of its closing CRLF CRLF looks closed the way another writer closes its
    records; the records around it show how this file closes them."""
    n = PLACES[place]
    parts = written("none", digests=False)
    parts = [part + b"\r\n\r\n" for part in parts]
    parts[n] = with_length(parts[n], by)
    path = archive(tmp_path / file_name(layout), layout, parts)
    assert pages_read(path) == [uri(k) for k in range(RECORDS) if k != n]
    assert broken(path) == [("corrupt", offset_of(layout, parts, n))]


# --- a response that lost its target URI ------------------------------------------------------
@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_response_without_its_target_uri_is_reported_with_a_clear_reason(
        tmp_path: Path, layout: str) -> None:
    """The log detail was warcio's "AttributeError: 'NoneType' object has no attribute
    'startswith'"; it now says what is wrong with the record."""
    parts = [record(n, gzipped=False) for n in range(RECORDS)]
    at = parts[2].index(b"WARC-Target-URI")
    parts[2] = parts[2][:at] + b"\0" * 15 + parts[2][at + 15:]
    path = archive(tmp_path / file_name(layout), layout, parts)
    details = [e.detail for e in scan(path) if isinstance(e, BrokenRecord)]
    assert details == ["response record without a WARC-Target-URI"]


# --- a real crawl ---------------------------------------------------------------------------
def test_crawl_of_archives_with_each_record_end_accounts_for_every_record(
        tmp_path: Path) -> None:
    """A real `scrapy crawl saved` of a folder of the cases above: every intact page exported,
    each damaged record counted once and logged at its own offset with its reason, no report
    for the files closed by fewer line ends."""
    folder = tmp_path / "archives"
    folder.mkdir()
    parts = [record(n, gzipped=False) for n in range(RECORDS)]
    parts[2] = cut_at(with_a_blank_line(2), BLANK_LINES["http-header-end"])
    archive(folder / "cut.warc", "plain", parts)
    archive(folder / "open.warc.gz", "whole", [
        part.replace(b"harbour.example/", b"harbour.example/1") for part in written("none", False)])
    lost = [record(n, gzipped=False) for n in range(20, 20 + RECORDS)]
    at = lost[1].index(b"WARC-Target-URI")
    lost[1] = lost[1][:at] + b"\0" * 15 + lost[1][at + 15:]
    archive(folder / "lost.warc.gz", "members", lost)
    items, proc = run_crawl("saved", tmp_path / "out.jsonl", {"path": str(folder)},
                            {"NEWSCRAWL_ANALYSE": False})
    exported = sorted(i["request_url"] for i in items)
    assert exported == sorted([uri(n) for n in range(RECORDS) if n != 2]
                              + [uri(10 + n) for n in range(RECORDS)]
                              + [uri(n) for n in range(20, 20 + RECORDS) if n != 21])
    assert "'newscrawl/failed/warc_corrupt': 2" in proc.stderr
    assert f"corrupt record at {folder / 'cut.warc'}:{offset_of('plain', parts, 2)}: " in (
        proc.stderr)
    assert "response record without a WARC-Target-URI" in proc.stderr


@pytest.mark.parametrize("layout", ["plain", "whole"])
@pytest.mark.parametrize("closing", ["none", "one-crlf"])
def test_headers_that_run_into_the_next_record_cost_that_record_alone(
        tmp_path: Path, layout: str, closing: str) -> None:
    """NULs over a record's Content-Length and the blank lines after its headers, in a file
    whose records are closed by fewer line ends and have no digests (found by random damage):
    its header ran on into the next record's, whose length it took, and the damaged record was
    read as a page with the next one's payload, which was lost without a report. A header
    with two WARC-Record-IDs is two records' headers run together: the damaged record is
    reported, and the next one read."""
    parts = written(closing, digests=False)
    at = parts[2].index(b"Content-Length")
    parts[2] = parts[2][:at] + b"\0" * 100 + parts[2][at + 100:]
    path = archive(tmp_path / file_name(layout), layout, parts)
    assert pages_read(path) == [uri(n) for n in range(RECORDS) if n != 2]
    assert broken(path) == [("corrupt", offset_of(layout, parts, 2))]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("closing", ["none", "one-crlf"])
@pytest.mark.parametrize("neighbour", [1, RECORDS - 2], ids=["after-first", "before-last"])
def test_the_first_and_last_records_are_read_past_a_damaged_neighbour(
        tmp_path: Path, layout: str, closing: str, neighbour: int) -> None:
    """In a file closed by fewer line ends without digests, the first (or last) record has one
    neighbour to show how the file closes its records; when that one is damaged, the nearest
    record read whole past it shows it (found by random damage: the first record was reported
    with its neighbour)."""
    parts = written(closing, digests=False, change={neighbour: -200})
    path = archive(tmp_path / file_name(layout), layout, parts)
    assert pages_read(path) == [uri(n) for n in range(RECORDS) if n != neighbour]
    assert broken(path) == [("corrupt", offset_of(layout, parts, neighbour))]


@pytest.mark.parametrize("layout", ["plain", "whole"])
@pytest.mark.parametrize("closing", ["none", "one-crlf"])
@pytest.mark.parametrize("place", ["first", "middle"])
def test_a_damaged_header_line_after_a_record_closed_by_fewer_line_ends(
        tmp_path: Path, layout: str, closing: str, place: str) -> None:
    """A flipped byte in the header line of the record after record n, in a file closed by
    fewer line ends with digests (found by random damage): record n, whose block is followed by
    no record start, was reported for the next one's damage and that one passed over. Record n's
    digest holds and its line ends are the file's: the damage is the next record's, reported at
    its own offset."""
    n = PLACES[place]
    parts = written(closing, digests=True)
    parts[n + 1] = b"WXRC" + parts[n + 1][4:]
    path = archive(tmp_path / file_name(layout), layout, parts)
    assert pages_read(path) == [uri(k) for k in range(RECORDS) if k != n + 1]
    assert broken(path) == [("corrupt", offset_of(layout, parts, n + 1))]


@pytest.mark.parametrize("layout", ["plain", "whole"])
@pytest.mark.parametrize("closing", ["none", "one-crlf"])
@pytest.mark.parametrize("digests", [True, False], ids=["digests", "no-digests"])
def test_a_length_that_ends_at_a_later_http_header_end(
        tmp_path: Path, layout: str, closing: str, digests: bool) -> None:
    """Record 1's block runs over records 2 and 3 and ends where record 4's HTTP header ends
    (found by random damage): the blank line there closed it, as a record should be, and the
    record end in its block was looked for after CRLF CRLF, not after this file's closing (not
    yet known while record 0 was held back): records 2 and 3 were lost. Record 1 alone is
    reported."""
    plain = written(closing, digests)
    http_end = plain[4].index(b"\r\n\r\n", plain[4].index(b"\r\n\r\n") + 4)
    parts = written(closing, digests, {1: len(b"".join(plain[2:4])) + len(CLOSINGS[closing])
                                       + http_end})
    path = archive(tmp_path / file_name(layout), layout, parts)
    assert pages_read(path) == [uri(k) for k in range(RECORDS) if k != 1]
    assert broken(path) == [("corrupt", offset_of(layout, parts, 1))]
