"""Article classifier recall on real article pages (and precision on the fixture site).

    .venv/bin/python tests/benchmarks/classify.py --aeb ../shared/data/aeb \\
        --dates ../shared/data/dates-dev [--crawl] [--list]

A live crawl exports only the pages `newscrawl.classify` calls articles, so an article
misclassified is an article lost. Every page is run the way the live pipeline runs it
(`newscrawl.workers.tasks.page_verdict`: decode → extract → classify, under the page's original
URL):

- AEB (`html/<id>.html.gz`, URLs from `ground-truth.json`): every page is an article.
- dates-dev (`pages/<id>.html.gz` + `<id>.json` sidecar URL): mostly articles and blog posts,
  some listing or event pages; the share is a floor, the rejections list says which is which.
- The fixture site's non-article pages (tests/fixtures/site): none may pass as an article.

The peer in the same table is the markup-only rule (og:type=article or a JSON-LD Article type),
what a crawler that trusts page metadata alone would keep. `--crawl` also runs each set through
the real `scrapy crawl saved` CLI with the live pipelines on (NEWSCRAWL_LIVE=True) and counts
what it exported, to show the in-process figures are the pipeline's.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from newscrawl.classify import STRONG_ARTICLE_TYPES, _og_type  # noqa: E402
from newscrawl.extract.article import extract_article  # noqa: E402
from newscrawl.extract.decode import decode_page  # noqa: E402
from newscrawl.extract.html import parse_html  # noqa: E402
from newscrawl.extract.jsonld import json_ld_objects, types_of  # noqa: E402
from newscrawl.items import Page  # noqa: E402
from newscrawl.workers.tasks import page_verdict  # noqa: E402
from tests.benchmarks.crawl import run_crawl  # noqa: E402

SITE = Path(__file__).resolve().parent.parent / "fixtures" / "site"
SITE_BASE = "https://news.example.com"
SITE_NON_ARTICLES = {
    "index.html": "/", "local/index.html": "/local/", "local/page/2/index.html": "/local/page/2/",
    "business/index.html": "/business/", "tag/waterfront/index.html": "/tag/waterfront/",
    "tag/transport/index.html": "/tag/transport/",
    "author/jane-doe/index.html": "/author/jane-doe/",
    "search/index.html": "/search?q=ferry", "login/index.html": "/login/",
    "contact/index.html": "/contact/",
}


@dataclass
class Sample:
    name: str
    url: str
    raw: bytes


@dataclass
class Result:
    name: str
    url: str
    kind: str
    reason: str
    marked: bool


def read_page(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.name.endswith(".gz") else data


def aeb_samples(root: Path) -> Iterator[Sample]:
    """AEB pages with the URLs its ground truth gives."""
    html = root / "html" if (root / "html").is_dir() else root
    truth_file = next(p for p in (html.parent / "ground-truth.json", root / "ground-truth.json")
                      if p.is_file())
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    for page_id, gold in sorted(truth.items()):
        path = html / f"{page_id}.html.gz"
        if path.is_file():
            yield Sample(page_id, gold.get("url") or path.as_uri(), read_page(path))


def dates_samples(root: Path) -> Iterator[Sample]:
    """dates-dev pages with their sidecar URLs."""
    pages = root / "pages" if (root / "pages").is_dir() else root
    for path in sorted(pages.glob("*.html.gz")):
        base = path.name.removesuffix(".html.gz")
        sidecar = path.with_name(base + ".json")
        url = json.loads(sidecar.read_text(encoding="utf-8")).get("url") if sidecar.is_file() \
            else path.as_uri()
        yield Sample(base, url, read_page(path))


def site_samples() -> Iterator[Sample]:
    for rel, path in SITE_NON_ARTICLES.items():
        raw = (SITE / rel).read_bytes().replace(b"{{BASE}}", SITE_BASE.encode())
        yield Sample(rel, SITE_BASE + path, raw)


def marked_as_article(html: str) -> bool:
    """The peer: og:type=article or a JSON-LD Article type, nothing else."""
    tree = parse_html(html)
    if tree is None:
        return False
    if _og_type(tree) == "article":
        return True
    return any(types_of(obj) & STRONG_ARTICLE_TYPES for obj in json_ld_objects(tree))


def run(samples: Iterator[Sample]) -> tuple[list[Result], float]:
    results, started = [], time.perf_counter()
    for sample in samples:
        page = Page(request_url=sample.url, raw=sample.raw, content_type=None,
                    original_url=sample.url, fetched_at="", hints={})
        html = decode_page(page.raw, page.content_type).html
        tree = parse_html(html)
        article = extract_article(html, request_url=page.request_url,
                                  original_url=page.original_url, fetched_at="", hints={},
                                  tree=tree)
        verdict = page_verdict(page, article, tree)
        results.append(Result(sample.name, sample.url, verdict.kind, verdict.reason,
                              marked_as_article(html)))
    return results, time.perf_counter() - started


def crawl_count(samples: list[Sample]) -> int:
    """Articles the real `scrapy crawl saved` exports with the live pipelines on."""
    with tempfile.TemporaryDirectory(prefix="classify-bench-") as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        for i, sample in enumerate(samples):
            name = f"{i:05d}"
            (folder / f"{name}.html").write_bytes(sample.raw)
            (folder / f"{name}.json").write_text(json.dumps({"url": sample.url}),
                                                  encoding="utf-8")
        items, _ = run_crawl("saved", Path(tmp) / "out.jsonl", {"path": str(folder)},
                             {"NEWSCRAWL_LIVE": True, "NEWSCRAWL_ANALYSE": False})
    return len(items)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--aeb", type=Path, required=True, help="AEB folder (html/ + truth)")
    parser.add_argument("--dates", type=Path, help="dates-dev folder (pages/ with sidecars)")
    parser.add_argument("--crawl", action="store_true", help="also run through scrapy crawl")
    parser.add_argument("--list", action="store_true", help="list every rejected page")
    args = parser.parse_args()

    sets = [("AEB (all articles)", lambda: aeb_samples(args.aeb))]
    if args.dates:
        sets.append(("dates-dev (mostly articles)", lambda: dates_samples(args.dates)))
    sets.append(("fixture non-articles", site_samples))

    header = (f"{'set':28} {'pages':>5} {'article':>8} {'share':>7} {'markup-only':>12} "
              f"{'ms/page':>8}")
    if args.crawl:
        header += f" {'crawl exported':>15}"
    rows, rejections = [header, "-" * len(header)], []
    for label, make in sets:
        results, seconds = run(make())
        n = len(results)
        hits = sum(r.kind == "article" for r in results)
        marked = sum(r.marked for r in results)
        row = (f"{label:28} {n:5d} {hits:8d} {hits / max(n, 1):7.1%} "
               f"{marked / max(n, 1):12.1%} {1000 * seconds / max(n, 1):8.1f}")
        if args.crawl:
            row += f" {crawl_count(list(make())):15d}"
        rows.append(row)
        rejected = [r for r in results if r.kind != "article"]
        if label.startswith("fixture"):
            rejected = [r for r in results if r.kind == "article"]
        rejections.append((label, rejected))
    print("\n".join(rows))
    for label, rejected in rejections:
        if label.startswith("fixture"):
            if rejected:
                print(f"\n{label}: PASSED AS ARTICLES: " + ", ".join(r.url for r in rejected))
            continue
        kinds = Counter(r.kind for r in rejected)
        print(f"\n{label}: {len(rejected)} rejected: "
              + ", ".join(f"{k}={v}" for k, v in kinds.most_common()))
        for r in rejected if args.list else []:
            print(f"  {r.kind:8} {r.url}\n           {r.reason}")
        if not args.list:
            reasons = Counter(f"{r.kind}: " + re.sub(r"\d+", "N", r.reason) for r in rejected)
            for reason, count in reasons.most_common(10):
                print(f"  {count:3d}  {reason}")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
