"""The publication date a reader sees: 'Published on 15/01/2013', 'Veröffentlicht am 4. 2. 2022'.

Three places, from most to least explicit: right after a publication cue in the visible text;
in an element the template marks as a date ('<span class="date">', `<time>`, a byline); just
below the headline. Comments, sidebars, navigation, page footers and the masthead (which often
prints today's date) are skipped; a cue inside a paragraph of prose, or far below a headline
that carries its own date, is no byline. Numeric dates are ordered by the page's locale when
both readings are valid; dates with month names go to dateparser, which knows most languages.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from itertools import islice
from urllib.parse import urlsplit

from lxml.etree import Element
from lxml.html import HtmlElement

from newscrawl.extract.dates.day_order import DateOrder
from newscrawl.extract.dates.markup import TIME_MODIFIED_CLASS_RE, TIME_PUBLISHED_CLASS_RE
from newscrawl.extract.dates.month_words import english_word_date, names_a_month
from newscrawl.extract.html import BLOCK_TAGS, marker_search, page_elements, per_tree

SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "head", "aside", "nav", "footer", "select",
     "option", "button", "textarea", "svg", "blockquote", "figcaption"}
)
"""Elements whose text is never the article's own statement (a blockquote quotes other
content: embedded posts and tweets print their own dates; a photo caption dates the photo)."""
SKIP_MARKER_RE = re.compile(
    r"comment|repl(?:y|ies)|respons|disqus|sidebar|widget|related|recommend|carousel"
    r"|swiper|cookie|consent|newsletter|breadcrumb|current-?(?:date|time)|(?<![a-z])today(?![a-z])"
    r"|caption",
)
"""Containers whose dates belong to other content (reader comments, other articles, a photo's
caption outside <figcaption>: 'wp-caption-text', 'image-caption'). Searched in the lower-cased
class and id: on every element of every page, that is three times faster than re.I."""
_skip_marker = marker_search(SKIP_MARKER_RE)
TEASER_RE = re.compile(r"teaser|related|recommend", re.I)
"""An <article> element with such a class is a link to another article, not this one."""


def _word_start(*alternatives: str) -> str:
    r"""`\b(?:…|…)`, the alternatives (regexes that each start with a letter) at the start of a
    word, led by a look-ahead for their first letters: the regex engine has no quick scan for a
    pattern that opens with `\b` and tries every alternative at every word start, while the
    one-letter test passes over most positions of a page's text at once (a cue search over a
    page's visible text takes about half the time)."""
    if not all(alt[:1].isalpha() for alt in alternatives):
        raise ValueError(f"an alternative does not start with a letter: {alternatives}")
    firsts = "".join(sorted({alt[0].lower() for alt in alternatives}))
    return rf"(?=[{firsts}])\b(?:{'|'.join(alternatives)})"


CUE_TAIL = r"(?:\s*(?:on|am|le|el|il|op|at|:|-|–|,))*\s*"
"""What joins a cue word to its date: 'Published on', 'Veröffentlicht am', 'Date: '."""
# publication cues in the languages of the benchmark and the usual news languages; the bare
# word for 'date' only as a label ('Datum: …'), since it is also a noun ('Data Science', 'to date')
CUE_RE = re.compile(
    _word_start(
        r"first\s+published", "published", "posted", "written", r"publication\s+date",
        r"date\s+published", "released", "veröffentlicht", "erschienen", "publiziert", "erstellt",
        "publié", r"mis\s+en\s+ligne", "paru", "publicado", "pubblicato", "gepubliceerd",
        "geplaatst", "opublikowano",
        *(rf"{label}(?=\s*:)" for label in ("datum", "date", "fecha", "data")),
    ) + rf"\b{CUE_TAIL}",
    re.I,
)
WINDOW = 60
"""How far after a cue the date may start (a byline name can sit in between)."""

