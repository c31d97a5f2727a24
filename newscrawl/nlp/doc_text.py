"""Values derived from a whole Doc, built once per Doc and kept in its user data (a parsed Doc
never changes). spaCy's `Doc.text` joins every token again on each access, and the rules ask the
same whole-document questions for every candidate name: each cost the language step several
passes over each article's tokens."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from spacy.tokens import Doc

T = TypeVar("T")


def per_doc(doc: Doc, key: str, build: Callable[[Doc], T]) -> T:
    """`build(doc)`, computed on the first call for `key` and kept in the Doc's user data."""
    value = doc.user_data.get(key)
    if value is None:
        value = doc.user_data[key] = build(doc)
    return value


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once."""
    return per_doc(doc, "newscrawl.text", lambda d: d.text)
