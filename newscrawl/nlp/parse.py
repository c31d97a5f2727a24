"""Parse a body paragraph by paragraph, in one batch, into one Doc.

spaCy's parser and entity recogniser step through a text one transition at a time, and for one
Doc every step is a product of a single row: the per-call cost, not the arithmetic, dominates.
Given the paragraphs as a batch, each step advances every paragraph at once (about an eighth
less time for the whole pipeline on news bodies). The pieces are joined back into one Doc over
exactly the same text, so offsets are unchanged, and a sentence never runs across a paragraph
break, which is what the text means anyway (a heading and the paragraph under it are two
sentences).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
"""A blank line (the body's paragraph separator) and any whitespace after it."""


def paragraphs(text: str) -> list[str]:
    """`text` cut before each paragraph break; the pieces join back to `text` exactly.

    A piece starts with the break before it, so the entity recogniser sees a paragraph's first
    word after a line break, as it does inside a whole text: cut after the break instead, a
    paragraph's first name is read as if it opened a document, and its label changes more
    often (a person's name taken with the organisation after it).
    """
    pieces = []
    start = 0
    for match in PARAGRAPH_BREAK.finditer(text):
        if match.start() > start:
            pieces.append(text[start:match.start()])
            start = match.start()
    if start < len(text):
        pieces.append(text[start:])
    return pieces


def parse(text: str, nlp: Language) -> Doc:
    """The Doc of `text`, its paragraphs parsed as one batch."""
    pieces = paragraphs(text)
    if len(pieces) < 2:
        return nlp(text)
    return Doc.from_docs(list(nlp.pipe(pieces)), ensure_whitespace=False)
