"""The reference page (mali-panetta) through a real `scrapy crawl saved`: every expected field."""

from __future__ import annotations

import re
import unicodedata

import pytest


def norm(text: str | None) -> str:
    """The fixture's comparison: NFKC, straight quotes, folded spaces, no trailing comma."""
    text = unicodedata.normalize("NFKC", text or "")
    for curly, straight in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(curly, straight)
    return re.sub(r"\s+", " ", text).strip().strip(" ,")


def norm_name(name: str | None) -> str:
    name = re.sub(r"^the ", "", norm(name).lower())
    return re.sub(r"[^\w ]", "", name.replace("-", " ")).strip()


PLACES = {"GPE", "LOC"}


def same_label(a: str, b: str) -> bool:
    return a == b or (a in PLACES and b in PLACES)


@pytest.mark.parametrize("field", ["url", "headline", "sitename", "language"])
def test_exact_field(mali_item: dict, mali_expected: dict, field: str) -> None:
    assert mali_item[field] == mali_expected[field]


def test_date_published(mali_item: dict, mali_expected: dict) -> None:
    assert mali_item["date_published"] == mali_expected["date_published"]


def test_date_provenance_says_day_first(mali_item: dict) -> None:
    assert mali_item["provenance"]["date_published"]


def test_domain(mali_item: dict) -> None:
    assert mali_item["domain"] == "news.example.org"


def test_request_url_is_the_file(mali_item: dict) -> None:
    assert mali_item["request_url"].startswith("file://")
    assert mali_item["request_url"].endswith("/mali-panetta.html")


def test_body_starts(mali_item: dict, mali_expected: dict) -> None:
    assert norm(mali_item["body"]).startswith(norm(mali_expected["body"]["starts_with"]))


def test_body_ends(mali_item: dict, mali_expected: dict) -> None:
    assert norm(mali_item["body"]).endswith(norm(mali_expected["body"]["ends_with"]))


def test_body_paragraphs(mali_item: dict, mali_expected: dict) -> None:
    assert len(mali_item["body"].split("\n\n")) == mali_expected["body"]["paragraphs"]


def test_body_has_no_boilerplate(mali_item: dict, mali_expected: dict) -> None:
    found = [s for s in mali_expected["body"]["must_not_contain"] if s.lower() in
             mali_item["body"].lower()]
    assert found == []


def test_curly_quotes_survive(mali_item: dict) -> None:
    assert "\u201c" in mali_item["body"] and "\u2018" in mali_item["headline"]


def test_word_count(mali_item: dict) -> None:
    assert mali_item["word_count"] == len(mali_item["body"].split())


def test_fingerprint(mali_item: dict) -> None:
    assert re.fullmatch(r"[0-9a-f]{16}", mali_item["fingerprint"])


def test_fetched_at_is_utc_iso(mali_item: dict) -> None:
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", mali_item["fetched_at"])


def test_quote_count(mali_item: dict, mali_expected: dict) -> None:
    assert len(mali_item["quotes"]) == len(mali_expected["quotes"])


@pytest.mark.parametrize("index", range(7))
def test_quote_text_and_speaker(mali_item: dict, mali_expected: dict, index: int) -> None:
    want = mali_expected["quotes"][index]
    got = {norm(q["text"]): q for q in mali_item["quotes"]}
    assert norm(want["text"]) in got, "quote not found"
    assert norm_name(got[norm(want["text"])]["speaker"]) == norm_name(want["speaker"])


def test_quote_offsets_index_the_body(mali_item: dict) -> None:
    body = mali_item["body"]
    for quote in mali_item["quotes"]:
        assert body[quote["start"]:quote["end"]] == quote["text"]


def test_no_scare_or_comment_quotes(mali_item: dict) -> None:
    texts = " ".join(q["text"] for q in mali_item["quotes"])
    assert "boots on ground" not in texts.replace("boots on the ground", "")
    assert "end badly" not in texts


def _entity(item: dict, name: str) -> list[dict]:
    key = norm_name(name)
    return [e for e in item["entities"]
            if norm_name(e["name"]) == key or key in {norm_name(a) for a in e["aliases"]}]


@pytest.mark.parametrize("index", range(15))
def test_entity_included(mali_item: dict, mali_expected: dict, index: int) -> None:
    want = mali_expected["entities"]["must_include"][index]
    found = [e for e in _entity(mali_item, want["name"]) if same_label(e["label"], want["label"])]
    assert len(found) == 1, f"{want['name']} ({want['label']}): {found}"
    entity = found[0]
    assert entity["mentions"] >= want.get("min_mentions", 1)
    aliases = {norm_name(a) for a in entity["aliases"]} | {norm_name(entity["name"])}
    assert {norm_name(a) for a in want.get("aliases_include", [])} <= aliases


@pytest.mark.parametrize("index", range(4))
def test_entity_excluded(mali_item: dict, mali_expected: dict, index: int) -> None:
    bad = mali_expected["entities"]["must_not_include"][index]
    assert [e for e in _entity(mali_item, bad["name"]) if e["label"] == bad["label"]] == []


def test_entities_are_not_numeric(mali_item: dict) -> None:
    numeric = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
    assert [e for e in mali_item["entities"] if e["label"] in numeric] == []


def test_one_entry_per_united_states(mali_item: dict) -> None:
    assert len(_entity(mali_item, "United States")) == 1
