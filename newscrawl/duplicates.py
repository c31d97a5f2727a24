"""Near-duplicate pipeline: flag (or drop) articles whose body copies one exported earlier.

Runs last (after analysis), in the crawl's own process: the check is a few dictionary lookups and
one sketch of the body (newscrawl.neardup), and the index must see the articles in the order
they are exported. With a state file (`-a state=`, live crawls) the fingerprints of exported
articles are kept, so tomorrow's copy of today's story is flagged too.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.crawler import Crawler

from newscrawl.drops import drop
from newscrawl.items import Article
from newscrawl.live import crawl_state, is_live
from newscrawl.neardup import DUPLICATES_STAT, Fingerprint, NearDuplicateIndex, parse_fingerprint
from newscrawl.pipelines import StatsPipeline
from newscrawl.state import CrawlState

logger = logging.getLogger(__name__)

class NearDuplicatePipeline(StatsPipeline):
    """Sets `duplicate_of`; with NEWSCRAWL_DROP_DUPLICATES drops the copy instead (counted)."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.drop_copies = self.settings.getbool("NEWSCRAWL_DROP_DUPLICATES", False)
        self.index = NearDuplicateIndex()
        self.state: CrawlState | None = crawl_state(crawler) if is_live(self.settings) else None
        if self.state is not None:
            for url, simhash, sketch, original in self.state.earlier_fingerprints():
                value = parse_fingerprint(simhash)
                if value is not None:
                    self.index.add(Fingerprint(url, value, sketch, original))
            logger.info("near-duplicates: %d fingerprints from earlier runs", len(self.index))

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        entry = self.index.lookup(item.url, parse_fingerprint(item.fingerprint), item.body,
                                  item.word_count)
        if entry is None:
            return item
        if entry.duplicate_of is not None:
            self.stats.inc_value(DUPLICATES_STAT)
            if self.drop_copies:
                raise drop(self.stats, "near_duplicate", f"{item.url} copies {entry.duplicate_of}")
            logger.debug("near-duplicate: %s copies %s", item.url, entry.duplicate_of)
        self.index.add(entry)
        item.duplicate_of = entry.duplicate_of
        if self.state is not None:
            # Kept only while the state holds the article itself: a killed run's unwritten
            # articles are forgotten by recovery, and their fingerprints with them.
            self.state.record_fingerprint(entry.key, f"{entry.simhash:016x}", entry.sketch,
                                          entry.duplicate_of)
        return item
