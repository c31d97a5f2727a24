"""Distributed crawls: many `news` workers on many machines share one frontier in Redis.

`-s REDIS_URL=redis://host:6379/0` turns a `news` crawl into one worker of a shared crawl named by
`-a crawl=NAME` (default: the spider name). Built on scrapy-redis: its scheduler queue and
duplicate filter hold the frontier; this package adds what a batch crawl of news needs on top:

- a reliable queue: a worker takes a request into its own in-flight list, atomically, and drops
  it from there only once the request is fully handled; a worker found dead (SIGKILL, lost
  machine) has its in-flight requests put back (`worker`, `scheduler`);
- exactly-once export across workers and runs: a canonical URL is claimed atomically before
  export and confirmed when the worker's feed file is closed; a dead worker's claims are
  reconciled against what its output file really holds (`state`, `pipelines`);
- an end: workers stop once the frontier (queue and every worker's in-flight requests) has been
  empty for MAX_IDLE_TIME_BEFORE_CLOSE seconds, and the last one logs the crawl's totals
  (`extension`).

Nothing here imports redis at import time: without REDIS_URL a crawl never loads it.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

CRAWL_SETTING = "NEWSCRAWL_CRAWL"
"""Name of the shared crawl this worker joined; set by the `news` spider once Redis answered."""
CRAWL_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


def is_shared(settings: object) -> bool:
    """True when this crawl is a worker of a shared crawl (the `news` spider joined one)."""
    return bool(getattr(settings, "get", lambda _: None)(CRAWL_SETTING))


def join_error(crawler: Crawler, crawl: str | None) -> str | None:
    """Check that this worker can join shared crawl `crawl` (Redis answers, a usable name);
    on success record the crawl name in the settings. Returns the reason it cannot, else None."""
    url = crawler.settings.get("REDIS_URL")
    name = crawl or (crawler.spidercls.name if crawler.spidercls else "")
    if not url:
        return f"-a crawl={crawl}: a shared crawl needs -s REDIS_URL=redis://HOST:PORT/DB"
    if not CRAWL_NAME.fullmatch(name):
        return f"-a crawl={name!r}: use letters, digits, '.', '_' or '-' (at most 64)"
    from newscrawl.distributed.connection import unreachable  # imports redis

    reason = unreachable(crawler.settings)
    if reason:
        return f"Redis at {url} is unreachable ({reason}): no request made"
    crawler.settings.set(CRAWL_SETTING, name, priority="cmdline")
    if crawler.settings.get("NEWSCRAWL_STATE"):
        logger.warning("a shared crawl keeps its state in Redis (crawl %r): the state file %s "
                       "is not used", name, crawler.settings.get("NEWSCRAWL_STATE"))
    return None


def shared_state(crawler: Crawler) -> Any:
    """The shared crawl's state in Redis (a RedisState: CrawlState's methods)."""
    from newscrawl.distributed.state import RedisState  # imports redis
    from newscrawl.distributed.worker import shared_crawl

    return RedisState(shared_crawl(crawler))
