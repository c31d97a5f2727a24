"""Web archives with many damaged records or with NUL padding: files written here with warcio's
writer, read by the record scanner.

A file gzipped as a whole must be inflated once however many of its records are damaged (the
walk used to seek back in the gzip stream after each one, which inflates it again from its
start), and its pages read one by one without inflating it again from its start for each. Runs
of NUL bytes between records or at the end of a file (preallocated or block-padded files) are
padding, passed over without a failure and without losing a record, while other bytes there
stay a corrupt record.
"""

from __future__ import annotations

import gzip
import io
import random
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newscrawl.warc.read import (
    BrokenRecord,
    Padding,
    PageRecord,
    SkippedRecord,
    read_record,
    scan,
    scan_stream,
)
from tests.crawl import run_crawl

WORDS = ["tide", "pier", "lantern", "council", "ferry", "storm", "harbour", "budget"]


def page(n: int) -> bytes:
    """An invented page, different for each n."""
    text = " ".join(f"{WORDS[(n + i) % len(WORDS)]}{n * 7 + i}" for i in range(120))
    return (f"<html><head><title>Harbour notice {n}</title></head><body><article>"
            f"<h1>Harbour notice {n}</h1><p>{text}</p></article></body></html>").encode()


def record(n: int, gzipped: bool, body: bytes | None = None) -> bytes:
    """The response record of page(n) (or of `body`) at https://harbour.example/n,
    uncompressed or as one gzip member."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped, warc_version="1.1")
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    body = page(n) if body is None else body
    writer.write_record(writer.create_warc_record(
        f"https://harbour.example/{n}", "response", payload=io.BytesIO(body), length=len(body),
        http_headers=http))
    return out.getvalue()


def uri(n: int) -> str:
    return f"https://harbour.example/{n}"


def pages_read(path: Path) -> list[str]:
    """The page URIs scan() finds, each checked to read back as its own page."""
    pages = [e for e in scan(path) if isinstance(e, PageRecord)]
    for entry in pages:
        n = int(entry.target_uri.rsplit("/", 1)[1])
        assert read_record(str(path), entry.offset).body == page(n)
    return [p.target_uri for p in pages]


def failures(path: Path) -> list[str]:
    return [e.reason for e in scan(path) if isinstance(e, BrokenRecord)]


# --- many damaged records in a file gzipped as a whole ----------------------------------------
class CountingReader:
    """The real file, counting the bytes read from it."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.bytes_read = 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.bytes_read += len(data)
        return data

    def seek(self, offset: int, whence: int = 0) -> int:
        return self.stream.seek(offset, whence)

    def tell(self) -> int:
        return self.stream.tell()


def test_archive_gzipped_as_a_whole_is_inflated_once_whatever_its_damage(tmp_path: Path) -> None:
    """200 records, every 10th with a broken WARC header line: each damaged record is reported
    and costs only itself, and the compressed file is read about once, the first block twice (to
    tell the layout); a walk that inflates the file again from its start after each damaged
    record reads it some 20 times."""
    parts = [record(n, gzipped=False) for n in range(200)]
    damaged = set(range(9, 200, 10))
    for n in damaged:
        parts[n] = b"XARC/1.1" + parts[n][8:]
    path = tmp_path / "whole.warc.gz"
    path.write_bytes(gzip.compress(b"".join(parts)))
    with open(path, "rb") as raw:
        counted = CountingReader(raw)
        entries = list(scan_stream(counted, path.name))  # type: ignore[arg-type]
    assert [e.target_uri for e in entries if isinstance(e, PageRecord)] == [
        uri(n) for n in range(200) if n not in damaged]
    assert [e.reason for e in entries if isinstance(e, BrokenRecord)] == ["corrupt"] * 20
    assert counted.bytes_read < 3 * path.stat().st_size


def rchar() -> int:
    """Bytes this process has read so far (all files), as Linux counts them."""
    io_stats = Path("/proc/self/io").read_text()
    return int(next(line for line in io_stats.splitlines() if line.startswith("rchar:"))
               .split()[1])


def whole_archive(path: Path, records: int) -> Path:
    path.write_bytes(gzip.compress(b"".join(record(n, gzipped=False) for n in range(records))))
    return path


