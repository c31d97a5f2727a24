"""The report as one self-contained HTML page: inline CSS, inline SVG, no script, no link out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any

from newscrawl.report.build import DOMAIN_FIELDS
from newscrawl.report.svg import columns, hbars, heat, stacked

MAX_DOMAINS = 60
"""Domains shown in the per-domain tables (report.json has them all)."""
PROVENANCE_KINDS = 5
"""Source kinds (json-ld, meta, text, url, …) given a column; the rarer ones share 'other'."""
MAX_DATE_COLUMNS = 120
"""Dates are shown per day up to this many days, else per month."""

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2430;
background:#f6f7f9;line-height:1.4}
header{background:#1f3b5c;color:#fff;padding:18px 28px}
header h1{margin:0;font-size:22px}header p{margin:4px 0 0;opacity:.85}
main{padding:8px 28px 40px;max-width:1200px}
section{background:#fff;border:1px solid #dde2e8;border-radius:6px;padding:12px 18px;margin:16px 0}
h2{font-size:17px;margin:4px 0 10px}h3{font-size:14px;margin:12px 0 6px}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
.card{background:#fff;border:1px solid #dde2e8;border-radius:6px;padding:10px 16px;min-width:120px}
.card b{display:block;font-size:24px}.card span{color:#5a6472;font-size:12px}
table{border-collapse:collapse;font-size:13px;margin:4px 0}
th,td{border:1px solid #e2e6eb;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f0f2f5}td.n{text-align:right;font-variant-numeric:tabular-nums}
td.url{max-width:560px;overflow-wrap:anywhere}
.cols{display:flex;flex-wrap:wrap;gap:28px}.empty,.note{color:#6b7480;font-size:13px}
"""


def _table(headers: Sequence[str], rows: Iterable[Sequence[Any]], numeric: set[int] = frozenset(),
           raw: set[int] = frozenset()) -> str:
    """A table; cells are escaped text unless their column is in `raw` (already HTML)."""
    out = ["<table><tr>", *(f"<th>{escape(h)}</th>" for h in headers), "</tr>"]
    count = 0
    for row in rows:
        count += 1
        out.append("<tr>")
        for i, cell in enumerate(row):
            text = cell if i in raw else escape("" if cell is None else _fmt(cell))
            cls = ' class="n"' if i in numeric else (' class="url"' if "url" in headers[i].lower()
                                                      else "")
            out.append(f"<td{cls}>{text}</td>")
        out.append("</tr>")
    out.append("</table>")
    return "".join(out) if count else '<p class="empty">none</p>'


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.3f}".rstrip("0").rstrip(".")
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _section(title: str, *body: str) -> str:
    return f"<section><h2>{escape(title)}</h2>{''.join(body)}</section>"


def _cards(report: Mapping[str, Any]) -> str:
    outcomes = report.get("outcomes") or {}
    cards = [("articles exported", report["exported"]),
             ("near-duplicates", report["duplicates"])]
    if outcomes:
        cards[:0] = [("pages fetched", outcomes.get("pages_fetched", 0))]
        cards += [("dropped", sum(outcomes.get("dropped", {}).values())),
                  ("failed", sum(outcomes.get("failed", {}).values())),
                  ("skipped", sum(outcomes.get("skipped", {}).values()))]
    cards += [("languages", len([k for k in report["languages"] if k != "unknown"])),
              ("domains", len(report["domains"]))]
    inner = "".join(f'<div class="card"><b>{_fmt(v)}</b><span>{escape(k)}</span></div>'
                    for k, v in cards)
    return f'<div class="cards">{inner}</div>'


