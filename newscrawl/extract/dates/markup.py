"""Dates the page states in machine-readable markup: JSON-LD, meta tags, microdata, `<time>`.

These are what the publisher's CMS wrote about the article itself, so they beat anything found
in visible text. Each candidate keeps its raw value and a provenance label; normalising and
choosing happen in `extract`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml.html import HtmlElement

from newscrawl.extract.html import page_elements


@dataclass(frozen=True)
class Candidate:
    """A raw date value from markup, which field it means, and where it came from."""

    kind: str
    """'published' or 'modified'."""
    value: str
    source: str
    """Provenance label, e.g. 'json-ld', 'meta:article:published_time', 'time[datetime]'."""
    rank: int
    """Lower is more trustworthy."""


ARTICLE_TYPE_RE = re.compile(r"Article|Posting|Report|Blog$", re.I)
PAGE_TYPE_RE = re.compile(r"WebPage|Page$", re.I)
SKIP_TYPE_RE = re.compile(r"Comment|Answer|Question|Review|Rating|Offer|Event|Person|Organi", re.I)
"""Objects whose dates are not the article's: reader comments, reviews of it, events, authors."""

PUBLISHED_KEYS = ("datePublished", "dateCreated", "uploadDate")

JSON_PUBLISHED_RE = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')
JSON_MODIFIED_RE = re.compile(r'"dateModified"\s*:\s*"([^"]{6,40})"')

# meta names/properties (lower-cased) that state the publication date, most specific first
META_PUBLISHED = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "article:published",
    "article.published",
    "datepublished",
    "og:pubdate",
    "og:publish_date",
    "publish-date",
    "publish_date",
    "publishdate",
    "published_time",
    "published-date",
    "published_date",
    "publication_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "article_date_original",
    "article:post_date",
    "date_published",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "dc:date",
    "citation_publication_date",
    "citation_date",
    "date",
    "displaydate",
    "original-publish-date",
    "rnews:datepublished",
    "shareaholic:article_published_time",
    "cxenseparse:recs:publishtime",
)
META_MODIFIED = (
    "article:modified_time",
    "og:article:modified_time",
    "og:modified_time",
    "og:updated_time",
    "article:modified",
    "datemodified",
    "modified_time",
    "dc.date.modified",
    "dcterms.modified",
    "dc.modified",
    "last-modified",
    "lastmodified",
    "revision_date",
)
WEAK_META = frozenset(
    {"date", "dc.date", "dcterms.date", "dc:date", "displaydate", "dc.date.created",
     "dcterms.created"}
)
"""Generic names that many CMSs fill with the page's generation or last-change time."""
GUESS_RANK = 310
"""A lone `<time>` that nothing marks as the publication date: a guess, below a printed date."""
WEAK_RANK = 500
"""Candidates ranked at or beyond this are weaker than the date printed on the page."""

_META_PUB_RANK = {name: i for i, name in enumerate(META_PUBLISHED)}
_META_MOD_RANK = {name: i for i, name in enumerate(META_MODIFIED)}

TIME_PUBLISHED_CLASS_RE = re.compile(r"publish|entry-date|post-date|posted|created|pubdate", re.I)
TIME_MODIFIED_CLASS_RE = re.compile(r"updated|modified", re.I)
COMMENT_CONTAINER_RE = re.compile(r"comment|reply|respons|disqus|related|sidebar|teaser", re.I)


def _types(obj: dict[str, Any]) -> str:
    kind = obj.get("@type", "")
    if isinstance(kind, list):
        return " ".join(str(k) for k in kind)
    return str(kind)


SKIP_KEYS = frozenset(
    {"comment", "review", "author", "publisher", "creator", "citation", "hasPart", "isPartOf"}
)
"""Properties that hold other works or parties; their dates are not the article's."""


def _walk(node: Any, nested: bool = False, depth: int = 0) -> Iterator[tuple[dict[str, Any], bool]]:
    """Every dict in a JSON-LD document with whether it is nested inside another object.

    Top-level objects and members of @graph are the page's own entities; objects nested in
    them (live-blog updates, embedded videos) describe parts and rank lower.
    """
    if depth > 8:
        return
    if isinstance(node, list):
        for item in node:
            yield from _walk(item, nested, depth + 1)
    elif isinstance(node, dict):
        yield node, nested
        for key, value in node.items():
            if key in SKIP_KEYS:
                continue
            if isinstance(value, dict | list):
                yield from _walk(value, nested or key != "@graph", depth + 1)


