"""RSS 2.0 / RSS 1.0 (RDF) and Atom feeds: where a page announces them, and what they list.

Each entry gives the article URL plus, when present, its title and a date: the publication date
(RSS pubDate, Atom published, dc:date) or, failing that, Atom's `updated` — an article updated
before the cut-off was also published before it, so either date can rule an entry out.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

from lxml.html import HtmlElement

from newscrawl.discovery.xml import child_text, local, parse_xml
from newscrawl.urls import is_web_url

FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/xml", "text/xml"}


@dataclass(frozen=True)
class FeedEntry:
    """One feed item: the article URL, its title and date (RFC 822 or ISO text as given)."""

    url: str
    title: str | None = None
    published: str | None = None
    updated: str | None = None


@dataclass(frozen=True)
class Feed:
    """The entries of a feed, and how many items were left out for want of a usable link."""

    entries: list[FeedEntry]
    rejected: int = 0
    """Items whose link is no http(s) URL, even resolved against the feed's own (none at all,
    an entity bomb's unexpanded `&lol9;`, a javascript: link)."""


def feed_links(tree: HtmlElement, base_url: str) -> list[str]:
    """Feeds announced with <link rel="alternate" type="application/rss+xml|atom+xml">."""
    urls: list[str] = []
    for link in tree.xpath("//link[@href]"):
        rels = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        if "alternate" in rels and kind in FEED_TYPES:
            url = urljoin(base_url, link.get("href").strip())
            if url not in urls:
                urls.append(url)
    return urls


def _atom_link(entry: object) -> str | None:
    fallback = None
    for child in entry:  # type: ignore[attr-defined]
        if local(child.tag) != "link" or not child.get("href"):
            continue
        rel = (child.get("rel") or "alternate").lower()
        kind = (child.get("type") or "text/html").lower()
        if rel == "alternate" and "html" in kind:
            return child.get("href").strip()
        if rel == "alternate" and fallback is None:
            fallback = child.get("href").strip()
    return fallback


def parse_feed(body: bytes, base_url: str) -> Feed | None:
    """The entries of an RSS or Atom feed; None when the body is not a feed."""
    root = parse_xml(body)
    if root is None:
        return None
    kind = local(root.tag)
    if kind not in ("rss", "feed", "rdf"):
        return None
    entries: list[FeedEntry] = []
    rejected = 0
    for element in root.iter():
        name = local(element.tag)
        if kind == "feed" and name == "entry":
            href = _atom_link(element)
            published = child_text(element, "published", "issued")
            updated = child_text(element, "updated", "modified")
        elif kind != "feed" and name == "item":
            href = child_text(element, "link")
            if not href:
                guid = next((c for c in element if local(c.tag) == "guid"), None)
                if guid is not None and (guid.get("isPermaLink") or "true").lower() == "true":
                    href = (guid.text or "").strip() or None
            published = child_text(element, "pubdate", "date")
            updated = None
        else:
            continue
        url = urljoin(base_url, href) if href else None
        if url is None or not is_web_url(url):
            rejected += 1
            continue
        entries.append(FeedEntry(
            url=url,
            title=child_text(element, "title"),
            published=published,
            updated=updated,
        ))
    return Feed(entries, rejected)
