"""Reading damaged web archives: scan time against one plain pass over the same bytes.

    .venv/bin/python tests/benchmarks/warc_damage.py --records 2000 --every 50

Builds, in a temporary folder, an archive of `--records` response records (invented pages of
a few hundred words) in which every `--every`-th record is damaged, in three layouts:
`members` (one gzip member per record; the damage is 50 zeroed bytes inside the member),
`whole` (the uncompressed archive gzipped as a whole; the damage is a broken WARC header line,
as the gzip stream itself must stay readable) and `plain` (uncompressed, the same damage); with
`--damage length` the damage is instead a Content-Length 900 bytes too long in every layout (the
block runs into the next record, which the walk goes back for). Each
is scanned with `scan()` (`--rounds` times, best of each), then its pages are read one by one
with `read_record()`, against the peer of each layout in the same run: one pass that only
reads (`plain`) or inflates (`members`, `whole`) the file's bytes. Work that grows with the
square of the records shows as a ratio that grows with `--records`.

`--crawl` then times the real `scrapy crawl saved` (extraction only, `NEWSCRAWL_ANALYSE=False`)
of the `whole` file against the `members` one, the same records: the crawl reads pages a few at
a time, in about file order.

`--profile LAYOUT` prints cProfile's top entries (cumulative time) of one scan of that layout.
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import io
import pstats
import random
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

from newscrawl.warc.read import BrokenRecord, PageRecord, read_record, scan  # noqa: E402
from tests.benchmarks.crawl import run_saved_crawl  # noqa: E402

LAYOUTS = ("members", "whole", "plain")
_CHUNK = 1 << 13
WORDS = ["river", "bridge", "council", "mayor", "budget", "spring", "repair", "vote", "street",
         "harbour", "ferry", "school"]


def record_bytes(n: int, gzipped: bool) -> bytes:
    """One response record of an invented page, as its own gzip member or uncompressed."""
    rng = random.Random(n)
    text = " ".join(f"{rng.choice(WORDS)}{rng.randrange(1000)}" for _ in range(300))
    body = f"<html><body><article><h1>Report {n}</h1><p>{text}</p></article></body></html>"
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped, warc_version="1.1")
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        f"https://news.example/{n}", "response", payload=io.BytesIO(body.encode()),
        length=len(body), http_headers=http))
    return out.getvalue()


def damaged(record: bytes, gzipped: bool, damage: str) -> bytes:
    """The record with damage that costs it alone (see the module docstring)."""
    if damage == "length":
        plain = gzip.decompress(record) if gzipped else record
        at = plain.index(b"Content-Length: ") + len(b"Content-Length: ")
        end = plain.index(b"\r\n", at)
        plain = plain[:at] + b"%d" % (int(plain[at:end]) + 900) + plain[end:]
        return gzip.compress(plain) if gzipped else plain
    if gzipped:
        return record[:40] + b"\x00" * 50 + record[90:]
    return b"XARC/1.1" + record[8:]


def build(folder: Path, records: int, every: int, damage: str) -> dict[str, Path]:
    """The archive in each layout."""
    paths = {}
    for layout in LAYOUTS:
        gzipped = layout == "members"
        parts = []
        for n in range(records):
            record = record_bytes(n, gzipped)
            parts.append(damaged(record, gzipped, damage) if n % every == every - 1 else record)
        data = b"".join(parts)
        if layout == "whole":
            data = gzip.compress(data)
        paths[layout] = folder / f"{layout}.warc{'' if layout == 'plain' else '.gz'}"
        paths[layout].write_bytes(data)
    return paths


def peer(path: Path) -> None:
    """One pass over the file's bytes: read, and inflated when gzipped (every member; from a
    damaged one on to the next member start)."""
    with open(path, "rb") as stream:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        while chunk := stream.read(_CHUNK):
            while chunk and path.name.endswith(".gz"):
                try:
                    inflater.decompress(chunk)
                except zlib.error:
                    found = chunk.find(b"\x1f\x8b", 1)
                    chunk = chunk[found:] if found > 0 else b""
                    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
                    continue
                chunk = inflater.unused_data if inflater.eof else b""
                if inflater.eof:
                    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)


def scanned(path: Path) -> tuple[int, int]:
    """(pages, damaged records) found by scan()."""
    entries = list(scan(path))
    return (sum(isinstance(e, PageRecord) for e in entries),
            sum(isinstance(e, BrokenRecord) for e in entries))


def read_pages(path: Path) -> None:
    for entry in scan(path):
        if isinstance(entry, PageRecord):
            read_record(str(path), entry.offset)


def best_of(rounds: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--every", type=int, default=50, help="every n-th record is damaged")
    parser.add_argument("--damage", choices=("bytes", "length"), default="bytes",
                        help="zeroed bytes or a broken header (default), or a wrong length")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-read", action="store_true", help="time scan() only")
    parser.add_argument("--crawl", action="store_true", help="also time scrapy crawl saved")
    parser.add_argument("--profile", choices=LAYOUTS, help="profile one scan of this layout")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = build(Path(tmp), args.records, args.every, args.damage)
        if args.profile:
            profile = cProfile.Profile()
            profile.runcall(scanned, paths[args.profile])
            pstats.Stats(profile).sort_stats("cumulative").print_stats(15)
            return 0
        print(f"{args.records} records, every {args.every}th damaged ({args.damage}); "
              f"best of {args.rounds}")
        print(f"{'layout':8s} {'MB':>6s} {'pages':>6s} {'broken':>6s} {'peer ms':>8s} "
              f"{'scan ms':>8s} {'scan/peer':>9s} {'read ms':>8s} {'read/peer':>9s}")
        for layout, path in paths.items():
            pages, broken = scanned(path)
            peer_s = best_of(args.rounds, lambda p=path: peer(p))
            scan_s = best_of(args.rounds, lambda p=path: scanned(p))
            read = "" if args.no_read else (
                lambda s: f"{s * 1e3:8.0f} {s / peer_s:9.1f}")(
                best_of(1, lambda p=path: read_pages(p)))
            print(f"{layout:8s} {path.stat().st_size / 1e6:6.1f} {pages:6d} {broken:6d} "
                  f"{peer_s * 1e3:8.1f} {scan_s * 1e3:8.1f} {scan_s / peer_s:9.1f} {read}")
        if args.crawl:
            crawled = {}
            for layout in ("members", "whole"):
                started = time.perf_counter()
                items = run_saved_crawl(paths[layout], Path(tmp) / f"{layout}.jsonl",
                                        {"NEWSCRAWL_ANALYSE": False})
                crawled[layout] = time.perf_counter() - started
                print(f"scrapy crawl saved, {layout}: {len(items)} articles, "
                      f"{crawled[layout]:.1f} s")
            print(f"whole / members: {crawled['whole'] / crawled['members']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
