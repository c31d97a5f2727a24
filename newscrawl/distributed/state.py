"""The `-a state=` guarantee across workers: the incremental state of a shared crawl, in Redis.

Same public methods as newscrawl.state.CrawlState, so the live pipelines use either. The SQLite
state trusts nothing a killed run did until its output file is read back; here each article is
also *claimed* atomically (`claim`, before export) so two workers never export it both:

    claimed:<worker>  the worker passed it to its exporter (or is about to)
    exported          its feed file was closed with it (`finish_run`), or a reaper found it in
                      the dead worker's output (`recover`)

A claim whose article never reached the worker's file (killed with the feed buffer unwritten,
dropped later in the pipelines) is released and its request queued again, so it is exported
once, by someone. Page links are kept as in the SQLite state (for following the links of
articles that are not fetched again).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterable, Iterator

from newscrawl.distributed.connection import text
from newscrawl.distributed.worker import SharedCrawl
from newscrawl.state import EXPORTED, SCRAPED, Recovery
from newscrawl.urls import canonical_url

logger = logging.getLogger(__name__)


class RedisState:
    """One worker's view of a shared crawl's state (see the module docstring)."""

    def __init__(self, shared: SharedCrawl) -> None:
        self.shared = shared
        self.keys = shared.keys
        self.redis = shared.redis
        self.guard = shared.guard
        self.path = f"{shared.url} crawl {shared.name!r}"
        """Where the state lives, for log lines (CrawlState's is the SQLite file)."""
        self.run_id: int | None = None
        self._scraped: set[str] = set()
        """Canonical URLs this worker handed to its exporter."""
        self._not_exported: set[str] = set()
        """URLs found not exported by this worker: asked once (a claim settles races)."""

    # --- life cycle ------------------------------------------------------------------------
    def recover(self, overwritten: Iterable[str] = ()) -> Recovery:
        """Reap workers that died: their requests are queued again, their claims settled."""
        return self.shared.reap(overwritten)

    def begin_run(self) -> int:
        self.run_id = self.shared.register()
        return self.run_id

    def set_outputs(self, paths: Iterable[str]) -> None:
        self.shared.set_outputs(paths)

    def finish_run(self, outcome: str) -> int:
        """The feed files are closed: confirm the claims of the articles this worker handed to
        its exporter (named one by one: a call that Redis runs late, after a timeout, must not
        confirm a claim whose article was dropped), release the others, leave the crawl."""
        k = self.keys
        confirmed, _ = self.guard.call(
            (0, 0), self.shared.settle,
            keys=[k.articles, k.claims(self.shared.id), k.exported_count, k.queue],
            args=[self.shared.id, *sorted(self._scraped)])
        if self.guard.up:
            self.shared.leave()
        else:
            logger.error("could not confirm this worker's articles in Redis: the next worker "
                         "settles them against %s", ", ".join(self.shared.outputs) or "no file")
        return int(confirmed)

    def close(self) -> None:
        self.shared.stop_heartbeat()

    # --- articles --------------------------------------------------------------------------
    def is_exported(self, url: str) -> bool:
        """True when the article at `url` (canonical or fetched URL) was exported or is being
        exported by some worker."""
        url = canonical_url(url)
        if url in self._not_exported:
            return False
        found = bool(self.guard.call(0, self.shared.is_exported_script,
                                     keys=[self.keys.articles, self.keys.fetched], args=[url]))
        if not found:
            self._not_exported.add(url)
        return found

    def claim(self, url: str) -> bool | None:
        """Claim the article for this worker; False when another worker has it, None when
        Redis cannot say."""
        k = self.keys
        won = self.guard.call(None, self.shared.claim_script,
                              keys=[k.articles, k.claims(self.shared.id), k.workers],
                              args=[canonical_url(url), self.shared.id])
        return None if won is None or won < 0 else bool(won)

    def release(self, url: str) -> None:
        """The claimed article was not exported after all (dropped later, or failed)."""
        k = self.keys
        self.guard.call(None, self.shared.release_script,
                        keys=[k.articles, k.claims(self.shared.id)],
                        args=[canonical_url(url), self.shared.id])

    def attach(self, url: str, inflight: str) -> None:
        """The claimed article is in the feed: its request leaves the in-flight hash and stays
        with the claim, to be queued again if the file never gets it."""
        k = self.keys
        self.guard.call(None, self.shared.attach_script,
                        keys=[k.inflight(self.shared.id), k.claims(self.shared.id)],
                        args=[inflight, canonical_url(url)])

    def record_scraped(self, url: str, request_url: str | None, date_published: str | None) -> None:
        """The article was handed to the exporter: its fetched URL now leads to it too."""
        url = canonical_url(url)
        self._scraped.add(url)
        request_url = canonical_url(request_url) if request_url else None
        if request_url and request_url != url:
            self.guard.call(None, self.redis.hset, self.keys.fetched, request_url, url)

    # --- near-duplicate fingerprints ------------------------------------------------------------
    def record_fingerprint(self, url: str, simhash: str, sketch: bytes,
                           duplicate_of: str | None) -> None:
        """An exported article's body fingerprint, for every worker of this and later runs."""
        value = json.dumps([url, simhash, sketch.hex(), duplicate_of, time.time()])
        self.guard.call(None, self.redis.hset, self.keys.fingerprints, canonical_url(url), value)

    def earlier_fingerprints(self) -> Iterator[tuple[str, str, bytes, str | None]]:
        """(url as exported, simhash, sketch, duplicate_of) of the articles the crawl has
        exported or claimed so far, oldest first; fingerprints of articles whose claim was
        released (never written) are left out, as CrawlState leaves out forgotten ones."""
        raw = self.guard.call({}, self.redis.hgetall, self.keys.fingerprints) or {}
        if not raw:
            return
        keys = list(raw)
        held = self.guard.call([], self.redis.hmget, self.keys.articles, keys) or []
        rows = [json.loads(text(raw[key])) for key, status in zip(keys, held, strict=False)
                if status is not None]
        for url, simhash, sketch, duplicate_of, _ in sorted(rows, key=lambda row: row[4]):
            yield url, simhash, bytes.fromhex(sketch), duplicate_of

    # --- links -----------------------------------------------------------------------------
    def record_links(self, page: str, targets: Iterable[str]) -> None:
        links = [canonical_url(t) for t in dict.fromkeys(targets)]
        self.guard.call(None, self.redis.hset, self.keys.links, canonical_url(page),
                        json.dumps(links))

    def links_of(self, page: str) -> list[str]:
        raw = self.guard.call(None, self.redis.hget, self.keys.links, canonical_url(page))
        return json.loads(text(raw)) if raw else []

    def count(self, status: str | None = None) -> int:
        k = self.keys
        total = int(self.guard.call(0, self.redis.hlen, k.articles))
        exported = int(self.guard.call(None, self.redis.get, k.exported_count) or 0)
        if status == EXPORTED:
            return exported
        if status == SCRAPED:
            return total - exported
        return total
