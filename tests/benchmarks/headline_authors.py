"""Headline and authors on invented news pages: newscrawl against trafilatura's own metadata.

    .venv/bin/python tests/benchmarks/headline_authors.py [--verbose]

The pages in tests/fixtures/headline_authors/ were written for the project (varied templates:
JSON-LD present, absent or naming the site as author, og:title and <title> with the site's name
before or after the headline, kickers glued to the <h1>, bylines in markup classes, rel=author,
meta author holding a URL or a handle, 'and' and comma lists, roles, agencies, names in other
scripts); `expected.json` holds the true headline and authors of each, chosen when the page was
written. Both extractors read the same decoded page. Scores: headline exact match; authors F1
per page (names compared case-insensitively, order ignored), averaged over pages, and the share
of pages whose author list is exactly right. The invented set is small and was written to cover
classes of pages, so it tests coverage, not a rate to expect on real pages. The pages named
`held-*` were written after the rules they exercise and scored before any change: a second row
scores them alone, as a check that the rules carry over to pages they were not written for.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from trafilatura import bare_extraction  # noqa: E402

from newscrawl.extract.decode import decode_page  # noqa: E402
from newscrawl.extract.metadata import extract_metadata  # noqa: E402

PAGES = ROOT / "tests" / "fixtures" / "headline_authors"


def authors_f1(predicted: list[str], truth: list[str]) -> float:
    """F1 of two author lists as sets of case-folded names (1.0 when both are empty)."""
    pred, true = {n.casefold() for n in predicted}, {n.casefold() for n in truth}
    if not pred and not true:
        return 1.0
    hits = len(pred & true)
    return 2 * hits / (len(pred) + len(true))


def newscrawl_fields(html: str, tree, url: str | None) -> tuple[str | None, list[str]]:
    meta = extract_metadata(tree, url)
    return meta.headline, meta.authors


def trafilatura_fields(html: str, tree, url: str | None) -> tuple[str | None, list[str]]:
    doc = bare_extraction(html, url=url, with_metadata=True)
    if doc is None:
        return None, []
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    return doc.title, authors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print each page's misses")
    args = parser.parse_args()
    expected = json.loads((PAGES / "expected.json").read_text(encoding="utf-8"))
    systems = {"newscrawl": newscrawl_fields, "trafilatura": trafilatura_fields}
    sets = {"all": list(expected), "held-*": [f for f in expected if f.startswith("held-")]}
    rows = {(name, subset): {"headline": 0, "f1": 0.0, "authors_exact": 0, "seconds": 0.0}
            for subset in sets for name in systems}
    for file, truth in expected.items():
        page = decode_page((PAGES / file).read_bytes())
        for name, extract in systems.items():
            start = time.perf_counter()
            headline, authors = extract(page.html, page.tree, None)
            seconds = time.perf_counter() - start
            for subset, files in sets.items():
                if file not in files:
                    continue
                row = rows[name, subset]
                row["seconds"] += seconds
                row["headline"] += headline == truth["headline"]
                row["f1"] += authors_f1(authors, truth["authors"])
                row["authors_exact"] += authors == truth["authors"]
            if args.verbose and (headline != truth["headline"] or authors != truth["authors"]):
                print(f"{name:12} {file}: {headline!r} {authors}")
    print(f"{'system':12} {'pages':>12} {'headline exact':>15} {'authors F1':>11} "
          f"{'authors exact':>14} {'ms/page':>8}")
    for (name, subset), row in rows.items():
        n = len(sets[subset]) or 1
        print(f"{name:12} {subset + f' ({len(sets[subset])})':>12} {row['headline'] / n:15.3f} "
              f"{row['f1'] / n:11.3f} {row['authors_exact'] / n:14.3f} "
              f"{1000 * row['seconds'] / n:8.1f}")


if __name__ == "__main__":
    main()
