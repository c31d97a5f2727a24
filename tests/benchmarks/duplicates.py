"""Near-duplicates: thresholds, precision/recall on syndicated copies, and cost per article.

    python tests/benchmarks/duplicates.py --aeb ../shared/data/aeb

1. Crawls the AEB pages through the real `saved` spider, re-publishes each article in another
   (invented) site template with its dateline changed or a line added (tests/rewrap.py), and
   crawls those too. Pairs: each original with its copy (positives); every two distinct AEB
   articles (negatives). The AEB pages are split by a hash of the file name into a tuning half
   and a check half; thresholds are chosen on the tuning half.
2. Prints SimHash distances and shingle resemblance of both kinds of pairs, precision/recall per
   threshold, and the end-to-end result of one crawl holding originals and copies (the pipeline's
   own `duplicate_of`), per half.
3. Times `NearDuplicateIndex.check` per article at 1k, 10k and 100k synthetic bodies, beside a
   linear scan over all fingerprints (the peer without an index) in the same run.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from newscrawl.extract.fingerprint import fingerprint  # noqa: E402
from newscrawl.neardup import (  # noqa: E402
    MAX_DISTANCE,
    MIN_RESEMBLANCE,
    MIN_WORDS,
    Fingerprint,
    NearDuplicateIndex,
    parse_fingerprint,
    resemblance,
    shingle_sketch,
)
from tests.benchmarks.halves import half_of  # noqa: E402
from tests.crawl import run_saved_crawl  # noqa: E402
from tests.rewrap import MUTATIONS, rewrap  # noqa: E402

FAST = {"NEWSCRAWL_ANALYSE": "False", "LOG_LEVEL": "WARNING"}


def page_id(item: dict) -> str:
    return Path(item["request_url"]).name.split(".")[0]


def build_copies(originals: list[dict], folder: Path) -> None:
    """One copy per original article, alternating templates and mutations."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, item in enumerate(sorted(originals, key=page_id)):
        url = f"https://copy{i % 3}.example/story/{page_id(item)}"
        page = rewrap(item.get("headline") or "", item["body"], url, i, MUTATIONS[i % 2])
        (folder / f"{page_id(item)}.html").write_text(page, encoding="utf-8")


REUSE = False
"""--reuse: read the crawls already in --work instead of crawling again."""


def crawl(folder: Path, out: Path, settings: dict | None = None) -> list[dict]:
    if REUSE and out.exists():
        return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return run_saved_crawl(folder, out, {**FAST, **(settings or {})})


def pair_features(a: dict, b: dict) -> tuple[int, float]:
    first, second = parse_fingerprint(a["fingerprint"]), parse_fingerprint(b["fingerprint"])
    distance = (first ^ second).bit_count()
    return distance, resemblance(shingle_sketch(a["body"]), shingle_sketch(b["body"]))


def threshold_table(positives: list[tuple[int, float]], negatives: list[tuple[int, float]]) -> None:
    print(f"  {'bits':>4} {'min J':>6} {'recall':>7} {'false pairs':>11} {'precision':>9}")
    for bits in (3, 4, 5, 6, 7, 8, 10, 12):
        for floor in (0.3, 0.5, 0.7):
            tp = sum(1 for d, j in positives if d <= bits and j >= floor)
            fp = sum(1 for d, j in negatives if d <= bits and j >= floor)
            precision = tp / (tp + fp) if tp + fp else 1.0
            mark = " ←" if (bits, floor) == (MAX_DISTANCE, MIN_RESEMBLANCE) else ""
            print(f"  {bits:>4} {floor:>6.1f} {tp / len(positives):>7.3f} {fp:>11} "
                  f"{precision:>9.3f}{mark}")


def distribution(label: str, values: list[float]) -> None:
    values = sorted(values)
    if not values:
        return
    pick = [values[int(q * (len(values) - 1))] for q in (0, 0.1, 0.5, 0.9, 1)]
    print(f"  {label:<28} min {pick[0]:.2f}  p10 {pick[1]:.2f}  median {pick[2]:.2f}  "
          f"p90 {pick[3]:.2f}  max {pick[4]:.2f}")


def end_to_end(items: list[dict], originals: dict[str, str]) -> dict[str, tuple[float, float]]:
    """Precision/recall of `duplicate_of` per half: a flag is right when it joins a page to its
    own copy (in either direction, whichever the crawl met first)."""
    by_url = {item["url"]: item for item in items}
    result = {}
    for half in ("tuning", "check"):
        keep = [i for i in items if half_of(page_id(i)) == half]
        flagged = [i for i in keep if i.get("duplicate_of")]
        right = sum(1 for i in flagged if page_id(by_url[i["duplicate_of"]]) == page_id(i))
        pairs = len({frozenset((i["url"], originals[i["url"]])) for i in keep
                     if i["url"] in originals and i["word_count"] >= MIN_WORDS})
        result[half] = (right / len(flagged) if flagged else 1.0, right / pairs if pairs else 0.0)
    return result


