"""A Doc's text, built once: spaCy's `Doc.text` joins every token again on each access, which cost
the language step several passes over each article's tokens."""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "newscrawl.text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, kept in the Doc's user data after the first call (a Doc's text never
    changes)."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text