@pytest.mark.skipif(not Path("/proc/self/io").exists(), reason="needs /proc")
def test_pages_of_an_archive_gzipped_as_a_whole_are_read_without_inflating_it_again(
        tmp_path: Path) -> None:
    """Each page read in file order goes on from where the read before stopped: the file is
    read about twice (the first read_record checks its layout). Reading each page by inflating
    the file from its start up to it read it some 200 times for these 300 pages."""
    path = whole_archive(tmp_path / "whole.warc.gz", 300)
    pages = [e for e in scan(path) if isinstance(e, PageRecord)]
    before = rchar()
    bodies = [read_record(str(path), entry.offset).body for entry in pages]
    read = rchar() - before
    assert bodies == [page(n) for n in range(300)]
    assert read < 3 * path.stat().st_size


def test_pages_of_an_archive_gzipped_as_a_whole_read_in_any_order(tmp_path: Path) -> None:
    """A guard on the streams kept open: read backwards and from several threads at once, each
    page is still itself."""
    path = whole_archive(tmp_path / "whole.warc.gz", 60)
    pages = [e for e in scan(path) if isinstance(e, PageRecord)]
    backwards = [read_record(str(path), entry.offset).body for entry in reversed(pages)]
    assert backwards == [page(n) for n in reversed(range(60))]
    with ThreadPoolExecutor(4) as pool:
        shuffled = random.Random(7).sample(range(60), 60)
        bodies = list(pool.map(lambda n: read_record(str(path), pages[n].offset).body, shuffled))
    assert bodies == [page(n) for n in shuffled]


# --- NUL padding ------------------------------------------------------------------------------
PADDED = [b"", b"\0" * 512, b"\0" * 75_000, b"\0" * 3]
"""NUL padding before each of four records (none, a short run, a run longer than a 64 kB read,
three bytes)."""
TRAILING = b"\0" * 100_000


def padded_archive(path: Path, gzipped: bool, leading: bytes = b"") -> list[Padding]:
    """Four records with PADDED before them and TRAILING after the last, after `leading`; the
    padding written (where each run starts, its NUL bytes)."""
    data, padding = leading, [Padding(0, len(leading))] if leading else []
    for n, pad in enumerate(PADDED):
        if pad:
            padding.append(Padding(len(data), pad.count(0)))
        data += pad + record(n, gzipped)
    padding.append(Padding(len(data), len(TRAILING)))
    path.write_bytes(data + TRAILING)
    return padding


@pytest.mark.parametrize("gzipped", [False, True], ids=["warc", "warc.gz"])
def test_padding_between_records_and_at_the_end_is_passed_over(tmp_path: Path,
                                                               gzipped: bool) -> None:
    """Without the padding rule the uncompressed file lost the records after padding (warcio
    took the run and the header line after it for one bad blank line) and each run was counted
    corrupt in both layouts."""
    path = tmp_path / ("padded.warc.gz" if gzipped else "padded.warc")
    padded_archive(path, gzipped)
    assert pages_read(path) == [uri(n) for n in range(4)]
    assert failures(path) == []


@pytest.mark.parametrize("gzipped", [False, True], ids=["warc", "warc.gz"])
def test_padding_at_the_start_is_passed_over_and_each_run_reported(tmp_path: Path,
                                                                   gzipped: bool) -> None:
    """Padding at the start too (a .warc.gz that began with it was read as uncompressed, and
    all its records were lost); each run is reported where it starts, with its NUL bytes."""
    path = tmp_path / ("padded.warc.gz" if gzipped else "padded.warc")
    written = padded_archive(path, gzipped, leading=b"\0" * 9)
    assert pages_read(path) == [uri(n) for n in range(4)]
    assert [e for e in scan(path) if isinstance(e, Padding)] == written


@pytest.mark.parametrize("gzipped", [False, True], ids=["warc", "warc.gz"])
def test_padding_that_ends_just_before_a_read_boundary(tmp_path: Path, gzipped: bool) -> None:
    """A guard on the rule that tells NULs over a member's start from padding: a run that ends
    two bytes before the end of a 64 kB read leaves only part of the next member's gzip magic
    in that read, and is still padding."""
    path = tmp_path / ("padded.warc.gz" if gzipped else "padded.warc")
    run = b"\0" * ((1 << 16) - 2)
    path.write_bytes(run + record(0, gzipped) + run + record(1, gzipped))
    assert pages_read(path) == [uri(0), uri(1)]
    assert failures(path) == []


def test_padding_inside_and_after_an_archive_gzipped_as_a_whole(tmp_path: Path) -> None:
    """Padding in the inflated bytes is passed over as in an uncompressed file; NULs after the
    gzip member are passed over by gzip itself."""
    plain = b"".join(pad + record(n, gzipped=False) for n, pad in enumerate(PADDED)) + TRAILING
    path = tmp_path / "whole.warc.gz"
    path.write_bytes(gzip.compress(plain) + b"\0" * 4096)
    assert pages_read(path) == [uri(n) for n in range(4)]
    assert failures(path) == []


