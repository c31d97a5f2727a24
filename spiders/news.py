"""`news`: crawl live news sites and hand every fetched page to the article pipelines.

    scrapy crawl news -a start_urls=https://www.example-news.com/
    scrapy crawl news -a start_urls=https://a.example/,https://b.example/ -a since=2026-11-01
    scrapy crawl news -a feeds=https://site/feed.xml -a sitemaps=https://site/robots.txt
    scrapy crawl news -a urls_file=urls.txt -a state=~/.newscrawl/site.sqlite
    scrapy crawl news -a start_urls=https://site/ -s REDIS_URL=redis://host:6379/0  # shared
    scrapy crawl news -s REDIS_URL=redis://host:6379/0          # another worker joins the crawl

Discovery: links from the start pages (within their sites, NEWSCRAWL_DEPTH_LIMIT hops), the RSS
and Atom feeds the start pages announce or `-a feeds=` names, and sitemaps (robots.txt `Sitemap:`
lines, indexes, gzipped files, Google News blocks, or `-a sitemaps=`). Every URL is scheduled in
canonical form (no tracking parameters, no fragment), so each page is fetched once. robots.txt
is fetched once per site, by Scrapy's robots middleware: its `Sitemap:` lines are read from the
parser it built (robots_parsed signal); the spider fetches the file itself only when
ROBOTSTXT_OBEY is off. A page found again nearer the start has its links followed from there.

Unusable arguments (a `since` that is no date, a URL that is not http(s), an unknown `-a` name,
a state file that cannot be opened, a Redis server of `-s REDIS_URL=` that does not answer)
close the crawl before any request: one error line each,
counted under newscrawl/failed/bad_argument, and `scrapy crawl` exits with status 1.

The spider only fetches: `Page` items go to the pipelines, which extract, keep only articles
(newscrawl.live), drop what `-a since=` rules out and what earlier runs exported (`-a state=`).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import CloseSpider, IgnoreRequest, StopDownload
from scrapy.http import Headers, Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from newscrawl.discovery.dates import Stamp, is_older, parse_since, parse_stamp
from newscrawl.discovery.feeds import Feed, feed_links, parse_feed
from newscrawl.discovery.links import has_non_page_extension, page_links
from newscrawl.discovery.sitemaps import Sitemap, parse_sitemap, robots_sitemaps
from newscrawl.distributed import CRAWL_SETTING, join_error
from newscrawl.items import Page
from newscrawl.live import crawl_state
from newscrawl.state import CrawlState
from newscrawl.summary import FAILED_PREFIX, REFUSED_PREFIX, SKIPPED_PREFIX
from newscrawl.urls import canonical_url, host_of, is_same_site, is_web_url

logger = logging.getLogger(__name__)

DISCOVERY_PREFIX = "newscrawl/discovery/"
HTML_TYPES = ("text/html", "application/xhtml+xml")
XML_TYPES = ("application/xml", "text/xml", "application/rss+xml", "application/atom+xml",
             "application/rdf+xml")
DISCOVERY_PRIORITY = 10
"""Feeds and sitemaps first: their titles and dates must be known when the articles arrive."""

_ERROR_KINDS = {
    "DownloadTimeoutError": "timeout", "TimeoutError": "timeout", "TCPTimedOutError": "timeout",
    "CannotResolveHostError": "dns", "DNSLookupError": "dns",
    "DownloadConnectionRefusedError": "connection_refused",
    "ConnectionRefusedError": "connection_refused",
    "ResponseDataLossError": "data_loss", "DownloadFailedError": "download_failed",
    "ConnectionLost": "connection_lost", "ConnectionDone": "connection_lost",
}
_IGNORED_KINDS = (
    # (what Scrapy's IgnoreRequest says, the stats key; None: its middleware counts it)
    ("Forbidden by robots.txt", None),  # robotstxt/forbidden
    ("Filtered offsite request", None),  # offsite/filtered
    ("max redirections reached", FAILED_PREFIX + "redirect_limit"),  # REDIRECT_MAX_TIMES
    ("during decompression", REFUSED_PREFIX + "too_large_decompressed"),  # DOWNLOAD_MAXSIZE
)
"""Requests that Scrapy's middlewares give up on with IgnoreRequest, by the message they give:
the exception carries nothing else to tell a robots refusal from a redirect loop."""


def _split(value: str | Iterable[str] | None) -> list[str]:
    """Comma-separated CLI value (or a list, when set from code) → stripped non-empty items."""
    if not value:
        return []
    items = value.split(",") if isinstance(value, str) else list(value)
    return [item.strip() for item in items if item and item.strip()]


def read_urls_file(path: str) -> list[str]:
    """One URL per line; blank lines and '#' comments are ignored."""
    lines = Path(path).expanduser().read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def parsed_robots_sitemaps(parser: Any) -> list[str] | None:
    """The `Sitemap:` lines kept by the robots.txt parser Scrapy built (Protego, or the
    standard library's), so the file need not be fetched again; None for a parser that keeps
    none of them."""
    rp = getattr(parser, "rp", None)
    if hasattr(rp, "sitemaps"):  # Protego (ROBOTSTXT_PARSER default)
        return [str(url) for url in rp.sitemaps]
    if callable(getattr(rp, "site_maps", None)):  # urllib.robotparser
        return list(rp.site_maps() or [])
    return None


def _robots_url(url: str) -> str:
    return canonical_url(urljoin(url, "/robots.txt"))


def _content_type(headers: Headers) -> str | None:
    value = headers.get("Content-Type")
    return value.decode("latin-1") if value else None


def is_xml_type(content_type: str | None) -> bool:
    """XML bodies (RSS, Atom, sitemaps), which a link followed as a page may turn out to be."""
    kind = (content_type or "").split(";")[0].strip().lower()
    return kind in XML_TYPES


def is_html_type(content_type: str | None) -> bool:
    """True for HTML/XHTML, and for a missing header (the extractor sniffs those bytes)."""
    if not content_type:
        return True
    return content_type.split(";")[0].strip().lower() in HTML_TYPES


ARGUMENTS = ("start_urls", "feeds", "sitemaps", "urls_file", "since", "state", "crawl")
KNOWN_KWARGS = frozenset(ARGUMENTS) | {"name"}


class NewsSpider(scrapy.Spider):
    """Finds the articles of news sites through links, feeds and sitemaps; yields `Page` items."""

    name = "news"
    custom_settings = {
        "NEWSCRAWL_LIVE": True,
        "LOG_FORMATTER": "newscrawl.live.PageLogFormatter",
    }

    def __init__(
        self,
        start_urls: str | None = None,
        feeds: str | None = None,
        sitemaps: str | None = None,
        urls_file: str | None = None,
        since: str | None = None,
        state: str | None = None,
        crawl: str | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        unknown = sorted(k for k in kwargs if k not in KNOWN_KWARGS and not k.startswith("_"))
        for key in unknown:  # a typo (start_url=) must not pass for "nothing to crawl"
            kwargs.pop(key)
        super().__init__(*args, **kwargs)
        self.argument_errors: list[tuple[str, str]] = [
            ("bad_argument", f"unknown argument -a {key}= (known: {', '.join(ARGUMENTS)})")
            for key in unknown]
        """(kind, message) of each unusable spider argument: the crawl closes at once."""
        listed: list[str] = []
        if urls_file:
            try:
                listed = read_urls_file(urls_file)
            except (OSError, UnicodeDecodeError) as exc:
                self._bad_argument(f"-a urls_file={urls_file}: cannot read it ({exc})")
        self.start_urls = self._web_urls("start_urls", _split(start_urls))
        self.feed_urls = self._web_urls("feeds", _split(feeds))
        self.sitemap_urls = self._web_urls("sitemaps", _split(sitemaps))
        self.listed_urls = self._web_urls("urls_file", listed)
        self.since_arg = since
        self.since: Stamp | None = self._since(since, "-a since=") if since else None
        self.state_arg = state
        self.crawl_arg = crawl
        """Name of the shared crawl to join (-s REDIS_URL=; default: the spider's name)."""
        self.hosts = frozenset(
            host_of(u) for u in self.start_urls + self.feed_urls + self.sitemap_urls
            + self.listed_urls
        )
        # Scrapy's OffsiteMiddleware enforces the same limit on redirects.
        self.allowed_domains = sorted(self.hosts)
        self.hints: dict[str, dict[str, str]] = {}
        """Feed/sitemap title and date per canonical URL, handed to the page's item."""
        self.known_old: set[str] = set()
        """URLs that a feed or sitemap dates before `since`: never fetched."""
        self._offsite_seen: set[str] = set()
        self._refused_seen: set[str] = set()
        self._done_seen: set[str] = set()
        self._replayed: dict[str, int] = {}
        """Exported pages whose stored links were followed, and from which depth."""
        self.crawl_state: CrawlState | None = None
        """Opened in start(); not `self.state`, which Scrapy's JOBDIR support owns."""
        self._depth: dict[str, int] = {}
        """Fewest link hops each scheduled page was found at: its links are followed from there."""
        self._links: dict[str, list[str]] = {}
        """On-site links of each page read so far (URL as requested), to follow them again when
        the page turns out nearer the start than first found."""
        self._robots_wanted: set[str] = set()
        """robots.txt files whose `Sitemap:` lines are read (start sites', and any given)."""
        self._robots_read: set[str] = set()

    # --- arguments ---------------------------------------------------------------------------
    def _bad_argument(self, message: str, kind: str = "bad_argument") -> None:
        self.argument_errors.append((kind, message))

    def _web_urls(self, argument: str, urls: list[str]) -> list[str]:
        """The http(s) URLs in canonical form; each other value is a bad argument."""
        good = []
        for url in urls:
            if is_web_url(url):
                good.append(canonical_url(url))
            else:
                self._bad_argument(f"-a {argument}=: not an http(s) URL: {url!r}")
        return good

    def _since(self, value: str, source: str) -> Stamp | None:
        try:
            return parse_since(value)
        except ValueError as exc:
            self._bad_argument(f"{source}: {exc}")
            return None

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        # Spider arguments become settings, so pipelines read one place (settings stay mutable
        # until the crawl starts). A bad value is never handed on: the crawl closes at once.
        if spider.state_arg:
            crawler.settings.set("NEWSCRAWL_STATE", spider.state_arg, priority="cmdline")
        if spider.since_arg:
            crawler.settings.set("NEWSCRAWL_SINCE", spider.since and spider.since_arg,
                                 priority="cmdline")
        elif crawler.settings.get("NEWSCRAWL_SINCE"):
            spider.since = spider._since(str(crawler.settings.get("NEWSCRAWL_SINCE")),
                                         "NEWSCRAWL_SINCE")
            if spider.since is None:
                crawler.settings.set("NEWSCRAWL_SINCE", None, priority="cmdline")
        shared = bool(crawler.settings.get("REDIS_URL") or spider.crawl_arg)
        if not (spider.start_urls or spider.feed_urls or spider.sitemap_urls
                or spider.listed_urls or spider.argument_errors or shared):
            spider._bad_argument(
                "nothing to crawl: give -a start_urls=, feeds=, sitemaps= or urls_file=",
                "no_input")
        if shared and not spider.argument_errors:  # a worker may join with nothing to add
            error = join_error(crawler, spider.crawl_arg)
            if error:
                spider._bad_argument(error, "shared_crawl")
        state_path = crawler.settings.get("NEWSCRAWL_STATE")
        if state_path and not spider.argument_errors:
            try:  # the pipelines open it while the engine is built: a failure there is a crash
                CrawlState(state_path).close()
            except (OSError, sqlite3.Error) as exc:
                spider._bad_argument(f"state file {state_path}: cannot open it ({exc})")
        if spider.argument_errors:
            # Nothing is opened for it (state file, Redis): the run is refused, not begun.
            crawler.settings.set("NEWSCRAWL_STATE", None, priority="cmdline")
            crawler.settings.set(CRAWL_SETTING, None, priority="cmdline")
        crawler.signals.connect(spider.refuse_bad_arguments, signal=signals.spider_opened)
        crawler.signals.connect(spider.headers_received, signal=signals.headers_received)
        crawler.signals.connect(spider.robots_parsed, signal=signals.robots_parsed)
        crawler.signals.connect(spider.request_dropped, signal=signals.request_dropped)
        return spider

    def _robots_middleware(self) -> RobotsTxtMiddleware | None:
        """Scrapy's robots.txt middleware when it is on (ROBOTSTXT_OBEY): it fetches each
        site's robots.txt once, and its parser keeps the `Sitemap:` lines."""
        downloader = getattr(self.crawler.engine, "downloader", None)
        for mw in getattr(getattr(downloader, "middleware", None), "middlewares", ()):
            if isinstance(mw, RobotsTxtMiddleware):
                return mw
        return None

    def refuse_bad_arguments(self) -> None:
        """Close the crawl before any request when an argument is unusable: one error line
        each, counted under failed/, and a non-zero exit status of `scrapy crawl`."""
        if not self.argument_errors:
            return
        for kind, message in self.argument_errors:
            logger.error("%s", message)
            self.crawler.stats.inc_value(FAILED_PREFIX + kind)
        self.crawler.signals.connect(self._fail_exit_status, signal=signals.spider_closed)
        raise CloseSpider(self.argument_errors[0][0])

    def _fail_exit_status(self) -> None:
        """`scrapy crawl` exits non-zero only when the crawl raised (a traceback) or ended with
        no spider on its crawler: the spider is detached from its crawler as it closes (the
        last spider_closed handler; nothing was crawled, no output is being written)."""
        self.crawler.spider = None  # type: ignore[assignment]

    # --- scheduling --------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Request]:
        if self.argument_errors:
            return
        self.crawl_state = crawl_state(self.crawler)
        # With Scrapy's robots middleware on, each site's robots.txt is fetched once, by it:
        # its `Sitemap:` lines are read in robots_parsed(). Without it, the spider fetches them.
        middleware = self._robots_middleware()
        given_robots = [url for url in self.sitemap_urls if url.endswith("/robots.txt")]
        self._robots_wanted.update(given_robots)
        if self.settings.getbool("NEWSCRAWL_ROBOTS_SITEMAPS", True):
            self._robots_wanted.update(_robots_url(url) for url in self.start_urls)
        for url in self.sitemap_urls:
            if url not in given_robots:
                yield self._discovery_request(url, self.parse_sitemap)
            elif middleware is not None:
                # Nothing else may lead the middleware to this site: ask it now.
                await middleware.robot_parser(Request(url, meta={"newscrawl_discovery": True}))
        if middleware is None:
            for url in sorted(self._robots_wanted):
                yield self._discovery_request(url, self.parse_robots)
        for url in self.feed_urls:
            yield self._discovery_request(url, self.parse_feed)
        for url in self.start_urls:
            yield Request(url, callback=self.parse_page, errback=self.failed,
                          meta={"link_depth": 0, "start_page": True, "newscrawl_page": True})
        for url in self.listed_urls:
            for request in self._follow(url, depth=0, follow=False):
                yield request

    def _discovery_request(self, url: str, callback: Any) -> Request:
        return Request(url, callback=callback, errback=self.failed, priority=DISCOVERY_PRIORITY,
                       meta={"newscrawl_discovery": True})

    def _count_once(self, seen: set[str], key: str, url: str) -> None:
        if url not in seen:
            seen.add(url)
            self.crawler.stats.inc_value(key)

    def _follow(self, url: str, depth: int, follow: bool = True) -> Iterator[Request]:
        """Requests for a discovered page: none when it is refused or known old; when an earlier
        run exported it, none for it but for the links it had then (so what only it leads to,
        such as a tag page, is still found)."""
        limit = self.settings.getint("NEWSCRAWL_DEPTH_LIMIT", 3)
        stack = [(canonical_url(url), depth)]
        while stack:
            url, depth = stack.pop()
            if not is_same_site(url, self.hosts):
                self._count_once(self._offsite_seen, REFUSED_PREFIX + "offsite", url)
                continue
            if has_non_page_extension(url):
                self._count_once(self._refused_seen, REFUSED_PREFIX + "not_html", url)
                continue
            if url in self.known_old:
                continue
            state = self.crawl_state
            if url in self._done_seen or (state is not None and state.is_exported(url)):
                self._count_once(self._done_seen, SKIPPED_PREFIX + "already_exported", url)
                replayed = self._replayed.get(url)
                if (follow and state is not None and (not limit or depth < limit)
                        and (replayed is None or depth < replayed)):
                    self._replayed[url] = depth
                    stack.extend((link, depth + 1) for link in reversed(state.links_of(url)))
                continue
            known = self._depth.get(url)
            if known is not None:
                # Scheduled already. Found nearer the start now (a sitemap page's link read
                # before the homepage's): its links, if read, are followed again from here.
                if follow and depth < known:
                    self._depth[url] = depth
                    if url in self._links and (not limit or depth < limit):
                        stack.extend((link, depth + 1) for link in reversed(self._links[url]))
                continue
            self._depth[url] = depth
            meta = {"link_depth": depth, "follow": follow, "newscrawl_page": True}
            if url in self.hints:  # for the worker that fetches it, in a shared crawl
                meta["newscrawl_hints"] = self.hints[url]
            yield Request(url, callback=self.parse_page, errback=self.failed, meta=meta)

    def _remember(self, url: str, title: str | None, published: str | None,
                  newest: str | None) -> bool:
        """Keep discovery hints for `url`; False when its dates put it before `since`."""
        key = canonical_url(url)
        if is_older(newest or published, self.since) or is_older(published, self.since):
            self.known_old.add(key)
            self.crawler.stats.inc_value(SKIPPED_PREFIX + "older_than_since")
            return False
        hints = self.hints.setdefault(key, {})
        if title and "headline" not in hints:
            hints["headline"] = title
        stamp = parse_stamp(published)
        if stamp is not None and "date_published" not in hints:
            hints["date_published"] = stamp.iso  # RFC 822 feed dates become ISO 8601
        return True

    # --- discovery documents -----------------------------------------------------------------
    def robots_parsed(self, robotparser: Any, request: Request) -> None:
        """Scrapy's middleware has read a site's robots.txt: follow its `Sitemap:` lines."""
        parts = urlsplit(request.url)
        robots = canonical_url(f"{parts.scheme}://{parts.netloc}/robots.txt")
        if robots not in self._robots_wanted or robots in self._robots_read:
            return
        self._robots_read.add(robots)
        sitemaps = parsed_robots_sitemaps(robotparser)
        if sitemaps is None:  # a parser that forgets them: read the file after all
            self.crawler.engine.crawl(self._discovery_request(robots, self.parse_robots))
            return
        self.crawler.stats.inc_value(DISCOVERY_PREFIX + "robots")
        for sitemap in self._robots_sitemap_requests(urljoin(robots, u) for u in sitemaps):
            self.crawler.engine.crawl(sitemap)

    def parse_robots(self, response: Response) -> Iterator[Request]:
        self.crawler.stats.inc_value(DISCOVERY_PREFIX + "robots")
        yield from self._robots_sitemap_requests(robots_sitemaps(response.body, response.url))

    def _robots_sitemap_requests(self, urls: Iterable[str]) -> Iterator[Request]:
        for url in urls:
            if is_same_site(url, self.hosts):
                yield self._discovery_request(canonical_url(url), self.parse_sitemap)
            else:
                self._count_once(self._offsite_seen, REFUSED_PREFIX + "offsite", url)

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        sitemap = parse_sitemap(response.body)
        if sitemap is None:
            logger.warning("not a sitemap: %s", response.url)
            self.crawler.stats.inc_value(FAILED_PREFIX + "not_a_sitemap")
            return
        yield from self._sitemap_requests(sitemap, response.url)

    def _rejected_entries(self, count: int, url: str) -> None:
        """Feed or sitemap entries without a usable http(s) URL: counted, never requested."""
        if count:
            self.crawler.stats.inc_value(SKIPPED_PREFIX + "unusable_url", count)
            logger.warning("skipped %d entries without an http(s) URL in %s", count, url)

    def _sitemap_requests(self, sitemap: Sitemap, url: str) -> Iterator[Request]:
        self.crawler.stats.inc_value(DISCOVERY_PREFIX + "sitemaps")
        self._rejected_entries(sitemap.rejected, url)
        for entry in sitemap.entries:
            if sitemap.kind == "index":
                if not is_same_site(entry.url, self.hosts):
                    self._count_once(self._offsite_seen, REFUSED_PREFIX + "offsite", entry.url)
                elif is_older(entry.lastmod, self.since):
                    # Nothing in it changed since the cut-off, so nothing in it is newer.
                    self.crawler.stats.inc_value(SKIPPED_PREFIX + "old_sitemap")
                else:
                    yield self._discovery_request(canonical_url(entry.url), self.parse_sitemap)
                continue
            self.crawler.stats.inc_value(DISCOVERY_PREFIX + "sitemap_urls")
            if self._remember(entry.url, entry.news_title, entry.news_published, entry.lastmod):
                yield from self._follow(entry.url, depth=1)

    def parse_feed(self, response: Response) -> Iterator[Request]:
        feed = parse_feed(response.body, response.url)
        if feed is None:
            logger.warning("not an RSS or Atom feed: %s", response.url)
            self.crawler.stats.inc_value(FAILED_PREFIX + "not_a_feed")
            return
        yield from self._feed_requests(feed, response.url)

    def _feed_requests(self, feed: Feed, url: str) -> Iterator[Request]:
        self.crawler.stats.inc_value(DISCOVERY_PREFIX + "feeds")
        self._rejected_entries(feed.rejected, url)
        for entry in feed.entries:
            self.crawler.stats.inc_value(DISCOVERY_PREFIX + "feed_entries")
            if self._remember(entry.url, entry.title, entry.published, entry.updated):
                yield from self._follow(entry.url, depth=1)

    # --- pages -------------------------------------------------------------------------------
    def headers_received(self, headers: Headers, request: Request) -> None:
        """Stop downloading PDFs, images and other non-HTML bodies once their headers say so."""
        # Only page requests: robots.txt (fetched by Scrapy's middleware), feeds and sitemaps are
        # not HTML and must arrive whole.
        content_type = _content_type(headers)
        if (request.meta.get("newscrawl_page") and not is_html_type(content_type)
                and not is_xml_type(content_type)):
            raise StopDownload(fail=False)

    def _discovery_document(self, response: Response) -> Iterator[Request] | None:
        """A link to a feed or sitemap followed as a page (an <a href> to the RSS feed, met
        before the page announcing it): read it as what it is. None when it is neither."""
        feed = parse_feed(response.body, response.url)
        if feed is not None:
            return self._feed_requests(feed, response.url)
        sitemap = parse_sitemap(response.body)
        return self._sitemap_requests(sitemap, response.url) if sitemap is not None else None

    def parse_page(self, response: Response) -> Iterator[Page | Request]:
        content_type = _content_type(response.headers)
        discovered = self._discovery_document(response) if is_xml_type(content_type) else None
        if discovered is not None:
            yield from discovered
            return
        if not is_html_type(content_type):
            self._count_once(self._refused_seen, REFUSED_PREFIX + "not_html", response.url)
            logger.info("not HTML (%s): %s", content_type, response.url)
            return
        self.crawler.stats.inc_value("newscrawl/pages")
        final_url = canonical_url(response.url)
        hints = (self.hints.get(final_url) or self.hints.get(canonical_url(response.request.url))
                 or response.meta.get("newscrawl_hints"))
        # Links first, the page after: extraction in the pipelines takes a while, and the
        # depth a URL is first scheduled at sticks (a start page's links must not wait).
        yield from self._discovered_from(response, final_url)
        yield Page(
            request_url=response.url,
            raw=response.body,
            content_type=content_type,
            original_url=final_url,
            fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            hints=dict(hints or {}),
        )

    def _discovered_from(self, response: Response, final_url: str) -> Iterator[Request]:
        """Requests for a page's feeds (start pages) and links, within the depth limit."""
        if not hasattr(response, "selector"):
            return
        tree = response.selector.root
        requested = canonical_url(response.request.url)
        depth = int(response.meta.get("link_depth", 0))
        for url in [requested, *response.meta.get("redirect_urls", [])]:
            depth = min(depth, self._depth.get(canonical_url(url), depth))
        if response.meta.get("start_page"):
            for feed in feed_links(tree, response.url):
                if is_same_site(feed, self.hosts):
                    yield self._discovery_request(canonical_url(feed), self.parse_feed)
        if not response.meta.get("follow", True):
            return
        limit = self.settings.getint("NEWSCRAWL_DEPTH_LIMIT", 3)
        links = [canonical_url(link) for link in page_links(tree, response.url)]
        on_site = [u for u in links if is_same_site(u, self.hosts)]
        for url in {requested, *map(canonical_url, response.meta.get("redirect_urls", []))}:
            self._links[url] = on_site
        if self.crawl_state is not None:
            self.crawl_state.record_links(final_url, on_site)
        if limit and depth >= limit:
            if links:
                self.crawler.stats.inc_value(SKIPPED_PREFIX + "depth_limit")
            return
        for link in links:
            yield from self._follow(link, depth + 1)

    # --- failures ----------------------------------------------------------------------------
    def request_dropped(self, request: Request) -> None:
        """Scrapy's duplicate filter dropped a redirect (the spider schedules no duplicates of
        its own): back to a URL of its own chain is a redirect loop, which ends without a page;
        to a page fetched already is no loss (it was read under that URL)."""
        chain = request.meta.get("redirect_urls")
        if not chain:
            return
        if request.url in chain:
            self.crawler.stats.inc_value(FAILED_PREFIX + "redirect_loop")
            logger.error("could not fetch %s: redirect loop (%s)", chain[0],
                         " -> ".join([*chain, request.url]))
        else:
            self.crawler.stats.inc_value(SKIPPED_PREFIX + "redirect_to_seen")
            logger.info("redirect to a page already fetched: %s -> %s", chain[0], request.url)

    def failed(self, failure: Failure) -> None:
        """Count every request that ends without a page by kind; robots and off-site refusals are
        counted by the middlewares that refuse them (robotstxt/forbidden, offsite/filtered)."""
        request = failure.request  # type: ignore[attr-defined]
        if failure.check(HttpError):  # before IgnoreRequest: HttpError is one
            status = failure.value.response.status
            if request.meta.get("newscrawl_discovery") and request.url.endswith("/robots.txt"):
                # Many sites have no robots.txt: then there are no sitemaps to read there.
                self.crawler.stats.inc_value(DISCOVERY_PREFIX + f"robots_http_{status}")
                return
            self.crawler.stats.inc_value(FAILED_PREFIX + f"http_{status}")
            logger.warning("HTTP %s: %s", status, request.url)
            return
        if failure.check(IgnoreRequest):
            message = failure.getErrorMessage()
            key = next((k for text, k in _IGNORED_KINDS if text in message), FAILED_PREFIX
                       + "ignored")
            if key is None:
                logger.debug("ignored %s: %s", request.url, message)
            elif key.startswith(REFUSED_PREFIX):
                self._count_once(self._refused_seen, key, request.url)
                logger.warning("refused (%s): %s", message, request.url)
            else:
                self.crawler.stats.inc_value(key)
                logger.error("could not fetch %s: %s (%s)", request.url, message,
                             key.removeprefix(FAILED_PREFIX))
            return
        name = failure.type.__name__ if failure.type else "error"
        if name in ("DownloadCancelledError", "CancelledError"):
            # The only cancellation the crawl itself causes: DOWNLOAD_MAXSIZE exceeded.
            self._count_once(self._refused_seen, REFUSED_PREFIX + "too_large", request.url)
            logger.warning("refused (larger than DOWNLOAD_MAXSIZE): %s", request.url)
            return
        kind = _ERROR_KINDS.get(name, name)
        self.crawler.stats.inc_value(FAILED_PREFIX + kind)
        logger.error("could not fetch %s: %s (%s)", request.url, failure.getErrorMessage(), kind)
