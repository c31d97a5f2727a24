"""Speed and memory benchmark: newscrawl per page and whole crawls, against trafilatura.

    .venv/bin/python tests/benchmarks/speed.py --aeb ../shared/data/aeb [--skip-long]
    .venv/bin/python tests/benchmarks/speed.py --aeb ../shared/data/dates-dev/pages --count 181

`--aeb` takes the AEB folder (html/*.html.gz, ground-truth.json for the URLs) or any folder of
saved pages (*.html.gz with sidecar .json URLs); `--count` pages of it are used (AEB: all 181).

Prints, from one run on one machine (absolute times vary with the machine and its load, so every
figure is a ratio to a peer measured in the same run; the load average is printed too):

1. per page, in this one process: an lxml parse, trafilatura (`favor_precision=True,
   include_comments=False`), newscrawl extraction only (decode, metadata, body, dates) and the
   full pipeline (plus quotes and entities), each as a multiple of the lxml parse;
2. whole `scrapy crawl saved` runs over the AEB pages copied three times (543 files), extraction
   only (`-s NEWSCRAWL_ANALYSE=False`) and full, with NEWSCRAWL_WORKERS=0, 1 and 2: wall-clock per
   page as a multiple of trafilatura's per-page time (measured before and after the crawls,
   averaged), the start-up time to the first exported item on disk, the peak RSS of the crawl's
   process tree (crawl + workers);
3. the full crawl (default settings) over 5,000 pages (the AEB pages repeated), the tree's RSS
   sampled against the number of exported items: it must not grow by more than 10 % between
   item 1,000 and item 5,000 (`--skip-long` leaves this part out).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

import lxml.html  # noqa: E402
import trafilatura  # noqa: E402

from newscrawl.extract.decode import decode_page  # noqa: E402
from newscrawl.items import Page  # noqa: E402
from newscrawl.settings import NEWSCRAWL_SPACY_MODEL  # noqa: E402
from newscrawl.workers.tasks import WorkConfig, analyse_article, extract_page, prepare  # noqa: E402
from tests.crawl import PROJECT_ROOT, scrapy_command  # noqa: E402

PAGE_SUFFIX = ".html.gz"
SAMPLE_EVERY = 0.2
"""Seconds between two RSS samples of the crawl's process tree."""


# --- part 1: one process ---------------------------------------------------------------------
def per_page(pages: list, fn: Callable[[object], object], passes: int = 1,
             clock: Callable[[], float] = time.perf_counter) -> float:
    """Seconds per page of `fn` over `pages` (the best of `passes` passes) by `clock`."""
    best = float("inf")
    for _ in range(passes):
        started = clock()
        for page in pages:
            fn(page)
        best = min(best, (clock() - started) / len(pages))
    return best


def full_pipeline(page: Page) -> None:
    outcome = extract_page(page)
    if outcome.item is not None and outcome.item.body:
        analyse_article(outcome.item)


def trafilatura_per_page(htmls: list[tuple[str, str]],
                         clock: Callable[[], float] = time.perf_counter) -> float:
    return per_page(htmls, lambda p: trafilatura.extract(
        p[0], url=p[1], favor_precision=True, include_comments=False), passes=2, clock=clock)


# --- parts 2 and 3: whole crawls -------------------------------------------------------------
def tree_rss(pid: int) -> int:
    """Resident memory (bytes) of `pid` and all its descendants (Linux /proc)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(int(line.split()[1]) * 1024 for line in status.splitlines()
                          if line.startswith("VmRSS:"))
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def count_lines(path: Path) -> int:
    try:
        with path.open("rb") as fh:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
    except OSError:
        return 0


def crawl(pages_dir: Path, out: Path, settings: dict[str, object],
          track_items: bool = False) -> dict:
    """One `scrapy crawl saved` run: wall time, start-up, peak RSS, RSS samples by item count."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    cmd = scrapy_command("saved", out, {"path": str(pages_dir)}, settings)
    log = out.with_suffix(".log")
    started = time.perf_counter()
    with log.open("w") as err:
        proc = subprocess.Popen(cmd, cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL,
                                stderr=err)
        first_item, peak, samples, last_count = None, 0, [], 0
        next_count = time.perf_counter()
        while proc.poll() is None:
            rss = tree_rss(proc.pid)
            peak = max(peak, rss)
            now = time.perf_counter()
            if first_item is None and out.exists() and out.stat().st_size > 0:
                first_item = now - started
            if track_items and now >= next_count:
                last_count = count_lines(out)
                next_count = now + 2.0
            samples.append((last_count, rss))
            time.sleep(SAMPLE_EVERY)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"crawl failed ({proc.returncode}), see {log}")
    return {"wall": wall, "first_item": first_item or wall, "peak": peak, "samples": samples,
            "items": count_lines(out)}


