"""Entity benchmark: newscrawl's resolved `entities` against raw spaCy output on GUM pages.

    .venv/bin/python tests/benchmarks/entities.py --gum ../shared/data/gum-dev [--out DIR]
    .venv/bin/python tests/benchmarks/entities.py --gum ../shared/data/gum-genres --half check

Crawls `<gum>/html` through the real `scrapy crawl saved` CLI and scores the exported `entities`
of each article against the folder's gold JSON Lines (`gum_news_dev.jsonl`, `gum_genres.jsonl`:
one gold entry per real-world entity). `--half tuning|check` keeps only one half of the
documents, split by a fixed rule on the document id (`half_of`): rules are tuned on the tuning
half and judged on the check half; `--half all` (the default) scores every document and
reports each half apart as well. Sets with a `genre` field also get one row per genre. In the
same run it scores the baseline the issue names: raw spaCy on the same crawled bodies, one entry
per distinct entity string (its most frequent label). It also times the entity step on those
bodies: the spaCy parse and the document-level resolution (`people.resolve` + `entity_items`).

Metric (as the data set defines it): a predicted entity matches a gold one if its name or an alias
equals one of the gold names (case, accents, punctuation, "'s" and a leading "the" ignored; for
a gold PERSON a shared last name also matches), greedily one-to-one by match strength. Typed
scores treat GPE/LOC/FAC as one class. Gold entities flagged optional and gold non-entity names
are neutral; unmatched NORP predictions are ignored. Merge quality: share of gold entities with
two or more names (two of them predicted) whose names all sit in one predicted entity. Split
errors: gold entities that are the best match of more than one predicted entity.
With `--out DIR` both predictions are written as JSON Lines for the data set's own scorer.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from newscrawl.nlp import gazetteer  # noqa: E402
from newscrawl.nlp.entities import people  # noqa: E402
from newscrawl.nlp.entities.records import entity_items  # noqa: E402
from newscrawl.nlp.model import load_model  # noqa: E402
from tests.benchmarks.crawl import run_saved_crawl  # noqa: E402
from tests.benchmarks.halves import half_of  # noqa: E402

VALUE_LABELS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
CLASS = {
    "PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "NORP",
    "EVENT": "EVENT", "PRODUCT": "WORK", "WORK_OF_ART": "WORK",
}
OPTIONAL = {"nested", "caption_only", "boilerplate_only", "group"}


def norm_key(s: str) -> str:
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = unicodedata.normalize("NFKC", s).lower()
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'").replace("&", " and ")
    s = re.sub(r"'s\b", "", s).replace(".", "")
    s = re.sub(r"\s+", " ", re.sub(r"[^\w]+", " ", s)).strip()
    return re.sub(r"^the ", "", s)


def _cls(label: str | None) -> str | None:
    return CLASS.get(str(label).upper(), "OTHER") if label else None


def _gold_keys(g: dict) -> set[str]:
    keys = {norm_key(n) for n in list(g.get("names") or []) + list(g.get("mention_strings") or [])}
    ident = g.get("identity")
    if ident:
        base = re.sub(r"\s*\([^)]*\)\s*$", "", ident)
        keys |= {norm_key(ident), norm_key(base), norm_key(base.split(",")[0])}
    return keys - {""}


def _gold_surnames(g: dict) -> set[str]:
    names = [norm_key(n) for n in g.get("names") or []]
    multi = {n.split()[-1] for n in names if len(n.split()) > 1}
    return multi or {n.split()[-1] for n in names if n}


def _gold_classes(g: dict) -> set[str]:
    return {CLASS.get(lab, "OTHER") for lab in [g.get("ontonotes"), *(g.get("ontonotes_alt") or [])]
            if lab}


class _Pred:
    def __init__(self, e: dict, idx: int) -> None:
        self.name, self.label, self.idx = e["name"], e.get("label"), idx
        self.key = norm_key(self.name)
        self.akeys = {norm_key(a) for a in e.get("aliases") or []} - {""}
        self.cls = _cls(self.label)
        self.last = self.key.split()[-1] if self.key else ""

    def all_keys(self) -> set[str]:
        return ({self.key} | self.akeys) - {""}


def _strength(p: _Pred, gk: set[str], gs: set[str], gc: set[str]) -> int:
    if p.key in gk:
        return 3
    if p.akeys & gk:
        return 2
    if "PER" in gc and p.cls in (None, "PER") and p.last and p.last in gs:
        return 1
    return 0


def _match(preds: list[_Pred], req: list[dict], neu: list[dict], typed: bool):
    cands = []
    for tag, glist in (("req", req), ("neu", neu)):
        for gi, g in enumerate(glist):
            gk, gs, gc = _gold_keys(g), _gold_surnames(g), _gold_classes(g)
            for p in preds:
                s = _strength(p, gk, gs, gc)
                if not s:
                    continue
                ok = p.cls in gc
                if typed and tag == "req" and not ok:
                    continue
                cands.append((s, int(ok), int(tag == "req"), g.get("n_mentions", 0), -p.idx,
                              tag, gi, p.idx))
    cands.sort(reverse=True)
    used_p, used_g, pairs = set(), set(), {}
    for c in cands:
        tag, gi, pi = c[5], c[6], c[7]
        if pi in used_p or (tag, gi) in used_g:
            continue
        used_p.add(pi)
        used_g.add((tag, gi))
        pairs[pi] = (tag, gi)
    return pairs, cands


def score(gold: dict[str, dict], preds: dict[str, list[dict]]) -> dict:
    """The data set's metric over all gold documents (missing predictions count as empty)."""
    tot = {"untyped": [0, 0, 0], "typed": [0, 0, 0]}
    merge = [0, 0]
    split = matched = 0
    for did, g in gold.items():
        req = [e for e in g["entities"] if not OPTIONAL & set(e.get("optional") or [])]
        neu = [e for e in g["entities"] if OPTIONAL & set(e.get("optional") or [])]
        neu += list(g.get("other_named") or [])
        plist = []
        for e in preds.get(did, []):
            if str(e.get("label", "")).upper() not in VALUE_LABELS:
                p = _Pred(e, len(plist))
                if p.all_keys():
                    plist.append(p)
        for mode in ("untyped", "typed"):
            pairs, cands = _match(plist, req, neu, typed=mode == "typed")
            tp = sum(1 for v in pairs.values() if v[0] == "req")
            fp = sum(1 for p in plist if p.idx not in pairs and p.cls != "NORP")
            tot[mode][0] += tp
            tot[mode][1] += fp
            tot[mode][2] += len(req) - tp
            if mode == "untyped":
                best: dict[int, tuple] = {}
                for c in cands:
                    best.setdefault(c[-1], c)
                links: dict[int, set[int]] = defaultdict(set)
                for pi, c in best.items():
                    if c[5] == "req":
                        links[c[6]].add(pi)
                matched += len(links)
                split += sum(1 for ps in links.values() if len(ps) > 1)
        for e in req:
            names = list(dict.fromkeys(k for k in map(norm_key, e.get("names") or []) if k))
            if len(names) < 2:
                continue
            holders = {k: {p.idx for p in plist if k in p.all_keys()} for k in names}
            shown = [k for k in names if holders[k]]
            if len(shown) >= 2:
                merge[1] += 1
                merge[0] += bool(set.intersection(*(holders[k] for k in shown)))
    out: dict = {}
    for mode, (tp, fp, fn) in tot.items():
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        out[mode] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    out["merge"] = merge[0] / merge[1] if merge[1] else float("nan")
    out["merge_n"] = merge
    out["split"] = split
    out["matched"] = matched
    return out


