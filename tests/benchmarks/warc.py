"""Web archive benchmark: the same pages crawled from files and from one WARC file.

    .venv/bin/python tests/benchmarks/warc.py --aeb ../shared/data/aeb

Writes every page of the article-extraction benchmark (`html/<id>.html.gz`, URLs from
`ground-truth.json`) into one gzip-per-record `.warc.gz` as the HTTP response for its URL
(`Content-Type: text/html` without a charset, as the files have none), then crawls both inputs
through the real `scrapy crawl saved` CLI with `-s NEWSCRAWL_ANALYSE=False` (extraction only),
alternating files and WARC for `--rounds` rounds. Prints body F1 (tests/benchmarks/body.py's
scoring) and pages/s of each input: wall time of the whole crawl, and per CPU second of the crawl
process (steadier on a shared machine), best round of each.

First, the reading alone (`--reading-only`: nothing else), in this process: `scan()` of the
WARC then `read_record()` of each page, against a bare warcio pass over the same file (the peer:
one ArchiveIterator, every response payload read), alternating for `--reading-rounds` rounds,
best of each; the ratio is what newscrawl's checks (each gzip member inflated by zlib, one whole
record per member) cost over warcio reading alone.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from warcio.archiveiterator import ArchiveIterator  # noqa: E402
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

from newscrawl.warc.read import PageRecord, read_record, scan  # noqa: E402
from tests.benchmarks.body import PAGE_SUFFIX, evaluate, page_id  # noqa: E402
from tests.benchmarks.crawl import run_saved_crawl  # noqa: E402

SETTINGS = {"NEWSCRAWL_ANALYSE": False}


def write_warc(html_dir: Path, truth: dict[str, dict], path: Path) -> None:
    """One response record (with its request) per page, under the page's URL."""
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True, warc_version="1.1")
        for pid, gold in truth.items():
            body = gzip.decompress((html_dir / f"{pid}{PAGE_SUFFIX}").read_bytes())
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                    protocol="HTTP/1.1")
            response = writer.create_warc_record(gold["url"], "response",
                                                 payload=io.BytesIO(body), length=len(body),
                                                 http_headers=http)
            host = gold["url"].split("/")[2]
            request = writer.create_warc_record(
                gold["url"], "request", http_headers=StatusAndHeaders(
                    "GET / HTTP/1.1", [("Host", host)], is_http_request=True))
            writer.write_request_response_pair(request, response)


def newscrawl_reading(warc: Path) -> int:
    """scan() of the file, then each page's record read at its offset: the pages read."""
    pages = [entry for entry in scan(warc) if isinstance(entry, PageRecord)]
    for page in pages:
        read_record(str(warc), page.offset)
    return len(pages)


def warcio_reading(warc: Path) -> int:
    """The peer: one warcio pass over the file, every response payload read."""
    pages = 0
    with open(warc, "rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "response":
                record.content_stream().read()
                pages += 1
    return pages


def time_reading(warc: Path, rounds: int) -> None:
    """Prints the best time of each reader and their ratio."""
    best = {"newscrawl": float("inf"), "warcio": float("inf")}
    readers = {"newscrawl": newscrawl_reading, "warcio": warcio_reading}
    for _ in range(rounds):
        for name, reader in readers.items():
            started = time.perf_counter()
            pages = reader(warc)
            best[name] = min(best[name], time.perf_counter() - started)
    print(f"reading the WARC ({pages} pages, best of {rounds} rounds): "
          f"newscrawl scan + read_record {best['newscrawl'] * 1e3:.1f} ms, "
          f"warcio pass {best['warcio'] * 1e3:.1f} ms, "
          f"newscrawl / warcio {best['newscrawl'] / best['warcio']:.2f}")


def timed_crawl(path: Path, out: Path) -> tuple[list[dict], float, float]:
    """(items, wall seconds, CPU seconds of the crawl process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    items = run_saved_crawl(path, out, SETTINGS)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return items, wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--aeb", type=Path, required=True,
                        help="benchmark folder (html/, ground-truth.json)")
    parser.add_argument("--rounds", type=int, default=2, help="crawls of each input")
    parser.add_argument("--reading-rounds", type=int, default=20,
                        help="rounds of the reading-alone comparison")
    parser.add_argument("--reading-only", action="store_true",
                        help="only compare the reading, no crawls")
    args = parser.parse_args()

    truth = json.loads((args.aeb / "ground-truth.json").read_text(encoding="utf-8"))
    html_dir = args.aeb / "html"
    by_url = {gold["url"]: pid for pid, gold in truth.items()}
    with tempfile.TemporaryDirectory() as tmp:
        warc = Path(tmp) / "aeb.warc.gz"
        write_warc(html_dir, truth, warc)
        time_reading(warc, args.reading_rounds)
        if args.reading_only:
            return 0
        runs: dict[str, list[tuple[dict[str, str], float, float]]] = {"files": [], "warc": []}
        for n in range(args.rounds):
            items, wall, cpu = timed_crawl(html_dir, Path(tmp) / f"files-{n}.jsonl")
            bodies = {page_id(i["request_url"]): i.get("body") or "" for i in items}
            runs["files"].append((bodies, wall, cpu))
            items, wall, cpu = timed_crawl(warc, Path(tmp) / f"warc-{n}.jsonl")
            bodies = {by_url[i["request_url"]]: i.get("body") or "" for i in items}
            runs["warc"].append((bodies, wall, cpu))
        warc_size = warc.stat().st_size

    print(f"article-extraction benchmark from files and from one WARC: {len(truth)} pages, "
          f"{args.aeb} (WARC {warc_size / 1e6:.1f} MB), best of {args.rounds} rounds")
    header = (f"{'input':10s} {'F1':>6s} {'prec':>6s} {'recall':>6s} {'pages':>6s} "
              f"{'pages/s':>8s} {'pages/CPU s':>12s}")
    print(header)
    print("-" * len(header))
    rates = {}
    for name, results in runs.items():
        bodies = results[0][0]
        m = evaluate(bodies, truth)
        wall = min(r[1] for r in results)
        cpu = min(r[2] for r in results)
        rates[name] = (len(truth) / wall, len(truth) / cpu)
        found = sum(1 for pid in truth if bodies.get(pid))
        print(f"{name:10s} {m['f1']:6.3f} {m['precision']:6.3f} {m['recall']:6.3f} {found:6d} "
              f"{rates[name][0]:8.1f} {rates[name][1]:12.1f}")
    same = sum(1 for pid in truth
               if runs["files"][0][0].get(pid) == runs["warc"][0][0].get(pid))
    print(f"identical bodies: {same}/{len(truth)}")
    print(f"WARC / files: pages/s {rates['warc'][0] / rates['files'][0]:.3f}, "
          f"pages/CPU s {rates['warc'][1] / rates['files'][1]:.3f}")
    print("pages/s: whole `scrapy crawl saved` run incl. start-up; -s NEWSCRAWL_ANALYSE=False")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
