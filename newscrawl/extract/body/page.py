"""What a page says about itself, read once for the cleaning rules and the JSON-LD check.

Headline candidates, page descriptions (the standfirst on many sites), JSON-LD article bodies,
link-teaser blocks, and the short texts that sit above the headline or in an image box. The
cleaning rules recognise kicker, caption and teaser lines by where they sit in the page, not by
their words, and these hints are where that position comes from.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property

from lxml.etree import _Element

from newscrawl.extract.body.text import PageNorms, is_title, norm
from newscrawl.extract.html import page_elements

KICKER_WORDS = 6
"""Longest kicker / breadcrumb / label above a headline, in words."""


@dataclass
class PageHints:
    """What the page says about itself: titles, kickers, captions and descriptions to strip at
    the top of the text, link teasers to drop, JSON-LD bodies to check."""

    titles: list[str]
    """Normalised headline candidates (title, og:title, h1, JSON-LD headline)."""
    article_bodies: list[str]
    link_blocks: frozenset[str]
    descriptions: list[str]
    """Normalised meta/og/twitter/JSON-LD descriptions (the standfirst, on many sites)."""
    headline: _Element | None
    """The `<h1>` holding the headline, when the page has one."""
    tree: _Element
    norms: PageNorms
    """`norm` of this page's texts, each computed once."""

    @cached_property
    def above_headline(self) -> frozenset[str]:
        """Short texts found only above the headline element (kickers, breadcrumbs, labels)."""
        return _above_headline(self.tree, self.headline, self.norms)

    @cached_property
    def captions(self) -> frozenset[str]:
        """Texts of image captions: `<figcaption>` or the only text in a box with an image."""
        return _captions(self.tree, self.norms)

    @classmethod
    def from_tree(cls, tree: _Element) -> PageHints:
        titles = [t.strip() for title in page_elements(tree, "title")
                  if _parent_tag(title) == "head" for t in title.xpath("text()") if t and t.strip()]
        for attr, value in _TITLE_METAS:
            titles.extend(t.strip() for t in _meta_contents(tree, attr, value) if t and t.strip())
        descriptions = [d for attr, value in _DESCRIPTION_METAS
                        for d in _meta_contents(tree, attr, value)]
        bodies: list[str] = []
        norms = PageNorms()
        for obj in _jsonld_objects(tree):
            headline = obj.get("headline")
            if isinstance(headline, str):
                titles.append(headline)
            description = obj.get("description")
            if isinstance(description, str):
                descriptions.append(description)
            body = obj.get("articleBody")
            if isinstance(body, str) and body.strip():
                bodies.append(body)
        h1s = [(h, norm(h.text_content())) for h in page_elements(tree, "h1")]
        meta_titles = [t for t in map(norm, titles) if t]
        # the whole h1 and each text in it (a kicker and a headline can share one h1)
        titles.extend(h.text_content() for h, _ in h1s)
        titles.extend(t for h in page_elements(tree, "h1")
                      if next(h.iterancestors("h1"), None) is None  # its text is in the outer h1
                      for t in h.xpath(".//text()") if t.strip())
        normed = list(dict.fromkeys(t for t in map(norm, titles) if t))
        headline = _headline_element(h1s, meta_titles)
        return cls(
            titles=normed,
            article_bodies=bodies,
            link_blocks=_link_blocks(tree, norms),
            descriptions=[d for d in dict.fromkeys(map(norm, descriptions)) if d],
            headline=headline,
            tree=tree,
            norms=norms,
        )


_TITLE_METAS = (("property", "og:title"), ("name", "twitter:title"))
_DESCRIPTION_METAS = (
    ("name", "description"), ("property", "og:description"), ("name", "twitter:description"),
)


def _meta_contents(tree: _Element, attr: str, value: str) -> list[str]:
    """The content of each `<meta attr="value">` of the page, in page order."""
    return [content for meta in page_elements(tree, "meta")
            if meta.get(attr) == value and (content := meta.get("content")) is not None]


def _parent_tag(el: _Element) -> str | None:
    parent = el.getparent()
    return parent.tag if parent is not None else None


