"""Split quote marks glued to the words around them (`harbour,”Berg said`,
`Roe:"We went`, `fares!”After`).

Typed or scraped text sometimes drops the space between a quote mark and the next word. spaCy's
tokenizer then keeps `harbour,”Berg` as one token, so the parser sees no name, no quote
boundary and no speech-tag subject there. Splitting the punctuation and the mark off as infixes
gives the parser the tokens a spaced text would have; offsets into the text do not change.
"""

from __future__ import annotations

import re

from spacy.language import Language

QUOTE_MARKS = "\"“”„«»"
"""Double quote marks (single marks are apostrophes too often to split inside a word)."""
GLUED_QUOTE = (
    rf"(?<=\w)(?<!\.\w)[.,;:!?](?=[{QUOTE_MARKS}]\w)"  # the punctuation before it, not U.S.
    rf"|(?<=[.,;:!?])[{QUOTE_MARKS}](?=\w)"  # the mark itself, glued to the next word
)
"""Infixes: sentence or clause punctuation, then a double quote mark, between two words."""


def split_glued_quotes(nlp: Language) -> None:
    """Add `GLUED_QUOTE` to the pipeline's tokenizer infixes (in place)."""
    tokenizer = nlp.tokenizer
    pattern = tokenizer.infix_finditer.__self__.pattern
    tokenizer.infix_finditer = re.compile(f"{pattern}|{GLUED_QUOTE}").finditer
