"""A generated news site for crawls that need many articles (shared crawls, benchmarks).

`GeneratedSite(articles=60, delay=0.2)` writes a home page, section pages and `articles` article
pages into a temporary folder and serves them with tests/site_server.py's FixtureSite, each
answer after `delay` seconds (the latency of a real site). Every article is reachable from the
home page through its section (depth 2) and links to its neighbours. The text of each article is
assembled from invented sentence parts, different for every article.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from tests.site_server import FixtureSite

SECTIONS = ("harbour", "schools", "transport", "markets", "parks", "culture")
SUBJECTS = ("The harbour board", "A parents' group", "The county transport office",
            "Stallholders at the covered market", "The parks trust", "The town orchestra",
            "A residents' association")
ACTIONS = ("approved a plan to repair", "asked the council to review", "set aside money for",
           "opened a consultation on", "postponed a decision about", "published a report on")
OBJECTS = ("the north quay wall", "the late bus timetable", "the old drill hall",
           "the riverside footpath", "the school kitchen", "the weekend ferry service",
           "the bandstand roof")
DETAILS = ("The work is expected to take {n} weeks and will be paid for from reserves.",
           "About {n} people attended the meeting, which ran past ten o'clock.",
           "Officers said a final figure would be published within {n} days.",
           "The scheme was first proposed {n} years ago and has been delayed twice.",
           "A survey of {n} households found most in favour of the change.")

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} | The Eastwick Gazette</title>
{head}
</head>
<body>
<header><a href="/">The Eastwick Gazette</a>
<nav>{nav}</nav></header>
<main>
{main}
</main>
<footer><p>Published by Eastwick Gazette Ltd.</p></footer>
</body>
</html>
"""


def _sentence(i: int, k: int) -> str:
    subject = SUBJECTS[(i + k) % len(SUBJECTS)]
    action = ACTIONS[(i * 3 + k) % len(ACTIONS)]
    obj = OBJECTS[(i * 5 + k * 2) % len(OBJECTS)]
    detail = DETAILS[(i + k * 3) % len(DETAILS)].format(n=7 + (i * 13 + k * 7) % 90)
    return f"{subject} {action} {obj} on day {i + 1} of the session. {detail}"


class GeneratedSite(FixtureSite):
    """The generated site on 127.0.0.1; `article_paths` are the paths of its articles."""

    def __init__(self, articles: int = 60, delay: float = 0.2) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="newscrawl-site-")
        super().__init__(root=Path(self._dir.name), delay=delay)
        self.article_paths = [self._article_path(i) for i in range(articles)]
        self._write()

    def _article_path(self, i: int) -> str:
        day = 1 + i % 28
        section = SECTIONS[i % len(SECTIONS)]
        return f"/2026/11/{day:02d}/{section}-report-number-{i + 1}/"

    def _nav(self) -> str:
        return " ".join(f'<a href="/{s}/">{s.title()}</a>' for s in SECTIONS)

    def _put(self, path: str, html: str) -> None:
        file = self.root / path.strip("/") / "index.html" if path != "/" \
            else self.root / "index.html"
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(html, encoding="utf-8")

    def _write(self) -> None:
        (self.root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
        links = "".join(f'<li><a href="/{s}/">{s.title()} news</a></li>' for s in SECTIONS)
        self._put("/", PAGE.format(title="Home", head="", nav=self._nav(),
                                   main=f"<h1>Latest news</h1><ul>{links}</ul>"))
        for section in SECTIONS:
            items = "".join(
                f'<li><a href="{p}">Report {i + 1} from the {section} desk</a></li>'
                for i, p in enumerate(self.article_paths) if p.split("/")[4].startswith(section))
            self._put(f"/{section}/", PAGE.format(
                title=section.title(), head="", nav=self._nav(),
                main=f"<h1>{section.title()}</h1><ul>{items}</ul>"))
        for i, path in enumerate(self.article_paths):
            self._put(path, self._article(i, path))

    def _article(self, i: int, path: str) -> str:
        title = f"{SUBJECTS[i % len(SUBJECTS)]} and {OBJECTS[i % len(OBJECTS)]}: report {i + 1}"
        day = path.split("/")[3]
        published = f"2026-11-{day}T09:{i % 60:02d}:00+00:00"
        head = (f'<link rel="canonical" href="{{{{BASE}}}}{path}">\n'
                '<meta property="og:type" content="article">\n'
                f'<meta property="og:title" content="{title}">\n'
                f'<meta property="article:published_time" content="{published}">\n'
                '<script type="application/ld+json">{"@context": "https://schema.org", '
                f'"@type": "NewsArticle", "headline": "{title}", '
                f'"datePublished": "{published}"}}</script>')
        paragraphs = "".join(f"<p>{_sentence(i, k)}</p>" for k in range(6))
        neighbours = [self.article_paths[(i + d) % len(self.article_paths)] for d in (1, 2)]
        related = "".join(f'<li><a href="{p}">Related report</a></li>' for p in neighbours)
        main = (f"<article><h1>{title}</h1><p class=\"byline\">By Staff Reporter</p>"
                f'<p><time datetime="{published}">{day} November 2026</time></p>{paragraphs}'
                f"</article><aside><ul>{related}</ul></aside>")
        return PAGE.format(title=title, head=head, nav=self._nav(), main=main)

    def stop(self) -> None:
        super().stop()
        self._dir.cleanup()

    def article_urls(self) -> set[str]:
        return {self.url(p) for p in self.article_paths}
