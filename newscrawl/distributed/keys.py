"""The Redis keys of one shared crawl, all under `newscrawl:<crawl>:`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CrawlKeys:
    """Key names; `crawl` namespaces them so several crawls can share one Redis."""

    crawl: str

    def _key(self, *parts: str) -> str:
        return ":".join(("newscrawl", self.crawl, *parts))

    # --- frontier (reset when a crawl completes) ---------------------------------------------
    @property
    def queue(self) -> str:
        """Sorted set of serialized requests (scrapy-redis PriorityQueue layout)."""
        return self._key("requests")

    @property
    def dupefilter(self) -> str:
        """Set of request fingerprints (scrapy-redis RFPDupeFilter)."""
        return self._key("dupefilter")

    @property
    def hosts(self) -> str:
        """Set of the sites the crawl was seeded with: what every worker treats as on-site."""
        return self._key("hosts")

    @property
    def totals(self) -> str:
        """Hash of summed crawl stats of the workers that finished in the running crawl."""
        return self._key("totals")

    @property
    def last_totals(self) -> str:
        """`totals` of the last completed crawl."""
        return self._key("totals", "last")

    # --- workers -----------------------------------------------------------------------------
    @property
    def workers(self) -> str:
        """Hash worker id → JSON {host, pid, started, outputs}: every worker not yet reaped."""
        return self._key("workers")

    @property
    def running(self) -> str:
        """Set of the workers that have not finished: the last one to leave logs the totals."""
        return self._key("running")

    @property
    def sequence(self) -> str:
        """Counter handing out in-flight ids and run numbers."""
        return self._key("sequence")

    def alive(self, worker: str) -> str:
        """Heartbeat key of `worker`, refreshed while it runs, expiring when it stops."""
        return self._key("alive", worker)

    def inflight(self, worker: str) -> str:
        """Hash id → '<score> <request>' of the requests `worker` took and has not finished."""
        return self._key("inflight", worker)

    def claims(self, worker: str) -> str:
        """Hash canonical URL → '<score> <request>' (or '') of the articles `worker` claimed and
        has not confirmed on disk yet."""
        return self._key("claims", worker)

    def reaping(self, worker: str) -> str:
        """Lock held while a worker puts a dead worker's requests and claims back."""
        return self._key("reaping", worker)

    # --- state (kept across runs) --------------------------------------------------------------
    @property
    def articles(self) -> str:
        """Hash canonical URL → 'exported' or 'claimed:<worker>'."""
        return self._key("articles")

    @property
    def fetched(self) -> str:
        """Hash fetched URL → canonical URL of the exported articles fetched under another URL."""
        return self._key("fetched")

    @property
    def exported_count(self) -> str:
        return self._key("exported")

    @property
    def links(self) -> str:
        """Hash page URL → JSON list of its followable links as last fetched."""
        return self._key("links")

    @property
    def fingerprints(self) -> str:
        """Hash canonical URL → JSON [exported URL, SimHash hex, sketch hex, duplicate_of, time]
        of the exported articles' bodies (near-duplicates across workers and runs)."""
        return self._key("fingerprints")
