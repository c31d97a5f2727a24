"""End-of-crawl summary: how many inputs were exported, dropped (and why) or failed."""

from __future__ import annotations

import logging

from scrapy import signals
from scrapy.crawler import Crawler

from newscrawl.drops import DROPPED_PREFIX, WARNING_PREFIX

logger = logging.getLogger(__name__)

FAILED_PREFIX = "newscrawl/failed/"
SKIPPED_PREFIX = "newscrawl/skipped/"
REFUSED_PREFIX = "newscrawl/refused/"
NON_ARTICLE_PREFIX = "newscrawl/non_article/"
ROBOTS_MISSING = "newscrawl/robots_missing"


def _group(stats: dict, prefix: str) -> dict[str, int]:
    return {k.removeprefix(prefix): v for k, v in sorted(stats.items()) if k.startswith(prefix)}


def summarize(stats: dict) -> str:
    """One line: exported, dropped by reason, skipped by reason, failed by kind, warnings about
    exported pages (e.g. a truncated download) when there are any (+ live-crawl figures)."""
    parts = [
        f"pages fetched: {stats.get('newscrawl/pages', 0)}",
        f"articles exported: {stats.get('item_scraped_count', 0)}",
    ]
    for label, prefix in (("dropped", DROPPED_PREFIX), ("skipped", SKIPPED_PREFIX),
                          ("failed", FAILED_PREFIX)):
        group = _group(stats, prefix)
        detail = ", ".join(f"{k}={v}" for k, v in group.items())
        parts.append(f"{label}: {sum(group.values())}" + (f" ({detail})" if detail else ""))
    warnings = _counted("warnings", _group(stats, WARNING_PREFIX))
    return "; ".join(parts + warnings + _live_parts(stats))


def _counted(label: str, group: dict[str, int]) -> list[str]:
    """'label: total (k=v, …)' for the non-zero entries; nothing when all are zero."""
    group = {k: v for k, v in group.items() if v}
    if not group:
        return []
    return [f"{label}: {sum(group.values())} (" + ", ".join(f"{k}={v}" for k, v in group.items())
            + ")"]


_REFUSED_LABELS = {"too_large": "size", "too_large_decompressed": "size_decompressed",
                   "not_html": "type"}
"""Short summary names of newscrawl/refused/<reason> (other reasons keep their own name)."""


def _refused(stats: dict) -> dict[str, int]:
    """Requests refused before a page came of them, by reason: robots.txt, size (the saved
    spider's too-large files too), type, off-site."""
    refused = {"robots": stats.get("robotstxt/forbidden", 0), "size": 0, "size_decompressed": 0,
               "type": 0}  # the summary's order; zeros are left out
    for reason, count in _group(stats, REFUSED_PREFIX).items():
        label = _REFUSED_LABELS.get(reason, reason)
        refused[label] = refused.get(label, 0) + count
    refused["offsite"] = refused.pop("offsite", 0) + stats.get("offsite/filtered", 0)
    return refused


def _live_parts(stats: dict) -> list[str]:
    """Live-crawl figures (news spider): non-articles, duplicates, refusals (the saved spider's
    too-large files too), retries."""
    get = stats.get
    return (
        _counted("non-articles", _group(stats, NON_ARTICLE_PREFIX))
        + _counted("duplicates skipped", {
            "same_canonical": get(DROPPED_PREFIX + "duplicate", 0),
            "earlier_runs": get(DROPPED_PREFIX + "already_exported", 0)
            + get(SKIPPED_PREFIX + "already_exported", 0),
        })
        + _counted("refused", _refused(stats))
        + _counted("retried", {"requests": get("retry/count", 0)})
        + _counted("robots.txt missing", _robots_missing(stats))
    )


def _robots_missing(stats: dict) -> dict[str, int]:
    """robots.txt answers 4xx by status: no rules (crawling is allowed) and no sitemaps there,
    which is no error of the crawl. Scrapy's robots middleware counts them when it is on, the
    `news` spider when it reads robots.txt itself."""
    missing: dict[str, int] = {}
    for prefix in ("robotstxt/response_status_count/", "newscrawl/discovery/robots_http_"):
        for status, count in _group(stats, prefix).items():
            if status.startswith("4"):
                missing[f"http_{status}"] = missing.get(f"http_{status}", 0) + count
    return missing


class CrawlSummary:
    """Logs `summarize()` when the spider closes."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlSummary:
        return cls(crawler)

    def spider_closed(self, spider: object, reason: str) -> None:
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        missing = sum(_robots_missing(stats).values())
        if missing and self.crawler.stats:  # one newscrawl figure, whoever fetched the file
            self.crawler.stats.set_value(ROBOTS_MISSING, missing)
        logger.info("newscrawl summary (%s): %s", reason, summarize(stats))