def _str_value(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("@value")
    return value if isinstance(value, str) else None


def json_ld_candidates(tree: HtmlElement) -> list[Candidate]:
    """datePublished/dateModified of article objects first, then pages, then anything else."""
    found: list[Candidate] = []
    for script in page_elements(tree, "script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        text = (script.text or "").strip()
        if "date" not in text:
            continue
        try:
            data = json.loads(text, strict=False)
        except ValueError:
            # broken JSON (a CMS bug, unescaped quotes): fall back to the bare key/value
            for regex, kind in ((JSON_PUBLISHED_RE, "published"), (JSON_MODIFIED_RE, "modified")):
                match = regex.search(text)
                if match:
                    found.append(Candidate(kind, match[1], "json-ld", 30))
            continue
        for obj, nested in _walk(data):
            kinds = _types(obj)
            if SKIP_TYPE_RE.search(kinds) and not ARTICLE_TYPE_RE.search(kinds):
                continue
            if ARTICLE_TYPE_RE.search(kinds):
                rank = 0
            elif PAGE_TYPE_RE.search(kinds):
                rank = 10
            else:
                rank = 20
            rank += 5 if nested else 0
            for offset, key in enumerate(PUBLISHED_KEYS):
                value = _str_value(obj.get(key))
                if value:
                    found.append(Candidate("published", value, "json-ld", rank + offset))
                    break
            value = _str_value(obj.get("dateModified"))
            if value:
                found.append(Candidate("modified", value, "json-ld", rank))
    return found


def meta_candidates(tree: HtmlElement) -> list[Candidate]:
    """<meta name|property|itemprop|http-equiv=... content=...> date statements."""
    found: list[Candidate] = []
    for meta in page_elements(tree, "meta"):
        value = meta.get("content") or meta.get("datetime")
        if not value:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = (meta.get(attr) or "").strip().lower()
            if not key:
                continue
            if key in _META_PUB_RANK:
                label = "itemprop:datePublished" if key == "datepublished" else f"meta:{key}"
                rank = (WEAK_RANK if key in WEAK_META else 100) + _META_PUB_RANK[key]
                found.append(Candidate("published", value, label, rank))
                break
            if key in _META_MOD_RANK:
                label = "itemprop:dateModified" if key == "datemodified" else f"meta:{key}"
                found.append(Candidate("modified", value, label, 100 + _META_MOD_RANK[key]))
                break
    return found


def _in_comments(elem: HtmlElement) -> bool:
    """Inside a reader-comment, related-links or sidebar block, or a quoted (embedded) post."""
    for parent in elem.iterancestors():
        if parent.tag in ("aside", "footer", "nav", "blockquote"):
            return True
        marker = f"{parent.get('class', '')} {parent.get('id', '')}"
        if COMMENT_CONTAINER_RE.search(marker):
            return True
    return False


def _time_kind(elem: HtmlElement) -> tuple[str, str]:
    """The class of a <time> and of its parent: what repeats in a list of entries."""
    parent = elem.getparent()
    outer = parent.get("class", "") if parent is not None else ""
    return " ".join(elem.get("class", "").split()), " ".join(outer.split())


def _own_times(tree: HtmlElement) -> list[HtmlElement]:
    """The dated <time> elements outside comments and sidebars that are not entries of a list.

    `<time>` elements of one kind (same class, in a parent of the same class) that state
    different days date a list of other articles (a menu's or a feed's teasers), not this one.
    """
    times = [t for t in page_elements(tree, "time") if t.get("datetime") and not _in_comments(t)]
    days: dict[tuple[str, str], set[str]] = {}
    for elem in times:
        days.setdefault(_time_kind(elem), set()).add(elem.get("datetime", "")[:10])
    return [t for t in times if len(days[_time_kind(t)]) == 1]


def element_candidates(tree: HtmlElement) -> list[Candidate]:
    """Microdata (itemprop=datePublished) on visible elements and `<time>` elements."""
    found: list[Candidate] = []
    for elem in tree.iterfind(".//*[@itemprop]"):
        if elem.tag == "meta":
            continue
        prop = (elem.get("itemprop") or "").lower()
        if prop not in ("datepublished", "datecreated", "datemodified"):
            continue
        if _in_comments(elem):
            continue
        value = elem.get("datetime") or elem.get("content") or elem.text_content()
        kind = "modified" if prop == "datemodified" else "published"
        source = "itemprop:dateModified" if kind == "modified" else "itemprop:datePublished"
        found.append(Candidate(kind, value.strip(), source, 200))
    times = _own_times(tree)
    revisions = 0
    for elem in times:
        marker = f"{elem.get('class', '')} {elem.get('id', '')}"
        parent = elem.getparent()
        if parent is not None:
            marker += f" {parent.get('class', '')}"
        if elem.get("pubdate") is not None or TIME_PUBLISHED_CLASS_RE.search(marker):
            found.append(Candidate("published", elem.get("datetime", ""), "time[pubdate]", 300))
        elif TIME_MODIFIED_CLASS_RE.search(marker):
            found.append(Candidate("modified", elem.get("datetime", ""), "time[datetime]", 300))
            revisions += 1
    # a single dated <time> outside comments/sidebars is the article's date, unless the
    # template marks it as the revision date ('<time class="updated">')
    plain = {t.get("datetime", "")[:10] for t in times}
    if len(plain) == 1 and revisions < len(times):
        found.append(Candidate("published", times[0].get("datetime", ""), "time[datetime]",
                                GUESS_RANK))
    return found


def markup_candidates(tree: HtmlElement) -> list[Candidate]:
    """All markup candidates, unsorted."""
    return json_ld_candidates(tree) + meta_candidates(tree) + element_candidates(tree)
