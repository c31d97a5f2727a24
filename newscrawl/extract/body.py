"""Article body extraction: trafilatura plus the repairs a news-page benchmark showed it needs.

trafilatura in precision mode finds the main text (the best of its settings measured on the
article-extraction benchmark, see tests/benchmarks/body.py). Around it we fix what it gets wrong
on news pages: it keeps the headline, dateline/byline lines, "Related:" teaser links and
trailing share/newsletter/contributor/copyright lines; in precision mode it sometimes keeps only
a reprint notice (its balanced mode then finds the article); and when an article is cut into
several same-class containers with ads in between it keeps only the first one. JSON-LD
`articleBody` is used only when it is complete and agrees with the HTML text, because sites often
truncate it, pad it, or put a teaser there.

Hand-made golden pages showed more: an old page laid out as one big table comes out as a single
"menu | article | sidebar" line (tables are included because that scores best on the benchmark),
so layout tables are turned into plain blocks first; a kicker or label above the headline, a
photo caption and a standfirst that repeats the page description are kept at the top; and the
"enable JavaScript" `<noscript>` of an app shell became a body. Those lines are recognised by
where they sit in the page (above or beside the headline, in an image box), not by their words.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections import Counter
from copy import deepcopy
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cached_property

from lxml import html as lxml_html
from lxml.etree import _Element
from trafilatura import bare_extraction
from trafilatura.utils import load_html
from trafilatura.xml import xmltotxt

PRECISION = {"favor_precision": True, "include_comments": False, "include_tables": True}
"""Best trafilatura setting measured on the benchmark (see tests/benchmarks/body.py)."""
RECALL = {"include_comments": False, "include_tables": True}
"""trafilatura's balanced setting: the second try when precision mode keeps next to nothing."""

_WORD = re.compile(r"\w+")


@dataclass
class Body:
    """The article text and which source produced it."""

    text: str
    """Article text only, paragraphs separated by exactly one blank line."""
    source: str
    """Which source won, e.g. "trafilatura" or "json-ld:articleBody"."""


def extract_body(html: str, url: str | None = None) -> Body:
    """Return the article text of a decoded HTML page ("" when there is none)."""
    tree = _parse(html)
    if tree is None:
        return Body("", "none")
    page = _PageHints.from_tree(tree)

    paras, source = _trafilatura(tree, url, PRECISION)
    fallback: list[str] = []
    if _words(paras) < _SHORT_WORDS * 2:
        # precision mode kept next to nothing (a teaser, a reprint notice): a complete JSON-LD
        # body that contains what it kept wins; else the balanced mode, if it finds more
        jsonld = _choose_jsonld(page.article_bodies, _clean(paras, page), tree, short=True)
        if jsonld is not None:
            return Body(_join(_clean(jsonld, page)), "json-ld:articleBody")
        alt, _ = _trafilatura(tree, url, RECALL)
        if _words(alt) > 2 * max(_words(paras), 1):
            paras, source = alt, "trafilatura:recall"
        else:
            fallback = _clean(alt, page)
    paras = _add_split_parts(tree, paras)
    paras = _clean(paras, page)

    jsonld = _choose_jsonld(page.article_bodies, paras, tree)
    if jsonld is not None:
        return Body(_join(_clean(jsonld, page)), "json-ld:articleBody")
    if not _has_prose(paras):
        if fallback and _has_prose(fallback):
            return Body(_join(fallback), "trafilatura:recall")
        return Body("", "none")
    return Body(_join(paras), source)


# --- parsing and page hints -------------------------------------------------------------------


def _parse(html: str) -> _Element | None:
    """Parse the way trafilatura does itself (its scores depend on it), then neutralise markup
    that misleads it: `<noscript>` fallbacks and tables used for page layout."""
    if not html or not html.strip():
        return None
    tree = load_html(html)
    if tree is None:
        return None
    for el in list(tree.iter("noscript")):
        # "enable JavaScript" notices, which trafilatura's fallback keeps on app shells; a long
        # <noscript> can be the page's real content (some blog engines put the post there)
        if len(_WORD.findall(el.text_content())) < _NOSCRIPT_NOTICE_WORDS:
            el.drop_tree()
    for table in [t for t in tree.iter("table") if _is_layout_table(t)]:
        _unwrap_table(table)
    return tree


