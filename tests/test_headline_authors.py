"""Golden tests on invented news pages: headline and authors, one assertion per field.

Each page in tests/fixtures/headline_authors/ was written for this test, in a different
template (see tests/benchmarks/headline_authors.py, which scores the same pages against
trafilatura); `expected.json` holds its true headline and authors, chosen when it was written.
The `held-*` pages were written after the rules, as a check that they carry over.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscrawl.extract.decode import decode_page
from newscrawl.extract.metadata import Metadata, extract_metadata

PAGES = Path(__file__).resolve().parent / "fixtures" / "headline_authors"
EXPECTED: dict[str, dict] = json.loads((PAGES / "expected.json").read_text(encoding="utf-8"))


def _metadata(file: str) -> Metadata:
    page = decode_page((PAGES / file).read_bytes())
    assert page.tree is not None
    return extract_metadata(page.tree, None)


@pytest.mark.parametrize("file", sorted(EXPECTED))
def test_headline(file: str) -> None:
    assert _metadata(file).headline == EXPECTED[file]["headline"]


@pytest.mark.parametrize("file", sorted(EXPECTED))
def test_authors(file: str) -> None:
    assert _metadata(file).authors == EXPECTED[file]["authors"]


def test_every_page_has_its_expected_values() -> None:
    pages = {p.name for p in PAGES.glob("*.html")}
    assert pages == set(EXPECTED)
