"""The JSON Lines export as users consume it: pandas, DuckDB, the shipped JSON Schema."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import duckdb
import jsonschema
import pandas as pd
import pytest

from newscrawl.items import Article
from newscrawl.schema import SCHEMA_PATH, article_schema
from tests.crawl import PROJECT_ROOT, run_crawl

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
SAMPLES = PROJECT_ROOT / "newscrawl" / "samples"
FIELD_ORDER = [f.name for f in dataclasses.fields(Article)]


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled samples and the golden pages crawled together, quotes and entities included."""
    folder = tmp_path_factory.mktemp("export-in")
    shutil.copytree(SAMPLES, folder / "samples")
    shutil.copytree(PAGES, folder / "pages")
    out = tmp_path_factory.mktemp("export-out") / "articles.jsonl"
    items, _ = run_crawl("saved", out, {"path": str(folder)})
    assert len(items) >= 10
    return out


@pytest.fixture(scope="module")
def lines(export: Path) -> list[dict]:
    return [json.loads(line) for line in export.read_text(encoding="utf-8").splitlines()]


# --- JSON Schema ----------------------------------------------------------------------------------

def test_shipped_schema_is_current() -> None:
    """`python -m newscrawl.schema` regenerates the file; it must match the item definition."""
    assert json.loads(SCHEMA_PATH.read_text(encoding="utf-8")) == article_schema()


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(article_schema())


def test_every_line_matches_the_schema(lines: list[dict]) -> None:
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    errors = [f"{item['request_url']}: {e.message}" for item in lines
              for e in validator.iter_errors(item)]
    assert errors == []


@pytest.mark.parametrize(("field", "value"), [
    ("date_published", "15/01/2013"),
    ("date_published", "2013-01-15 09:42"),
    ("word_count", "12"),
    ("authors", "Jane Doe"),
    ("quotes", [{"text": "x"}]),
])
def test_schema_rejects_wrong_values(lines: list[dict], field: str, value: object) -> None:
    bad = {**lines[0], field: value}
    assert not jsonschema.Draft202012Validator(article_schema()).is_valid(bad)


def test_schema_rejects_unknown_fields(lines: list[dict]) -> None:
    assert not jsonschema.Draft202012Validator(article_schema()).is_valid({**lines[0], "x": 1})


def test_fields_are_in_item_order(lines: list[dict]) -> None:
    assert {tuple(item) for item in lines} == {tuple(FIELD_ORDER)}


# --- pandas ---------------------------------------------------------------------------------------

def test_pandas_types(export: Path) -> None:
    df = pd.read_json(export, lines=True)
    assert pd.api.types.is_integer_dtype(df["word_count"])
    assert isinstance(df["fetched_at"].dtype, pd.DatetimeTZDtype)
    published = pd.to_datetime(df["date_published"], format="ISO8601", utc=True)
    assert published.notna().all()
    assert published.min() >= pd.Timestamp("2003-01-01", tz="UTC")
    assert all(isinstance(v, list) for v in df["authors"])
    quotes = [q for qs in df["quotes"] for q in qs]
    assert quotes and all(isinstance(q, dict) and isinstance(q["start"], int) for q in quotes)
    entities = [e for es in df["entities"] for e in es]
    assert entities and all(isinstance(e["aliases"], list) for e in entities)


def test_pandas_keeps_the_stated_offset(export: Path) -> None:
    df = pd.read_json(export, lines=True)
    row = df[df["request_url"].str.endswith("/graph-jsonld.html")].iloc[0]
    stamp = pd.Timestamp(row["date_published"])
    assert stamp.utcoffset() == pd.Timedelta(hours=1)
    assert stamp.tz_convert("UTC") == pd.Timestamp("2013-01-15T08:42:00", tz="UTC")


# --- DuckDB ---------------------------------------------------------------------------------------

def _types(con: duckdb.DuckDBPyConnection, export: Path) -> dict[str, str]:
    rows = con.sql(f"DESCRIBE SELECT * FROM read_json_auto('{export}')").fetchall()
    return {name: kind for name, kind, *_ in rows}


def test_duckdb_types(export: Path) -> None:
    con = duckdb.connect()
    types = _types(con, export)
    assert types["word_count"] == "BIGINT"
    assert types["fetched_at"] == "TIMESTAMP WITH TIME ZONE"
    assert types["authors"] == "VARCHAR[]"
    assert types["tags"] == "VARCHAR[]"
    assert types["quotes"].startswith("STRUCT(") and types["quotes"].endswith("[]")
    assert '"text" VARCHAR' in types["quotes"] and "speaker VARCHAR" in types["quotes"]
    assert types["entities"].startswith("STRUCT(") and "aliases VARCHAR[]" in types["entities"]
    assert types["provenance"].startswith("STRUCT(")


def test_duckdb_dates_cast(export: Path) -> None:
    """Dates at day and second precision, with and without offset, cast to TIMESTAMPTZ."""
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    rows = con.sql(
        f"SELECT date_published, CAST(date_published AS TIMESTAMPTZ) "
        f"FROM read_json_auto('{export}') ORDER BY 2"
    ).fetchall()
    assert all(stamp is not None for _, stamp in rows)
    stated = {text: stamp for text, stamp in rows}
    assert stated["2013-01-15T09:42:00+01:00"].isoformat() == "2013-01-15T08:42:00+00:00"


def test_duckdb_unnest_quotes(export: Path) -> None:
    con = duckdb.connect()
    speakers = con.sql(
        f"SELECT DISTINCT q.speaker FROM (SELECT unnest(quotes) AS q "
        f"FROM read_json_auto('{export}')) WHERE q.speaker IS NOT NULL"
    ).fetchall()
    assert ("Claire Donnelly",) in speakers