_NOSCRIPT_NOTICE_WORDS = 40
_LAYOUT_TAGS = {"table": "div", "tbody": "div", "thead": "div", "tfoot": "div", "tr": "div",
                "td": "div", "th": "div", "caption": "div"}


def _is_layout_table(table: _Element) -> bool:
    """A table that lays out the page (menu, article, sidebar) rather than holding data.

    With tables included, trafilatura flattens such a table into one "a | b | c" line. Data
    tables hold short values; a cell with a headline or several long paragraphs is a column of
    the page.
    """
    if table.xpath(".//h1 | .//h2"):
        return True
    for cell in table.iter("td", "th"):
        prose = [p for p in cell.iterchildren("p") if len(_WORD.findall(p.text_content())) >= 15]
        if len(prose) >= 3:
            return True
    return False


def _unwrap_table(table: _Element) -> None:
    """Turn a layout table, its rows and cells into plain blocks.

    Tables nested in it stay tables unless they are layout tables themselves: small boxes
    (pull quotes, fact boxes) in an article column are content.
    """
    own = [el for el in table.iter(*_LAYOUT_TAGS) if _owner(el) is table]
    for el in own:
        el.tag = _LAYOUT_TAGS[el.tag]
        for attr in ("colspan", "rowspan"):
            el.attrib.pop(attr, None)


def _owner(el: _Element) -> _Element | None:
    """The table a row or cell belongs to (the table itself for a table)."""
    if el.tag == "table":
        return el
    for anc in el.iterancestors("table"):
        return anc
    return None


@dataclass
class _PageHints:
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

    @cached_property
    def above_headline(self) -> frozenset[str]:
        """Short texts found only above the headline element (kickers, breadcrumbs, labels)."""
        return _above_headline(self.tree, self.headline)

    @cached_property
    def captions(self) -> frozenset[str]:
        """Texts of image captions: `<figcaption>` or the only text in a box with an image."""
        return _captions(self.tree)

    @classmethod
    def from_tree(cls, tree: _Element) -> _PageHints:
        titles: list[str] = []
        for xp in (
            "//head/title/text()",
            "//meta[@property='og:title']/@content",
            "//meta[@name='twitter:title']/@content",
        ):
            titles.extend(t.strip() for t in tree.xpath(xp) if t and t.strip())
        descriptions = [
            d for xp in _DESCRIPTION_XPATHS for d in tree.xpath(xp) if isinstance(d, str)
        ]
        bodies: list[str] = []
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
        h1s = [(h, _norm(h.text_content())) for h in tree.iter("h1")]
        meta_titles = [t for t in map(_norm, titles) if t]
        # the whole h1 and each text in it (a kicker and a headline can share one h1)
        titles.extend(h.text_content() for h, _ in h1s)
        titles.extend(t for t in tree.xpath("//h1//text()") if t.strip())
        normed = list(dict.fromkeys(t for t in map(_norm, titles) if t))
        headline = _headline_element(h1s, meta_titles)
        return cls(
            titles=normed,
            article_bodies=bodies,
            link_blocks=_link_blocks(tree),
            descriptions=[d for d in dict.fromkeys(map(_norm, descriptions)) if d],
            headline=headline,
            tree=tree,
        )


_DESCRIPTION_XPATHS = (
    "//meta[@name='description']/@content",
    "//meta[@property='og:description']/@content",
    "//meta[@name='twitter:description']/@content",
)


def _headline_element(h1s: list[tuple[_Element, str]], titles: list[str]) -> _Element | None:
    """The `<h1>` that holds the headline: the one matching the page's titles, or the only one."""
    for h1, text in h1s:
        if text and _is_title(text, titles):
            return h1
    return h1s[0][0] if len(h1s) == 1 and h1s[0][1] else None


_KICKER_WORDS = 6


def _above_headline(tree: _Element, headline: _Element | None) -> frozenset[str]:
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
        key = _norm(text)
        if key and len(key.split()) <= _KICKER_WORDS:
            (after if seen else before).add(key)
    return frozenset(before - after)