def raw_spacy_entities(doc) -> list[dict]:
    """Baseline: one entry per distinct entity string, labelled by its most frequent label."""
    labels: dict[str, Counter] = defaultdict(Counter)
    for ent in doc.ents:
        if ent.label_ not in VALUE_LABELS:
            labels[ent.text][ent.label_] += 1
    return [{"name": text, "label": c.most_common(1)[0][0], "aliases": []}
            for text, c in labels.items()]


def _doc_id(item: dict) -> str:
    return re.sub(r"\.html?$", "", Path(item["request_url"]).name)


def _print_table(title: str, rows: list[tuple[str, dict]]) -> None:
    print(title)
    print(f"{'':28} {'untyped P':>9} {'R':>6} {'F1':>6}   {'typed P':>7} {'R':>6} {'F1':>6}"
          f"   {'merge':>15} {'split':>9}")
    for name, r in rows:
        up, ur, uf = r["untyped"]
        tp, tr, tf = r["typed"]
        split = f"{r['split']}/{r['matched']}"
        merge = f"{r['merge']:.3f} ({r['merge_n'][0]}/{r['merge_n'][1]})"
        print(f"{name:28} {up:9.3f} {ur:6.3f} {uf:6.3f}   {tp:7.3f} {tr:6.3f} {tf:6.3f}"
              f"   {merge:>15} {split:>9}")
    print()


