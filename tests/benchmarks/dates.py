"""Date benchmark: publication days of saved pages, newscrawl's crawl beside plain htmldate.

    .venv/bin/python tests/benchmarks/dates.py --data ../shared/data/dates-dev [--half check]

Crawls every page of the set (or of one half: `--half tuning|check|all`, the fixed split by a hash
of the page id in `halves.py`; with `all` each half is scored apart too) through the real
`scrapy crawl saved` (sidecar JSON files give the original URLs), matches exported items to page
ids by the file name in `request_url`, and scores the share of pages whose `date_published` starts
with the hand-annotated day; a page that is not exported counts as wrong. In the same run,
htmldate's own `find_date(extensive_search=True, original_date=True)` reads the same files as the
baseline.
Exported items whose headline or body is mojibake (UTF-8 read in a legacy charset) are counted.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from tests.benchmarks.crawl import run_saved_crawl  # noqa: E402
from tests.benchmarks.halves import HALVES, half_of, select  # noqa: E402
from tests.benchmarks.mojibake import mojibake_items  # noqa: E402

SUFFIXES = (".html.gz", ".html", ".htm")


def page_id(request_url: str) -> str:
    """The benchmark id of a crawled file: its name without the page suffix."""
    name = unquote(urlsplit(request_url).path).rsplit("/", 1)[-1]
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def read_page(pages: Path, pid: str) -> bytes:
    """The saved bytes of a page, un-gzipped."""
    raw = page_path(pages, pid).read_bytes()
    return gzip.decompress(raw) if raw.startswith(b"\x1f\x8b") else raw


def page_path(pages: Path, pid: str) -> Path:
    """The saved file of a page id."""
    for suffix in SUFFIXES:
        path = pages / f"{pid}{suffix}"
        if path.exists():
            return path
    raise FileNotFoundError(pid)


def run_newscrawl(pages: Path, gold: dict[str, dict]) -> tuple[dict[str, dict], float]:
    """Exported items by page id, and the crawl's wall time in seconds.

    Only the pages in `gold` are crawled: symbolic links to them in a scratch folder (the spider
    resolves links, so request URLs and sidecar files stay those of the data set).
    """
    with tempfile.TemporaryDirectory() as tmp:
        selected = Path(tmp) / "pages"
        selected.mkdir()
        for pid in gold:
            path = page_path(pages, pid)
            (selected / path.name).symlink_to(path.resolve())
        start = time.perf_counter()
        items = run_saved_crawl(selected, Path(tmp) / "dates.jsonl", {"NEWSCRAWL_ANALYSE": False})
        elapsed = time.perf_counter() - start
    by_id = {page_id(item["request_url"]): item for item in items}
    return {pid: by_id[pid] for pid in gold if pid in by_id}, elapsed


def run_htmldate(pages: Path, gold: dict[str, dict]) -> tuple[dict[str, str | None], float]:
    """htmldate's original-date guess per page id (from the raw bytes), and the time taken."""
    from htmldate import find_date

    found: dict[str, str | None] = {}
    start = time.perf_counter()
    for pid in gold:
        found[pid] = find_date(read_page(pages, pid), extensive_search=True, original_date=True)
    return found, time.perf_counter() - start


def run_direct(pages: Path, gold: dict[str, dict]) -> tuple[dict[str, str | None], float]:
    """`extract_dates` alone on the same files (decoded as the crawl decodes them), and its time.

    Informational: it shows the date step's own speed beside htmldate's; the crawl row is the
    score that counts, since it is what a user runs.
    """
    from newscrawl.extract.dates.extract import extract_dates
    from newscrawl.extract.decode import UndecodablePage, decode_page

    texts: dict[str, tuple[str, str | None]] = {}
    for pid in gold:
        sidecar = pages / f"{pid}.json"
        url = json.loads(sidecar.read_text(encoding="utf-8")).get("url") if sidecar.exists() \
            else None
        try:
            texts[pid] = (decode_page(read_page(pages, pid)).html, url)
        except UndecodablePage:
            continue
    found: dict[str, str | None] = {}
    start = time.perf_counter()
    for pid, (html, url) in texts.items():
        found[pid] = extract_dates(html, url).published
    return found, time.perf_counter() - start


def share_right(gold: dict[str, dict], predicted: dict[str, str | None]) -> float:
    """Share of pages whose prediction starts with the gold day (missing counts as wrong)."""
    right = sum(1 for pid, entry in gold.items() if (predicted.get(pid) or "").startswith(
        entry["date"]))
    return right / len(gold)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True, type=Path,
                        help="folder with gold.json and pages/ (e.g. ../shared/data/dates-dev)")
    parser.add_argument("--half", choices=(*HALVES, "all"), default="all",
                        help="score the tuning half, the check half, or all pages (default)")
    parser.add_argument("--show-errors", action="store_true", help="list the pages we get wrong")
    args = parser.parse_args()
    everything: dict[str, dict] = json.loads((args.data / "gold.json").read_text(encoding="utf-8"))
    gold = {pid: everything[pid] for pid in select(everything, args.half)}
    pages = args.data / "pages"

    items, crawl_time = run_newscrawl(pages, gold)
    ours = {pid: item.get("date_published") for pid, item in items.items()}
    theirs, htmldate_time = run_htmldate(pages, gold)
    direct, direct_time = run_direct(pages, gold)

    n = len(gold)
    parts = [args.half] if args.half != "all" else [*HALVES, "all"]
    golds = {part: {pid: gold[pid] for pid in select(gold, part)} for part in parts}
    rows = [
        ("newscrawl (scrapy crawl saved)", ours, n / crawl_time),
        ("htmldate find_date(extensive, original)", theirs, n / htmldate_time),
        ("  [info] newscrawl extract_dates alone", direct, n / direct_time),
    ]
    print(f"dates benchmark: {n} pages ({args.half}), {len(items)} exported by the crawl")
    print(f"{'system':42} " + " ".join(f"{part + f'({len(golds[part])})':>13}" for part in parts)
          + f" {'pages/s':>8}")
    for name, predicted, speed in rows:
        scores = " ".join(f"{share_right(golds[part], predicted):13.3f}" for part in parts)
        print(f"{name:42} {scores} {speed:8.1f}")
    print("(columns: share of pages with the right day per half; crawl pages/s includes Scrapy\n"
          " start-up and body extraction; the [info] row calls the date function directly with\n"
          " the sidecar URL, outside the pipeline)")
    garbled = mojibake_items(items.values())
    print(f"mojibake items (headline or body): {len(garbled)} of {len(items)}"
          + "".join(f"\n  {page_id(item['request_url'])}" for item in garbled))

    sources: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for pid, entry in gold.items():
        item = items.get(pid)
        source = ((item or {}).get("provenance") or {}).get("date_published") or (
            "not exported" if item is None else "none")
        source = source.split("(")[0].split(":")[0]
        sources[source] += 1
        right[source] += (ours.get(pid) or "").startswith(entry["date"])
    print(f"\n{'date_published source':42} {'pages':>9} {'right':>8}")
    for source, count in sources.most_common():
        print(f"{source:42} {count:9d} {right[source] / count:8.3f}")

    if args.show_errors:
        print()
        for pid, entry in sorted(gold.items()):
            if not (ours.get(pid) or "").startswith(entry["date"]):
                item = items.get(pid)
                source = ((item or {}).get("provenance") or {}).get("date_published") if item \
                    else "not exported"
                print(f"{pid}\t{half_of(pid)}\tgold {entry['date']}\tgot {ours.get(pid)}"
                      f"\t{source}\thtmldate {theirs.get(pid)}")


if __name__ == "__main__":
    main()
