"""Shared fixtures: real crawls through the `scrapy crawl` CLI, run once per session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.crawl import run_crawl

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.fixture(scope="session")
def mali_crawl(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict], str]:
    """The reference page crawled by `scrapy crawl saved`: (items, crawl log)."""
    out = tmp_path_factory.mktemp("mali") / "out.jsonl"
    items, proc = run_crawl("saved", out, {"path": str(FIXTURES / "mali-panetta.html")})
    return items, proc.stderr


@pytest.fixture(scope="session")
def mali_item(mali_crawl: tuple[list[dict], str]) -> dict:
    items, _ = mali_crawl
    assert len(items) == 1, f"expected one exported article, got {len(items)}"
    return items[0]


@pytest.fixture(scope="session")
def mali_expected() -> dict:
    return json.loads((FIXTURES / "mali-panetta.expected.json").read_text(encoding="utf-8"))