def report(gold: dict[str, dict], systems: list[tuple[str, dict[str, list[dict]]]],
           half: str) -> None:
    """Print the scores of each system on the chosen documents, by half and by genre."""
    groups: list[tuple[str, set[str]]] = [(f"{half} half" if half != "all" else "all documents",
                                           set(gold))]
    if half == "all":
        groups += [(f"{h} half", {d for d in gold if half_of(d) == h}) for h in ("tuning", "check")]
    for title, ids in groups:
        sub = {d: gold[d] for d in sorted(ids)}
        _print_table(f"{title}: {len(sub)} documents",
                     [(name, score(sub, preds)) for name, preds in systems])
    genres = sorted({g.get("genre") for g in gold.values() if g.get("genre")})
    if not genres:
        return
    print(f"by genre ({half}): typed F1 / merge quality")
    print(f"{'genre':14} {'docs':>4}" + "".join(f"   {name[:24]:>24}" for name, _ in systems))
    for genre in genres:
        sub = {d: g for d, g in gold.items() if g.get("genre") == genre}
        cells = []
        for _, preds in systems:
            r = score(sub, preds)
            cells.append(f"{r['typed'][2]:.3f} / {r['merge']:.3f}")
        print(f"{genre:14} {len(sub):>4}" + "".join(f"   {c:>24}" for c in cells))
    print()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gum", required=True, type=Path, help="GUM folder (html/ + gold jsonl)")
    ap.add_argument("--half", choices=("tuning", "check", "all"), default="all",
                    help="score one half of the documents (fixed split by document id)")
    ap.add_argument("--out", type=Path, help="write crawl and baseline JSON Lines here")
    args = ap.parse_args()

    gold_file = next(args.gum.glob("*.jsonl"))
    gold = {}
    for line in gold_file.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            if args.half in ("all", half_of(rec["id"])):
                gold[rec["id"]] = rec

    out_dir = args.out or Path(tempfile.mkdtemp(prefix="entities-bench-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    pages = out_dir / f"pages-{args.half}"  # links to the chosen half's pages only
    pages.mkdir(exist_ok=True)
    for page in sorted((args.gum / "html").glob("*.htm*")):
        link = pages / page.name
        if re.sub(r"\.html?$", "", page.name) in gold and not link.exists():
            link.symlink_to(page.resolve())
    t0 = time.perf_counter()
    items = run_saved_crawl(pages, out_dir / "newscrawl.jsonl")
    crawl_s = time.perf_counter() - t0

    nlp = load_model()
    t = time.perf_counter()
    gazetteer.lookup_place("Lisbon")  # one-time table build, reported apart
    gazetteer.first_name_gender("Ann")
    gazetteer.lookup_subdivision("Kent")
    gazetteer.is_town("Paramus")
    gazetteer_s = time.perf_counter() - t
    ours: dict[str, list[dict]] = {}
    raw: dict[str, list[dict]] = {}
    words = 0
    parse_s = resolve_s = 0.0
    with (out_dir / "spacy_raw.jsonl").open("w", encoding="utf-8") as fh:
        for item in items:
            did = _doc_id(item)
            ours[did] = item.get("entities") or []
            body = item.get("body") or ""
            words += len(body.split())
            t = time.perf_counter()
            doc = nlp(body)
            t2 = time.perf_counter()
            entity_items(people.resolve(doc))
            t3 = time.perf_counter()
            parse_s += t2 - t
            resolve_s += t3 - t2
            raw[did] = raw_spacy_entities(doc)
            fh.write(json.dumps({"request_url": item["request_url"], "entities": raw[did]}) + "\n")

    print(f"GUM entities ({args.gum.name}): {len(gold)} gold documents ({args.half}), "
          f"{len(items)} crawled ({crawl_s:.1f} s for the whole crawl incl. model load)")
    print()
    report(gold, [("spaCy raw (one per string)", raw), ("newscrawl entities", ours)], args.half)
    print(f"entity step on {words} words: spaCy parse {words / parse_s:,.0f} words/s; "
          f"resolution {words / resolve_s:,.0f} words/s "
          f"({1000 * resolve_s / max(1, len(items)):.1f} ms/document); "
          f"together {words / (parse_s + resolve_s):,.0f} words/s "
          f"(+ {gazetteer_s:.2f} s once per process to build the gazetteer)")
    print(f"predictions in {out_dir}; cross-check: score_entities.py {gold_file} "
          f"{out_dir / 'newscrawl.jsonl'}")


if __name__ == "__main__":
    main()