def copy_pages(files: list[Path], dest: Path, count: int) -> Path:
    """`count` page files in `dest`: `files` repeated (real copies, each a distinct file)."""
    dest.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        source = files[i % len(files)]
        shutil.copyfile(source, dest / f"{i // len(files):03d}-{source.name}")
    return dest


def page_url(page: Path, dataset: Path) -> str:
    """The page's original URL: AEB's ground truth, a sidecar .json, else its file URI."""
    name = page.name[: -len(PAGE_SUFFIX)]
    truth = dataset / "ground-truth.json"
    if truth.is_file():
        return json.loads(truth.read_text(encoding="utf-8")).get(name, {}).get("url") \
            or page.as_uri()
    sidecar = page.with_name(name + ".json")
    if sidecar.is_file():
        return json.loads(sidecar.read_text(encoding="utf-8")).get("url") or page.as_uri()
    return page.as_uri()


def rss_growth(samples: list[tuple[int, int]], low: int, high: int) -> tuple[int, int]:
    """Peak RSS around item `low` (the window up to it) and up to item `high`."""
    around_low = max((rss for n, rss in samples if low * 0.8 <= n <= low), default=0)
    up_to_high = max((rss for n, rss in samples if low < n <= high), default=0)
    return around_low, up_to_high


def mb(n: int) -> str:
    return f"{n / 2**20:,.0f} MB"


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--aeb", type=Path, required=True, help="AEB folder (html/*.html.gz)")
    parser.add_argument("--count", type=int, default=181, help="pages of the folder used")
    parser.add_argument("--skip-long", action="store_true", help="leave out part 3 (5,000 pages)")
    parser.add_argument("--long-pages", type=int, default=5000)
    parser.add_argument("--long-only", action="store_true", help="part 3 alone (and part 1 on "
                        "5 pages, for the trafilatura reference)")
    parser.add_argument("--workers", default="0,1,2", help="NEWSCRAWL_WORKERS values of part 2")
    parser.add_argument("--workdir", type=Path, help="where copies and exports go (default: temp)")
    parser.add_argument("--sample", type=int, help="part 1 on the first N pages only (quick runs)")
    args = parser.parse_args()

    html_dir = args.aeb / "html" if (args.aeb / "html").is_dir() else args.aeb
    files = sorted(html_dir.resolve().glob(f"*{PAGE_SUFFIX}"))[: args.count]
    raws = [f.read_bytes() for f in files]
    urls = [page_url(f, args.aeb) for f in files]
    htmls = [(decode_page(gzip.decompress(raw)).html, url)
             for raw, url in zip(raws, urls, strict=True)]
    pages = [Page(request_url=f.as_uri(), raw=raw, original_url=url)
             for f, raw, url in zip(files, raws, urls, strict=True)]
    if args.sample:
        htmls, pages = htmls[: args.sample], pages[: args.sample]

    if args.long_only:
        args.workers, args.sample = "", 5
    print(f"newscrawl speed benchmark: {len(files)} pages of {args.aeb}, "
          f"{os.cpu_count()} cores, {load()}")
    prepare(WorkConfig(analyse=True, model=NEWSCRAWL_SPACY_MODEL, max_chars=None))
    for page in pages[:5]:  # lazily loaded parts (language profiles, date patterns) load now
        full_pipeline(page)
    encoded = [html.encode("utf-8") for html, _ in htmls]
    # CPU time of this process: on a shared machine, wall-clock here would time the neighbours
    cpu = time.process_time
    lxml_t = per_page(encoded, lxml.html.fromstring, passes=2, clock=cpu)
    traf_cpu = trafilatura_per_page(htmls, clock=cpu)
    extract_t = per_page(pages, extract_page, clock=cpu)
    full_t = per_page(pages, full_pipeline, clock=cpu)
    traf_t = trafilatura_per_page(htmls)  # wall-clock: the reference of the whole crawls
    print("\n1. per page, one process (CPU time; multiple of an lxml parse of the same page)")
    print(f"{'step':44s} {'ms/page':>8s} {'× lxml':>8s} {'× trafilatura':>14s}")
    for name, t in (("lxml parse", lxml_t), ("trafilatura (precision, no comments)", traf_cpu),
                    ("newscrawl extraction only", extract_t), ("newscrawl full pipeline", full_t)):
        print(f"{name:44s} {t * 1000:8.1f} {t / lxml_t:8.1f} {t / traf_cpu:14.2f}")
    sys.stdout.flush()

    with tempfile.TemporaryDirectory() as tmp:
        work = args.workdir or Path(tmp)
        copies = copy_pages(files, work / "aeb3", 3 * len(files))
        n = 3 * len(files)
        results = []
        for mode, settings in (("extraction only", {"NEWSCRAWL_ANALYSE": False}),
                               ("full pipeline", {})):
            for workers in [int(w) for w in args.workers.split(",") if w]:
                run = crawl(copies, work / f"crawl-{len(results)}.jsonl",
                            {**settings, "NEWSCRAWL_WORKERS": workers})
                results.append((mode, workers, run))
                print(f"   … {mode}, {workers} workers: {run['wall']:.1f} s, {load()}",
                      flush=True)
        if results:
            traf_after = trafilatura_per_page(htmls)
            traf_avg = (traf_t + traf_after) / 2
            print(f"\n2. whole `scrapy crawl saved` over {n} pages (×3); trafilatura "
                  f"{traf_t * 1000:.1f} ms/page before the crawls, {traf_after * 1000:.1f} after "
                  f"(ratios use the mean); {load()}")
            print(f"{'run':18s} {'workers':>7s} {'wall s':>7s} {'items':>6s} {'ms/page':>8s} "
                  f"{'× traf':>7s} {'× traf excl. start':>18s} {'start-up s':>10s} "
                  f"{'peak RSS':>10s}")
            for mode, workers, run in results:
                per = run["wall"] / n
                steady = (run["wall"] - run["first_item"]) / n
                print(f"{mode:18s} {workers:7d} {run['wall']:7.1f} {run['items']:6d} "
                      f"{per * 1000:8.1f} {per / traf_avg:7.2f} {steady / traf_avg:18.2f} "
                      f"{run['first_item']:10.1f} {mb(run['peak']):>10s}")
            sys.stdout.flush()

        if not args.skip_long:
            print(f"   … part 3, {load()}", flush=True)
            many = copy_pages(files, work / "many", args.long_pages)
            run = crawl(many, work / "many.jsonl", {}, track_items=True)
            low, high = rss_growth(run["samples"], 1000, args.long_pages)
            growth = (high - low) / low * 100 if low else float("nan")
            print(f"\n3. full crawl, default settings, over {args.long_pages} pages: "
                  f"{run['wall']:.0f} s, {run['items']} items, peak RSS {mb(run['peak'])}; "
                  f"{load()}")
            print(f"   RSS of the process tree: {mb(low)} around item 1,000, peak {mb(high)} "
                  f"from there to item {args.long_pages:,}: {growth:+.1f} % "
                  f"({'within' if growth <= 10 else 'OVER'} the 10 % bound)")
            samples = run["samples"]
            steps = samples[:: max(1, len(samples) // 20)]
            print("   samples (items, MB): " + ", ".join(
                f"({n_items}, {rss / 2**20:.0f})" for n_items, rss in steps))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
