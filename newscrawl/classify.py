"""Is a fetched page an article, or a page that only leads to articles?

A live crawl fetches homepages, section fronts, pagination, tag and author pages, search results,
login and contact pages on the way to the articles; only articles are exported. The decision
weighs what the page says about itself (og:type, JSON-LD @type), its URL, and its shape: an
article has enough prose (text blocks of sentence length; lists, code and short lines may sit
between them), while a listing is many linked teasers with teaser-sized text. Words are counted
across scripts (Chinese and Japanese have no spaces between words).

Pure: an lxml tree, the URL and the extracted article fields in, a `Verdict` out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

from lxml.html import HtmlElement

from newscrawl.extract.html import leads_elsewhere, page_elements
from newscrawl.extract.jsonld import json_ld_objects, types_of
from newscrawl.extract.words import words_of

ARTICLE = "article"
STRONG_ARTICLE_TYPES = {
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "liveblogposting",
    "report", "techarticle", "satiricalarticle", "askpublicnewsarticle",
}
LISTING_TYPES = {
    "collectionpage": "section", "itemlist": "section", "searchresultspage": "search",
    "profilepage": "author", "contactpage": "contact", "aboutpage": "contact",
}
# First path segment (or any segment, for the tag/author families) → page kind.
_URL_KINDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("login", frozenset({"login", "log-in", "signin", "sign-in", "signup", "sign-up", "register",
                         "account", "my-account", "logout", "password", "user"})),
    ("search", frozenset({"search", "suche", "recherche", "buscar", "busca", "cerca"})),
    ("contact", frozenset({"contact", "contact-us", "contacts", "about", "about-us", "imprint",
                           "impressum", "privacy", "privacy-policy", "terms", "cookies",
                           "advertise", "subscribe", "newsletter", "newsletters", "feedback"})),
    ("tag", frozenset({"tag", "tags", "topic", "topics", "keyword", "keywords", "subject",
                       "subjects", "theme", "themen", "schlagwort"})),
    ("author", frozenset({"author", "authors", "byline", "bylines", "journalist", "journalists",
                          "profile", "profiles", "staff", "people", "autor", "auteur"})),
    ("section", frozenset({"category", "categories", "section", "sections", "archive",
                           "archives", "page"})),
)
_SEARCH_PARAMS = {"q", "s", "query", "search", "keywords", "term"}
_DATE_PATH = re.compile(r"/(19|20)\d{2}/(0?[1-9]|1[0-2])(/|-)")
_DATE_SLUG = re.compile(r"(19|20)\d{2}-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])")
_ID_SEGMENT = re.compile(r"(^|[-_.])\d{5,}($|[-_.])")

MIN_ARTICLE_WORDS = 50
"""With article markup: fewer words than this is a stub (or a failed extraction), not an article."""
MIN_PLAIN_ARTICLE_WORDS = 150
"""A page without article markup this short with a password field is a login page."""
MIN_WORDS_PER_BLOCK = 20
"""Article paragraphs are long; listing teasers extracted as text are short. A block this long
counts as prose."""
MIN_PROSE_WORDS = 100
"""Without article markup: words in prose blocks an article needs at least."""
MIN_PROSE_SHARE = 0.4
"""…and their share of all words: lists, code and short lines may fill the rest, not most."""
MIN_WEBSITE_PROSE_WORDS = 300
"""og:type=website (many CMSs' default for every page) with this much prose is an article."""
MIN_WEBSITE_PROSE_SHARE = 0.6
NON_ARTICLE_OG = ("product", "profile", "video", "music", "book", "place", "business")
"""og:type values (or their prefixes, as in video.other) that name something else."""
MIN_TEASER_BLOCK_WORDS = 12
"""Marked-up pages count as listings only when their text blocks are this short on average."""
LISTING_TEASERS = 4
"""This many linked headings (or <article> elements) make a page a listing."""


@dataclass(frozen=True)
class Verdict:
    """`kind` is 'article' or what the page is instead; `reason` names the deciding signals."""

    kind: str
    reason: str

    @property
    def is_article(self) -> bool:
        return self.kind == ARTICLE


def url_kind(url: str) -> str | None:
    """The page kind the URL alone announces ('tag', 'author', 'search', 'front', …) or None."""
    parts = urlsplit(url)
    segments = [s.lower() for s in parts.path.split("/") if s]
    query = {k.lower() for k in parse_qs(parts.query)}
    if not segments and not query:
        return "front"
    for kind, words in _URL_KINDS:
        if kind in ("login", "search", "contact"):
            hit = bool(segments) and (segments[0] in words or segments[-1] in words)
        elif kind == "section":
            hit = any(s in words for s in segments[:-1]) or (
                len(segments) >= 2 and segments[-2] == "page" and segments[-1].isdigit())
        else:
            # /tag/<name>/ (or /tag/<name>/page/2/): the word is right before the name. Deeper
            # paths under /themen/ or /topics/ are topic hierarchies holding articles.
            listed = segments[:-2] if _is_pagination(segments) else segments
            hit = len(listed) >= 2 and listed[-2] in words
        if hit:
            return kind
    if query & _SEARCH_PARAMS:
        return "search"
    return None


def _is_pagination(segments: list[str]) -> bool:
    return len(segments) >= 2 and segments[-2] == "page" and segments[-1].isdigit()


def looks_like_article_url(url: str) -> bool:
    """Dated paths (/2026/11/24/…), long hyphenated slugs or numeric story ids."""
    path = urlsplit(url).path
    if _DATE_PATH.search(path) or _DATE_SLUG.search(path):
        return True
    segments = [s for s in path.split("/") if s]
    if not segments:
        return False
    last = re.sub(r"\.(s?html?|php|aspx?)$", "", segments[-1].lower())
    return last.count("-") >= 3 or bool(_ID_SEGMENT.search(last))


def _og_type(tree: HtmlElement) -> str | None:
    for meta in page_elements(tree, "meta"):
        content = meta.get("content")
        if content is not None and (
            meta.get("property") or meta.get("name") or ""
        ).strip().lower() == "og:type":
            return content.strip().lower()
    return None


_PASSWORD_CASE = str.maketrans("PASWORD", "pasword")
"""The letters XPath's translate() folded in the type="password" test (not full lower())."""


def _has_password_field(tree: HtmlElement) -> bool:
    return any((field.get("type") or "").translate(_PASSWORD_CASE) == "password"
               for field in page_elements(tree, "input"))


_PAGE_FURNITURE = ("nav", "header", "footer", "aside")


def _teaser_count(tree: HtmlElement) -> int:
    """Linked headings and repeated <article> elements outside header/nav/footer/aside."""
    linked = sum(
        1 for heading in page_elements(tree, "h2", "h3", "h4")
        if (any(map(_leads_away, heading.iter("a")))
            or any(map(_leads_away, heading.iterancestors("a"))))
        and _outside_furniture(heading)
    )
    articles = sum(1 for article in page_elements(tree, "article") if _outside_furniture(article))
    return max(linked, articles if articles > 1 else 0)


def _leads_away(link: HtmlElement) -> bool:
    """A link to another page: in-page links (a table of contents, heading anchors) are not."""
    return leads_elsewhere(link.get("href"))


def _outside_furniture(el: HtmlElement) -> bool:
    return next(el.iterancestors(*_PAGE_FURNITURE), None) is None


def _block_words(body: str) -> list[int]:
    """Words of each text block (blank-line separated) of the extracted body."""
    return [words_of(p) for p in re.split(r"\n\s*\n", body) if p.strip()]


def _og_kind(og: str | None) -> str | None:
    """The page kind an og:type naming something other than an article gives, else None."""
    head = (og or "").split(".")[0].split(":")[0]
    if head not in NON_ARTICLE_OG:
        return None
    return "author" if head == "profile" else head


def classify(tree: HtmlElement | None, url: str, fields: Mapping[str, Any]) -> Verdict:
    """Decide whether the page at `url` is an article; `fields` are the extracted Article fields
    (`word_count` and `body` are read)."""
    body = str(fields.get("body") or "")
    block_words = _block_words(body)
    words = max(int(fields.get("word_count") or 0), sum(block_words))
    blocks = max(len(block_words), 1)
    per_block = words / blocks
    prose = sum(n for n in block_words if n >= MIN_WORDS_PER_BLOCK)
    prose_share = prose / words if words else 0.0
    by_url = url_kind(url)
    if tree is None:
        return Verdict("empty", "no parseable HTML")

    og = _og_type(tree)
    kinds: set[str] = set()
    for obj in json_ld_objects(tree):
        kinds |= types_of(obj)
    ld_article = sorted(kinds & STRONG_ARTICLE_TYPES)
    ld_listing = sorted(k for k in kinds if k in LISTING_TYPES)
    marked = og == "article" or bool(ld_article)
    teasers = _teaser_count(tree)
    signals = []
    if og:
        signals.append(f"og:type={og}")
    if ld_article or ld_listing:
        signals.append("json-ld " + "/".join(ld_article + ld_listing))
    signals.append(f"{words} words in {blocks} blocks, {prose} in prose")
    if teasers:
        signals.append(f"{teasers} teasers")
    if by_url:
        signals.append(f"{by_url} URL")
    reason = ", ".join(signals)

    # Sign-in boxes appear on article pages too (comment log-in, paywall): a password field
    # decides only on short pages that do not say they are articles.
    if _has_password_field(tree) and words < MIN_PLAIN_ARTICLE_WORDS and not marked:
        return Verdict("login", "password field, " + reason)
    if by_url in ("login", "search", "contact", "front") and not ld_article:
        return Verdict(by_url, reason)
    if ld_listing and not ld_article:
        return Verdict(by_url if by_url in ("tag", "author") else LISTING_TYPES[ld_listing[0]],
                       reason)
    listing_url = by_url in ("tag", "author", "section")
    # A dated or slugged URL under /people/ or /topics/ can still be a marked-up article.
    listing_url = listing_url and not (marked and looks_like_article_url(url))
    if ld_article and words >= MIN_ARTICLE_WORDS and not listing_url:
        return Verdict(ARTICLE, reason)
    # Many linked headings and teaser-sized text make a listing; an article page with a
    # "related stories" block has longer paragraphs, and says it is an article.
    # An unmarked page among many teasers is an article only when its URL names one and its
    # text is mostly prose (a blog front showing whole posts has prose but a listing URL).
    if marked:
        listing = per_block < MIN_TEASER_BLOCK_WORDS and prose_share < MIN_PROSE_SHARE
    else:
        listing = per_block < 2 * MIN_WORDS_PER_BLOCK and not (
            looks_like_article_url(url) and prose_share >= MIN_WEBSITE_PROSE_SHARE)
    if (teasers >= LISTING_TEASERS and listing) or listing_url:
        return Verdict(by_url if by_url in ("tag", "author", "section") else "section", reason)
    if marked and words >= MIN_ARTICLE_WORDS:
        return Verdict(ARTICLE, reason)
    prose_ok = prose >= MIN_PROSE_WORDS and prose_share >= MIN_PROSE_SHARE
    other = _og_kind(og)
    if other:
        return Verdict(other, reason)
    if not marked and prose_ok and (looks_like_article_url(url) or og is None):
        return Verdict(ARTICLE, reason)
    # Many CMSs give every page og:type=website: long prose still makes an article.
    if (og == "website" and prose >= MIN_WEBSITE_PROSE_WORDS
            and prose_share >= MIN_WEBSITE_PROSE_SHARE):
        return Verdict(ARTICLE, reason)
    if og in ("website", "profile") or by_url:
        return Verdict(by_url or ("author" if og == "profile" else "section"), reason)
    return Verdict("thin", reason)