def _captions(tree: _Element) -> frozenset[str]:
    """Texts of image captions: `<figcaption>` and a block that is the only text beside an image.

    Photo captions and credits describe the picture, not the story.
    """
    found = {_norm(el.text_content()) for el in tree.iter("figcaption")}
    for img in tree.iter("img", "picture"):
        box = img.getparent()
        if box is None or box.tag in ("a", "picture"):
            box = box.getparent() if box is not None else None
        if box is None or box.tag in ("body", "html", "article", "main"):
            continue
        key = _norm(box.text_content())
        if not key:
            continue
        blocks = [el for el in box.iter("p", "div", "span", "small") if el is not box]
        if any(_norm(el.text_content()) == key and not el.xpath(".//img") for el in blocks):
            found.add(key)
    found.discard("")
    return frozenset(found)


_BLOCKS = frozenset(
    ("p", "li", "h2", "h3", "h4", "h5", "h6", "div", "dd", "dt", "td", "blockquote", "section")
)
_TEASER_BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "span")


def _link_blocks(tree: _Element) -> frozenset[str]:
    """Normalised texts of blocks made of one link plus at most a short label ("Related: ...").

    These are teasers for other pages: a block around a link, or a heading inside a link. A text
    that also appears as a block with no link in or around it (a heading that a table of
    contents links to) is left out.
    """
    linked: set[str] = set()
    for a in tree.iter("a"):
        words = _norm(a.text_content()).split()
        if len(words) < 4:
            continue
        for inner in a.iter(*_TEASER_BLOCKS):
            if inner is not a:
                linked.add(_norm(inner.text_content()))
        block = a.getparent()
        while block is not None and block.tag not in _BLOCKS:
            block = block.getparent()
        if block is None:
            continue
        text = _norm(block.text_content())
        if len(text.split()) - len(words) <= 4:
            linked.add(text)
    if not linked:
        return frozenset()
    plain = {
        _norm(el.text_content())
        for el in tree.iter("p", "h1", "h2", "h3", "h4", "h5", "h6", "li")
        if not el.xpath(".//a | ancestor::a")
    }
    return frozenset(linked - plain)


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

    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            walk(json.loads(script.text_content() or "", strict=False))
        except ValueError:
            continue
    return found


# --- trafilatura ------------------------------------------------------------------------------


def _trafilatura(tree: _Element, url: str | None, options: dict) -> tuple[list[str], str]:
    """Paragraphs and source label of one trafilatura run on a copy of the tree."""
    # include_links=True would be handy for spotting link lists, but it changes trafilatura's
    # choices and costs 0.05 F1 on the benchmark; link texts come from the page instead
    doc = bare_extraction(deepcopy(tree), url=url, **options)
    if doc is None or doc.body is None:
        return [], "trafilatura"
    return _lines(xmltotxt(doc.body, False)), "trafilatura"


def _lines(text: str) -> list[str]:
    """Non-empty lines of trafilatura's text; rows of empty table cells ("|  |  |") go."""
    lines = (line.strip() for line in text.split("\n"))
    return [line for line in lines if line.strip("| ")]


# --- articles split over several containers ---------------------------------------------------


