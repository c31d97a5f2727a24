"""The default export, applied only when the user gives no feed of their own.

Scrapy merges the FEEDS setting into the feeds given with -o/-O, so a FEEDS default in settings
would make every `-O other.jsonl` run also overwrite exports/<spider>.jsonl. This add-on sets
FEEDS only when nothing else did. Incremental runs (NEWSCRAWL_STATE set) each export only what is
new, so overwriting one file would lose the earlier runs' articles: they get one file per run.
Workers of a shared crawl (newscrawl.distributed) each write their own file, named after the
host and process, as several of them may share one disk.
"""

from __future__ import annotations

import os
import re
import socket
from pathlib import Path

from scrapy.crawler import Crawler
from scrapy.extensions.feedexport import FeedExporter, FileFeedStorage
from scrapy.settings import BaseSettings

from newscrawl.distributed import is_shared


class DefaultFeed:
    """Scrapy add-on: FEEDS = {NEWSCRAWL_DEFAULT_FEED} when no feed is configured."""

    def update_settings(self, settings: BaseSettings) -> None:
        if settings.getdict("FEEDS"):
            return
        feed = dict(settings.getdict("NEWSCRAWL_DEFAULT_FEED"))
        uri = feed.pop("uri", None)
        if uri and is_shared(settings):
            host = re.sub(r"[^A-Za-z0-9_.-]", "_", socket.gethostname())
            uri = uri.replace("%(name)s", f"%(name)s-{host}-{os.getpid()}-%(time)s")
        elif uri and settings.get("NEWSCRAWL_STATE"):
            uri = uri.replace("%(name)s", "%(name)s-%(time)s")
        if uri:
            settings.set("FEEDS", {uri: feed}, priority="addon")


def local_feed_files(crawler: Crawler) -> list[str]:
    """The local files the crawl's feed exporter writes (resolved paths): what the crawl state
    reads back after a kill to learn which articles really reached the output."""
    exporter = crawler.get_extension(FeedExporter)
    return [str(Path(slot.storage.path).resolve()) for slot in getattr(exporter, "slots", [])
            if isinstance(slot.storage, FileFeedStorage)]
