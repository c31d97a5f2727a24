"""The per-page work that runs in a worker process: decode and extract a page, analyse an article.

A worker cannot reach the crawl's stats or log, so each task returns an `Outcome`: the item (or
why it was dropped), the warnings to count and what to log, all applied by the pipeline in the
reactor, with the page's URL. Heavy state (the spaCy model, name tables, gazetteer) is set up
once per process by `prepare`, when the crawl opens, never on the first page.

The extractors are imported by the functions that run them, not by this module: the crawl's own
process imports it for `Outcome` and `WorkConfig` and to name the tasks, and with workers it never
runs them (their libraries would cost it about 30 MB and half a second of start-up).
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newscrawl.items import Article, Page

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from newscrawl.classify import Verdict


@dataclass(frozen=True)
class WorkConfig:
    """What a worker needs to know about the crawl (read from the settings by the reactor)."""

    analyse: bool
    model: str
    max_chars: int | None = None
    """Characters of a body analysed (None: newscrawl.nlp.analyse.MAX_CHARS)."""


@dataclass
class Outcome:
    """What a task produced, for the pipeline to apply in the reactor."""

    item: Any = None
    """The item to pass on; None when dropped."""
    drop_reason: str | None = None
    """Stats key of the drop (newscrawl/dropped/<reason>)."""
    drop_detail: str = ""
    expected_drop: bool = False
    """An expected drop (a page that is no article) is logged at INFO, not as a warning."""
    warnings: list[str] = field(default_factory=list)
    """Stats keys counted under newscrawl/warning/ and logged with the page's URL."""
    counts: list[str] = field(default_factory=list)
    """Other stats keys to increment, below newscrawl/ (e.g. "non_article/section")."""
    errors: list[str] = field(default_factory=list)
    """Messages (with a traceback) of unexpected failures, logged as errors."""
    once: list[str] = field(default_factory=list)
    """Errors logged once per crawl however many pages meet them (the model cannot be loaded)."""


@dataclass
class _Context:
    config: WorkConfig | None = None
    nlp: Any = None
    model_error: str | None = None


_CONTEXT = _Context()
"""This process's prepared state: one crawl's configuration and its loaded model."""

WARM_UP_TEXT = (
    'Anna Smith, the mayor of Paris, told reporters on Monday: "We will finish the bridge by '
    'May." She spoke after the Ministry of Transport in Berlin approved the plan.'
)
"""A small invented text that makes every lazily loaded table (first names, gazetteer) load."""
WARM_UP_PAGE = (
    "<html><head><title>Bridge plan approved</title></head><body><article><h1>Bridge plan "
    f"approved</h1><p>{WARM_UP_TEXT}</p><p>Published 12 May 2026</p></article></body></html>"
).encode()
"""An invented page that makes the extractors' lazily loaded parts (the language identifier's
model, date patterns) load before the first real page, whose time limit they would eat into.
dateparser is not among them: it loads, in a fraction of a second, on the first page that prints
a date with a month name in another language than English (newscrawl.extract.dates.month_words);
many crawls never need it."""


def prepare(config: WorkConfig) -> None:
    """Load the spaCy model, the name tables and the extractors' models once for this process
    (seconds: at crawl open)."""
    _CONTEXT.config = config
    _CONTEXT.nlp = None
    _CONTEXT.model_error = None
    extract_page(Page(request_url="file:///warm-up.html", raw=WARM_UP_PAGE), classify_page=True)
    if not config.analyse:
        return
    from newscrawl.nlp.analyse import analyse
    from newscrawl.nlp.model import load_model

    try:
        _CONTEXT.nlp = load_model(config.model)
    except (ImportError, OSError) as exc:
        _CONTEXT.model_error = (
            f"spaCy model {config.model!r} cannot be loaded ({exc}): articles are exported "
            "without quotes and entities; install it or set NEWSCRAWL_SPACY_MODEL"
        )
        return
    analyse(WARM_UP_TEXT, _CONTEXT.nlp)


def page_verdict(page: Page, article: Article, tree: HtmlElement | None) -> Verdict:
    """Classify a fetched page from its parsed HTML (the tree the extractor read) and the fields
    extracted from it, under its original URL."""
    from newscrawl.classify import classify

    return classify(tree, page.original_url or page.request_url, vars(article))


def extract_page(page: Page, classify_page: bool = False) -> Outcome:
    """Decode `page` and extract its article; with `classify_page`, drop it unless an article."""
    from newscrawl.extract.article import extract_article
    from newscrawl.extract.decode import decode_page
    from newscrawl.extract.undecodable import UndecodablePage

    out = Outcome()
    try:
        decoded = decode_page(page.raw, page.content_type)
    except UndecodablePage as exc:
        out.drop_reason, out.drop_detail = exc.reason, f"{page.request_url} ({exc})"
        return out
    out.warnings.extend(decoded.warnings)
    try:
        tree = decoded.tree  # parsed once, for the extractor and the classifier
        article = extract_article(
            decoded.html,
            request_url=page.request_url,
            original_url=page.original_url,
            fetched_at=page.fetched_at,
            hints=page.hints,
            tree=tree,
        )
        article.provenance.update(page.provenance)  # where an archived page came from
        if classify_page:
            url = page.original_url or page.request_url
            verdict = page_verdict(page, article, tree)
            if not verdict.is_article:
                out.counts.append(f"non_article/{verdict.kind}")
                out.drop_reason = "not_article"
                out.drop_detail = f"{url} is a {verdict.kind} page ({verdict.reason})"
                out.expected_drop = True
                return out
    except Exception as exc:
        # A bug met on one odd page must not lose the page silently: log it, count it.
        out.errors.append(f"extraction failed for {page.request_url}\n{traceback.format_exc()}")
        out.drop_reason, out.drop_detail = "extraction_error", f"{page.request_url} ({exc!r})"
        return out
    out.item = article
    return out


def analyse_article(article: Article) -> Outcome:
    """Add quotes and entities to `article` (exported without them when that cannot be done).

    Articles in another language than the model's are exported without quotes and entities
    (counted): an English model's entities and speech verbs on, say, German text are noise.
    """
    out = Outcome(item=article)
    nlp, config = _CONTEXT.nlp, _CONTEXT.config
    if config is None or not config.analyse:
        return out
    if nlp is None:
        out.warnings.append("model_unavailable")
        out.once.append(_CONTEXT.model_error or "no spaCy model loaded")
        return out
    if article.language and nlp.lang != "xx" and article.language != nlp.lang:
        out.warnings.append(f"not_analysed/language_{article.language}")
        return out
    from newscrawl.nlp.analyse import analyse

    try:
        result = analyse(article.body, nlp, max_chars=config.max_chars)
    except Exception:
        # One odd article must not stop the crawl; it is exported without quotes/entities.
        out.errors.append(
            f"language analysis failed for {article.request_url}\n{traceback.format_exc()}")
        out.warnings.append("analysis_failed")
        return out
    if result.truncated:
        out.warnings.append("analysis_truncated")
    article.quotes, article.entities = result.quotes, result.entities
    return out

