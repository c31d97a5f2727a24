"""Item pipelines: thin adapters between Scrapy and the pure extraction functions.

Order (see ITEM_PIPELINES): Page → ExtractPipeline → Article → RequireBodyPipeline →
AnalysePipeline (quotes, entities) → feed export.
"""

from __future__ import annotations

import logging
from typing import Any

from itemadapter import ItemAdapter
from lxml.html import HtmlElement
from scrapy.crawler import Crawler

from newscrawl.drops import WARNING_PREFIX, drop
from newscrawl.extract.article import extract_article
from newscrawl.extract.decode import DecodedPage, UndecodablePage, decode_page
from newscrawl.items import Article, Page

logger = logging.getLogger(__name__)


class StatsPipeline:
    """Base of the pipelines: the crawler's stats and settings at hand."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.settings = crawler.settings

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StatsPipeline:
        return cls(crawler)


class ExtractPipeline(StatsPipeline):
    """Decode a fetched `Page` and extract its article fields."""

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Page):
            return item
        return self.extract(item, self.decode(item).html)

    def decode(self, page: Page) -> DecodedPage:
        """The page as text; undecodable bytes are dropped, oddities counted as warnings."""
        try:
            decoded = decode_page(page.raw, page.content_type)
        except UndecodablePage as exc:
            raise drop(self.stats, exc.reason, f"{page.request_url} ({exc})") from exc
        for warning in decoded.warnings:
            self.stats.inc_value(WARNING_PREFIX + warning)
            logger.warning("%s: %s", warning, page.request_url)
        return decoded

    def extract(self, page: Page, html: str, tree: HtmlElement | None = None) -> Article:
        """The article fields of a decoded page (`tree`: the page already parsed, if it is)."""
        try:
            article = extract_article(
                html,
                request_url=page.request_url,
                original_url=page.original_url,
                fetched_at=page.fetched_at,
                hints=page.hints,
                tree=tree,
            )
        except Exception as exc:
            # A bug met on one odd page must not lose the page silently: log it, count it.
            logger.exception("extraction failed for %s", page.request_url)
            raise drop(self.stats, "extraction_error", f"{page.request_url} ({exc!r})") from exc
        article.provenance.update(page.provenance)
        return article


class RequireBodyPipeline(StatsPipeline):
    """Drop articles without article text (login pages, bare section fronts, empty templates)."""

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        words = adapter.get("word_count") or 0
        if words < self.settings.getint("NEWSCRAWL_MIN_BODY_WORDS", 1):
            raise drop(
                self.stats, "empty_body", f"{adapter.get('request_url')} has no article text"
            )
        return item


class AnalysePipeline(StatsPipeline):
    """Add quotes and entities with spaCy; the model loads once, when the first article arrives.

    Articles in another language than the model's are exported without quotes and entities
    (counted): an English model's entities and speech verbs on, say, German text are noise.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.enabled = self.settings.getbool("NEWSCRAWL_ANALYSE", True)
        self.model_name = self.settings.get("NEWSCRAWL_SPACY_MODEL")
        self._nlp = None

    def _model(self) -> Any:
        from newscrawl.nlp.model import load_model

        if self._nlp is None:
            try:
                self._nlp = load_model(self.model_name)
            except (ImportError, OSError) as exc:
                logger.error(
                    "spaCy model %r cannot be loaded (%s): articles are exported without quotes "
                    "and entities; install it or set NEWSCRAWL_SPACY_MODEL",
                    self.model_name,
                    exc,
                )
                self.stats.inc_value(WARNING_PREFIX + "model_unavailable")
                self.enabled = False
        return self._nlp

    def process_item(self, item: Any) -> Any:
        if not self.enabled or not isinstance(item, Article):
            return item
        from newscrawl.nlp.analyse import analyse

        nlp = self._model()
        if nlp is None:
            return item
        if item.language and nlp.lang != "xx" and item.language != nlp.lang:
            self.stats.inc_value(f"{WARNING_PREFIX}not_analysed/language_{item.language}")
            return item
        try:
            result = analyse(item.body, nlp)
        except Exception:
            # One odd article must not stop the crawl; it is exported without quotes/entities.
            logger.exception("language analysis failed for %s", item.request_url)
            self.stats.inc_value(WARNING_PREFIX + "analysis_failed")
            return item
        item.quotes, item.entities = result.quotes, result.entities
        return item
