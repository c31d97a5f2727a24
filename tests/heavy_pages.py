"""Long invented news articles that keep a worker busy (many names, quotes, places).

Used by the worker-pool tests: written to disk for `scrapy crawl saved`, or served by the fixture
site (tests/site_server.py, `FixtureSite(heavy=N)`) at /reports/<n>/. The text is made up from the
small lists below, varied by a seeded random generator, so every page differs and is the same on
every run.
"""

from __future__ import annotations

import json
import random
from html import escape
from pathlib import Path

FIRST_NAMES = ("Anna", "Peter", "Maria", "James", "Laura", "David", "Helen", "Thomas")
SURNAMES = ("Hollis", "Brandt", "Okafor", "Lindqvist", "Marsh", "Tanaka", "Varga", "Quinn")
TOWNS = ("Elmsworth", "Carrow Bay", "Fenwick", "Ashby Cross", "Northgate", "Lower Denby")
BODIES = ("the Harbour Trust", "the County Water Board", "Fenwick Rail", "the Library Service",
          "the Ashby Cross Chamber of Commerce")
TOPICS = ("the bridge repairs", "the winter timetable", "the school budget", "the flood defences",
          "the new bus depot", "the market hall lease")
PARAGRAPHS = (
    '"We expect {topic} to be finished by the spring," said {first} {last}, who chairs {body} '
    "in {town}.",
    "{last} told reporters on {day} that {body} had spent two years on {topic} and that people "
    "in {town} would see the first changes within weeks.",
    "Councillors in {town} debated {topic} for three hours on {day}, weighing the cost against "
    "the delays that shops and commuters have complained about since the summer.",
    '"Nobody in {town} wants another year of this," {first} {last} said. "We have listened, and '
    'we will publish every figure before the next vote."',
    "According to {body}, {topic} will cost about {amount} million pounds, most of it paid from "
    "reserves that were set aside in {year}.",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def heavy_body(n: int, paragraphs: int) -> list[str]:
    """The paragraphs of invented article `n`."""
    rng = random.Random(n)
    return [
        rng.choice(PARAGRAPHS).format(
            first=rng.choice(FIRST_NAMES), last=rng.choice(SURNAMES), town=rng.choice(TOWNS),
            body=rng.choice(BODIES), topic=rng.choice(TOPICS), day=rng.choice(DAYS),
            amount=rng.randint(2, 90), year=rng.randint(2015, 2024))
        for _ in range(paragraphs)
    ]


def heavy_article(n: int, paragraphs: int = 60) -> str:
    """A complete article page: headline, date, byline, article markup and a long body."""
    title = f"Report {n}: what the town decided about {TOPICS[n % len(TOPICS)]}"
    meta = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
            "datePublished": f"2026-11-{1 + n % 28:02d}T09:00:00+00:00",
            "author": {"@type": "Person", "name": "Jo Pemberton"}}
    body = "\n".join(f"<p>{escape(p)}</p>" for p in heavy_body(n, paragraphs))
    return (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{escape(title)} | The Valley Courier</title>"
        '<meta property="og:type" content="article">'
        f'<script type="application/ld+json">{json.dumps(meta)}</script></head><body>'
        f"<article><h1>{escape(title)}</h1><p class=\"byline\">By Jo Pemberton</p>"
        f"{body}</article></body></html>"
    )


def write_heavy_pages(folder: Path, count: int, paragraphs: int = 60) -> list[Path]:
    """`count` heavy article files in `folder` (report-000.html, …)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"report-{n:03d}.html"
        path.write_text(heavy_article(n, paragraphs), encoding="utf-8")
        paths.append(path)
    return paths