def _headline_element(h1s: list[tuple[_Element, str]], titles: list[str]) -> _Element | None:
    """The `<h1>` that holds the headline: the one matching the page's titles, or the only one."""
    for h1, text in h1s:
        if text and is_title(text, titles):
            return h1
    return h1s[0][0] if len(h1s) == 1 and h1s[0][1] else None


def _above_headline(tree: _Element, headline: _Element | None,
                    norms: PageNorms) -> frozenset[str]:
    """Short texts of elements that come before the headline and never after it.

    A kicker ("Politics"), a breadcrumb ("News > Local") or a label ("Press release") sits
    above the headline; trafilatura sometimes keeps it as the first line of the text.
    """
    if headline is None:
        return frozenset()
    around = set(headline.iterancestors())
    before: set[str] = set()
    after: set[str] = set()
    seen = False
    for el in tree.iter():
        if el is headline:
            seen = True
            continue
        if el in around or not isinstance(el.tag, str):
            continue
        text = el.text_content()
        if len(text) > 80:
            continue
        key = norms(text)
        if key and len(key.split()) <= KICKER_WORDS:
            (after if seen else before).add(key)
    return frozenset(before - after)


def _captions(tree: _Element, norms: PageNorms) -> frozenset[str]:
    """Texts of image captions: `<figcaption>` and a block that is the only text beside an image.

    Photo captions and credits describe the picture, not the story.
    """
    found = {norms(el.text_content()) for el in page_elements(tree, "figcaption")}
    for img in tree.iter("img", "picture"):
        box = img.getparent()
        if box is None or box.tag in ("a", "picture"):
            box = box.getparent() if box is not None else None
        if box is None or box.tag in ("body", "html", "article", "main"):
            continue
        key = norms(box.text_content())
        if not key:
            continue
        blocks = [el for el in box.iter("p", "div", "span", "small") if el is not box]
        if any(norms(el.text_content()) == key and not el.xpath(".//img") for el in blocks):
            found.add(key)
    found.discard("")
    return frozenset(found)


_BLOCKS = frozenset(
    ("p", "li", "h2", "h3", "h4", "h5", "h6", "div", "dd", "dt", "td", "blockquote", "section")
)
_TEASER_BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "span")


def _link_blocks(tree: _Element, norms: PageNorms) -> frozenset[str]:
    """Normalised texts of blocks made of one link plus at most a short label ("Related: ...").

    These are teasers for other pages: a block around a link, or a heading inside a link. A text
    that also appears as a block with no link in or around it (a heading that a table of
    contents links to) is left out.
    """
    linked: set[str] = set()
    block_texts: dict[_Element, str] = {}
    """A block's text, normalised once: a page's big blocks hold dozens of links."""
    for a in page_elements(tree, "a"):
        words = norms(a.text_content()).split()
        if len(words) < 4:
            continue
        for inner in a.iter(*_TEASER_BLOCKS):
            if inner is not a:
                linked.add(norms(inner.text_content()))
        block = a.getparent()
        while block is not None and block.tag not in _BLOCKS:
            block = block.getparent()
        if block is None:
            continue
        text = block_texts.get(block)
        if text is None:
            text = block_texts[block] = norms(block.text_content())
        if len(text.split()) - len(words) <= 4:
            linked.add(text)
    if not linked:
        return frozenset()
    plain = {  # the link test first: it is cheaper than the text, and menus fail it at once
        text
        for el in tree.iter("p", "h1", "h2", "h3", "h4", "h5", "h6", "li")
        if not _has_link(el) and (text := norms(el.text_content())) in linked
    }
    return frozenset(linked - plain)


def _has_link(el: _Element) -> bool:
    """A link inside the element or around it."""
    return next(el.iter("a"), None) is not None or any(
        parent.tag == "a" for parent in el.iterancestors())


def _jsonld_objects(tree: _Element) -> list[dict]:
    """All JSON objects (nested ones included) in the page's JSON-LD scripts."""
    found: list[dict] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for script in page_elements(tree, "script"):
        if script.get("type") != "application/ld+json":
            continue
        try:
            walk(json.loads(script.text_content() or "", strict=False))
        except ValueError:
            continue
    return found
