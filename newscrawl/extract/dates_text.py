"""The publication date a reader sees: 'Published on 15/01/2013', 'Veröffentlicht am 4. 2. 2022'.

Three places, from most to least explicit: right after a publication cue in the visible text;
in an element the template marks as a date ('<span class="date">', `<time>`, a byline); just
below the headline. Comments, sidebars, navigation, page footers and the masthead (which often
prints today's date) are skipped. Numeric dates are ordered by the page's locale when both
readings are valid; dates with month names go to dateparser, which knows most languages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from lxml.html import HtmlElement

from newscrawl.extract.dates_locale import DateOrder

SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "head", "aside", "nav", "footer", "select",
     "option", "button", "textarea", "svg"}
)
"""Elements whose text is never the article's own statement."""
SKIP_MARKER_RE = re.compile(
    r"comment|repl(?:y|ies)|respons|disqus|sidebar|widget|related|recommend"
    r"|cookie|consent|newsletter|breadcrumb",
    re.I,
)
"""Containers whose dates belong to other content (reader comments, other articles)."""

# publication cues in the languages of the benchmark and the usual news languages
CUE_RE = re.compile(
    r"\b(?:first\s+published|published|posted|publication\s+date|date\s+published|released"
    r"|veröffentlicht|erschienen|publiziert|erstellt|publié|mis\s+en\s+ligne|paru"
    r"|publicado|pubblicato|gepubliceerd|geplaatst|opublikowano|datum|date|fecha|data)\b"
    r"(?:\s*(?:on|am|le|el|il|op|at|:|-|–|,))*\s*",
    re.I,
)
WINDOW = 60
"""How far after a cue the date may start (a byline name can sit in between)."""

NUMERIC_RE = re.compile(
    r"(?<![\d.])(\d{1,2})\s?([./-])\s?(\d{1,2})\s?\2\s?(\d{4}|\d{2})(?![\d])"
)
ISO_DAY_RE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
WORD_DATE_RE = re.compile(
    r"(?<!\d)\d{1,2}(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?[^\W\d_]{3,}\.?,?\s+(?:de\s+)?\d{4}"
    r"|[^\W\d_]{3,}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}",
    re.I,
)


@dataclass(frozen=True)
class TextDate:
    """A visible publication date (a day) and how its numeric order was decided."""

    day: str
    ambiguous: bool
    """True when the digits read validly both ways and the locale decided."""


ARTICLE_TAGS = frozenset({"article", "main"})
INNER_ONLY_TAGS = frozenset({"aside", "footer"})
"""Skipped at page level (sidebars, site footers) but kept inside an article, where they hold
the byline and the date ('<aside class="meta">', '<footer class="entry-meta">')."""


def _own_skip(elem: HtmlElement, in_article: bool = False) -> bool:
    """This element hides its text: not markup text, or a container of other content."""
    if not isinstance(elem.tag, str):
        return True  # comments and processing instructions
    if elem.tag in SKIP_TAGS:
        return not (in_article and elem.tag in INNER_ONLY_TAGS)
    if elem.tag in ("html", "body", "main", "article"):
        return False  # page-level classes ('has-sidebar', 'comments-open') describe the page
    marker = f"{elem.get('class', '')} {elem.get('id', '')}"
    return bool(SKIP_MARKER_RE.search(marker))


def visible_text(tree: HtmlElement) -> str:
    """Text of the page outside scripts, comments, sidebars, navigation and footers."""
    chunks: list[str] = []
    # explicit stack (no recursion limit on deep pages); a str item is a tail to emit as is
    stack: list[tuple[HtmlElement, bool] | str] = [(tree, False)]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            chunks.append(item)
            continue
        elem, in_article = item
        if _own_skip(elem, in_article):
            continue
        if elem.text:
            chunks.append(elem.text)
        inside = in_article or elem.tag in ARTICLE_TAGS
        for child in reversed(elem):
            if child.tail:
                stack.append(child.tail)
            stack.append((child, inside))
    return " ".join(chunks)


def _year(text: str) -> int:
    value = int(text)
    if len(text) == 2:
        value += 2000 if value < 70 else 1900
    return value


def _numeric(match: re.Match[str], order: DateOrder) -> TextDate | None:
    first, second, year = int(match[1]), int(match[3]), _year(match[4])
    if first > 12 and second <= 12:
        day, month, ambiguous = first, second, False
    elif second > 12 and first <= 12:
        day, month, ambiguous = second, first, False
    elif first == second:
        day, month, ambiguous = first, second, False
    elif match[2] == ".":
        day, month, ambiguous = first, second, False  # dotted dates are day-first everywhere
    else:
        day, month = (first, second) if order.day_first else (second, first)
        ambiguous = True
    try:
        return TextDate(date(year, month, day).isoformat(), ambiguous)
    except ValueError:
        return None