@pytest.mark.parametrize("gzipped", [False, True], ids=["warc", "warc.gz"])
@pytest.mark.parametrize("garbage", [b"not a record\r\n", b"\0" * 64 + b"\x01\x02junk\r\n"],
                         ids=["text", "after-padding"])
def test_other_bytes_between_records_stay_a_corrupt_record(tmp_path: Path, gzipped: bool,
                                                           garbage: bytes) -> None:
    """A guard on the padding rule: only NUL bytes are padding."""
    path = tmp_path / ("x.warc.gz" if gzipped else "x.warc")
    path.write_bytes(record(0, gzipped) + garbage + record(1, gzipped) + record(2, gzipped))
    assert pages_read(path) == [uri(n) for n in range(3)]
    assert failures(path) == ["corrupt"]


def test_crawl_of_a_padded_archive_counts_no_failure(tmp_path: Path) -> None:
    """A real `scrapy crawl saved`: every page exported, nothing failed, the padding counted in
    the stats."""
    path = tmp_path / "padded.warc.gz"
    padding = padded_archive(path, gzipped=True)
    items, proc = run_crawl("saved", tmp_path / "out.jsonl", {"path": str(path)},
                            {"NEWSCRAWL_ANALYSE": False})
    assert sorted(i["request_url"] for i in items) == [uri(n) for n in range(4)]
    assert "failed: 0" in proc.stderr
    nul_bytes = sum(p.length for p in padding)
    assert f"'newscrawl/warc/padding_bytes': {nul_bytes}" in proc.stderr


@pytest.mark.parametrize("leading", [9, 75_000])
def test_padding_before_an_archive_gzipped_as_a_whole_is_passed_over(tmp_path: Path,
                                                                      leading: int) -> None:
    """NULs before the one gzip member: gzip reads none before a member (and goes back to the
    file's first byte to seek back), so every record was lost behind one 'corrupt' entry; the
    run is now padding like any other, and the pages are read back from the inflated stream."""
    plain = b"".join(record(n, gzipped=False) for n in range(4))
    path = tmp_path / "whole.warc.gz"
    path.write_bytes(b"\0" * leading + gzip.compress(plain))
    assert pages_read(path) == [uri(n) for n in range(4)]
    assert [e for e in scan(path) if isinstance(e, Padding)] == [Padding(0, leading)]
    assert failures(path) == []


# --- NUL bytes over part of a gzip member -----------------------------------------------------
def nul_run_over(member: int, at: int, length: int) -> bytes:
    """Six records of a gzip member each, `length` NUL bytes written over member `member` from
    its byte `at` on (from its end when negative)."""
    parts = [record(n, gzipped=True) for n in range(6)]
    damaged = bytearray(parts[member])
    at %= len(damaged)
    damaged[at:at + length] = b"\0" * length
    parts[member] = bytes(damaged)
    return b"".join(parts)


@pytest.mark.parametrize(("member", "at", "length"), [(0, 0, 1), (0, 0, 50), (0, 2, 30),
                                                      (0, 40, 50), (2, 0, 3), (2, 1, 50),
                                                      (5, 0, 50), (5, -8, 8)],
                         ids=["first-magic-byte", "first-header", "first-after-magic",
                              "first-inside", "middle-header", "middle-after-magic",
                              "last-header", "last-trailer"])
def test_nul_bytes_over_a_gzip_member_cost_that_record_alone(tmp_path: Path, member: int,
                                                             at: int, length: int) -> None:
    """The member is reported corrupt (never padding: NULs that no member start follows are
    damage) and the other five are read. NULs over the first member's gzip magic made the file
    look uncompressed, and all its records were lost behind one 'corrupt' entry."""
    path = tmp_path / "nul.warc.gz"
    path.write_bytes(nul_run_over(member, at, length))
    assert pages_read(path) == [uri(n) for n in range(6) if n != member]
    assert failures(path) == ["corrupt"]
    assert [e for e in scan(path) if isinstance(e, Padding)] == []



def test_damaged_first_member_with_more_than_its_record_is_no_whole_file(tmp_path: Path) -> None:
    """A first member that inflates to its record and more (longer than the block the layout
    check inflates), and whose CRC is lost under NULs, was taken for a file gzipped as a whole:
    gzip stopped at its CRC and the records of the other five members were lost. A file gzipped
    as a whole has a second WARC header line in that member; this one has none, so it is a
    damaged member of a per-record file."""
    first = bytearray(gzip.compress(record(0, gzipped=False) + b"left over\r\n" * 10_000))
    first[-8:-4] = b"\0" * 4
    path = tmp_path / "x.warc.gz"
    path.write_bytes(bytes(first) + b"".join(record(n, gzipped=True) for n in range(1, 6)))
    assert pages_read(path) == [uri(n) for n in range(1, 6)]
    assert failures(path) == ["corrupt"]

