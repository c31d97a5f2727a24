"""The crawl report's numbers: exported articles (and, during a crawl, pages and stats) in,
one JSON-ready dict out.

`ReportBuilder` takes records one at a time and keeps counts, not articles, so a crawl of any
size can be reported. The same builder serves the end of a crawl (newscrawl.report.collect) and
`scrapy report FILE.jsonl` (newscrawl.commands.report): an export gives the article parts; the
crawl adds pages, failures and its stats (those parts are null in a report built from a file).
"""

from __future__ import annotations

import heapq
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime, timezone
from typing import Any

from newscrawl.drops import DROPPED_PREFIX, WARNING_PREFIX
from newscrawl.items import Article
from newscrawl.neardup import DUPLICATES_STAT, NearDuplicateIndex, parse_fingerprint
from newscrawl.summary import FAILED_PREFIX, NON_ARTICLE_PREFIX, REFUSED_PREFIX, SKIPPED_PREFIX

REPORT_VERSION = 1
LISTED = 100
"""Failures, drops and duplicate pairs listed by URL; the rest are counted."""
TOP = 20
"""Speakers, entities, slowest pages and duplicated stories shown."""
DOMAIN_FIELDS = ("headline", "date_published", "authors", "description", "image", "language",
                 "quotes", "entities")
"""Fields whose fill rate is shown per domain (all fields are in report.json)."""
WORD_BINS = (0, 50, 100, 200, 400, 800, 1600, 3200)
"""Lower bounds of the body-length histogram (words); the last bin is open."""
NO_DOMAIN = "(no domain)"
"""Articles and pages without a web host (saved files without a URL of their own)."""

