"""Parsing a body paragraph by paragraph gives one Doc over the same text, with the entities of
a whole-text reading that stop at paragraph breaks, and the pipeline's numpy products give the
labels spaCy's default ones give."""

from __future__ import annotations

import importlib

import pytest
from spacy.language import Language
from thinc.api import NumpyOps

from newscrawl.nlp.model import DEFAULT_MODEL, load_model
from newscrawl.nlp.parse import paragraphs, parse

BODY = (
    "HARBOUR WORKS\n\n"
    "Dock workers in Port Elwyn walked out on Tuesday after talks with the Marlow Shipping "
    "Company broke down.\n\n"
    "\u201cWe asked for a fair deal, not a favour,\u201d said Ines Okafor, who chairs the union. "
    "The company said it would answer on Friday.\n \n"
    "Ships waiting off the coast rose to 14 by the evening"
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model()


def test_paragraphs_join_back_to_the_text() -> None:
    assert "".join(paragraphs(BODY)) == BODY


def test_paragraphs_cut_before_each_blank_line() -> None:
    pieces = paragraphs(BODY)
    assert [p.lstrip()[:5] for p in pieces] == ["HARBO", "Dock ", "\u201cWe a", "Ships"]


def test_each_later_paragraph_starts_with_its_break() -> None:
    assert [p[:1] for p in paragraphs(BODY)[1:]] == ["\n", "\n", "\n"]


def test_paragraphs_of_a_text_without_breaks() -> None:
    assert paragraphs("One line only.") == ["One line only."]


def test_parse_keeps_the_text(nlp: Language) -> None:
    assert parse(BODY, nlp).text == BODY


def test_no_sentence_crosses_a_paragraph_break(nlp: Language) -> None:
    doc = parse(BODY, nlp)
    assert not [s.text for s in doc.sents if "\n\n" in s.text.strip()]


def test_heading_is_its_own_sentence(nlp: Language) -> None:
    assert next(iter(parse(BODY, nlp).sents)).text.strip() == "HARBOUR WORKS"


def test_entity_offsets_index_the_text(nlp: Language) -> None:
    doc = parse(BODY, nlp)
    assert {(BODY[e.start_char:e.end_char], e.label_) for e in doc.ents} >= {
        ("the Marlow Shipping Company", "ORG"), ("Ines Okafor", "PERSON")}


def test_entities_are_found_in_the_whole_text(nlp: Language) -> None:
    whole = [(e.start_char, e.end_char, e.label_) for e in nlp(BODY).ents]
    assert [(e.start_char, e.end_char, e.label_) for e in parse(BODY, nlp).ents] == whole


@pytest.mark.parametrize(("text", "name"), [
    ("The gate was drawn in ink by Marta Velde\n\nSpider webs covered the bridge that winter.",
     "Marta Velde"),
    ("Our thanks go to the Velmar Trust\n\nDonations Open Monday for the new roof.",
     "the Velmar Trust"),
])
def test_no_entity_runs_across_a_paragraph_break(nlp: Language, text: str, name: str) -> None:
    assert any("\n\n" in e.text for e in nlp(text).ents), "the model no longer crosses the break"
    assert name in [e.text for e in parse(text, nlp).ents]


def test_every_layer_multiplies_with_numpy(nlp: Language) -> None:
    ops = {type(node.ops).__name__ + str(getattr(node.ops, "use_blis", None))
           for _, component in nlp.components if getattr(component, "model", None) is not None
           for node in component.model.walk()}
    assert ops == {NumpyOps.__name__ + "False"}


def test_numpy_products_give_spacys_labels(nlp: Language) -> None:
    stock = importlib.import_module(DEFAULT_MODEL).load(disable=["lemmatizer"])
    for piece in paragraphs(BODY):
        ours, theirs = nlp(piece), stock(piece)
        assert [(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in ours] == [
            (t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in theirs]