# --- a wrong Content-Length ------------------------------------------------------------------
LAYOUTS = ("plain", "members", "whole")
"""Uncompressed, one gzip member per record, gzipped as a whole."""


def with_length(part: bytes, change: int) -> bytes:
    """An uncompressed record whose Content-Length is `change` bytes off."""
    at = part.index(b"Content-Length: ")
    end = part.index(b"\r\n", at)
    length = int(part[at + len(b"Content-Length: "):end])
    return part[:at] + f"Content-Length: {length + change}".encode() + part[end:]


def archive(path: Path, layout: str, parts: list[bytes]) -> Path:
    """The uncompressed records `parts` written in `layout`."""
    if layout == "members":
        path.write_bytes(b"".join(gzip.compress(part) for part in parts))
    else:
        data = b"".join(parts)
        path.write_bytes(gzip.compress(data) if layout == "whole" else data)
    return path


WRONG_LENGTHS = {
    "short": (2, -200), "short-by-one": (2, -1), "long-by-one": (2, 1), "long-by-two": (2, 2),
    "into-next-header": (2, 30), "into-next-payload": (2, 900), "over-next-record": (2, 1900),
    "past-the-end": (2, 10 ** 7), "last-long-by-four": (5, 4), "last-past-the-end": (5, 30),
    "first-short": (0, -200), "first-past-the-end": (0, 10 ** 7),
}
"""(record, bytes its Content-Length is off) of six records of about 1500 bytes each: a
block too short ends inside its payload, one too long takes the line ends that close it, the
next record's header, its payload or the whole next record, or runs past the end of the file."""


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("case", WRONG_LENGTHS)
def test_a_wrong_content_length_costs_its_record_alone(tmp_path: Path, layout: str,
                                                       case: str) -> None:
    """The record is reported (cut off where its length runs past the end of the file, else
    corrupt) and the other five are read, each as itself. A block too long by a few bytes, or
    too short, was read as the page (with bytes of the next record, or cut) without a report; a
    longer one lost the records it ran into, without a report of their own; a file gzipped as a
    whole whose first record ran past its end, or ended short, was taken for gzip members and
    lost every record (the uncompressed and per-member cases of a block past the end of the
    file were read right before)."""
    damaged, change = WRONG_LENGTHS[case]
    parts = [record(n, gzipped=False) for n in range(6)]
    parts[damaged] = with_length(parts[damaged], change)
    path = archive(tmp_path / ("x.warc" if layout == "plain" else "x.warc.gz"), layout, parts)
    runs_past_the_file = change > len(b"\r\n\r\n") + sum(map(len, parts[damaged + 1:]))
    assert pages_read(path) == [uri(n) for n in range(6) if n != damaged]
    assert failures(path) == [
        "truncated" if runs_past_the_file and layout != "members" else "corrupt"]



def ends(part: bytes) -> list[int]:
    """Where the blank lines that close each header block, and the record, start in `part`."""
    header_end = part.index(b"\r\n\r\n")
    return [header_end, part.index(b"\r\n\r\n", header_end + 4), len(part) - 4]


@pytest.mark.parametrize("layout", ["plain", "whole"])
@pytest.mark.parametrize("lands", [0, 1, 2], ids=["warc-header", "http-header", "record"])
def test_a_content_length_that_ends_where_a_later_record_is_closed(tmp_path: Path, layout: str,
                                                                    lands: int) -> None:
    """A block too long that ends just where blank lines follow in the next record (after its
    WARC or HTTP header, or the record itself) is closed as a record should be: it lost the
    next record (after the header: behind a 'corrupt' placed in it; taking the whole record:
    without any report). Its block holds the end of its record and the start of the next, and
    its digest fails: it is corrupt, and the next record is read."""
    parts = [record(n, gzipped=False) for n in range(6)]
    parts[2] = with_length(parts[2], len(b"\r\n\r\n") + ends(parts[3])[lands])
    path = archive(tmp_path / ("x.warc" if layout == "plain" else "x.warc.gz"), layout, parts)
    assert pages_read(path) == [uri(n) for n in range(6) if n != 2]
    assert failures(path) == ["corrupt"]


