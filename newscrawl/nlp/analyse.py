"""One pass of language analysis over an article body: parse once, derive entities and quotes.

Both steps share the same spaCy `Doc` and the same people resolution, so a quote's speaker is
always the name of one of the article's entities.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language

from newscrawl.items import Entity, Quote
from newscrawl.nlp.entities.people import resolve
from newscrawl.nlp.entities.records import entity_items
from newscrawl.nlp.parse import parse
from newscrawl.nlp.quotes.extract import extract_quotes

MAX_CHARS = 100_000
"""Default cap on the characters analysed (NEWSCRAWL_ANALYSE_MAX_CHARS): about 15,000 words, far
beyond a news article. spaCy's time and memory grow with the text, so one huge page (a transcript,
a 5,000-paragraph dump) must not cost a worker seconds and hundreds of megabytes; the text past
the cap is exported, only not analysed."""


@dataclass
class Analysis:
    """What the language step adds to an article."""

    quotes: list[Quote]
    entities: list[Entity]
    truncated: bool = False
    """True when the body was longer than the cap and only its beginning was analysed."""


def analysed_part(body: str, max_chars: int) -> str:
    """The beginning of `body` that is analysed: whole paragraphs up to `max_chars` characters
    (a cut inside a paragraph could split a quote from its speaker)."""
    if len(body) <= max_chars:
        return body
    cut = body.rfind("\n\n", 0, max_chars + 1)
    return body[:cut] if cut > 0 else body[:max_chars]


def analyse(body: str, nlp: Language, max_chars: int | None = None) -> Analysis:
    """Parse `body` once (its paragraphs as one batch) and return its quotes and entities
    (offsets index into `body`).

    Only the first `max_chars` characters (default `MAX_CHARS`) are analysed.
    """
    if not body.strip():
        return Analysis(quotes=[], entities=[])
    text = analysed_part(body, max_chars or MAX_CHARS)
    doc = parse(text, nlp)
    resolution = resolve(doc)
    return Analysis(
        quotes=extract_quotes(doc, resolution),
        entities=entity_items(resolution),
        truncated=len(text) < len(body),
    )