@lru_cache(maxsize=1024)
def _word_date(text: str, day_first: bool) -> str | None:
    """A date written with a month name, via dateparser (all its languages)."""
    import dateparser  # slow to import; only pages without markup dates get here

    parsed = dateparser.parse(
        text,
        settings={
            "REQUIRE_PARTS": ["day", "month", "year"],
            "DATE_ORDER": "DMY" if day_first else "MDY",
            "PREFER_DATES_FROM": "past",
        },
    )
    return parsed.date().isoformat() if parsed else None


def parse_date_text(text: str, order: DateOrder) -> TextDate | None:
    """The first date at the start of `text` (numeric, ISO, or with a month name)."""
    found: list[tuple[int, TextDate | None]] = []
    numeric = NUMERIC_RE.search(text)
    if numeric:
        found.append((numeric.start(), _numeric(numeric, order)))
    iso = ISO_DAY_RE.search(text)
    if iso:
        try:
            day = date(int(iso[1]), int(iso[2]), int(iso[3])).isoformat()
            found.append((iso.start(), TextDate(day, False)))
        except ValueError:
            pass
    worded = WORD_DATE_RE.search(text)
    if worded:
        day = _word_date(worded[0], order.day_first)
        found.append((worded.start(), TextDate(day, False) if day else None))
    for _, result in sorted(found, key=lambda item: item[0]):
        if result is not None:
            return result
    return None


def cued_date(tree: HtmlElement, order: DateOrder, max_cues: int = 20) -> TextDate | None:
    """The first visible date that follows a publication cue, in document order."""
    text = visible_text(tree)
    for count, cue in enumerate(CUE_RE.finditer(text)):
        if count >= max_cues:
            break
        window = text[cue.end() : cue.end() + WINDOW]
        result = parse_date_text(window, order)
        if result is not None:
            return result
    return None


DATE_MARKER_RE = re.compile(
    r"date|datum|time|publish|posted|byline|dateline|meta|fecha|data-pub|stamp",
    re.I,
)
"""class/id fragments of the element a template prints the article's date in."""


def _marked(elem: HtmlElement) -> bool:
    marker = f"{elem.get('class', '')} {elem.get('id', '')} {elem.get('itemprop', '')}"
    return elem.tag == "time" or bool(DATE_MARKER_RE.search(marker))


SITE_HEADER_RE = re.compile(r"(?<![a-z])(?:header|masthead|top-?bar|top-?menu)(?![a-z])", re.I)
"""Page-level header blocks: their date is often 'today' (the fetch day), not the article's."""


def _site_header(elem: HtmlElement) -> bool:
    """A header block with navigation in it (a masthead), not an article's own header."""
    if elem.tag != "header" and not SITE_HEADER_RE.search(
        f"{elem.get('class', '')} {elem.get('id', '')}"
    ):
        return False
    return elem.find(".//nav") is not None or len(elem.findall(".//a")) >= 5


def displayed_date(tree: HtmlElement, order: DateOrder, max_elems: int = 30) -> TextDate | None:
    """The first date printed in a date-marked element (class 'date', 'byline', <time>...).

    Headers outside the article are skipped: newspapers print today's date in the masthead.
    """
    body = tree.find("body")
    stack: list[tuple[HtmlElement, bool]] = [(body if body is not None else tree, False)]
    seen = 0
    while stack:
        elem, in_article = stack.pop()
        if _own_skip(elem, in_article):
            continue
        if not in_article and _site_header(elem):
            continue
        if _marked(elem) and elem.tag not in ("body", "html", "main", "article"):
            text = " ".join(elem.itertext())
            if 6 <= len(text.strip()) <= 120:
                seen += 1
                result = parse_date_text(text, order)
                if result is not None:
                    return result
                if seen >= max_elems:
                    return None
                continue
        inside = in_article or elem.tag in ARTICLE_TAGS
        stack.extend((child, inside) for child in reversed(elem))
    return None


def headline_date(tree: HtmlElement, order: DateOrder, reach: int = 300) -> TextDate | None:
    """A date printed just below or above the headline (<h1>), where bylines sit."""
    heads = [h for h in tree.iter("h1") if " ".join(h.itertext()).strip()]
    if len(heads) != 1:
        return None  # no headline, or a listing page with many
    title = " ".join(" ".join(heads[0].itertext()).split())
    text = " ".join(visible_text(tree).split())
    at = text.find(title)
    if at < 0:
        return None
    after = parse_date_text(text[at + len(title) : at + len(title) + reach], order)
    return after