def quality(aeb: Path, work: Path) -> None:
    originals = crawl(aeb / "html", work / "aeb.jsonl")
    build_copies(originals, work / "copies")
    copies = {page_id(i): i for i in crawl(work / "copies", work / "copies.jsonl")}
    long_enough = [i for i in originals if i["word_count"] >= MIN_WORDS and i["fingerprint"]]
    print(f"AEB: {len(originals)} articles, {len(long_enough)} with ≥ {MIN_WORDS} words; "
          f"{len(copies)} copies")
    for half in ("tuning", "check"):
        own = [i for i in long_enough if half_of(page_id(i)) == half]
        positives = [pair_features(i, copies[page_id(i)]) for i in own if page_id(i) in copies]
        negatives = [pair_features(a, b) for a, b in combinations(own, 2)]
        print(f"\n{half} half: {len(positives)} original/copy pairs, {len(negatives)} pairs of "
              "distinct articles")
        distribution("copies: SimHash bits", [d for d, _ in positives])
        distribution("copies: resemblance", [j for _, j in positives])
        distribution("distinct: SimHash bits", [d for d, _ in negatives])
        distribution("distinct: resemblance", [j for _, j in negatives])
        threshold_table(positives, negatives)

    # One crawl of both folders, as a user would run it: the pipeline's own flags.
    # A new folder of links each time: nothing is ever written where a link points (the data
    # set is read-only).
    both = Path(tempfile.mkdtemp(prefix="both-", dir=work))
    for folder in (aeb / "html", work / "copies"):
        (both / folder.name).mkdir()
        for page in folder.iterdir():
            (both / folder.name / page.name).symlink_to(page.resolve())
    items = crawl(both, work / "both.jsonl")
    url_of = {}
    for item in items:
        url_of.setdefault(page_id(item), []).append(item["url"])
    partner = {u: next(v for v in urls if v != u) for urls in url_of.values() if len(urls) == 2
               for u in urls}
    print(f"\nend to end (one crawl of {len(items)} pages: originals and copies, "
          f"{MAX_DISTANCE} bits, resemblance ≥ {MIN_RESEMBLANCE}):")
    for half, (precision, recall) in end_to_end(items, partner).items():
        print(f"  {half:<6} precision {precision:.3f}  recall {recall:.3f}")


def synthetic_bodies(count: int, seed: int = 7) -> list[str]:
    """Distinct bodies of 300 words drawn from a 5,000-word vocabulary."""
    rng = random.Random(seed)
    vocabulary = [f"w{rng.getrandbits(40):x}" for _ in range(5000)]
    return [" ".join(rng.choices(vocabulary, k=300)) for _ in range(count)]


def linear_scan(fingerprints: list[int], simhash: int) -> int:
    return sum(1 for f in fingerprints if (f ^ simhash).bit_count() <= MAX_DISTANCE)


def scaling() -> None:
    print("\ncost per article (synthetic 300-word bodies). check = what the pipeline does per "
          "article (shingle sketch, lookup, confirm, add); lookup = finding the fingerprints "
          f"within {MAX_DISTANCE} bits with the index; scan = the same by comparing with every "
          "earlier fingerprint (the peer without an index):")
    probes = synthetic_bodies(200, seed=11)
    probe_hashes = [parse_fingerprint(fingerprint(b)) for b in probes]
    for size in (1_000, 10_000, 100_000):
        bodies = synthetic_bodies(size)
        index = NearDuplicateIndex()
        hashes = []
        for n, body in enumerate(bodies):
            simhash = parse_fingerprint(fingerprint(body))
            hashes.append(simhash)
            index.add(Fingerprint(f"u{n}", simhash, shingle_sketch(body)))
        start = time.perf_counter()
        for n, (body, simhash) in enumerate(zip(probes, probe_hashes, strict=True)):
            index.check(f"p{n}", simhash, body, 300)
        check = (time.perf_counter() - start) / len(probes)
        start = time.perf_counter()
        for simhash in probe_hashes:
            list(index.candidates(simhash))
        lookup = (time.perf_counter() - start) / len(probes)
        start = time.perf_counter()
        for simhash in probe_hashes:
            linear_scan(hashes, simhash)
        scan = (time.perf_counter() - start) / len(probes)
        print(f"  {size:>7,} bodies: check {check * 1e3:6.3f} ms/article   lookup "
              f"{lookup * 1e6:7.1f} µs   scan {scan * 1e6:9.1f} µs   scan/lookup "
              f"{scan / lookup:6.1f}×")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--aeb", type=Path, help="AEB folder (html/, ground-truth.json)")
    parser.add_argument("--work", type=Path, help="keep crawls here (default: a temp dir)")
    parser.add_argument("--reuse", action="store_true", help="reuse the crawls kept in --work")
    parser.add_argument("--no-scaling", action="store_true")
    args = parser.parse_args()
    global REUSE
    REUSE = args.reuse
    with tempfile.TemporaryDirectory(prefix="neardup-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        if args.aeb:
            quality(args.aeb, work)
        if not args.no_scaling:
            scaling()


if __name__ == "__main__":
    main()
