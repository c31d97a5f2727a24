"""Item types: what the spiders hand to the pipelines and what the feed exports write.

`Page` is a raw fetched page (never exported); `Article` is the exported record. Field order
in `Article` is the column order of the JSON Lines export.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = "1.2"


@dataclass
class Page:
    """A fetched page before extraction; the extraction pipeline turns it into an `Article`."""

    request_url: str
    """What was fetched: an http(s) URL or a file URI."""
    raw: bytes = field(repr=False)
    """Response bytes as received (may be gzipped; the extractor sniffs and decodes)."""
    content_type: str | None = None
    """The HTTP Content-Type header, if any (it may carry the charset)."""
    original_url: str | None = None
    """The page's original URL when known from outside the page (sidecar file, redirect, feed)."""
    fetched_at: str = ""
    """When the page was fetched, UTC ISO 8601."""
    hints: dict[str, Any] = field(default_factory=dict)
    """Fallback metadata from discovery (feed/sitemap title and date), keyed by Article field."""
    provenance: dict[str, str] = field(default_factory=dict)
    """Where the page was read from when that is more than its URL (a web archive's file, offset
    and record id), added to the article's `provenance` so it can be traced back."""


@dataclass
class Quote:
    """A direct quotation in the article body with its attribution."""

    text: str
    """The words inside the quote marks (closing comma dropped). A quotation running over
    paragraphs (each opening with a quote mark, only the last one closed) is one quote: its
    paragraphs joined by a blank line, as in `body`."""
    speaker: str | None
    """Canonical speaker: the name of a PERSON or ORG entity; null when the article does not say."""
    speaker_mention: str | None
    """The words in the text that point to the speaker ("Smith", "he", "the minister")."""
    cue: str | None
    """The speech verb or phrase ("said", "told reporters", "according to")."""
    paragraph: int
    """0-based index of the paragraph of `body` (split on blank lines) where the quote starts."""
    start: int
    """Character offset in `body` where the quotation starts (its first piece)."""
    end: int
    """Character offset in `body` just past the quotation's last piece; for a quote in one piece
    body[start:end] == text."""
    parts: list[list[int]]
    """[start, end] in `body` of each paragraph's piece of the quote, in order (one entry for a
    quote within one paragraph); `text` is these stretches of `body` joined by a blank line."""


@dataclass
class Entity:
    """One real-world named entity mentioned in the article."""

    name: str
    """Canonical name: the fullest proper name used in the article."""
    label: str
    """OntoNotes label: PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, PRODUCT, WORK_OF_ART, LAW…"""
    aliases: list[str]
    """Other names used for the entity in the text."""
    mentions: int
    """How many times the entity is named."""
    first_offset: int
    """Character offset of the first mention in `body`."""


@dataclass
class Article:
    """One news article, as exported (one JSON object per line)."""

    url: str
    """Canonical URL (rel=canonical, og:url, JSON-LD; else sidecar URL; else the fetched URL)."""
    request_url: str
    """What was fetched: an http(s) URL or a file URI."""
    domain: str | None
    """Host of `url` without a leading 'www.'; null for file URIs."""
    sitename: str | None
    """Name of the publication ("The Daily Courier")."""
    headline: str | None
    """The article's headline, without the site name."""
    description: str | None
    """Standfirst / summary the page gives for itself."""
    authors: list[str]
    """Bylines, one name per entry."""
    date_published: str | None
    """Publication date, ISO 8601 at the precision the page gives (offset kept as stated)."""
    date_modified: str | None
    """Last modification date, ISO 8601, same rules as date_published."""
    language: str | None
    """ISO 639-1 code of the article's language."""
    body: str
    """Article text only: paragraphs separated by a blank line."""
    word_count: int
    """Number of words in `body` (Chinese and Japanese, written without spaces: one per two
    characters)."""
    tags: list[str]
    """Keywords / tags / section labels the page gives."""
    image: str | None
    """Absolute URL of the lead image."""
    quotes: list[Quote]
    """Direct quotations in the body with their speakers."""
    entities: list[Entity]
    """Named entities, one entry per real-world entity, in order of first mention."""
    fetched_at: str
    """When the page was fetched, UTC ISO 8601."""
    provenance: dict[str, str]
    """For each extracted field, which source won (e.g. {"headline": "og:title"})."""
    fingerprint: str | None
    """64-bit SimHash of the body as 16 hex digits: near-duplicates differ in few bits."""
    duplicate_of: str | None = None
    """`url` of an article exported earlier (this crawl or, with a state file, an earlier run)
    whose body this one nearly duplicates (syndicated, moved, updated copy); null otherwise."""
    schema_version: str = SCHEMA_VERSION
    """Version of this record layout."""