_OFFSET = re.compile(r"(Z|[+-]\d{2}:?\d{2})$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def is_filled(value: Any) -> bool:
    """A field counts as filled when it holds something: not null, not an empty string, list or
    object (numbers, including 0, are filled)."""
    if value is None:
        return False
    if isinstance(value, (str, list, dict, tuple)):
        return len(value) > 0
    return True


def date_precision(value: Any) -> str | None:
    """'day', 'time' (no offset) or 'offset' for an ISO 8601 date; None when absent."""
    if not isinstance(value, str) or not _DAY.match(value):
        return None
    if "T" not in value:
        return "day"
    return "offset" if _OFFSET.search(value) else "time"


ARTICLE_FIELDS = tuple(f.name for f in fields(Article))
"""The export's fields, in their export order."""


def field_names(extra: list[str]) -> list[str]:
    """The export's fields, then any others an older export has."""
    return [*ARTICLE_FIELDS, *(name for name in extra if name not in ARTICLE_FIELDS)]


@dataclass(slots=True)
class PageRecord:
    """One fetched page as the crawl saw it (crawl reports only)."""

    url: str
    domain: str
    status: int | None = None
    """HTTP status; None for file:// pages."""
    fetch_seconds: float = 0.0
    """Download time (Scrapy's download_latency)."""
    process_seconds: float = 0.0
    """From the response to the page's outcome (spider and pipelines, queueing included)."""
    outcome: str = "fetched"
    """exported, dropped, error, or fetched (no article came of it: a feed, a refused type)."""
    reason: str | None = None

    @property
    def seconds(self) -> float:
        return self.fetch_seconds + self.process_seconds


@dataclass
class _Domain:
    articles: int = 0
    filled: Counter = field(default_factory=Counter)
    words: list[int] = field(default_factory=list)
    pages: int = 0
    seconds: float = 0.0
    http_errors: Counter = field(default_factory=Counter)
    robots_refused: int = 0
    failures: int = 0
    duplicates: int = 0


class Listing:
    """The first LISTED entries of a kind, and how many more there were."""

    def __init__(self, limit: int = LISTED) -> None:
        self.limit = limit
        self.listed: list[dict] = []
        self.total = 0

    def add(self, entry: dict) -> None:
        self.total += 1
        if len(self.listed) < self.limit:
            self.listed.append(entry)

    def as_dict(self) -> dict:
        return {"total": self.total, "listed": self.listed, "more": self.total - len(self.listed)}


class ReportBuilder:
    """Counts for the report, fed one record at a time; `build` makes the report dict."""

    def __init__(self) -> None:
        self.exported = 0
        self.filled: Counter = Counter()
        self.extra_fields: list[str] = []
        self.precision: Counter = Counter()
        self.words: list[int] = []
        self.quotes = Counter({"total": 0, "articles": 0, "attributed": 0})
        self.entity_labels: Counter = Counter()
        self.speakers: Counter = Counter()
        self.speaker_articles: Counter = Counter()
        self.entity_articles: Counter = Counter()
        self.entity_mentions: Counter = Counter()
        self.provenance: dict[str, Counter] = defaultdict(Counter)
        self.languages: Counter = Counter()
        self.days: Counter = Counter()
        self.domains: dict[str, _Domain] = defaultdict(_Domain)
        self.duplicates = 0
        self.copies: Counter = Counter()
        self.pairs = Listing()
        self._index: NearDuplicateIndex | None = None
        self.page_count = 0
        self.slowest: list[tuple[float, int, PageRecord]] = []
        self.failures = Listing()
        self.dropped = Listing()

    # --- articles --------------------------------------------------------------------------
    def add_article(self, record: Mapping[str, Any]) -> None:
        """One exported article, as its JSON object."""
        self.exported += 1
        domain = self.domains[record.get("domain") or NO_DOMAIN]
        domain.articles += 1
        for name, value in record.items():
            if name not in ARTICLE_FIELDS and name not in self.extra_fields:
                self.extra_fields.append(name)
            if is_filled(value):
                self.filled[name] += 1
                domain.filled[name] += 1
        self.precision[date_precision(record.get("date_published")) or "none"] += 1
        words = record.get("word_count")
        words = words if isinstance(words, int) else len(str(record.get("body") or "").split())
        self.words.append(words)
        domain.words.append(words)
        self._add_quotes(record.get("quotes") or [])
        self._add_entities(record.get("entities") or [])
        for name, source in (record.get("provenance") or {}).items():
            self.provenance[name][str(source)] += 1
        self.languages[record.get("language") or "unknown"] += 1
        published = record.get("date_published")
        self.days[published[:10] if date_precision(published) else "unknown"] += 1
        self._add_duplicate(record, words, domain)

    def _add_quotes(self, quotes: list) -> None:
        self.quotes["total"] += len(quotes)
        self.quotes["articles"] += bool(quotes)
        speakers = {q.get("speaker") for q in quotes if isinstance(q, Mapping)} - {None}
        for quote in quotes:
            if isinstance(quote, Mapping) and quote.get("speaker"):
                self.quotes["attributed"] += 1
                self.speakers[quote["speaker"]] += 1
        self.speaker_articles.update(speakers)

    def _add_entities(self, entities: list) -> None:
        for entity in entities:
            if not isinstance(entity, Mapping) or not entity.get("name"):
                continue
            key = (entity["name"], entity.get("label") or "")
            self.entity_labels[key[1]] += 1
            self.entity_articles[key] += 1
            self.entity_mentions[key] += int(entity.get("mentions") or 1)

    def _add_duplicate(self, record: Mapping[str, Any], words: int, domain: _Domain) -> None:
        """Counts `duplicate_of`; an export made before that field existed is checked here."""
        if "duplicate_of" in record:
            original = record["duplicate_of"]
        else:
            if self._index is None:
                self._index = NearDuplicateIndex()
            original = self._index.check(str(record.get("url")),
                                         parse_fingerprint(record.get("fingerprint")),
                                         str(record.get("body") or ""), words)
        if original:
            self.duplicates += 1
            domain.duplicates += 1
            self.copies[original] += 1
            self.pairs.add({"url": record.get("url"), "duplicate_of": original})

    # --- crawl -----------------------------------------------------------------------------
    def add_page(self, page: PageRecord) -> None:
        """A fetched page and its outcome (crawl reports)."""
        self.page_count += 1
        domain = self.domains[page.domain]
        domain.pages += 1
        domain.seconds += page.seconds
        if page.status is not None and page.status >= 400:
            domain.http_errors[str(page.status)] += 1
        entry = (page.seconds, self.page_count, page)
        if len(self.slowest) < TOP:
            heapq.heappush(self.slowest, entry)
        else:
            heapq.heappushpop(self.slowest, entry)
        if page.outcome == "dropped":
            self.dropped.add({"url": page.url, "domain": page.domain, "reason": page.reason})
        elif page.outcome == "error" or (page.status or 0) >= 400:
            self.add_failure(page.url, page.domain, page.reason or f"http_{page.status}",
                             counted=False)
            domain.failures += 1

    def add_failure(self, url: str, domain: str, kind: str, detail: str = "",
                    counted: bool = True) -> None:
        """A request that produced no page (network error, refused file), or a failed page."""
        self.failures.add({"url": url, "domain": domain, "kind": kind, "detail": detail})
        if counted:
            self.domains[domain].failures += 1

    def add_robots_refusal(self, domain: str) -> None:
        self.domains[domain].robots_refused += 1

    # --- the report ------------------------------------------------------------------------
    def build(self, stats: Mapping[str, Any] | None = None,
              source: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The report (see README "The crawl report" for its fields). `stats` (the crawl's
        Scrapy stats) is None for a report built from an export."""
        crawl = stats is not None
        n = self.exported
        return {
            "report_version": REPORT_VERSION,
            "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "source": dict(source or {}),
            "exported": n,
            "duplicates": self.duplicates,
            "outcomes": outcomes(stats) if crawl else None,
            "fill_rate": {name: _share(self.filled[name], n)
                          for name in field_names(self.extra_fields)},
            "date_precision": {kind: _share(self.precision[kind], n)
                               for kind in ("day", "time", "offset", "none")},
            "body_words": word_summary(self.words),
            "quotes": dict(self.quotes),
            "entities": {"total": sum(self.entity_labels.values()),
                         "by_label": dict(self.entity_labels.most_common())},
            "provenance": {name: dict(counts.most_common())
                           for name, counts in sorted(self.provenance.items())},
            "languages": dict(self.languages.most_common()),
            "dates": {"by_day": dict(sorted(self.days.items())),
                      "unknown": self.days.get("unknown", 0)},
            "top_speakers": [{"name": name, "quotes": count,
                              "articles": self.speaker_articles[name]}
                             for name, count in self.speakers.most_common(TOP)],
            "top_entities": [{"name": name, "label": label, "articles": count,
                              "mentions": self.entity_mentions[(name, label)]}
                             for (name, label), count in self.entity_articles.most_common(TOP)],
            "domains": self._domains(crawl),
            "duplicate_groups": [{"original": url, "copies": count}
                                 for url, count in self.copies.most_common(TOP)],
            "duplicate_pairs": self.pairs.as_dict(),
            "slowest_pages": [_page(p) for _, _, p in sorted(self.slowest, reverse=True)]
            if crawl else None,
            "failures": self.failures.as_dict() if crawl else None,
            "dropped": self.dropped.as_dict() if crawl else None,
        }

    def _domains(self, crawl: bool) -> list[dict[str, Any]]:
        rows = []
        for name, d in sorted(self.domains.items(),
                              key=lambda kv: (-kv[1].articles, -kv[1].pages, kv[0])):
            row: dict[str, Any] = {
                "domain": name,
                "articles": d.articles,
                "fill_rate": {f: _share(d.filled[f], d.articles) for f in DOMAIN_FIELDS},
                "median_words": statistics.median(d.words) if d.words else None,
                "duplicates": d.duplicates,
            }
            if crawl:
                row.update({
                    "pages": d.pages,
                    "http_errors": dict(sorted(d.http_errors.items())),
                    "robots_refused": d.robots_refused,
                    "failures": d.failures,
                    "mean_seconds": round(d.seconds / d.pages, 4) if d.pages else None,
                })
            rows.append(row)
        return rows


def _share(count: int, total: int) -> float:
    return round(count / total, 4) if total else 0.0


def _page(page: PageRecord) -> dict[str, Any]:
    return {"url": page.url, "domain": page.domain, "seconds": round(page.seconds, 4),
            "fetch_seconds": round(page.fetch_seconds, 4),
            "process_seconds": round(page.process_seconds, 4), "status": page.status,
            "outcome": page.outcome}


def word_summary(words: list[int]) -> dict[str, Any]:
    """Body length in words: quantiles, mean and a histogram over WORD_BINS."""
    if not words:
        return {"min": None, "p10": None, "median": None, "mean": None, "p90": None, "max": None,
                "histogram": []}
    ordered = sorted(words)
    bins = []
    for lower, upper in zip(WORD_BINS, [*WORD_BINS[1:], None], strict=True):
        count = sum(1 for w in ordered if w >= lower and (upper is None or w < upper))
        bins.append({"from": lower, "to": upper, "count": count})
    return {
        "min": ordered[0],
        "p10": _quantile(ordered, 0.1),
        "median": statistics.median(ordered),
        "mean": round(statistics.fmean(ordered), 2),
        "p90": _quantile(ordered, 0.9),
        "max": ordered[-1],
        "histogram": bins,
    }


def _quantile(ordered: list[int], q: float) -> float:
    """Linear interpolation between closest ranks (pandas' default)."""
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return round(ordered[low] + (ordered[high] - ordered[low]) * (position - low), 4)


def _group(stats: Mapping[str, Any], prefix: str) -> dict[str, int]:
    return {k.removeprefix(prefix): v for k, v in sorted(stats.items())
            if k.startswith(prefix) and isinstance(v, int)}


def outcomes(stats: Mapping[str, Any]) -> dict[str, Any]:
    """Inputs and outcomes from the crawl's stats (the names of newscrawl.summary)."""
    get = stats.get
    return {
        "pages_fetched": get("newscrawl/pages", 0),
        "responses": get("response_received_count", 0),
        "exported": get("item_scraped_count", 0),
        "dropped": _group(stats, DROPPED_PREFIX),
        "failed": _group(stats, FAILED_PREFIX),
        "skipped": _group(stats, SKIPPED_PREFIX),
        "non_articles": _group(stats, NON_ARTICLE_PREFIX),
        "refused": {**_group(stats, REFUSED_PREFIX),
                    "robots": get("robotstxt/forbidden", 0),
                    "offsite": get("offsite/filtered", 0)},
        "warnings": _group(stats, WARNING_PREFIX),
        "retries": get("retry/count", 0),
        "near_duplicates": get(DUPLICATES_STAT, 0),
        "finish_reason": get("finish_reason"),
        "elapsed_seconds": get("elapsed_time_seconds"),
    }