def _outcomes(report: Mapping[str, Any]) -> str:
    outcomes = report.get("outcomes")
    if not outcomes:
        return ""
    rows: list[tuple[str, float]] = [("exported", outcomes["exported"])]
    for kind in ("dropped", "failed", "skipped", "non_articles", "refused", "warnings"):
        rows += [(f"{kind}: {reason}", count) for reason, count in outcomes[kind].items() if count]
    if outcomes.get("near_duplicates"):
        rows.append(("near-duplicates", outcomes["near_duplicates"]))
    note = (f'<p class="note">finish reason: {escape(str(outcomes.get("finish_reason")))}; '
            f'{_fmt(outcomes.get("elapsed_seconds") or 0)} s; '
            f'{_fmt(outcomes.get("retries") or 0)} retries</p>')
    return _section("Inputs and outcomes", hbars(rows), note)


def _fill(report: Mapping[str, Any]) -> str:
    fill = report["fill_rate"]
    bars = hbars([(name, share) for name, share in fill.items()], share=True)
    precision = report["date_precision"]
    labels = {"day": "day only", "time": "time, no offset", "offset": "time with offset",
              "none": "no date"}
    return _section(
        "Fill rate of every field",
        '<p class="note">share of exported articles where the field holds something</p>',
        bars, "<h3>date_published precision</h3>",
        stacked([(labels[k], v) for k, v in precision.items()]))


def _domains_fill(report: Mapping[str, Any]) -> str:
    rows = []
    for d in report["domains"][:MAX_DOMAINS]:
        if not d["articles"]:
            continue
        cells = [escape(d["domain"]), f'{d["articles"]:,}']
        for name in DOMAIN_FIELDS:
            share = d["fill_rate"][name]
            cells.append(f'<span style="display:block;background:{heat(share)}">'
                         f"{share * 100:.0f} %</span>")
        cells.append(_fmt(d["median_words"]) if d["median_words"] is not None else "")
        rows.append(cells)
    headers = ["domain", "articles", *DOMAIN_FIELDS, "median words"]
    raw = set(range(len(headers)))
    return _section("Fill rate per domain", _table(headers, rows, numeric={1}, raw=raw))


def _bodies(report: Mapping[str, Any]) -> str:
    words = report["body_words"]
    rows = [(f'{b["from"]}–' if b["to"] else f'{b["from"]}+', b["count"])
            for b in words["histogram"]]
    summary = ", ".join(f"{k} {_fmt(words[k])}" for k in ("min", "p10", "median", "mean", "p90",
                                                          "max") if words[k] is not None)
    quotes, entities = report["quotes"], report["entities"]
    return _section(
        "Bodies, quotes and entities",
        f'<p class="note">words per body: {escape(summary)}</p>',
        columns(rows, width=560, height=170),
        '<p class="note">articles by body length (words, from the lower bound of each bin)</p>',
        f'<p class="note">{_fmt(quotes["total"])} quotes in {_fmt(quotes["articles"])} articles, '
        f'{_fmt(quotes["attributed"])} with a speaker; {_fmt(entities["total"])} entities</p>',
        hbars(list(entities["by_label"].items())[:12]))


def _dates(report: Mapping[str, Any]) -> str:
    by_day = {k: v for k, v in report["dates"]["by_day"].items() if k != "unknown"}
    if len(by_day) > MAX_DATE_COLUMNS:
        by_month: dict[str, int] = {}
        for day, count in by_day.items():
            by_month[day[:7]] = by_month.get(day[:7], 0) + count
        rows, unit = list(by_month.items()), "month"
    else:
        rows, unit = list(by_day.items()), "day"
    note = (f'<p class="note">articles per {unit} of date_published; '
            f'{_fmt(report["dates"]["unknown"])} without a date</p>')
    return _section("Publication dates", note, columns(rows))


def _family(source: str) -> str:
    """json-ld, meta, text, url, … : the part of a provenance value before its first colon."""
    return source.split(":", 1)[0]