_REVISION_WORDS = (
    "updated", "modified", "edited", "revised", "aktualisiert", "geändert", "bearbeitet",
    "änderung", r"mis\s+à\s+jour", "modifié", "actualizado", "modificado", "aggiornato",
    "modificato", "bijgewerkt", "gewijzigd", "zaktualizowano", "aktualizacja", "atualizado",
    "actualitzat", "actualizat", "uppdaterad", "uppdaterat", "opdateret", "oppdatert",
    "päivitetty", "güncellendi", "güncelleme", "обновлено", "оновлено", "aktualizováno",
    "aktualizované", "frissítve", "diperbarui", "수정", "更新日時", "更新日期", "更新時間",
    "更新时间", "更新日", "最后更新", "最後更新", "最終更新", "更新",
)
"""Words that label a revision ('Updated', 'Letzte Änderung', 'Uppdaterad', 'Обновлено',
'更新时间'): a date right after one is when the article was revised, not published. A CJK label
is a whole word only when punctuation or a date follows it, so its longer forms come first."""
REVISION_WORDS = rf"(?:{'|'.join(_REVISION_WORDS)})"
REVISION_CUE_RE = re.compile(rf"\b{REVISION_WORDS}\b[^\d]{{0,20}}$", re.I)
"""A revision word just before a date (looked for in the text before each date)."""
REVISION_LABEL_RE = re.compile(rf"{_word_start(*_REVISION_WORDS)}\b{CUE_TAIL}", re.I)
"""A revision word as a label in the visible text, where a date may follow."""
REVISION_AFTER_RE = re.compile(rf"[\s,;:|(–—-]*{REVISION_WORDS}\b", re.I)
"""A revision word right after a date ('November 28, 2013 -- Updated 0203 GMT'): with no date
of its own after it, the date before it is the revision's day."""
CLOCK_CUE_RE = re.compile(
    r"\b(?:today\s+is|heute\s+ist|nous\s+sommes\s+le|hoy\s+es|oggi\s+è|vandaag\s+is"
    r"|dzisiaj\s+jest)\b[^\d]{0,20}$",
    re.I,
)
"""A date right after one of these is a header clock showing the day of the visit."""
CUE_REACH = 40
"""How far before a date a revision or clock cue is looked for."""

