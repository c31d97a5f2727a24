"""The default export, applied only when the user gives no feed of their own.

Scrapy merges the FEEDS setting into the feeds given with -o/-O, so a FEEDS default in settings
would make every `-O other.jsonl` run also overwrite exports/<spider>.jsonl. This add-on sets
FEEDS only when nothing else did. Incremental runs (NEWSCRAWL_STATE set) each export only what is
new, so overwriting one file would lose the earlier runs' articles: they get one file per run.
"""

from __future__ import annotations

from scrapy.settings import BaseSettings


class DefaultFeed:
    """Scrapy add-on: FEEDS = {NEWSCRAWL_DEFAULT_FEED} when no feed is configured."""

    def update_settings(self, settings: BaseSettings) -> None:
        if settings.getdict("FEEDS"):
            return
        feed = dict(settings.getdict("NEWSCRAWL_DEFAULT_FEED"))
        uri = feed.pop("uri", None)
        if uri and settings.get("NEWSCRAWL_STATE"):
            uri = uri.replace("%(name)s", "%(name)s-%(time)s")
        if uri:
            settings.set("FEEDS", {uri: feed}, priority="addon")