def _add_split_parts(tree: _Element, paras: list[str]) -> list[str]:
    """Add the paragraphs of sibling containers that share the article container's class.

    Sites that interleave ads or widgets cut the article into several `<div class="body">`
    blocks; trafilatura keeps the first. Only prose paragraphs (`<p>`) of containers with the
    very same tag and class are added, in document order.
    """
    wanted = {_norm(p): i for i, p in enumerate(paras)}
    order = {el: n for n, el in enumerate(tree.iter())}
    parents: Counter = Counter()
    found: dict[int, int] = {}
    for el in tree.iter("p"):
        key = _norm(el.text_content())
        if key in wanted and len(key.split()) >= 8:
            parents[el.getparent()] += 1
            found.setdefault(wanted[key], order[el])
    if not parents:
        return paras
    container, hits = parents.most_common(1)[0]
    cls = (container.get("class") or "").strip()
    if not cls or hits < 2:
        return paras
    extra: list[tuple[int, str]] = []
    for sib in tree.iter(container.tag):
        # only later parts: a same-class box before the article is a summary or a claim box
        if order[sib] <= order[container] or (sib.get("class") or "").strip() != cls:
            continue
        if any(anc is container for anc in sib.iterancestors()):
            continue
        for el in sib.iterchildren("p"):
            text = " ".join(el.text_content().split())
            key = _norm(text)
            if key and key not in wanted and _link_share(el) < 0.5:
                extra.append((order[el], text))
    if sum(len(_WORD.findall(t)) for _, t in extra) < 30:
        return paras
    # give every kept paragraph a position: its own, or the one of the paragraph before it
    placed: list[tuple[int, int, str]] = []
    last = -1
    for i, p in enumerate(paras):
        last = found.get(i, last)
        placed.append((last, i, p))
    placed.extend((pos, -1, text) for pos, text in extra)
    placed.sort(key=lambda t: (t[0], t[1]))
    return [text for _, _, text in placed]


def _link_share(el: _Element) -> float:
    """Share of an element's text that sits inside links."""
    total = len(el.text_content().strip())
    if not total:
        return 1.0
    return sum(len(a.text_content().strip()) for a in el.iter("a")) / total


# --- cleaning ---------------------------------------------------------------------------------

_MONTHS = (
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july"
    " august september october november december"
    # pt, es, fr, de, it: common languages of European news sites
    " janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro"
    " enero febrero marzo mayo junio julio septiembre octubre noviembre diciembre"
    " janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
    " januar februar märz juni juli oktober dezember"
    " gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre"
)
_DAYS = (
    "mon tue wed thu fri sat sun monday tuesday wednesday thursday friday saturday sunday"
    " segunda terça quarta quinta sexta sábado domingo feira lunes martes miércoles jueves viernes"
    " lundi mardi mercredi jeudi vendredi samedi dimanche montag dienstag mittwoch donnerstag"
    " freitag samstag sonntag"
)
_DATE_WORDS = frozenset((_MONTHS + " " + _DAYS + " am pm a m p gmt utc est edt pst pdt cet cest bst"
                         " ist updated published posted").split())
_YEAR_OR_TIME = re.compile(r"\b(?:1[89]|20)\d\d\b|\b\d{1,2}:\d\d\b")
_BYLINE = re.compile(
    r"^(?:by|von|por|par|di|door|av|af)\s+\w|^(?:published|updated|posted|publicado|"
    r"atualizado|publié|mis à jour|veröffentlicht|aktualisiert|pubblicato)\b",
    re.IGNORECASE,
)
_READING_TIME = re.compile(
    r"\b(?:min(?:ute)?s?|minutos?)\s+(?:read|de leitura|de lectura|lesezeit|lecture)\b|"
    r"\b(?:reading time|read time|tempo de leitura|tiempo de lectura|lesezeit|temps de lecture)\b",
    re.IGNORECASE,
)
_BOILERPLATE = re.compile(
    r"|".join(
        (
            # calls to action open a sentence: "Sign up for ...", "Follow us on ..."
            r"(?:^|[.!?…]\s+)\W*(?:sign up (?:for|to|now|today|here)|subscribe (?:to|now|today|"
            r"here|for)|click (?:here|to|the)|follow (?:us|@|\w+'s? (?:full )?coverage)|"
            r"get (?:the|our)|download (?:the|our)|listen (?:to|live|here)|"
            r"watch (?:the|our|live|here)|read more|tell us)\b",
            r"\bfollow (?:[\w'’@]+ ){1,6}on (?:twitter|facebook|instagram|youtube)\b",
            r"\bsubscribe to\b|\bsubscribing to our\b",
            r"contributed (?:to )?(?:this )?report",
            r"^\W*(?:with )?additional reporting\b",
            r"^\W*(?:reporting|writing|editing) by\b",
            r"^(?:source|sources|filed under|tags?|comments?|categor(?:y|ies))\b\s*(?:[:|]|$)",
            r"^\d*\s*comments?$",
            r"\byou (?:may|might) also like\b",
            r"\btell us what you think\b|\bleave a (?:comment|reply)\b",
            r"^\W*(?:©|\(c\)|copyright\b)|\ball rights reserved\b",
            r"\bshare (?:this|it) with\b|\blike this (?:story|article)\b",
            r"\bclick here\b",
            r"\bif you (?:enjoyed|liked) this\b",
            r"\b(?:email|e-mail|write to|reach|contact)\b.*\S+@\S+\.\w+",
            r"^\S+@\S+\.\w+$",
            r"^(?:https?://|www\.|twitter\.com/)\S+$",
        )
    ),
    re.IGNORECASE,
)
_SHORT_BOILERPLATE = re.compile(r"\bnewsletters?\b|\bsign up\b", re.IGNORECASE)
"""Words that make a boilerplate line only in a short line (a heading, a button)."""
_LABEL = re.compile(
    r"^\W*(?:related(?: \w+)?|read more|read also|also read|more|see more|see also|also|"
    r"also on \S+|don'?t miss|most (?:read|popular|viewed)(?: \w+){0,3}|more from \S+|"
    r"recommended(?: for you)?|you (?:may|might) also like|tags?|topics?|comments?|"
    r"share (?:this|it)(?: \w+)?|follow us|trending(?: now)?|latest news|top stories)\W*$",
    re.IGNORECASE,
)
_SENTENCE_END = tuple(".!?\"'”’…。！？“»")


