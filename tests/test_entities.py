"""Exported entity records: built from the people resolution of real model output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscrawl.extract.body.extract import extract_body
from newscrawl.items import Entity
from newscrawl.nlp.entities.people import Resolution, ResolvedEntity, norm_key, resolve
from newscrawl.nlp.entities.records import entity_items
from newscrawl.nlp.model import load_model

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PLACE = {"GPE", "LOC"}


@pytest.fixture(scope="module")
def nlp():
    return load_model()


@pytest.fixture(scope="module")
def mali() -> tuple[str, list[Entity], dict]:
    html = (FIXTURES / "mali-panetta.html").read_text(encoding="utf-8")
    body = extract_body(html).text
    expected = json.loads((FIXTURES / "mali-panetta.expected.json").read_text(encoding="utf-8"))
    return body, entity_items(resolve(load_model()(body))), expected["entities"]


def _names(e: Entity) -> set[str]:
    return {norm_key(n) for n in [e.name, *e.aliases]}


def test_items_carry_name_label_aliases_count_and_first_offset(nlp) -> None:
    text = "Lisbon hosted Leon Panetta on Tuesday. Panetta then flew to Madrid and back to Lisbon."
    items = entity_items(resolve(nlp(text)))
    assert all(isinstance(e, Entity) for e in items)
    by_name = {e.name: e for e in items}
    panetta = by_name["Leon Panetta"]
    assert (panetta.label, panetta.aliases, panetta.mentions) == ("PERSON", ["Panetta"], 2)
    assert panetta.first_offset == text.index("Leon Panetta")
    lisbon = by_name["Lisbon"]
    assert (lisbon.mentions, lisbon.first_offset) == (2, 0)
    assert [e.first_offset for e in items] == sorted(e.first_offset for e in items)
    assert "Tuesday" not in by_name


def test_value_labels_never_exported() -> None:
    res = Resolution([
        ResolvedEntity("Tuesday", "DATE", [], [(0, 7)]),
        ResolvedEntity("Mali", "GPE", [], [(10, 14)]),
        ResolvedEntity("750", "CARDINAL", [], [(20, 23)]),
    ])
    assert [e.name for e in entity_items(res)] == ["Mali"]


def test_aliases_are_copied(nlp) -> None:
    res = resolve(nlp("Leon Panetta spoke. Panetta left."))
    items = entity_items(res)
    items[0].aliases.append("changed")
    assert "changed" not in res.entities[0].aliases


@pytest.mark.parametrize("index", range(15))
def test_reference_page_entities_present(mali, index: int) -> None:
    _, items, expected = mali
    want = expected["must_include"][index]
    key = norm_key(want["name"])
    found = [e for e in items if key in _names(e)]
    assert len(found) == 1, [(e.name, e.label) for e in found]
    got = found[0]
    assert got.label == want["label"] or {got.label, want["label"]} <= PLACE
    assert got.mentions >= want.get("min_mentions", 1)
    assert {norm_key(a) for a in want.get("aliases_include", [])} <= _names(got)


@pytest.mark.parametrize("index", range(4))
def test_reference_page_entities_absent(mali, index: int) -> None:
    _, items, expected = mali
    bad = expected["must_not_include"][index]
    hits = [e for e in items if norm_key(bad["name"]) in _names(e) and e.label == bad["label"]]
    assert hits == []


def test_reference_page_offsets_point_at_names(mali) -> None:
    body, items, _ = mali
    for e in items:
        assert body[e.first_offset :].startswith(tuple([e.name, *e.aliases])), e


SAMPLES = Path(__file__).resolve().parent.parent / "newscrawl" / "samples"


@pytest.fixture(scope="module")
def samples(nlp) -> dict[str, list[Entity]]:
    out = {}
    for path in sorted(SAMPLES.glob("*.html")):
        body = extract_body(path.read_text(encoding="utf-8")).text
        out[path.stem] = entity_items(resolve(nlp(body)))
    return out


def test_bundled_samples_label_companies_counties_and_associations(samples) -> None:
    """What a new user sees first: no company, county or association mistyped or split."""
    got = {(e.name, e.label) for items in samples.values() for e in items}
    names = {e.name for items in samples.values() for e in items}
    for name, label in (
        ("Northsea Renewables", "ORG"),
        ("North East Fishermen\u2019s Association", "ORG"),
        ("Northumberland", "GPE"),
        ("Tigist Alemu", "PERSON"),
    ):
        assert (name, label) in got, (name, sorted(got))
    assert not names & {"Association", "North East Fishermen", "Alemu"}
    assert ("Ashanti", "ORG") not in got
    people = [e for items in samples.values() for e in items if e.label == "PERSON"]
    assert all(" " in e.name for e in people), [e.name for e in people]


def test_plural_of_a_name_joins_the_name(nlp) -> None:
    """ "Z3s" are instances of the "Z3": the plural is an alias, not an entity of its own."""
    text = ("The Velmar Z3 is a small tractor. Farmers in the valley bought dozens of Z3s last "
            "spring, and the Z3 sold out.")
    items = entity_items(resolve(nlp(text)))
    holders = [e for e in items if {"z3", "z3s"} & _names(e)]
    assert [sorted(_names(e)) for e in holders] == [["z3", "z3s"]]


def test_place_beside_the_longer_place_it_lies_in_stays_apart(nlp) -> None:
    """ "Dunmarsh, North Dunmarsh": a place and, after a comma, the larger one it lies in are
    two places, though the short name ends the longer one."""
    text = "The old abbey is situated in Dunmarsh, North Dunmarsh, England, near the river."
    names = [sorted(_names(e)) for e in entity_items(resolve(nlp(text)))]
    assert names == [["dunmarsh"], ["north dunmarsh"], ["england"]]


def test_singular_names_an_entity_its_plural_joined(nlp) -> None:
    """ "Ostrevians" are used more often, but the entity is called "Ostrevian"."""
    text = ("Ostrevian cooking is rich. You will often see Ostrevians eating outdoors, and most "
            "Ostrevians shake hands.")
    items = entity_items(resolve(nlp(text)))
    assert [(e.name, e.aliases) for e in items] == [("Ostrevian", ["Ostrevians"])]
