"""Article authors: JSON-LD and meta first, then the byline the page prints (marked up, a
'By' line, or a bare name line under the headline), last an agency's credit ending the text.

Names are split out of lists ("A, B and C", "Von A und B"); job titles, credentials and the
site's own name are dropped, and names printed by the page itself must look like names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import Any
from urllib.parse import urlsplit

from lxml.etree import Element, iterwalk
from lxml.html import HtmlElement

from newscrawl.extract.dates.text import has_full_date, links_home
from newscrawl.extract.html import (
    BLOCK_TAGS,
    boilerplate_marker,
    clean,
    in_boilerplate,
    leads_elsewhere,
    marker_search,
    meta_values,
    page_elements,
    per_tree,
)
from newscrawl.extract.jsonld import names_of, text_of
from newscrawl.extract.sitename import domain_label, is_site_name
from newscrawl.extract.words import words_of
from newscrawl.nlp.gazetteer import is_first_name, is_town, lookup_place
from newscrawl.nlp.lexicon import NAME_PARTICLES, ORG_SUFFIXES

_URL_LIKE = re.compile(r"^(https?:|www\.|/)")
_URL_INSIDE = re.compile(r"\s*\(?(?:https?://|www\.)[^\s)]*\)?")
_DOMAIN_LIKE = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}$", re.IGNORECASE)
_BY_WORD_LIST = ("by", "von", "par", "por", "di", "door", "av", "af", "بقلم")
BY_WORDS = rf"(?:{'|'.join(_BY_WORD_LIST)})"
"""'By' in the languages of bylines we meet (shared with the body's byline-line rule)."""
_PLAIN_BY_WORDS = rf"(?:{'|'.join(w for w in _BY_WORD_LIST if w not in NAME_PARTICLES)})"
"""The 'by' words that start no name: 'von' and 'di' are also name particles ('Ursula von
Lind', 'Di Marco'), read as 'by' only where a name cannot start."""
_BY = re.compile(
    r"^(?:(?:analysis|opinion|commentary|written|words|text|story|reporting|report|photos?)\s+)?"
    + BY_WORDS + r"\s+",
    re.IGNORECASE,
)
_LABEL_BY = re.compile(rf"^(?:\S+\s+){{1,3}}?{_PLAIN_BY_WORDS}\s+(?=\S)", re.IGNORECASE)
"""A label ending in 'by' before the name ("Posted by", "Publié par", "Skrevet av"); 'von'
and 'di' are read as 'by' only at the start."""
_ENDS_WITH_BY = re.compile(r"\b" + BY_WORDS + r"\s*:?$", re.IGNORECASE)
_ROLE = re.compile(
    r"\b(reporter|correspondent|editor|editorial|staff|writer|journalist|contributor|columnist|"
    r"redakteur|redakteurin|korrespondent|korrespondentin|photographer|analyst|desk|"
    r"editor-at-large|journaliste|rédact(?:eur|rice)|correspondante?|periodista|corresponsal"
    r"|redactora?|giornalista|corrispondente|redatt(?:ore|rice)|verslaggever|redacteur"
    r"|redaktion|rédaction|redacción|redazione|redactie|redakcja|newsroom|newsdesk)s?\b",
    re.IGNORECASE,
)
"""Job titles and editorial desks ('Web Desk', 'Redaktion', 'Newsroom'): a byline that is only
one names nobody."""
_HANDLE = re.compile(r"\s*(?:\(@[\w.]+\)|(?<!\S)@[\w.]+)")
"""A social-media handle printed with the name ('Jane Doe (@janedoe)', 'Jane Doe @janedoe'): not
part of it. An '@' inside a word is an e-mail address, which the byline is dropped for."""
_CJK_ROLES = r"(?:记者|記者|通讯员|通訊員|特派员|特派員|기자|특파원)"
_CJK_ROLE = re.compile(rf"^{_CJK_ROLES}\s*(?=\S)|(?<=\S)\s*{_CJK_ROLES}$")
"""'Reporter' or 'correspondent' in Chinese, Japanese and Korean bylines, before or after the
name ('记者 王海燕', '山田太郎記者', '김민준 기자'): a job title, not part of the name."""
NEWS_AGENCIES = frozenset({
    "reuters", "thomson reuters", "ap", "associated press", "the associated press", "afp",
    "agence france-presse", "dpa", "deutsche presse-agentur", "efe", "agencia efe", "ansa",
    "kyodo", "kyodo news", "xinhua", "pa", "pa media", "press association", "upi",
    "united press international", "bloomberg", "tass", "anp", "apa", "yonhap", "pti",
    "press trust of india", "ians", "aap", "australian associated press", "canadian press",
    "the canadian press", "sda", "keystone-sda", "ria novosti", "interfax", "ukrinform", "ctk",
    "pap", "mti", "bta", "ana-mpa", "tt", "ntb", "ritzau", "stt", "belga", "lusa", "europa press",
    "新华社", "中新社", "中国新闻社", "路透社", "美联社", "法新社", "共同社", "塔斯社", "韩联社",
    "共同通信", "時事通信", "聯合社", "연합뉴스",
})
"""News agencies, whose name is a byline of its own ('By Reuters', 'AP', '新华社' Xinhua in
Chinese, '共同通信' Kyodo in Japanese): a one-word or lower-case name that is no person's, and
an employer beside a writer's name ('Jane Doe, Associated Press')."""
_CREDENTIAL = re.compile(r"^(?:[A-Z]{2,4}|Ph\.?D\.?|M\.?D\.?|Jr\.?|Sr\.?)$")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_NAME_WORD = re.compile(r"^[^\W\d_][\w'’.-]*$")
_NOT_FIRST_NAME = {"the", "a", "an", "der", "die", "das"}
_BYLINE_CLASS = re.compile(r"byline|by-line|\bauthor(?!i[stz])|\bautor|auteur|writer",
                           re.IGNORECASE)
"""A marker naming a byline box; not the words 'author' starts ('authorized', 'authority',
'authorization': a consent box or a badge)."""
_byline_class = marker_search(_BYLINE_CLASS)
_IN_BODY = "/descendant::body/descendant::"
"""XPath to what lies in the page's <body>: the same nodes as '//body//', without first
gathering every node of the page as that abbreviation does (up to a quarter faster)."""
_BY_LINE_TEXT = re.compile(rf"^(?:{_PLAIN_BY_WORDS}|von)\s+\S", re.IGNORECASE)
"""A text line that starts like a byline ('By Jane Roe', 'Von Jane Roe'); not 'di', which
starts surnames ('Di Marco wins') as often as Italian bylines."""
_LIST_PUNCTUATION = re.compile(
    r"\s*(?:;|,|\||·|•|、)\s*|(?<=[^\W\d_])/(?=[^\W\d_])"
    r"|\s+(?=(?i:with\s+)?(?i:additional\s+reporting)\b)")
"""Always between entries: commas, semicolons, bars, bullets, the ideographic comma
('王海燕、李明'), a slash between two words ('Jane Doe/dpa'), and before a credit for
additional reporting ('Jane Doe with additional reporting by …')."""
AND_WORDS = r"and|und|et|y|e|en|i|och|og|ja|és|и|і|та|with"
"""'And' in the languages of bylines we meet, and 'with' ('Jane Doe with AP')."""
_NAME_JOINERS = re.compile(
    rf"\s*(?:\b(?:{AND_WORDS})\b|&|\s/\s|\s[-–—]\s|(?<=[a-z]{{2}})\.\s+(?=[A-Z]))\s*")
"""Between two names ("A and B", "A - B", "A / B", "A. B"), but also inside an organisation's
name ("Ministry for Trade and Industry", "Wines of Spain - Tapas Bar"): split only when every
part is name-shaped, and a full name (or an agency's initials) rather than one word, since
one-letter 'and's ('e', 'y') also join the surnames of one person ('Pereira e Silva')."""
_OTHER_WORK = re.compile(
    r"^(?:with\s+)?(?:additional\s+reporting|(?:additional\s+)?(?:editing|edited|photos?"
    r"|photographs?|pictures?|fotos?|bilder?|images?|graphics?|grafiken?|illustrations?|video"
    r"|camera|kamera|translat\w*|übersetz\w*))"
    rf"\s*(?:{BY_WORDS}|:)",
    re.IGNORECASE,
)
"""A credit for work other than the writing ('Editing by …', 'Photos: …', 'with additional
reporting by …'): beside the writer's name, not an author."""
_COLON_LABEL = re.compile(r"^[^\W\d_]+(?:\s+[^\W\d_]+)?\s*:\s+(?=\S)")
"""A label before the name ('Text: Jane Doe', 'Interview: Jane Doe')."""
_TRAILER = re.compile(r"\s*\([^()]*\)$|\s+(?:in|aus|à)\s+[A-ZÀ-Þ][\w-]*$")
"""What follows a name in a byline without a comma: an agency or place in parentheses ('Jane
Doe (AFP)'), a dateline place ('Jane Doe in Berlin')."""


_COLONS = (":", "：")
"""A colon, also the full-width one of Chinese and Japanese text."""


_BYLINE_FIELDS = re.compile(r"\s*[|·•]\s*")
"""Between the fields of a one-line byline ('Jane Roe | Springfield | 08/01/2014')."""


def _is_date_or_place(field: str) -> bool:
    """A byline field that dates the story or names its place: a printed date ('08/01/2014',
    'Aug. 1, 2014'), or a country, region, city or town the gazetteer knows ('New Haven')."""
    return has_full_date(field) or bool(lookup_place(field) or is_town(field))


def _without_date_and_place(value: str) -> str:
    """A byline without the date and place fields printed beside the name: the fields are set
    apart by bars or bullets, and a place of several words would otherwise pass for a name."""
    fields = _BYLINE_FIELDS.split(value)
    if len(fields) < 2:
        return value  # the gazetteer is only consulted for a byline that has fields
    kept = [f for f in fields if f and not _is_date_or_place(f)]
    return " | ".join(kept) if kept and len(kept) < len(fields) else value


def _title_case(value: str) -> str:
    """An all-capitals byline in title case, its 'and's in lower case again so they still join
    names ('ANN LEE AND TOM O'BRIEN' -> "Ann Lee and Tom O'Brien"); one-letter words stay
    capitals: they are also initials ('JOHN E SMITH')."""
    return re.sub(rf"\b(?:{AND_WORDS})\b", lambda m: m[0].lower() if len(m[0]) > 1 else m[0],
                  value.title(), flags=re.IGNORECASE)


def _is_caseless(word: str) -> bool:
    """A word in a script without capitals (Chinese, Japanese, Arabic, Hebrew, Thai…)."""
    letters = [ch for ch in word if ch.isalpha()]
    return bool(letters) and not any(ch.isupper() or ch.islower() for ch in letters)


def _name_shaped(text: str) -> bool:
    """Every word capitalised, a name particle, or in a script without capitals."""
    return all(_name_word(w) or _is_caseless(w) for w in text.split())


def _name_word(word: str) -> bool:
    """A capitalised word in any script with capitals (Latin, Cyrillic, Greek…) or a particle."""
    return word in NAME_PARTICLES or (word[0].isupper() and bool(_NAME_WORD.match(word)))


def _full_name(text: str) -> bool:
    """Two or more name-shaped words, an agency's initials ('AP'), or a caseless-script name."""
    return _name_shaped(text) and (len(text.split()) > 1 or text.isupper() or _is_caseless(text))


def _list_parts(value: str) -> list[str]:
    """The names in one author value. Commas and semicolons always separate; 'and' (&, und, et,
    y, …), dashes and slashes only when every part they leave is a full name. Credits for other
    work beside a writer's go; labels ('Posted by', 'Text:') and trailers ('(AFP)') are cut."""
    chunks = [c for c in _LIST_PUNCTUATION.split(value) if c and c.strip()]
    writing = [c for c in chunks if not _OTHER_WORK.match(c)]
    parts: list[str] = []
    for chunk in writing or chunks:
        chunk = _COLON_LABEL.sub("", _LABEL_BY.sub("", chunk.strip()))
        pieces = [p for p in _NAME_JOINERS.split(chunk) if p]  # a leading 'and' leaves ''
        pieces = pieces if all(_full_name(p) for p in pieces) else [chunk]
        parts += [_without_trailer(p) for p in pieces]
    return parts


def _credits_only(text: str) -> bool:
    """A printed line that credits only other work than the writing ('Foto: Jane Roe'): a
    photographer's name in a byline box is no author."""
    chunks = [c for c in _LIST_PUNCTUATION.split(text.strip()) if c and c.strip()]
    return bool(chunks) and all(_OTHER_WORK.match(c.strip()) for c in chunks)


def _without_trailer(part: str) -> str:
    """A name without the agency or place printed after it, when a full name is left."""
    head = _TRAILER.sub("", part)
    return head if head != part and _full_name(head) else part


def _before_bio(part: str) -> str:
    """The name that opens a one-line bio ("Jane Doe is a staff writer" -> "Jane Doe"): the
    capitalised words before the sentence that names the job."""
    match = _ROLE.search(part)
    if not match:
        return part
    words = part[: match.start()].split()
    name = []
    for word in words:
        if not (_name_word(word) or _is_caseless(word)):
            break
        name.append(word)
    return " ".join(name) if 1 < len(name) < len(words) else part


def is_agency(name: str) -> bool:
    """A news agency's name ('Reuters', 'AP', 'dpa')."""
    return name.casefold() in NEWS_AGENCIES


def _is_placeholder(value: str) -> bool:
    """A CMS account or site address where a name belongs ('admin', 'editor1', 'site.example')."""
    if is_agency(value):
        return False
    return (value.islower() and " " not in value) or bool(_DOMAIN_LIKE.match(value))


def split_authors(values: Iterable[str], sites: Iterable[str | None] = ()) -> list[str]:
    """Author names: drop URLs, strip "By", split lists ("A, B and C"), keep order, no repeats.

    Job titles ("Chief Reporter", '记者'), credentials ("MS, RDN"), account names ("admin"),
    handles ("@jdoe") and the site's own name appended to a person's ("Jane Doe, Business
    Insider") are not names; an all-capitals name is title-cased. Beside people's full names, a
    one-word entry is a dateline place or a publication ("Jane Doe, Lisbon"), and a news agency
    the writer's employer ("Jane Doe, Associated Press"), not a co-author. `sites` are the
    site's names (its site name, its domain's name) to recognise.
    """
    site_names = list(sites)  # read once per name
    names: list[str] = []
    for value in values:
        value = clean(_HANDLE.sub(" ", _URL_INSIDE.sub(" ", value or ""))) or ""
        if not value or _URL_LIKE.match(value) or "@" in value or _is_placeholder(value):
            continue
        if value.endswith(_COLONS):
            continue  # a label ('Author:', '作者：') or a name introducing a teaser's title
        value = _CJK_ROLE.sub("", _BY.sub("", _without_date_and_place(value)))
        if value.isupper() and len(value.split()) > 1:
            value = _title_case(value)
        parts = [_before_bio(clean(p.strip(" .:-–—")) or "") for p in _list_parts(value)]
        parts = [p for p in parts if p and len(p) < 80 and not _ROLE.search(p)
                 and not (_CREDENTIAL.match(p) and not is_agency(p))
                 and not _ENDS_WITH_BY.search(p)
                 and not _is_placeholder(p)]
        for part in parts:
            if part.isupper() and len(part.split()) > 1:
                part = part.title()
            if part.lower() not in (n.lower() for n in names):
                names.append(part)
    names = _without_publisher_address(names, site_names)
    people = [n for n in names if not _names_the_site(n, site_names)]
    writers = [n for n in people if not is_agency(n)]
    if any(len(n.split()) > 1 for n in writers):
        # beside a full name, a place of several words is the dateline too ('Jo Roe, New York')
        people = [n for n in writers if (len(n.split()) > 1 and not lookup_place(n))
                  or _is_caseless(n)]
    return people or names  # the site alone as author is what the page says


def _without_publisher_address(names: list[str], sites: list[str | None]) -> list[str]:
    """The entries of an author value without the places that follow a publisher's name
    ('Harbour Post GmbH, Hamburg, Germany'): the imprint's address, not people. A publisher is
    the site's own name or a name ending in a company suffix ('GmbH', 'Ltd')."""
    if not any(_names_the_site(n, sites) or _is_company(n) for n in names):
        return names
    return [n for n in names if not (lookup_place(n) or is_town(n))] or names


def _is_company(name: str) -> bool:
    """A name ending in a company suffix ('Harbour Media GmbH', 'Acme Ltd.')."""
    words = name.split()
    return len(words) > 1 and words[-1].rstrip(".").lower() in ORG_SUFFIXES


def looks_like_name(text: str) -> bool:
    """A person's name as bylines print it: 2-5 capitalised words (or one word in a script
    without capitals), no digits, no job title."""
    words = text.split()
    if len(words) == 1 and _is_caseless(text):
        return 2 <= len(text) <= 8
    return (
        1 < len(words) <= 5
        and not any(ch.isdigit() for ch in text)
        and not _ROLE.search(text)
        and words[0].lower() not in _NOT_FIRST_NAME
        and _name_shaped(text)
    )


_COPYRIGHT = re.compile(r"©|\(c\)|\bcopyright\b|版权|版權|著作権|저작권", re.IGNORECASE)
"""A copyright notice ('© 2020 Site', 'Copyright', Chinese '版权声明', Japanese '著作権')."""


def _byline_texts(tree: HtmlElement) -> list[str]:
    """Texts of elements marked as bylines (class 'byline'/'author', itemprop=author)."""
    # walked, not an XPath query: the first byline ends the search, most often early
    in_body = (elem for body in page_elements(tree, "body")
               for elem in body.iterdescendants(Element))
    for elem in in_body:
        if elem.get("itemprop") != "author" and _byline_class(elem.get("class", "")) is None:
            continue
        if elem.tag in ("meta", "link", "img", "script") or in_boilerplate(elem):
            continue
        if elem.find(".//h1") is not None:
            continue  # the article itself in a container named after it ('author-article')
        names = elem.xpath(".//*[@itemprop='name']")
        if names:
            texts = [t for t in (clean(n.text_content()) for n in names) if t]
        else:
            # one entry per text node: 'By A and B' and the agency or date printed after it
            # must not run together ("B" + "Associated Press" -> "BAssociated Press")
            texts = [t for t in (clean(x) for x in elem.itertext()) if t]
        if texts and not any(_COPYRIGHT.search(t) for t in texts):
            return texts  # the first byline of the page is the article's (a copyright
            # notice in a box styled like an author's is the page's, not a byline)
    return []


@per_tree
def _body_texts(tree: HtmlElement) -> list[Any]:
    """The non-blank text nodes in the page's <body>, in document order (XPath text() results,
    which know their element): the 'By' line and the dated byline searches both read them."""
    return tree.xpath(f"{_IN_BODY}text()[normalize-space()]")


def _holder_of(text: Any) -> HtmlElement | None:
    """The element a text node of an XPath text() result sits in: a tail follows its element,
    inside that element's parent."""
    parent = text.getparent()
    return parent.getparent() if parent is not None and text.is_tail else parent


def _by_lines(tree: HtmlElement, holders: frozenset[HtmlElement]) -> list[str]:
    """Short text lines reading 'By Name' / 'Von Name' (untagged bylines of old templates)."""
    for text in _body_texts(tree):
        if not _BY_LINE_TEXT.match(text.lstrip()):
            continue  # the same answer as on the cleaned line, without cleaning every text
        line = clean(text) or ""
        if len(line) < 60:
            box = _holder_of(text)
            if box is not None and not _beside_the_article(box, holders) and not _in_link(box):
                return [line]
    return []


_META_KEYS = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author")
_HEADER_LINES = 8
"""How many text lines after the headline make up the article's header (kicker, deck, byline,
date, share buttons, a photo and its caption); the text starts no later in the pages we meet."""
_BODY_WORDS = 8
"""A paragraph (<p>) of this many words after the headline starts the article's text."""
_UNREAD = frozenset({"script", "style", "noscript", "template", "svg", "button", "select"})
_NOT_BYLINE_BOX = frozenset({"li", "figure", "figcaption", "blockquote", "button", "label",
                             "option", "nav", "aside", "footer", "h2", "h3", "h4", "h5", "h6"})
"""A name in a list, a photo caption, a quotation, a control or a heading (of a section or of
another story: a row of video teasers titled by the people in them) is no byline."""


def _lines_after(h1: HtmlElement) -> Iterator[tuple[str, list[HtmlElement]]]:
    """The text lines that follow the headline on screen, each with the elements its text sits
    in (a block element or <br> ends a line; scripts and styles are not read)."""
    root = h1.getroottree().getroot()
    started, unread = False, 0
    parts: list[str] = []
    holders: list[HtmlElement] = []

    def flush() -> tuple[str, list[HtmlElement]] | None:
        line = clean("".join(parts))
        found = (line, list(holders)) if line else None
        parts.clear()
        holders.clear()
        return found

    for event, el in iterwalk(root, events=("start", "end")):
        if not started:
            started = event == "end" and el is h1
            if started and h1.tail and h1.tail.strip() and h1.getparent() is not None:
                parts.append(h1.tail)
                holders.append(h1.getparent())
            continue
        if not isinstance(el.tag, str):
            continue
        if el.tag in _UNREAD:
            unread += 1 if event == "start" else -1
            if event == "start" or unread:
                continue
        elif unread:
            continue
        if el.tag in BLOCK_TAGS and (line := flush()):
            yield line
        text = el.text if event == "start" else el.tail
        holder = el if event == "start" else el.getparent()
        if text and text.strip() and holder is not None:
            parts.append(text)
            holders.append(holder)
        elif text:
            parts.append(text)
    if line := flush():
        yield line


def _header_lines(h1: HtmlElement) -> Iterator[tuple[str, list[HtmlElement]]]:
    """The text lines of the article's header under the headline (with the elements their
    text sits in): no further than the first paragraph of the text, a name further on is the
    text's, not a byline."""
    for count, (line, holders) in enumerate(_lines_after(h1)):
        if count >= _HEADER_LINES:
            return
        in_paragraph = any(h.tag == "p" or any(a.tag == "p" for a in h.iterancestors())
                           for h in holders)
        if in_paragraph and words_of(line) >= _BODY_WORDS:
            return
        yield line, holders


def _header_name_lines(h1: HtmlElement | None) -> list[str]:
    """A byline printed as a bare line under the headline: a line that is only a person's name
    (maybe beside a role, a place or a date), in the article's header, before its text starts.

    No 'By', no byline markup: so only a line whose words are a name starting with a known
    first name, and not ending in a common word, or a news agency's name ('Reuters', '新华社'),
    counts; outside lists, captions, quotations and links (unless the link goes to an author
    page), and only before the text starts.
    """
    if h1 is None:
        return []
    for line, holders in _header_lines(h1):
        if len(line) >= 60 or _OTHER_WORK.match(line) or not holders:
            continue
        if any(not _byline_holder(h) for h in holders):
            continue
        names = split_authors([line])
        if names and all(is_agency(n) or (_first_name_first(n)
                                          and not _common_word(n.split()[-1], h1))
                         for n in names):
            return names
    return []


def _common_word(word: str, elem: HtmlElement) -> bool:
    """A word the page's paragraphs also print in lower case: a common word, so a line such as
    'Live Updates' or 'Story Highlights' is a label, not a first name and a surname."""
    return word.lower() in _lower_case_words(elem.getroottree().getroot())


@per_tree
def _lower_case_words(tree: HtmlElement) -> frozenset[str]:
    """The words the page's paragraphs print in lower case."""
    return frozenset(w for p in page_elements(tree, "p") for w in _WORD.findall(p.text_content())
                     if w.islower())


def _byline_holder(elem: HtmlElement) -> bool:
    """The element a header line's text sits in can hold a byline: not inside a list, caption,
    quotation or control, not boilerplate, and a link only to an author's page."""
    if any(node.tag in _NOT_BYLINE_BOX for node in (elem, *elem.iterancestors())):
        return False
    return not (_in_link(elem) or in_boilerplate(elem))


def _in_link(elem: HtmlElement) -> bool:
    """Inside a link to another page that is not an author's: a teaser for another story (a
    link to a place on this page, or to no page, is a byline made clickable)."""
    return any(node.tag == "a" and leads_elsewhere(href := node.get("href"))
               and not _BYLINE_CLASS.search(href or "")
               for node in (elem, *elem.iterancestors()))



def _first_name_first(name: str) -> bool:
    """A person's name that starts with a first name people are given ('Jane Roe', not 'Puppet
    Masters' or 'Latest News')."""
    return looks_like_name(name) and not _is_caseless(name) and is_first_name(name.split()[0])


_CREDIT = re.compile(
    r"^(?:©|\(c\)|copyright\b)\s*(?:\d{4}\s+)?(?P<agency>[^\W\d].*?)(?:\s+\d{4})?"
    r"(?:\s*[/|,;–—]\s*|\s+-\s+)(?P<name>[^/|,;–—]+)$",
    re.IGNORECASE,
)
"""An end-of-text credit of an agency and its writer: '(c) dpa/Jane Roe', '©AFP 2020 / Jane
Roe', 'Copyright Reuters, Jane Roe'."""
_CREDIT_MARKS = ("©", "(c)", "(C)")
"""The marks a text node of an agency's credit holds (see _CREDIT: '(c) dpa/Jane Roe')."""


def _credit_lines(tree: HtmlElement) -> list[str]:
    """The agency and writer of the last agency credit printed after the article's text; a
    credit inside a photo caption, or with paragraphs of text after it, names a photographer or
    another story."""
    found: list[str] = []
    # the page's text nodes, as the byline searches (which come first) have read them
    for text in (t for t in _body_texts(tree) if any(mark in t for mark in _CREDIT_MARKS)):
        box = text.getparent()
        while box is not None and box.tag not in BLOCK_TAGS:
            box = box.getparent()
        if box is None or not _byline_holder(box) or box.xpath(".//img | ../img | ../*/img"):
            continue
        match = _CREDIT.match(clean(box.text_content()) or "")
        if match and is_agency(match["agency"]) and looks_like_name(match["name"]) and not any(
            len((p.text_content() or "").split()) >= _BODY_WORDS and not in_boilerplate(p)
            for p in box.itersiblings("p")
        ):
            found = [match["agency"], match["name"]]
    return found


def find_authors(tree: HtmlElement, art: dict | None, sitename: str | None,
                 domain: str | None, h1: HtmlElement | None = None,
                 headline: str | None = None,
                 title_site: str | None = None) -> tuple[str, list[str]] | None:
    """Structured data first (JSON-LD, meta), then what the page prints as its byline, then an
    agency in the dateline or an agency's credit at the end of the text. `h1` is the headline's
    element and `headline` its text, if the page has them; `title_site` is the site's name as
    the <title> gives it after the headline.

    The site's own name is no author (a CMS with no person to name gives the publisher), but a
    news agency's is; a meta author that the printed byline does not name is an editor or an
    account, and the printed byline wins.
    """
    publisher = text_of(art.get("publisher")) if art else None
    sites = (sitename, domain_label(domain), publisher, title_site)
    heading = _article_heading(tree, headline)
    # The elements that hold the heading hold the article itself whatever their class says:
    # 'content-sidebar-wrap', 'teaser-body' or a blog platform's 'widget' of posts name the
    # layout around the article, not a box beside it.
    holders = frozenset(heading.iterancestors()) if heading is not None else frozenset()

    def people(texts: Iterable[str], one_word: bool = False) -> list[str]:
        writers = (t for t in texts if not _credits_only(t))
        return [n for n in split_authors(writers, sites)
                if looks_like_name(n) or is_agency(n) or (one_word and _one_word_name(n))]

    printed: list[tuple[str, Callable[[], list[str]]]] = [
        ("rel:author", lambda: _without_labelled_repeats(people(
            (a.text_content() for a in page_elements(tree, "a") if a.get("rel") == "author"
             if not _beside_the_article(a, holders)), one_word=True))),
        ("byline", lambda: people(_byline_texts(tree))),
        ("byline:dated", lambda: people(_dated_by_line(tree, holders), one_word=True)),
        ("byline:link", lambda: people(_author_page_links(tree, holders))),
        ("byline:text", lambda: people(_by_lines(tree, holders))),
        ("byline:header", lambda: split_authors(_header_name_lines(h1), sites)),
        ("dateline", lambda: _reporter_credits(tree, heading, holders)),
    ]
    sources: list[tuple[str, Callable[[], list[str]]]] = [
        ("json-ld:author", lambda: split_authors(names_of(art.get("author")) if art else [],
                                                 sites)),
        ("meta:author", lambda: split_authors((v for _, v in meta_values(tree, *_META_KEYS)),
                                              sites)),
        *printed,
        ("dateline", lambda: _dateline_agencies(tree, heading, holders)),
        ("credit", lambda: people(_credit_lines(tree))),
    ]
    for source, get in sources:
        names = get()
        if not names or _only_the_site(names, sites):
            continue
        if source == "meta:author":
            return _printed_instead(names, printed, sites) or (source, names)
        return source, names
    return None


def _printed_instead(meta: list[str], printed: list[tuple[str, Callable[[], list[str]]]],
                     sites: tuple[str | None, ...]) -> tuple[str, list[str]] | None:
    """The byline the page prints, when it names none of the meta authors: a meta author the
    reader never sees credited is the editor who published the story (or an office, the
    publisher's name with a tagline), not its writer."""
    known = {n.casefold() for n in meta}
    for source, get in printed:
        names = get()
        if names and not _only_the_site(names, sites):
            return None if known & {n.casefold() for n in names} else (source, names)
    return None


def _only_the_site(names: list[str], sites: tuple[str | None, ...]) -> bool:
    """Every name is the site's own, and none is an agency's or a person's (a blog named after
    its writer): the publisher given where the CMS has no writer to name."""
    return all(_names_the_site(n, sites) and not (is_agency(n) or _first_name_first(n))
               for n in names)


def _names_the_site(name: str, sites: Iterable[str | None]) -> bool:
    """`name` is one of the site's names (its site name, its domain's name)."""
    return any(is_site_name(name, site) for site in sites if site)


def _article_heading(tree: HtmlElement, headline: str | None) -> HtmlElement | None:
    """The article's heading: the <h1>-<h3> that prints the headline, else the first <h1> that
    is not the site's logo linking home (blog templates set the blog's name as an <h1> too)."""
    wanted = (clean(headline) or "").casefold()
    headings = [h for h in tree.iter("h1", "h2", "h3") if clean(h.text_content())]
    heading = next((h for h in headings if wanted and
                    (clean(h.text_content()) or "").casefold() == wanted), None)
    if heading is None:
        heading = next((h for h in headings if h.tag == "h1" and not links_home(h)), None)
    return heading


def _beside_the_article(elem: HtmlElement, holders: frozenset[HtmlElement],
                        footers: bool = True) -> bool:
    """Inside a box beside the article (comments, sidebar, related links, the page's footer):
    a marked box counts only below the elements that hold the article's heading. With
    `footers` False, a footer box is read as the post's own (its meta line)."""
    for node in (elem, *elem.iterancestors()):
        if node in holders:
            return False
        marker = boilerplate_marker(node)
        if marker and (footers or marker != "footer"):
            return True
    return False


def _without_labelled_repeats(names: list[str]) -> list[str]:
    """The names without a link text that holds another one ('SHOW ALL ARTICLES OF Jane Roe'
    beside 'Jane Roe'): a label around the author's name, not a second author."""
    return [n for n in names
            if not any(o != n and o.casefold() in n.casefold() for o in names)]


def _one_word_name(name: str) -> bool:
    """One capitalised word that is a common first name ('Sandra'): bloggers often sign with
    their first name alone; where the markup or a dated post line says who wrote the post, that
    is a name, while 'Admin' or 'Redaktion' are not."""
    return " " not in name and _name_word(name) and not _ROLE.search(name) and is_first_name(name)


_DATED_BY_LINE = re.compile(
    rf"^(?:[^\W\d_]+\s+){{0,2}}?{BY_WORDS}\s+(?P<name>\S+(?:\s+\S+){{0,3}}?)"
    r"\s+(?:on|am|le|el|il|op)\s+(?P<when>\S.*)$",
    re.IGNORECASE,
)
"""A post's meta line: 'by' and a name, then 'on' and a date ('Von Christian am 03.05.2013',
'Posted by Jane on May 3, 2013')."""


def _dated_by_line(tree: HtmlElement, holders: frozenset[HtmlElement]) -> list[str]:
    """The name in the first line reading 'by Name on <date>'. The date makes it the post's own
    byline wherever the template puts it, also in the post's footer ('entry-footer'): a page's
    footer does not date a post; comments and sidebars still do not count."""
    for text in _body_texts(tree):
        if not _BY_WORD_IN.search(text[:40]):
            continue
        box = _holder_of(text)
        if box is None:
            continue
        line = clean(box.text_content()) or ""
        match = _DATED_BY_LINE.match(line[:150])
        if (match and has_full_date(match["when"])
                and not _beside_the_article(box, holders, footers=False)):
            return [match["name"]]
    return []


_BY_WORD_IN = re.compile(rf"(?:^|\s){BY_WORDS}(?:\s|$)", re.IGNORECASE)
_AUTHOR_PAGE = re.compile(r"/(?:authors?|autor(?:en)?|auteurs?|autori?|autore|writers?)/",
                          re.IGNORECASE)
"""The path of a CMS's page of an author's articles ('/author/jane-roe/', '/autor/…')."""


def _author_page_links(tree: HtmlElement, holders: frozenset[HtmlElement]) -> list[str]:
    """The text of the first link to an author's page printed beside the post's date ('Jane Roe
    · 21.05.2019' in the post's meta list): a byline without a 'by'."""
    for link in tree.xpath(f"{_IN_BODY}a[@href]"):
        if not _AUTHOR_PAGE.search(urlsplit(link.get("href", "")).path):
            continue
        if _beside_the_article(link, holders) or not _next_to_a_date(link):
            continue
        return [link.text_content()]
    return []


def _next_to_a_date(elem: HtmlElement) -> bool:
    """A short box around `elem` (up to three levels up) also holds a date: a <time> or a
    printed one."""
    for box in list(elem.iterancestors())[:3]:
        text = clean(box.text_content()) or ""
        if len(text) > 200:
            return False
        if box.find(".//time") is not None or has_full_date(text):
            return True
    return False


_DATELINE = re.compile(
    r"^[^\W\d_][\w.'’/ -]{0,40}?,?\s*\((?P<credit>[^()]{2,30})\)\s*[-–—:]\s")
"""A dateline naming the story's source in parentheses before a dash: 'Frankfurt/Main (dpa) -',
'WASHINGTON (AP) —'."""


def _opening_paragraphs(tree: HtmlElement, heading: HtmlElement | None,
                        holders: frozenset[HtmlElement]) -> Iterator[str]:
    """The texts of the first paragraphs after the heading, where a dateline stands: no further,
    so a teaser of another story does not count."""
    seen = 0
    for para in heading.xpath("following::p") if heading is not None else tree.iter("p"):
        text = clean(para.text_content())
        if not text or _beside_the_article(para, holders):
            continue
        yield text
        seen += 1
        if seen >= 3:
            return


def _dateline_agencies(tree: HtmlElement, heading: HtmlElement | None,
                       holders: frozenset[HtmlElement]) -> list[str]:
    """The news agencies of the dateline that opens the article's text ('Berlin (dpa/AFP) -'):
    with no byline, the wire story's author."""
    for text in _opening_paragraphs(tree, heading, holders):
        match = _DATELINE.match(text)
        if match:
            return [a for a in re.split(r"\s*[/,;]\s*", match["credit"]) if is_agency(a)]
    return []


_CREDIT_NAME = r"[\u4e00-\u9fff]{2,4}(?![\u4e00-\u9fff])"
_CREDIT_NAME_GAP = re.compile(r"\s*[、&＆]\s*|[ \u3000]+")
_WRITING_CREDITS = r"(?:作者|执笔|執筆|采写|採寫|撰文|撰稿|文(?:/图|/圖)?)"
"""Chinese labels that credit the writing ('作者' author, '执笔' pen, '采写' reporting and
writing, '文/图' text and photos): unlike a reporter's role, said only before a separator."""
_REPORTER_CREDIT = re.compile(
    rf"(?:(?<=[（(]){_CJK_ROLES}\s*|{_CJK_ROLES}\s+|(?:(?<=[（(])|(?<![\u4e00-\u9fff]))"
    rf"{_WRITING_CREDITS}\s*[：:/｜|\s]\s*|{_WRITING_CREDITS}[：:]\s*)"
    rf"(?P<names>{_CREDIT_NAME}(?:(?:{_CREDIT_NAME_GAP.pattern}){_CREDIT_NAME})*)")
"""A Chinese credit of the story's reporters or writers, set off from the text: the role in
parentheses or with a space after it ('长江网10月4日讯（记者陈智 整合）', '澎湃新闻记者 段彦超
廖艳'), or a writing credit before a separator ('执笔/王海、李明', '（文/图 王海 李明）'), then
names of two to four characters apart by spaces, '、' or '&' (a longer run is the text going
on). Run on ('记者表示', '记者了解到'), the reporter is the subject of a sentence, not a credit;
a writing credit before a colon is a label wherever it stands ('来源：日报作者：王海')."""
_CREDIT_OPENING = 40
"""Characters from a paragraph's start where a dateline's credit stands (later, '记者' is a
reporter the text talks about: '向记者介绍')."""
_CREDIT_CLOSING = re.compile(r"^[\s)）。.]*$")
"""What may follow a credit that ends the article's last paragraph: its bracket, a full stop."""
_REPORTING_WORDS = ("报道", "整合", "综合", "发自", "摄影", "编辑")
"""What a Chinese credit says the reporters did, after their names ('记者陈智 整合',
'记者 王海 北京报道'): where the names end."""
_PHOTO_WORDS = ("摄", "攝")
"""'Photographed', after the names of a credit ('记者 王海 摄'): a photo's credit, no author."""


def _reporter_credits(tree: HtmlElement, heading: HtmlElement | None,
                      holders: frozenset[HtmlElement]) -> list[str]:
    """The reporters or writers a Chinese credit names at the opening of the article's text
    (a dateline) or at the end of its last paragraph (a signature): with no byline, the
    story's authors. The header's lines under the headline count as the opening too (the
    credit as a field beside the date and source: '2019-09-26 来源：日报 作者：王海')."""
    header = [line for line, _ in _header_lines(heading)] if heading is not None else []
    for text in chain(header, _opening_paragraphs(tree, heading, holders)):
        match = _REPORTER_CREDIT.search(text)
        if match is None or match.start() > _CREDIT_OPENING:
            continue
        if text[match.end():].lstrip().startswith(_PHOTO_WORDS):
            continue
        return _credited_names(match["names"])
    closing = _closing_paragraph(tree, heading, holders)
    for match in _REPORTER_CREDIT.finditer(closing):
        if _CREDIT_CLOSING.match(closing[match.end():]):
            return _credited_names(match["names"])
    return []


def _credited_names(names: str) -> list[str]:
    """The names of a credit, up to what the reporters did."""
    found = []
    for name in _CREDIT_NAME_GAP.split(names):
        if any(word in name for word in _REPORTING_WORDS):
            break
        found.append(name)
    return found


def _closing_paragraph(tree: HtmlElement, heading: HtmlElement | None,
                       holders: frozenset[HtmlElement]) -> str:
    """The text of the article's last paragraph: the last one in the element that holds the
    first paragraph after the heading (paragraphs further on are another box's)."""
    paragraphs = heading.xpath("following::p") if heading is not None else tree.iter("p")
    box, last = None, ""
    for para in paragraphs:
        if box is not None and para.getparent() is not box:
            continue  # another box's: its text is not read (most of a page's paragraphs)
        text = clean(para.text_content())
        if not text or _beside_the_article(para, holders):
            continue
        box = para.getparent()
        last = text
    return last
