"""Re-publish an article the way syndication does: the same story inside another site's template,
with its dateline changed or a line added. Shared by the near-duplicate tests and benchmark.

The templates and the added lines are invented; only the headline and body come from the article.
"""

from __future__ import annotations

import html
import re

MUTATIONS = ("dateline", "line")

_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,40}(?:,[^—–-]{0,40})?\s*[—–-]+\s*")
"""A wire dateline opening the first paragraph: "RIVERTON, March 3 (Agency) — "."""

TEMPLATES = (
    """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | Valley Ledger
</title><link rel="canonical" href="{url}"><meta property="og:title" content="{title}"></head>
<body><header><nav><a href="/">Home</a> <a href="/news/">News</a> <a href="/sport/">Sport</a>
<a href="/weather/">Weather</a></nav></header>
<main><article><h1>{title}</h1><p class="byline">By Staff and wire reports</p>{paragraphs}
</article><aside><h3>Most read</h3><ul><li><a href="/a">Harbour fees to rise next spring</a></li>
<li><a href="/b">Library extends its opening hours</a></li></ul></aside></main>
<footer><p>© Valley Ledger. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>""",
    """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<link rel="canonical" href="{url}"><script type="application/ld+json">{{"@type": "NewsArticle",
"headline": "{title_json}"}}</script></head><body>
<div id="top"><a href="/">The Northern Post</a><ul class="menu"><li><a href="/world">World</a></li>
<li><a href="/business">Business</a></li><li><a href="/opinion">Opinion</a></li></ul></div>
<div class="wrap"><div class="story"><h1 class="title">{title}</h1>
<div class="story-body">{paragraphs}</div>
<div class="share"><a href="#">Share</a> <a href="#">Print</a></div></div>
<div class="sidebar"><h4>Newsletter</h4><p>Sign up for our morning briefing.</p></div></div>
<div class="foot">The Northern Post · Contact · Advertise</div></body></html>""",
    """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta name="description" content="Regional news"><title>{title} - Coastline Daily</title>
<link rel="canonical" href="{url}"></head><body><table width="100%"><tr><td class="nav">
<a href="/">Front page</a> | <a href="/local">Local</a> | <a href="/arts">Arts</a></td></tr>
<tr><td><h2>{title}</h2>{paragraphs}</td></tr><tr><td class="copyright">
Copyright Coastline Daily. Reproduction prohibited.</td></tr></table></body></html>""",
)

_ADDED_LINE = "This story has been updated with a statement from the regional transport office."
_NEW_DATELINE = "RIVERTON, March 3 (Wire) — "


def mutate(body: str, mutation: str) -> str:
    """The body as republished: its dateline changed (or one given), or a line added."""
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    if mutation == "dateline":
        first = _DATELINE.sub("", paragraphs[0], count=1)
        paragraphs[0] = _NEW_DATELINE + first
    elif mutation == "line":
        paragraphs.insert(len(paragraphs) // 2 + 1, _ADDED_LINE)
    else:
        raise ValueError(f"unknown mutation {mutation!r}")
    return "\n\n".join(paragraphs)


def rewrap(headline: str, body: str, url: str, template: int, mutation: str) -> str:
    """The article as another site's page: `template` picks the site, `mutation` the change."""
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in mutate(body, mutation).split("\n\n"))
    title = html.escape(headline or "Untitled")
    return TEMPLATES[template % len(TEMPLATES)].format(
        title=title, title_json=title.replace('"', "&quot;"), url=html.escape(url),
        paragraphs=paragraphs)