def test_a_web_archive_archived_as_a_payload_is_one_record(tmp_path: Path) -> None:
    """A guard on the rule above: a response whose payload is itself a WARC holds record ends
    and starts, but its block digest holds; it is one record (skipped: not HTML), and the
    records around it are read."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False, warc_version="1.1")
    body = record(7, gzipped=False) + record(8, gzipped=False)
    http = StatusAndHeaders("200 OK", [("Content-Type", "application/warc")],
                            protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        "https://harbour.example/archive.warc", "response", payload=io.BytesIO(body),
        length=len(body), http_headers=http))
    path = tmp_path / "nested.warc"
    path.write_bytes(record(0, gzipped=False) + out.getvalue() + record(1, gzipped=False))
    assert pages_read(path) == [uri(0), uri(1)]
    assert [e.reason for e in scan(path) if isinstance(e, SkippedRecord)] == ["not_html"]
    assert failures(path) == []


HEADER_DAMAGE = {"target-uri": (b"WARC-Target-URI", 0, b"\0" * 15),
                 "record-type": (b"WARC-Type", 0, b"\0" * 9),
                 "http-status": (b"200 OK", 1, b"\0\0"),
                 "closing-blank-lines": (b"\r\n\r\n", 0, b"\0" * 4),
                 "closing-line-end-flipped": (b"\r\n\r\n", 3, b"\x02")}
"""(text, from where in it, the bytes written there); the last blank lines are the record's
closing ones. Found by a run of random damage (NUL runs, flipped bits) to one record of eight."""


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("field", HEADER_DAMAGE)
def test_damage_to_a_header_field_costs_that_record_alone(tmp_path: Path, layout: str,
                                                          field: str) -> None:
    """A response without its WARC-Target-URI, or of no WARC-Type, crashed the scan (errors
    warcio and the type check did not expect); a damaged HTTP status crashed read_record; NULs
    or a flipped bit over the blank lines that close a record hid the next record's header line
    from the search for it (it looked for one after a line end), which lost that record without
    a report. Each is one corrupt record now."""
    text, shift, written = HEADER_DAMAGE[field]
    parts = [record(n, gzipped=False) for n in range(6)]
    at = (parts[2].rindex if field.startswith("closing") else parts[2].index)(text) + shift
    parts[2] = parts[2][:at] + written + parts[2][at + len(written):]
    path = archive(tmp_path / ("x.warc" if layout == "plain" else "x.warc.gz"), layout, parts)
    assert pages_read(path) == [uri(n) for n in range(6) if n != 2]
    assert failures(path) == ["corrupt"]

def test_crawl_of_damaged_archives_accounts_for_every_record(tmp_path: Path) -> None:
    """A real `scrapy crawl saved` of a folder of the damage above: every intact page exported,
    each damaged record counted failed (and logged), the padding counted, out of the 42."""
    folder = tmp_path / "archives"
    folder.mkdir()
    (folder / "nul.warc.gz").write_bytes(nul_run_over(0, 0, 50))
    plain = b"".join(record(n, gzipped=False) for n in range(10, 16))
    (folder / "padded.warc.gz").write_bytes(b"\0" * 9 + gzip.compress(plain))
    damaged = {0}
    for first, layout in zip((20, 30, 40, 50), ("plain", "members", "whole", "whole"),
                             strict=True):
        parts = [record(n, gzipped=False) for n in range(first, first + 6)]
        wrong = 2 if first < 50 else 0
        parts[wrong] = with_length(parts[wrong], 900 if first < 50 else -200)
        damaged.add(first + wrong)
        archive(folder / f"{first}.warc{'' if layout == 'plain' else '.gz'}", layout, parts)
    parts = [record(n, gzipped=False) for n in range(60, 66)]
    at = parts[2].index(b"WARC-Target-URI")
    parts[2] = parts[2][:at] + b"\0" * 15 + parts[2][at + 15:]  # crashed the scan
    damaged.add(62)
    (folder / "60.warc").write_bytes(b"".join(parts))
    items, proc = run_crawl("saved", tmp_path / "out.jsonl", {"path": str(folder)},
                            {"NEWSCRAWL_ANALYSE": False})
    records = [n for first in range(0, 70, 10) for n in range(first, first + 6)]
    assert sorted(i["request_url"] for i in items) == sorted(
        uri(n) for n in records if n not in damaged)
    assert "'newscrawl/failed/warc_corrupt': 6" in proc.stderr
    assert "'newscrawl/warc/padding_bytes': 9" in proc.stderr
    assert proc.stderr.count("corrupt record at ") == 6