def _clean(paras: list[str], page: _PageHints) -> list[str]:
    """Drop headline, dateline/byline, link-list and trailing boilerplate paragraphs."""
    paras = _strip_leading(paras, page)
    paras = [p for p in paras if not _is_link_line(p, page.link_blocks)]
    paras = _strip_teaser_runs(paras)
    return _strip_trailing(paras)


def _strip_teaser_runs(paras: list[str]) -> list[str]:
    """Drop a "Don't miss" / "Related" label and the teaser headlines that follow it."""
    kept: list[str] = []
    i = 0
    while i < len(paras):
        if _is_label(paras[i]):
            if len(paras) - i <= 3:
                break  # "Tags" / "Comments" near the end: what follows is not the article
            j = i + 1
            while j < len(paras) and j - i <= 8 and _is_teaser(paras[j]):
                j += 1
            if j == len(paras) or j > i + 1 or len(paras) - i <= 6:
                i = j  # a label at the end, or one followed by teasers
                continue
        kept.append(paras[i])
        i += 1
    return kept


def _is_label(para: str) -> bool:
    return len(_WORD.findall(para)) <= 6 and bool(_LABEL.match(para.strip()))


def _is_teaser(para: str) -> bool:
    """A short headline-like line: few words, no sentence end."""
    return len(_WORD.findall(para)) <= 25 and not para.rstrip().endswith(_SENTENCE_END)


def _strip_leading(paras: list[str], page: _PageHints) -> list[str]:
    """Drop the headline, kicker, dateline, byline, caption and standfirst lines at the top."""
    i = 0
    while i < len(paras) and i < 5 and (
        _is_title(paras[i], page.titles)
        or _is_dateline(paras[i])
        or _is_boilerplate(paras[i])
        or _is_kicker(paras[i], page)
        or _is_caption(paras[i], page)
        or _is_standfirst(paras[i:], page)
    ):
        i += 1
    # a headline below a kicker or a fact box is still the headline
    head = [p for p in paras[i : i + 3] if not _is_title(p, page.titles)]
    return head + paras[i + 3 :]


def _is_kicker(para: str, page: _PageHints) -> bool:
    """A short label that sits above the headline in the page (kicker, breadcrumb, "Press")."""
    if para.rstrip().endswith(_SENTENCE_END) or len(_WORD.findall(para)) > _KICKER_WORDS:
        return False
    return _norm(para) in page.above_headline


def _is_caption(para: str, page: _PageHints) -> bool:
    """A photo caption or credit (looked up only for lines short enough to be one)."""
    return len(_WORD.findall(para)) <= _CAPTION_WORDS and _norm(para) in page.captions


