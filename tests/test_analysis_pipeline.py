"""The spaCy step inside a real crawl: language gate and a missing model."""

from __future__ import annotations

from pathlib import Path

from tests.crawl import run_crawl

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
MALI = Path(__file__).resolve().parent / "fixtures" / "mali-panetta.html"


def test_article_in_another_language_is_exported_without_analysis(tmp_path: Path) -> None:
    items, proc = run_crawl(
        "saved", tmp_path / "out.jsonl", {"path": str(PAGES / "german-news.html")}
    )
    assert [i["language"] for i in items] == ["de"]
    assert items[0]["quotes"] == [] and items[0]["entities"] == []
    assert "'newscrawl/warning/not_analysed/language_de': 1" in proc.stderr


def test_missing_model_is_reported_and_articles_still_exported(tmp_path: Path) -> None:
    items, proc = run_crawl(
        "saved",
        tmp_path / "out.jsonl",
        {"path": str(MALI)},
        {"NEWSCRAWL_SPACY_MODEL": "no_such_spacy_model"},
    )
    assert len(items) == 1 and items[0]["body"]
    assert items[0]["entities"] == []
    assert "spaCy model 'no_such_spacy_model' cannot be loaded" in proc.stderr
    assert "'newscrawl/warning/model_unavailable': 1" in proc.stderr