def _sources(report: Mapping[str, Any]) -> str:
    languages = hbars(list(report["languages"].items())[:15])
    provenance = report["provenance"]
    families: dict[str, int] = {}
    for sources in provenance.values():
        for source, count in sources.items():
            families[_family(source)] = families.get(_family(source), 0) + count
    order = sorted(families, key=lambda f: -families[f])[:PROVENANCE_KINDS]
    if len(families) > len(order):
        order.append("other")
    rows = []
    for name, sources in provenance.items():
        counts = {f: 0 for f in order}
        for source, count in sources.items():
            family = _family(source)
            counts[family if family in counts else "other"] += count
        detail = ", ".join(f"{source} {count:,}" for source, count in list(sources.items())[:4])
        rows.append([name, *(counts[f] or "" for f in order), detail])
    table = _table(["field", *order, "most frequent sources"], rows,
                   numeric=set(range(1, len(order) + 1)))
    return _section("Languages and where values came from",
                    f'<div class="cols"><div><h3>languages</h3>{languages}</div>'
                    f"<div><h3>provenance (source kind per field)</h3>{table}</div></div>")


def _people(report: Mapping[str, Any]) -> str:
    speakers = _table(["speaker", "quotes", "articles"],
                      [(s["name"], s["quotes"], s["articles"]) for s in report["top_speakers"]],
                      numeric={1, 2})
    entities = _table(["entity", "label", "articles", "mentions"],
                      [(e["name"], e["label"], e["articles"], e["mentions"])
                       for e in report["top_entities"]], numeric={2, 3})
    return _section("Top speakers and entities",
                    f'<div class="cols"><div>{speakers}</div><div>{entities}</div></div>')


def _domains_crawl(report: Mapping[str, Any]) -> str:
    if report.get("outcomes") is None:
        return ""
    rows = [(d["domain"], d["pages"], d["articles"],
             ", ".join(f"{s}: {n}" for s, n in d["http_errors"].items()), d["robots_refused"],
             d["failures"], d["mean_seconds"])
            for d in report["domains"][:MAX_DOMAINS]]
    return _section("Per domain", _table(
        ["domain", "pages", "articles", "HTTP errors", "robots refusals", "failures",
         "mean s/page"], rows, numeric={1, 2, 4, 5, 6}))


def _duplicates(report: Mapping[str, Any]) -> str:
    groups = _table(["original", "copies"],
                    [(g["original"], g["copies"]) for g in report["duplicate_groups"]],
                    numeric={1})
    return _section(f"Near-duplicates: {report['duplicates']:,} articles copy an earlier one",
                    groups)


def _listing(title: str, listing: Mapping[str, Any] | None, keys: Sequence[str]) -> str:
    if listing is None:
        return ""
    table = _table(list(keys), [[entry.get(k) for k in keys] for entry in listing["listed"]])
    more = (f'<p class="note">… and {listing["more"]:,} more (report.json counts them)</p>'
            if listing["more"] else "")
    return _section(f"{title} ({listing['total']:,})", table, more)


def _slowest(report: Mapping[str, Any]) -> str:
    pages = report.get("slowest_pages")
    if pages is None:
        return ""
    return _section("Slowest pages", _table(
        ["url", "seconds", "fetch s", "process s", "outcome"],
        [(p["url"], p["seconds"], p["fetch_seconds"], p["process_seconds"], p["outcome"])
         for p in pages], numeric={1, 2, 3}))


def render(report: Mapping[str, Any]) -> str:
    """The whole page."""
    source = report.get("source") or {}
    origin = source.get("spider") and f"crawl `{source['spider']}`" or source.get("export", "")
    subtitle = f"{origin} · generated {report['generated_at']}"
    body = "".join([
        _cards(report), _outcomes(report), _fill(report), _domains_fill(report), _bodies(report),
        _dates(report), _sources(report), _people(report), _domains_crawl(report),
        _duplicates(report), _slowest(report),
        _listing("Failures", report.get("failures"), ("url", "domain", "kind", "detail")),
        _listing("Dropped pages", report.get("dropped"), ("url", "domain", "reason")),
    ])
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>newscrawl report</title><style>{CSS}</style></head><body>"
        f"<header><h1>newscrawl report</h1><p>{escape(subtitle)}</p></header>"
        f"<main>{body}</main></body></html>"
    )