NUMERIC_RE = re.compile(
    r"(?<![\d.])(\d{1,2})\s?([./-])\s?(\d{1,2})\s?\2\s?(\d{4}|\d{2})(?![\d])"
)
YEAR_FIRST_DAY_RE = re.compile(
    r"(?<![\d.])((?:19|20)\d\d)([-/.])\s?(\d{1,2})\2\s?(\d{1,2})(?![\d])"
)
"""'2021-03-07', '2021/3/7', '2021.03.07.', '2021. 3. 7.' (East Asian, Korean and Hungarian
with a space after each dot, Swedish, ISO): the year first means year-month-day in every
locale, never day-first."""
CJK_DATE_RE = re.compile(r"((?:19|20)\d\d)\s*(年|년)\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
"""'2023年11月9日', '2023년 11월 9일': Chinese, Japanese and Korean dates, year first."""
WORD_YEAR = r"(?:\d{4}|['’]\d{2}(?!\d))"
"""A year in a date with a month name: four digits, or two after an apostrophe ('Feb 14 ’20')."""
_MARK = r"[\u0300-\u036f\u0900-\u0dff\u0e00-\u0e7f]"
MONTH_WORD = rf"(?<![^\W\d_])(?<!{_MARK})[^\W\d_](?:[^\W\d_]|(?!\w){_MARK}){{2,}}+"
"""A month name: a whole word of letters, with the vowel signs and viramas of Indic and Thai
scripts ('नवंबर', 'আগস্ট'), which are combining marks, not letters, to the regex engine. Each
character has one way to match and the word is never given back (nothing after a month name is
a letter), so a long run of letters costs linear time: Thai, written without spaces, made the
overlapping form backtrack for minutes on one paragraph."""
WORD_DATE_RE = re.compile(
    rf"(?<!\d)\d{{1,2}}(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?{MONTH_WORD}\.?,?\s+(?:de\s+)?"
    rf"{WORD_YEAR}|{MONTH_WORD}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{WORD_YEAR}",
    re.I,
)


UPDATED = "updated"
"""The second-choice reason of a date the page labels as a revision."""


@dataclass(frozen=True)
class TextDate:
    """A visible publication date (a day) and how its numeric order was decided."""

    day: str
    ambiguous: bool
    """True when the digits read validly both ways and the locale decided."""
    second_choice: str | None = None
    """Why this date counts only when no other is seen: 'updated' (the page labels it as a
    revision, 'Updated 12 March 2021'), 'page-top' (printed above the article, outside it)."""


ARTICLE_TAGS = frozenset({"article", "main"})
INNER_ONLY_TAGS = frozenset({"aside", "footer"})
"""Skipped at page level (sidebars, site footers) but kept inside an article, where they hold
the byline and the date ('<aside class="meta">', '<footer class="entry-meta">')."""


def links_home(head: HtmlElement) -> bool:
    """An <h1> that is the site's logo: all its text is one link to the site's front page."""
    links = [a for a in head.iter("a") if " ".join(a.itertext()).strip()]
    if len(links) != 1 or "".join(links[0].itertext()).split() != "".join(
        head.itertext()
    ).split():
        return False
    return urlsplit(links[0].get("href", "").strip()).path.strip("/") == ""


def first_headline(tree: HtmlElement) -> HtmlElement | None:
    """The page's first non-empty <h1>."""
    heads = page_elements(tree, "h1")
    return next((head for head in heads if " ".join(head.itertext()).strip()), None)


def headline_holders(tree: HtmlElement) -> frozenset[HtmlElement]:
    """The elements that contain the page's headline (its first non-empty <h1>).

    They hold the article itself, whatever their class says: layout classes such as
    'with-sidebar-right' or 'comments-open' on a page wrapper describe the page, not a sidebar.
    """
    head = first_headline(tree)
    return frozenset(head.iterancestors()) if head is not None else frozenset()


def _own_skip(elem: HtmlElement, in_article: bool, holders: frozenset[HtmlElement]) -> bool:
    """This element hides its text: not markup text, or a container of other content."""
    tag = elem.tag  # (lxml makes a new string each time it is asked)
    if not isinstance(tag, str):
        return True  # comments and processing instructions
    if tag in SKIP_TAGS:
        return not (in_article and tag in INNER_ONLY_TAGS) or tag == "blockquote"
    if elem in holders or tag in ("html", "body", "main"):
        return False  # page-level classes ('has-sidebar', 'comments-open') describe the page
    if tag == "article":
        return bool(TEASER_RE.search(elem.get("class", "")))
    return _skip_marker(f"{elem.get('class', '')} {elem.get('id', '')}".lower()) is not None


def visible_text(tree: HtmlElement) -> str:
    """Text of the page outside scripts, comments, sidebars, navigation, footers and the site
    header's clock, with a line break where a block element (a paragraph, a byline's <div>)
    starts or ends (built once per page: the finders read it several times)."""
    return _visible(tree)[0]


@per_tree
def _visible(tree: HtmlElement) -> tuple[str, frozenset[HtmlElement]]:
    """(the visible text, the elements its walk hid): the walk for the date elements passes
    the same elements, and asks the same of each."""
    chunks: list[str] = []
    hidden: set[HtmlElement] = set()
    holders = headline_holders(tree)
    clocks = header_clocks(tree)
    # explicit stack (no recursion limit on deep pages); a str item is a tail to emit as is
    stack: list[tuple[HtmlElement, bool] | str] = [(tree, False)]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            chunks.append(item)
            continue
        elem, in_article = item
        if elem in clocks or _own_skip(elem, in_article, holders):
            hidden.add(elem)
            continue
        tag, text = elem.tag, elem.text  # (lxml makes new strings each time it is asked)
        block = tag in BLOCK_TAGS
        if block:
            chunks.append("\n")
        if text:
            chunks.append(text)
        inside = in_article or tag in ARTICLE_TAGS
        if block:
            stack.append("\n")
        for child in reversed(elem):
            if tail := child.tail:
                stack.append(tail)
            stack.append((child, inside))
    return " ".join(chunks), frozenset(hidden)


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


@lru_cache(maxsize=2)
def _word_parser(day_first: bool):  # -> dateparser.DateDataParser (imported lazily)
    """One dateparser parser per day/month order, kept for the process.

    `dateparser.parse(..., settings=...)` builds a new parser on every call, which loads the
    language data and compiles its patterns again (about ten times the cost of the parse).
    Only its parser of absolute dates: what it is given has the shape of a whole date, and its
    parser of relative ones reads some of those as today ('No. 5, 2019').
    """
    import dateparser  # slow to import; only pages without markup dates get here

    return dateparser.DateDataParser(settings={
        "REQUIRE_PARTS": ["day", "month", "year"],
        "DATE_ORDER": "DMY" if day_first else "MDY",
        "PREFER_DATES_FROM": "past",
        "PARSERS": ["absolute-time"],
    })


@lru_cache(maxsize=1024)
def _word_date(text: str, day_first: bool) -> str | None:
    """A date written with a month name: an English one directly, any other via dateparser (all
    its languages) when it has a month name at all (see month_words)."""
    english = english_word_date(text)
    if english is not None:
        return english
    if not names_a_month(text):
        return None
    parsed = _word_parser(day_first).get_date_data(text)["date_obj"]
    return parsed.date().isoformat() if parsed else None


def _inside(match: re.Match[str], spans: list[re.Match[str]], starts: list[int]) -> bool:
    """`match` overlaps one of `spans` (sorted, not overlapping each other; `starts` their
    starts): '2021. 03. 07. 14:05' also holds '03. 07. 14', a day-first shape that ends in
    the hour."""
    at = bisect_left(starts, match.end()) - 1
    return at >= 0 and spans[at].end() > match.start()


def _date_matches(text: str) -> list[tuple[re.Match[str], str]]:
    """Every numeric, ISO and worded full date in `text`, in reading order, with its kind."""
    year_first = sorted(
        (m for rx in (YEAR_FIRST_DAY_RE, CJK_DATE_RE) for m in rx.finditer(text)),
        key=lambda m: m.start(),
    )
    starts = [m.start() for m in year_first]
    spans = [
        (m, "numeric") for m in NUMERIC_RE.finditer(text) if not _inside(m, year_first, starts)
    ]
    spans += [(m, "year-first") for m in year_first]
    spans += [(m, "word") for m in WORD_DATE_RE.finditer(text)]
    return sorted(spans, key=lambda item: item[0].start())


def has_full_date(text: str) -> bool:
    """Some numeric, ISO or worded full date (day, month and year) is written in `text`."""
    return bool(_date_matches(text))


def is_only_a_date(text: str) -> bool:
    """`text` is one full date and nothing else ('26 Oktober 2010', '03.05.2013'; not
    '10 Tipps 2020', which has the shape of one)."""
    text = text.strip(" .,")
    return any(m.start() == 0 and m.end() == len(text) and _read(m, kind, DateOrder(True, None))
               for m, kind in _date_matches(text))


def _read(match: re.Match[str], kind: str, order: DateOrder) -> TextDate | None:
    """The day a date match stands for, or None when it is no real date."""
    if kind == "numeric":
        return _numeric(match, order)
    if kind == "year-first":
        try:
            return TextDate(date(int(match[1]), int(match[3]), int(match[4])).isoformat(), False)
        except ValueError:
            return None
    day = _word_date(match[0], order.day_first)
    return TextDate(day, False) if day else None


def _read_in_context(
    text: str, match: re.Match[str], kind: str, order: DateOrder
) -> TextDate | None:
    """The date of one match in `text`, judged by the words around it: None after a clock
    phrase ('today is …'), a second choice after a revision cue ('Updated …') or before a
    revision label that has no date of its own ('28 May 2021 -- Updated 0203 GMT'), unless a
    publication cue precedes it ('Posted 3 May 2021, updated 10:15')."""
    before = text[max(0, match.start() - CUE_REACH) : match.start()]
    if CLOCK_CUE_RE.search(before):
        return None
    result = _read(match, kind, order)
    if result is None:
        return None
    if REVISION_CUE_RE.search(before) or _labelled_revision_after(text, match.end(), before):
        return replace(result, second_choice=UPDATED)
    return result


def _labelled_revision_after(text: str, end: int, before: str) -> bool:
    """A revision label, not followed by a date of its own, comes right after the date ending
    at `end`, and no publication cue right before it says the date is the publication's."""
    label = REVISION_AFTER_RE.match(text, end)
    if label is None or CUE_RE.search(before):
        return False
    return not has_full_date(text[label.end() : label.end() + CUE_REACH])


def parse_date_text(text: str, order: DateOrder) -> TextDate | None:
    """The first publication date in `text` (numeric, ISO, or with a month name).

    A date right after a clock phrase ('today is …') is skipped; one right after a revision
    cue ('Updated …') is returned only when no other date follows, as a second choice.
    """
    revised: TextDate | None = None
    for match, kind in _date_matches(text):
        result = _read_in_context(text, match, kind, order)
        if result is not None and not result.second_choice:
            return result
        revised = revised or result
    return revised


PROSE_LINE = 200
"""A line of visible text longer than this is a paragraph of prose: a 'published' in it tells
of something else ('the agency published its report on …'), a byline line is short."""


def _in_prose(text: str, at: int) -> bool:
    """The position `at` of `text` lies in a line (block of text) longer than PROSE_LINE."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start : end if end >= 0 else len(text)]
    return len(" ".join(line.split())) > PROSE_LINE


OPENING_CLAUSE = 100
"""How far into its line a cue may end the line's first clause."""
_SENTENCE_END = re.compile(r"(?<![\d\s])[.!?]\s")
"""The end of a sentence ('3. Mai' is a day, not one)."""


def _opening_clause(text: str, at: int) -> str | None:
    """The text from the start of its line to the cue at `at`, when that is one short clause
    with a date in it.

    In German and Dutch the participle closes the clause after the date ('Dieser Beitrag wurde
    am 3. Mai 2011 veröffentlicht und …'): a template's publication line opens its block, so
    it counts even when the block runs on long enough to look like prose.
    """
    start = text.rfind("\n", 0, at) + 1
    clause = text[start:at]
    if len(" ".join(clause.split())) > OPENING_CLAUSE or _SENTENCE_END.search(clause):
        return None
    return clause if has_full_date(clause) else None


def _cues(text: str) -> list[tuple[re.Match[str], bool]]:
    """Publication cues and revision labels in `text`, in reading order; True for a revision."""
    found = [(m, False) for m in CUE_RE.finditer(text)]
    found += [(m, True) for m in REVISION_LABEL_RE.finditer(text)]
    return sorted(found, key=lambda item: item[0].start())


def cued_date(tree: HtmlElement, order: DateOrder, max_cues: int = 20) -> TextDate | None:
    """The first visible date that follows a publication cue, in document order.

    A date after a revision label ('Letzte Änderung: …', 'Last updated: …') is a second choice,
    returned only when no publication cue has a date. A cue far below the headline ('Date: …'
    in a photo's details, a list of other posts) yields to a date printed with the headline.
    A cue that closes the opening clause of its line is read with the date before it ('Dieser
    Beitrag wurde am 3. Mai 2011 veröffentlicht').
    """
    text = visible_text(tree)
    flat = " ".join(text.split())
    heads = [h for h in page_elements(tree, "h1") if " ".join(h.itertext()).strip()]
    title = " ".join(" ".join(heads[0].itertext()).split()) if len(heads) == 1 else ""
    far = flat.find(title) + len(title) + HEADLINE_REACH if title and title in flat else None
    second: TextDate | None = None
    for cue, revision in islice(_cues(text), max_cues):
        clause = _opening_clause(text, cue.start())
        prose = _in_prose(text, cue.start())
        if prose and clause is None:
            continue
        if far is not None and len(" ".join(text[: cue.start()].split())) > far and (
            headline_date(tree, order) is not None
        ):
            return second
        window = text[cue.start() : cue.end() + WINDOW]  # the cue too: it is read with the date
        result = None if prose else parse_date_text(window, order)
        if result is None and clause is not None:
            result = _last_date(clause, order)  # the participle after the date
        if result is not None and revision and not result.second_choice:
            result = replace(result, second_choice=UPDATED)
        if result is not None and not result.second_choice:
            return result
        second = second or result
    return second


DATE_MARKER_RE = re.compile(
    r"date|datum|time|publish|posted|byline|dateline|meta|fecha|data-pub|stamp",
)
"""class/id fragments of the element a template prints the article's date in (searched in
the lower-cased markers, like SKIP_MARKER_RE)."""
_date_marker = marker_search(DATE_MARKER_RE)


def _marked(elem: HtmlElement) -> bool:
    if elem.tag == "time":
        return True
    marker = f"{elem.get('class', '')} {elem.get('id', '')} {elem.get('itemprop', '')}".lower()
    return _date_marker(marker) is not None


def _revision_marked(elem: HtmlElement) -> bool:
    """The template marks this element as the revision date ('<span class="updated">',
    itemprop=dateModified) and not also as the publication date ('published updated')."""
    marker = f"{elem.get('class', '')} {elem.get('id', '')} {elem.get('itemprop', '')}"
    return bool(TIME_MODIFIED_CLASS_RE.search(marker)) and not TIME_PUBLISHED_CLASS_RE.search(
        marker
    )


SITE_HEADER_RE = re.compile(r"(?<![a-z])(?:header|masthead|top-?bar|top-?menu)(?![a-z])", re.I)
"""Page-level header blocks: their date is often 'today' (the fetch day), not the article's."""
_site_header_marker = marker_search(SITE_HEADER_RE)


def _site_header(elem: HtmlElement) -> bool:
    """A header block with navigation in it (a masthead), not an article's own header.

    <html> and <body> are the whole page: their classes ('header-image', 'has-top-bar' from a
    theme's settings) describe the page's layout, never make it a header block.
    """
    tag = elem.tag
    if tag in ("html", "body"):
        return False
    if tag != "header":
        marker = f"{elem.get('class', '')} {elem.get('id', '')}"
        if marker == " " or _site_header_marker(marker) is None:
            return False  # (most elements have neither class nor id: no search for those)
    return elem.find(".//nav") is not None or len(elem.findall(".//a")) >= 5


def mastheads(tree: HtmlElement) -> frozenset[HtmlElement]:
    """The page's site header blocks outside the article: newspapers print today's date there.

    A header block around the headline is the article's own ('article-header'), unless the
    <h1> is the site's logo in its masthead.
    """
    head = first_headline(tree)
    own = frozenset(head.iterancestors()) if head is not None and not links_home(head) else ()
    return frozenset(elem for elem in site_headers(tree) if elem not in own)


@per_tree
def site_headers(tree: HtmlElement) -> tuple[HtmlElement, ...]:
    """The page's site header blocks outside any article, in document order (outer first)."""
    return tuple(
        elem for elem in tree.iter(Element)  # elements only: no comments
        if _site_header(elem)
        and not any(parent.tag in ARTICLE_TAGS for parent in elem.iterancestors())
    )


def _prints_a_date(elem: HtmlElement) -> bool:
    """Some full date (day, month, year) is written in the element's text (in either order:
    only whether there is one counts)."""
    return bool(_days_in(" ".join(elem.itertext()), DateOrder(True, None), limit=5))


@per_tree
def header_clocks(tree: HtmlElement) -> frozenset[HtmlElement]:
    """Date elements of a site header (navigation, many links) outside the article, when an
    article element elsewhere on the page prints a date of its own.

    Newspapers print the day of the visit in the masthead, next to the logo; some put even the
    page's <h1> there, so a header that holds the headline is not the article's for that. The
    article element's own date (its byline, its dateline) is the one to read.
    """
    headers = site_headers(tree)
    known = frozenset(headers)
    outermost = [h for h in headers if known.isdisjoint(h.iterancestors())]
    printed = [  # each element once, though site headers nest
        elem for header in outermost for elem in header.iterdescendants()
        if isinstance(elem.tag, str) and _marked(elem) and elem.find(".//h1") is None
        and len(" ".join(elem.itertext()).strip()) <= 120 and _prints_a_date(elem)
    ]
    clocks: set[HtmlElement] = set()
    dated_articles: list[HtmlElement] | None = None  # read only once a header prints a date
    for header in headers if printed else ():
        dated = [elem for elem in printed if header in elem.iterancestors()]
        if not dated:
            continue
        if dated_articles is None:
            dated_articles = [
                elem for elem in tree.iter("article", "main")
                if not TEASER_RE.search(elem.get("class", "")) and _prints_a_date(elem)
            ]
        if any(header not in elem.iterancestors() for elem in dated_articles):
            clocks.update(dated)
    return frozenset(clocks)


def _kind(elem: HtmlElement) -> tuple[str, ...]:
    """Tag and class of an element and of its parent: what repeats in a list of entries."""
    parent = elem.getparent()
    outer = (parent.tag, parent.get("class", "")) if parent is not None else ("", "")
    return (elem.tag, " ".join(elem.get("class", "").split()), outer[0], " ".join(outer[1].split()))


def _apart_from_headline(
    elem: HtmlElement, holders: frozenset[HtmlElement], containers: set[HtmlElement]
) -> bool:
    """A date element above the headline that is page furniture, not the article's kicker:
    outside every container of the headline, or sharing with it only a container that also
    holds the site's navigation (a page wrapper: the date is in the top bar)."""
    if containers.isdisjoint(elem.iterancestors()):
        return True
    shared = next(parent for parent in elem.iterancestors() if parent in holders)
    return shared.find(".//nav") is not None


def displayed_date(tree: HtmlElement, order: DateOrder, max_elems: int = 30) -> TextDate | None:
    """The first date printed in a date-marked element (class 'date', 'byline', <time>...).

    Headers outside the article are skipped: newspapers print today's date in the masthead.
    Elements of a kind (tag and class, in a parent of the same tag and class) that print
    several different days are entries of a list (events, other articles), so none of them
    is the article's date. A date above the headline and outside every container of it is
    page furniture (a top bar, a clock): a second choice.
    """
    body = tree.find("body")
    stack: list[HtmlElement] = [body if body is not None else tree]
    seen = 0
    holders = headline_holders(tree)
    containers = {elem for elem in holders if elem.tag not in ("body", "html")}
    masts = mastheads(tree)
    hidden = _visible(tree)[1]  # what the visible text skips, the walk below skips too
    headline_seen = not holders
    dated: list[tuple[tuple[str, ...], TextDate]] = []
    while stack and seen < max_elems:
        elem = stack.pop()
        if elem in hidden or elem in masts:
            continue
        headline_seen = headline_seen or elem.tag == "h1"
        if _marked(elem) and elem.tag not in ("body", "html", "main", "article"):
            text = " ".join(elem.itertext())
            if 6 <= len(text.strip()) <= 120:
                seen += 1
                result = parse_date_text(text, order)
                if result is not None and not result.second_choice and _revision_marked(elem):
                    result = replace(result, second_choice=UPDATED)
                if result is not None and not headline_seen and _apart_from_headline(
                    elem, holders, containers
                ):
                    result = replace(result, second_choice="page-top")
                if result is not None:
                    dated.append((_kind(elem), result))
                continue
        stack.extend(reversed(elem))
    days_of_kind: dict[tuple[str, ...], set[str]] = {}
    for kind, result in dated:
        days_of_kind.setdefault(kind, set()).add(result.day)
    own = [result for kind, result in dated if len(days_of_kind[kind]) == 1]
    return next((result for result in own if not result.second_choice), own[0] if own else None)


def permalink_date(tree: HtmlElement, order: DateOrder) -> TextDate | None:
    """The date printed as the text of the post's permalink (`<a rel="bookmark">`, the hAtom
    convention of blog themes), wherever it sits: Blogger puts the whole post in a 'widget'
    container, which hides the dates of other widgets. Permalinks of several days are a list
    of posts, none of them this page's."""
    found: dict[str, TextDate] = {}
    for link in page_elements(tree, "a"):
        if "bookmark" not in (link.get("rel") or "").lower().split():
            continue
        text = " ".join(" ".join(link.itertext()).split())
        result = parse_date_text(text, order) if is_only_a_date(text) else None
        if result is not None:
            found.setdefault(result.day, result)
    return next(iter(found.values())) if len(found) == 1 else None


HEADLINE_REACH = 300
"""How far below the headline its byline sits."""


def headline_date(
    tree: HtmlElement, order: DateOrder, reach: int = HEADLINE_REACH
) -> TextDate | None:
    """A date printed inside the headline element, just below it (bylines) or just above it."""
    heads = [h for h in page_elements(tree, "h1") if " ".join(h.itertext()).strip()]
    if len(heads) != 1:
        return None  # no headline, or a listing page with many
    for part in heads[0].iterdescendants():
        # a date set inside the headline element ('<h1>Title<small>02.02.2022</small></h1>')
        inner = " ".join(part.itertext()) if isinstance(part.tag, str) else ""
        if inner.strip() and (found := parse_date_text(inner, order)) is not None:
            return found
    title = " ".join(" ".join(heads[0].itertext()).split())
    text = " ".join(visible_text(tree).split())
    at = text.find(title)
    if at < 0:
        return None
    below = text[at + len(title) : at + len(title) + reach]
    if len(_days_in(below, order)) >= LIST_DAYS:
        return None  # a list of events or other articles under the headline, not a byline
    after = parse_date_text(below, order)
    if after is not None:
        return after
    return _last_date(text[max(0, at - ABOVE) : at], order)


LIST_DAYS = 3
"""This many different days right under a headline make a list, not a byline ('published X,
updated Y' has two)."""

ABOVE = 120
"""How far above the headline a kicker line with the date ('02.02.2022 10:16 - Sport') sits."""


def _last_date(text: str, order: DateOrder) -> TextDate | None:
    """The date closest to the end of `text` (the one printed right above the headline), read
    with the words before it, so a clock ('Today is …') above the headline is no kicker."""
    for match, kind in reversed(_date_matches(text)):
        found = _read_in_context(text, match, kind, order)
        if found is not None:
            return found
    return None


def _days_in(text: str, order: DateOrder, limit: int = 60) -> set[str]:
    """The ISO days of the full dates (day, month and year) written in `text`."""
    days: set[str] = set()
    for match, kind in _date_matches(text)[:limit]:
        found = _read(match, kind, order)
        if found is not None:
            days.add(found.day)
    return days


def printed_days(tree: HtmlElement, order: DateOrder) -> frozenset[str]:
    """Every full date printed in the page's visible text, as ISO days.

    A witness, not a finder: it tells whether a date that markup states also appears where a
    reader can see it, outside comments and sidebars.
    """
    return frozenset(_days_in(" ".join(visible_text(tree).split()), order))


def dated_link_list(elem: HtmlElement, order: DateOrder) -> bool:
    """A list (<ul>, <ol>) of links to other posts, each entry printing its own day.

    A sidebar of older posts or a dropdown of the latest news holds the oldest dates of the
    page: a whole-page search for the original date must not read them as the article's.
    """
    if elem.tag not in ("ul", "ol"):
        return False
    days: set[str] = set()
    for entry in elem.iterchildren("li"):
        if entry.find(".//a") is None:
            continue
        found = _days_in(" ".join(entry.itertext()), order, limit=2)
        if len(found) == 1:
            days |= found
    return len(days) >= 2  # entries of different days are different posts
