"""Body extraction benchmark: newscrawl's `body` field against plain trafilatura.

    .venv/bin/python tests/benchmarks/body.py --aeb ../shared/data/aeb [--half check]

Crawls every page of the article-extraction benchmark (Zyte/ScrapingHub, `html/<id>.html.gz` +
`ground-truth.json`) through the real `scrapy crawl saved` CLI, matches exported items to page ids
by the file name in `request_url` (a page that was not exported scores 0), and scores the bodies
with the benchmark's own metric. In the same run it scores plain trafilatura (default settings and
the best configuration, `favor_precision=True, include_comments=False`) on the same pages, decoded
the way the crawler decodes them, plus newscrawl's `extract_body` called directly (to show the
crawl overhead apart from extraction). `--half tuning|check` scores one half of the fixed split
(`halves.py`, a hash of the page id). The crawl's items whose headline or body is mojibake (UTF-8
read in a legacy charset) are counted.

Metric (as the benchmark defines it): per page, `\\w+` tokens, 4-token shingles as multisets;
tp/fp/fn normalised to sum to 1; precision and recall per page (1.0 when there is nothing to
miss), averaged over pages; F1 from the averages. Accuracy: share of pages whose token sequence
equals the truth exactly.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

import trafilatura  # noqa: E402

from newscrawl.extract.body.extract import extract_body  # noqa: E402
from newscrawl.extract.decode import decode_page  # noqa: E402
from tests.benchmarks.crawl import run_saved_crawl  # noqa: E402
from tests.benchmarks.halves import HALVES, select  # noqa: E402
from tests.benchmarks.mojibake import mojibake_items  # noqa: E402

TOKEN = re.compile(r"\w+")
PAGE_SUFFIX = ".html.gz"


def shingles(text: str, n: int = 4) -> Counter:
    tokens = TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(0, len(tokens) - n + 1)))


def score_page(predicted: str, truth: str) -> tuple[float, float, bool]:
    """(precision, recall, exact) of one page, as the benchmark computes them."""
    pred, true = shingles(predicted), shingles(truth)
    tp = sum((pred & true).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    exact = TOKEN.findall(predicted or "") == TOKEN.findall(truth or "")
    total = tp + fp + fn
    if total == 0:
        return 1.0, 1.0, exact
    tp, fp, fn = tp / total, fp / total, fn / total
    precision = 1.0 if fp == 0 else tp / (tp + fp)
    recall = 1.0 if fn == 0 else tp / (tp + fn)
    return precision, recall, exact


def evaluate(predictions: dict[str, str], truth: dict[str, dict]) -> dict[str, float]:
    """Averaged precision/recall, F1 from the averages, accuracy; missing pages score 0."""
    precision = recall = exact = 0.0
    for page_id, gold in truth.items():
        if page_id not in predictions:
            continue  # not exported: precision 0, recall 0
        p, r, e = score_page(predictions[page_id], gold["articleBody"])
        precision, recall, exact = precision + p, recall + r, exact + e
    n = len(truth)
    precision, recall = precision / n, recall / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": f1, "precision": precision, "recall": recall, "accuracy": exact / n}


def page_id(request_url: str) -> str:
    name = request_url.rstrip("/").rsplit("/", 1)[-1]
    return name[: -len(PAGE_SUFFIX)] if name.endswith(PAGE_SUFFIX) else name


def crawl(html_dir: Path, workdir: Path, ids: list[str]) -> tuple[dict[str, dict], float]:
    """Items exported by `scrapy crawl saved` from the pages `ids`, keyed by id, and the wall time.

    The pages are crawled through symbolic links in a scratch folder (the spider resolves them,
    so request URLs keep the data set's file names).
    """
    selected = workdir / "pages"
    selected.mkdir(parents=True, exist_ok=True)
    for pid in ids:
        link = selected / f"{pid}{PAGE_SUFFIX}"
        if not link.exists():
            link.symlink_to((html_dir / f"{pid}{PAGE_SUFFIX}").resolve())
    started = time.perf_counter()
    items = run_saved_crawl(selected, workdir / "aeb.jsonl", {"NEWSCRAWL_ANALYSE": False})
    elapsed = time.perf_counter() - started
    return {page_id(item["request_url"]): item for item in items}, elapsed


def run_direct(
    pages: dict[str, str], urls: dict[str, str], extract: Callable[[str, str], str]
) -> tuple[dict[str, str], float]:
    started = time.perf_counter()
    out = {pid: extract(html, urls[pid]) or "" for pid, html in pages.items()}
    return out, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--aeb", type=Path, required=True, help="benchmark folder (html/, ground-truth.json)"
    )
    parser.add_argument("--workdir", type=Path, help="crawl export folder (default: a temp dir)")
    parser.add_argument("--half", choices=(*HALVES, "all"), default="all",
                        help="score the tuning half, the check half, or all pages (default)")
    args = parser.parse_args()

    everything = json.loads((args.aeb / "ground-truth.json").read_text(encoding="utf-8"))
    truth = {pid: everything[pid] for pid in select(everything, args.half)}
    html_dir = args.aeb / "html"
    pages = {
        pid: decode_page(gzip.decompress((html_dir / f"{pid}{PAGE_SUFFIX}").read_bytes())).html
        for pid in truth
    }
    urls = {pid: gold["url"] for pid, gold in truth.items()}

    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.workdir or Path(tmp)
        items, crawl_time = crawl(html_dir, workdir, list(truth))
    crawled = {pid: item.get("body") or "" for pid, item in items.items()}

    runs: list[tuple[str, dict[str, str], float]] = [
        ("newscrawl (scrapy crawl saved)", crawled, crawl_time)
    ]
    direct, t = run_direct(pages, urls, lambda html, url: extract_body(html, url).text)
    runs.append(("newscrawl extract_body() alone", direct, t))
    default, t = run_direct(pages, urls, lambda html, url: trafilatura.extract(html, url=url))
    runs.append(("trafilatura default", default, t))
    best, t = run_direct(
        pages,
        urls,
        lambda html, url: trafilatura.extract(
            html, url=url, favor_precision=True, include_comments=False
        ),
    )
    runs.append(("trafilatura precision, no comments", best, t))

    print(f"article-extraction benchmark: {len(truth)} pages ({args.half}), {args.aeb}")
    header = (
        f"{'system':34s} {'F1':>6s} {'prec':>6s} {'recall':>6s} {'acc':>6s} "
        f"{'pages/s':>8s} {'pages':>6s}"
    )
    print(header)
    print("-" * len(header))
    for name, predictions, seconds in runs:
        m = evaluate(predictions, truth)
        found = sum(1 for pid in truth if predictions.get(pid))
        print(
            f"{name:34s} {m['f1']:6.3f} {m['precision']:6.3f} {m['recall']:6.3f} "
            f"{m['accuracy']:6.3f} {len(truth) / seconds:8.1f} {found:6d}"
        )
    print("pages/s: the crawl row is the whole `scrapy crawl` run incl. start-up and all fields;")
    print("         the other rows time the extraction call only")
    print("pages: pages with a non-empty body (a page not exported scores 0)")
    garbled = mojibake_items(items.values())
    print(f"mojibake items (headline or body): {len(garbled)} of {len(items)}"
          + "".join(f"\n  {page_id(item['request_url'])}" for item in garbled))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
