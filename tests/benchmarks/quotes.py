"""Benchmark: direct quotes and their speakers on PolNeAR, through the real crawler.

usage: .venv/bin/python tests/benchmarks/quotes.py --polnear ../shared/data/polnear-dev
       (same) --polnear ../shared/data/polnear-train --half check

Any PolNeAR split works (dev, train). `--half tuning|check` keeps one fixed half of the articles:
an article is in the tuning half when `sha1(name)[0]` is even (`name` = the article's file name
without `.txt`), in the check half otherwise. Rules are tuned on the tuning half only; the check
half shows whether they generalise.

Turns the PolNeAR articles into news pages (the shared `polnear_pages.py` tool, into a temp dir),
crawls them with `scrapy crawl saved`, and scores the exported `quotes` with the metric of
`shared/README.md` (the same as `shared/tools/score_quotes.py`, which is also run to cross-check):
a gold direct quote is found when >= 50% of its words are in one predicted quote; a prediction is
right when >= 50% of its words lie inside a gold direct or mixed quoted span; speaker accuracy on
named sources; share of pronoun-sourced quotes whose speaker is a name. Beside it, in the same
run: textacy's `direct_quotations` (if textacy is installed; benchmark-only) on the same bodies.

The gold marks a quote "direct" only when its content opens with one of " “ „ «; doubled
apostrophes (''like this'', from tokenised archive text) are indirect speech there, and newscrawl
does not read them as quote marks either.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path, PurePosixPath

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from tests.benchmarks.crawl import run_crawl  # noqa: E402
from tests.benchmarks.halves import half_of  # noqa: E402

TOK = re.compile(r"\w+")
TITLES = {"the", "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president", "senator", "former",
          "new", "of"}
PRONOUNS = ("he", "she", "they", "i", "we")
ISSUE_TEXTACY = {"f1": 0.810, "named": 0.902, "pronoun": 0.03}


def toks(s: str | None) -> list[str]:
    return [t.lower() for t in TOK.findall(s or "")]


def cover(a: list[str], b: list[str]) -> float:
    """Share of the token multiset `a` that also occurs in `b`."""
    ca, cb = Counter(a), Counter(b)
    return sum((ca & cb).values()) / max(1, sum(ca.values()))


def name_tokens(source: str) -> set[str]:
    head = source.split(",")[0]
    return {w.lower() for w in TOK.findall(head)
            if w[:1].isupper() and w.lower() not in TITLES and len(w) > 1}


def score(gold: dict[str, dict], preds: dict[str, list[dict]]) -> dict[str, float]:
    """The README metric (identical to shared/tools/score_quotes.py)."""
    n_gold = n_found = n_pred = n_ok = named = named_ok = pron = pron_ok = 0
    for name, g in gold.items():
        pq = preds.get(name, [])
        ptoks = [toks(q.get("text")) for q in pq]
        quoted = [toks(q["text"]) for q in g["quotes"] if q["kind"] in ("direct", "mixed")]
        used: set[int] = set()
        for q in (q for q in g["quotes"] if q["kind"] == "direct"):
            gt = toks(q["text"])
            n_gold += 1
            best, bi = 0.0, None
            for i, pt in enumerate(ptoks):
                if i not in used and (c := cover(gt, pt)) > best:
                    best, bi = c, i
            if best < 0.5 or bi is None:
                continue
            n_found += 1
            used.add(bi)
            p = pq[bi]
            said = " ".join(str(p.get(k) or "") for k in ("speaker", "speaker_mention")).lower()
            if q["source_kind"] == "named":
                named += 1
                named_ok += bool(name_tokens(q["source"]) & set(toks(said)))
            elif q["source_kind"] == "pronoun":
                pron += 1
                spk = toks(p.get("speaker"))
                pron_ok += bool(spk) and spk[0] not in PRONOUNS
        for pt in ptoks:
            n_pred += 1
            n_ok += any(cover(pt, g2) >= 0.5 for g2 in quoted)
    r, p = n_found / max(1, n_gold), n_ok / max(1, n_pred)
    return {"P": p, "R": r, "F1": 2 * p * r / max(1e-9, p + r),
            "named": named_ok / max(1, named), "pronoun": pron_ok / max(1, pron),
            "gold": n_gold, "pred": n_pred}


def textacy_quotes(bodies: dict[str, str]) -> tuple[dict[str, list[dict]], int, float] | None:
    """textacy's direct_quotations on each body (the full pipeline: textacy needs lemmas).

    Returns (predictions, exceptions, seconds per article), or None when textacy is missing.
    A body that makes textacy raise is retried paragraph by paragraph.
    """
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        return None
    import spacy

    from newscrawl.nlp.model import DEFAULT_MODEL

    nlp = spacy.load(DEFAULT_MODEL)
    preds, errors, t0 = {}, 0, time.perf_counter()

    def run(text: str) -> list[dict]:
        out = []
        for dq in direct_quotations(nlp(text)):
            content = dq.content.text.strip().strip("\"“”'‘’«»").rstrip(",").strip()
            who = " ".join(t.text for t in dq.speaker)
            out.append({"text": content, "speaker": who, "speaker_mention": who})
        return out

    for name, body in bodies.items():
        try:
            preds[name] = run(body)
        except Exception:  # noqa: BLE001 - the baseline's failures are part of its score
            errors += 1
            found = []
            for para in body.split("\n\n"):
                with contextlib.suppress(Exception):
                    found += run(para)
            preds[name] = found
    return preds, errors, (time.perf_counter() - t0) / max(1, len(bodies))


def quote_step_time(bodies: list[str]) -> tuple[float, float]:
    """Milliseconds per article of people.resolve and of extract_quotes (parse excluded)."""
    from newscrawl.nlp.entities import people
    from newscrawl.nlp.model import load_model
    from newscrawl.nlp.quotes import extract as quotes

    docs = list(load_model().pipe(bodies))
    t0 = time.perf_counter()
    res = [people.resolve(d) for d in docs]
    t1 = time.perf_counter()
    for d, r in zip(docs, res, strict=True):
        quotes.extract_quotes(d, r)
    t2 = time.perf_counter()
    n = max(1, len(docs))
    return 1000 * (t1 - t0) / n, 1000 * (t2 - t1) / n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--polnear", required=True, type=Path,
                    help="PolNeAR split dir (text/, attributions/)")
    ap.add_argument("--tools", type=Path, default=None,
                    help="dir with polnear_pages.py and score_quotes.py (default: ../../tools "
                         "from the split dir)")
    ap.add_argument("--half", choices=("tuning", "check", "all"), default="all",
                    help="score one fixed half of the articles (see the module docstring)")
    ap.add_argument("--no-textacy", action="store_true", help="skip the textacy baseline")
    ap.add_argument("--keep", type=Path, default=None, help="keep pages and export here")
    args = ap.parse_args()
    tools = args.tools or args.polnear.resolve().parent.parent / "tools"
    if args.keep is None:
        with tempfile.TemporaryDirectory(prefix="quotes-bench-") as tmp:
            run(args, Path(tmp), tools)
    else:
        args.keep.mkdir(parents=True, exist_ok=True)
        run(args, args.keep, tools)


def run(args: argparse.Namespace, work: Path, tools: Path) -> None:
    """Build the pages in `work`, crawl them, score, print the table."""
    subprocess.run([sys.executable, str(tools / "polnear_pages.py"), str(args.polnear), str(work)],
                   check=True, capture_output=True)
    gold = {g["name"]: g for g in map(json.loads, (work / "gold.jsonl").open(encoding="utf-8"))}
    if args.half != "all":
        gold = {name: g for name, g in gold.items() if half_of(name) == args.half}
        for page in (work / "pages").glob("*.html"):
            if page.stem not in gold:
                page.unlink()
    n_pages = len(list((work / "pages").glob("*.html")))

    t0 = time.perf_counter()
    items, proc = run_crawl("saved", work / "out.jsonl", {"path": str(work / "pages")})
    crawl_s = time.perf_counter() - t0
    log = proc.stderr
    exceptions = len(re.findall(r"\] ERROR: ", log))  # logged with their traceback

    preds, bodies = {}, {}
    for item in items:
        stem = PurePosixPath(str(item.get("request_url") or "")).stem
        if stem in gold:
            preds[stem] = item.get("quotes") or []
            bodies[stem] = item.get("body") or ""
    ours = score(gold, preds)
    resolve_ms, quotes_ms = quote_step_time(list(bodies.values()))

    rows = [("newscrawl (crawl)", ours, exceptions, 1000 * crawl_s / max(1, len(items)))]
    base = None if args.no_textacy else textacy_quotes(bodies)
    if base is not None:
        tq, terr, tsec = base
        rows.append(("textacy 0.13 direct_quotations", score(gold, tq), terr, 1000 * tsec))

    print(f"PolNeAR {args.polnear.name} ({args.half}): {n_pages} pages, {len(items)} exported, "
          f"{ours['gold']} gold direct quotes")
    print(f"{'system':32} {'P':>6} {'R':>6} {'F1':>6} {'named':>6} {'pron':>6} {'pred':>5} "
          f"{'exc':>4} {'ms/art':>7}")
    for label, m, exc, ms in rows:
        ms_s = f"{ms:7.0f}" if ms is not None else f"{'':>7}"
        print(f"{label:32} {m['P']:6.3f} {m['R']:6.3f} {m['F1']:6.3f} {m['named']:6.3f} "
              f"{m['pronoun']:6.3f} {m['pred']:5d} {exc:4d} {ms_s}")
    if args.polnear.name == "polnear-dev" and args.half == "all":
        t = ISSUE_TEXTACY
        print(f"{'textacy (issue, reported)':32} {'':>6} {'':>6} {t['f1']:6.3f} "
              f"{t['named']:6.3f} {t['pronoun']:6.3f}")
    print("goals: F1 >= 0.97 and named >= 0.95 on the check half of polnear-train; "
          "polnear-dev F1 >= 0.971, named >= 0.978; 0 exceptions")
    print(f"time: crawl {1000 * crawl_s / max(1, len(items)):.0f} ms/article (whole pipeline, "
          f"one process); quote step {quotes_ms:.1f} ms/article + people.resolve "
          f"{resolve_ms:.1f} ms/article (parse excluded)")
    scorer = tools / "score_quotes.py"
    if scorer.exists():
        half_gold = work / "gold-half.jsonl"
        half_gold.write_text("".join(json.dumps(g) + "\n" for g in gold.values()),
                             encoding="utf-8")
        check = subprocess.run([sys.executable, str(scorer), str(half_gold),
                                str(work / "out.jsonl")], capture_output=True, text=True)
        print("cross-check score_quotes.py:", check.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
