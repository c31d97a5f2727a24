"""One pass of language analysis over an article body: parse once, derive entities and quotes.

Both steps share the same spaCy `Doc` and the same people resolution, so a quote's speaker is
always the name of one of the article's entities.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language

from newscrawl.items import Entity, Quote
from newscrawl.nlp import entities, people, quotes

MAX_CHARS = 300_000
"""Bodies longer than this are analysed only up to here (spaCy's memory grows with length)."""


@dataclass
class Analysis:
    """What the language step adds to an article."""

    quotes: list[Quote]
    entities: list[Entity]


def analyse(body: str, nlp: Language) -> Analysis:
    """Parse `body` once and return its quotes and entities (offsets index into `body`)."""
    if not body.strip():
        return Analysis(quotes=[], entities=[])
    doc = nlp(body[:MAX_CHARS])
    resolution = people.resolve(doc)
    return Analysis(
        quotes=quotes.extract_quotes(doc, resolution),
        entities=entities.entity_items(resolution),
    )