_CAPTION_WORDS = 60


def _is_standfirst(paras: list[str], page: _PageHints) -> bool:
    """The first paragraph repeats the page description and stands beside the headline.

    Many sites show the description as a standfirst right under the headline, apart from the
    text. Only an (almost) exact copy counts, and only when the page has it next to the
    headline and outside the container of the following paragraph: a first body paragraph
    that doubles as the description stays.
    """
    if len(paras) < 2 or page.headline is None or not _has_prose(paras[1:]):
        return False  # a page whose only text is its summary (a video page) keeps it
    first = _norm(paras[0])
    if len(first.split()) < 5 or not any(_near(first, d) for d in page.descriptions):
        return False
    # the paragraph that starts the text, past a byline or a date under the standfirst
    text = next((p for p in paras[1:4] if not (_is_dateline(p) or _is_boilerplate(p))), paras[1])
    nxt = {el.getparent() for el in _blocks_with_text(page.tree, _norm(text))}
    around_headline = set(page.headline.iterancestors())
    for el in _blocks_with_text(page.tree, first):
        boxes = list(el.iterancestors())[:_STANDFIRST_DEPTH]
        if boxes and boxes[0] not in nxt and any(box in around_headline for box in boxes):
            return True
    return False


_STANDFIRST_DEPTH = 2
"""How far up from a standfirst the container it shares with the headline may be."""


def _near(a: str, b: str) -> bool:
    """Exact or near-exact equality of two normalised texts."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 0.05 * max(len(a), len(b)):
        return False
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.95


def _blocks_with_text(tree: _Element, key: str) -> list[_Element]:
    """The innermost paragraph-like elements whose whole text is `key`."""
    found = []
    for el in tree.iter("p", "div", "h2", "h3", "h4", "span", "section", "header", "td"):
        if _norm(el.text_content()) == key and not any(
            _norm(c.text_content()) == key for c in el.iterchildren()
        ):
            found.append(el)
    return found


def _strip_trailing(paras: list[str]) -> list[str]:
    """Drop share/follow/newsletter/contributor/copyright lines at the end of the text."""
    end = len(paras)
    while end > 0 and len(paras) - end < 8 and (
        _is_boilerplate(paras[end - 1]) or _is_stamp(paras[end - 1])
    ):
        end -= 1
    return paras[:end]


def _is_boilerplate(para: str) -> bool:
    """A share/follow/subscribe/contributor/copyright line (only short ones qualify)."""
    words = len(_WORD.findall(para))
    if words <= 8 and _SHORT_BOILERPLATE.search(para):
        return True
    return words <= 40 and bool(_BOILERPLATE.search(para.strip()))


def _is_stamp(para: str) -> bool:
    """A short "Updated at 1:23 p.m." / "Published ..." line."""
    return len(_WORD.findall(para)) <= 12 and bool(_BYLINE.search(para.strip()))


def _is_dateline(para: str) -> bool:
    """A short line made of a date/time, a byline or a reading time, not a sentence."""
    words = _WORD.findall(para.lower())
    if not words or len(words) > 15:
        return False
    if _READING_TIME.search(para):
        return True
    if _BYLINE.search(para.strip()) and not para.rstrip().endswith("."):
        return True
    datey = sum(1 for w in words if w.isdigit() or w in _DATE_WORDS)
    return bool(_YEAR_OR_TIME.search(para)) and datey >= 3 and datey * 2 >= len(words) - 2


def _is_link_line(para: str, link_blocks: frozenset[str]) -> bool:
    """A paragraph that is, in the page, a block holding nothing but a link (and a label)."""
    if para.lstrip().lower().startswith(("http", "www.")):
        return False  # a bare URL the author typed out is text, not a teaser
    return _norm(para) in link_blocks


_SITE_SUFFIX_CHARS = 40


def _is_title(para: str, titles: list[str]) -> bool:
    """True when the paragraph is the page's headline (or the headline plus site name)."""
    p = _norm(para)
    if not p or len(p) > 300:
        return False
    for t in titles:
        if p == t or (len(p) >= 15 and t.startswith(p)):
            return True  # the headline, the title being "headline | site"
        if len(t) >= 15 and p.startswith(t) and len(p) - len(t) <= _SITE_SUFFIX_CHARS:
            return True  # the headline with the site name or a kicker appended

        if abs(len(p) - len(t)) <= 0.2 * max(len(p), len(t)):
            matcher = SequenceMatcher(None, p, t, autojunk=False)
            if matcher.quick_ratio() >= 0.9 and matcher.ratio() >= 0.9:
                return True
    return False


