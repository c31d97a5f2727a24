"""The attribute ruler's indexed matcher finds exactly what spaCy's matcher finds."""

from __future__ import annotations

import importlib

import pytest
from spacy.language import Language

from newscrawl.nlp.attribute_index import IndexedMatcher
from newscrawl.nlp.model import DEFAULT_MODEL

TEXTS = [
    '"We won\'t close the library," said Anna Hollis, who\'s chaired the trust since 2019.',
    "Isn't it odd that nothin' changed? The council hasn't voted, and it doesn't plan to.",
    "The mayor, whose office is in Elmsworth, told reporters she'd rather wait until May.",
    "Because the bridge is old, engineers are checking it every week -- even on Sundays!",
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    # spaCy's own ruler, not load_model's (which has the index installed already)
    return importlib.import_module(DEFAULT_MODEL).load(disable=["lemmatizer"])


@pytest.mark.parametrize("text", TEXTS)
def test_same_matches_as_spacy(nlp: Language, text: str) -> None:
    ruler = nlp.get_pipe("attribute_ruler")
    with nlp.select_pipes(disable=["attribute_ruler", "ner"]):
        doc = nlp(text)
    assert IndexedMatcher(ruler)(doc) == ruler.match(doc)


def test_same_token_attributes(nlp: Language) -> None:
    from newscrawl.nlp.model import load_model

    indexed = load_model()
    for text in TEXTS:
        expected = [(t.pos_, t.tag_, str(t.morph)) for t in nlp(text)]
        assert [(t.pos_, t.tag_, str(t.morph)) for t in indexed(text)] == expected