# --- JSON-LD ----------------------------------------------------------------------------------


def _choose_jsonld(
    bodies: list[str], paras: list[str], tree: _Element, short: bool = False
) -> list[str] | None:
    """The JSON-LD articleBody as paragraphs when it is complete and beats the HTML text.

    Sites fill articleBody with a teaser, a truncated copy or the text plus widgets, so it is
    taken only when it looks complete (long enough, no trailing ellipsis) and the HTML text
    agrees with it: with `short` (the HTML gave only a teaser, as on paywalled pages) it must
    contain most of the teaser; otherwise it must contain most of the HTML text and be clearly
    longer, meaning trafilatura missed part of the article.
    """
    best: list[str] | None = None
    for raw in bodies:
        cand = _jsonld_paragraphs(raw)
        words = _words(cand)
        if words < _MIN_JSONLD_WORDS or cand[-1].rstrip().endswith(("...", "…")):
            continue
        if best is None or words > _words(best):
            best = cand
    if best is None:
        return None
    have = _words(paras)
    ours = _shingles(" ".join(paras))
    theirs = _shingles(" ".join(best))
    covered = sum((ours & theirs).values()) / max(1, sum(ours.values()))
    if short:
        agrees = have < _SHORT_WORDS // 3 or covered >= 0.5
        return _resplit(best, tree) if agrees and _words(best) > have else None
    if covered >= 0.8 and _words(best) >= 1.25 * have:
        return _resplit(best, tree)
    return None


_MIN_JSONLD_WORDS = 50
_SHORT_WORDS = 30
"""Below this many words the HTML text is taken as missing (a teaser or a notice)."""


def _jsonld_paragraphs(raw: str) -> list[str]:
    """articleBody text as paragraphs; some sites put HTML in it."""
    text = html_lib.unescape(raw)
    if re.search(r"</?(?:p|br|div|h\d)\b", text, re.IGNORECASE):
        frag = lxml_html.fromstring(f"<div>{text}</div>")
        for br in frag.iter("br"):
            br.tail = "\n" + (br.tail or "")
        blocks = [el.text_content() for el in frag.iter("p", "h2", "h3", "h4", "li", "blockquote")]
        text = "\n".join(blocks) if blocks else frag.text_content()
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _resplit(paras: list[str], tree: _Element) -> list[str]:
    """Cut a JSON-LD body that comes as one block where the page's own paragraphs start."""
    if len(paras) > 1:
        return paras
    text = paras[0]
    starts = set()
    for el in tree.iter("p"):
        head = " ".join(el.text_content().split()[:8])
        if len(head.split()) >= 5:
            pos = text.find(head)
            if pos > 0:
                starts.add(pos)
    cuts = [0, *sorted(starts), len(text)]
    return [text[a:b].strip() for a, b in zip(cuts, cuts[1:], strict=False) if text[a:b].strip()]


def _has_prose(paras: list[str]) -> bool:
    """At least one real sentence: a menu, a login form or a list of teasers has none."""
    return any(
        len(p) >= _MIN_SENTENCE_CHARS and p.rstrip().endswith(_SENTENCE_END) for p in paras
    ) or _words(paras) >= 50


_MIN_SENTENCE_CHARS = 40


# --- helpers ----------------------------------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _words(paras: list[str]) -> int:
    return sum(len(_WORD.findall(p)) for p in paras)


def _join(paras: list[str]) -> str:
    return "\n\n".join(paras)


def _shingles(text: str, n: int = 4) -> Counter:
    toks = _WORD.findall(text)
    return Counter(tuple(toks[i : i + n]) for i in range(max(0, len(toks) - n + 1)))
