"""Page metadata (URL, headline, site name, authors, description, language, tags, image).

Each field is looked up in a fixed order of sources, most reliable first, and the winning source is
reported so the export can say where a value came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from newscrawl.extract.authors import BY_WORDS, find_authors, looks_like_name
from newscrawl.extract.dates.text import is_only_a_date
from newscrawl.extract.html import clean, in_boilerplate, meta_values, page_elements
from newscrawl.extract.jsonld import (
    article_object,
    index_by_id,
    json_ld_objects,
    names_of,
    text_of,
    types_of,
    url_of,
    with_references,
)
from newscrawl.extract.sitename import (
    SEPARATOR_CHARS,
    TITLE_SEPARATORS,
    after_segment,
    before_segment,
    cut_site_segment,
    domain_label,
    is_site_name,
    site_names,
    site_segment,
    strip_site_name,
)
from newscrawl.extract.words import words_of

_LANG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_]|$)")


@dataclass
class Metadata:
    """Extracted metadata values and, per field, the source that gave them."""

    url: str | None = None
    sitename: str | None = None
    headline: str | None = None
    description: str | None = None
    authors: list[str] = field(default_factory=list)
    language: str | None = None
    locale: str | None = None
    tags: list[str] = field(default_factory=list)
    image: str | None = None
    json_ld: dict | None = None
    provenance: dict[str, str] = field(default_factory=dict)


def _first(candidates: Iterable[tuple[str, str | None]]) -> tuple[str, str] | None:
    for source, value in candidates:
        value = clean(value)
        if value:
            return source, value
    return None


def _link_href(tree: HtmlElement, rel: str) -> str | None:
    for link in page_elements(tree, "link"):
        if link.get("href") is not None and rel in (link.get("rel") or "").lower().split():
            return clean(link.get("href"))
    return None


def _absolute(base: str | None, href: str | None) -> str | None:
    """`href` made absolute against `base`; None when that cannot give a real address.

    A site-root path ("/img/a.jpg") on a page read from disk with no known web URL would point
    at the root of the local file system, so it is dropped; a path relative to the page
    ("page_files/a.jpg", as browsers save pages) stays a file URI beside it.
    """
    if not href:
        return None
    href = href.strip()
    if href.startswith("//"):
        href = "https:" + href
    elif href.startswith("/") and urlsplit(base or "").scheme == "file":
        return None
    joined = urljoin(base or "", href)
    return joined if urlsplit(joined).scheme in ("http", "https", "file") else None


def _page_url(tree: HtmlElement, art: dict | None, base: str | None) -> tuple[str, str] | None:
    """The article's own URL from the page; a canonical pointing at the site root is ignored."""
    candidates = [("link:canonical", _link_href(tree, "canonical"))]
    candidates += meta_values(tree, "og:url")
    if art:
        candidates.append(("json-ld:url", url_of(art.get("url"))))
        candidates.append(("json-ld:mainEntityOfPage", url_of(art.get("mainEntityOfPage"))))
    for source, href in candidates:
        url = _absolute(base, href)
        parts = urlsplit(url) if url else None
        if parts and parts.scheme in ("http", "https") and parts.path not in ("", "/"):
            return source, url
    return None


def _title(tree: HtmlElement) -> str | None:
    texts = (text for title in page_elements(tree, "title") for text in title.xpath("text()"))
    return clean(next(texts, None))


def _single_h1(tree: HtmlElement, site_names: Iterable[str] = ()) -> HtmlElement | None:
    """The page's one non-empty <h1>; None when it has none or several that differ (templates
    that print the heading twice, for wide and narrow screens, still have one). An <h1> that
    is one of `site_names` is left out: a logo heading above the article's own is no rival."""
    found = [(h, text) for h in page_elements(tree, "h1") if (text := clean(h.text_content()))
             and not any(is_site_name(text, name) for name in site_names)]
    return found[0][0] if len({text for _, text in found}) == 1 else None


def _is_home_link(href: str | None) -> bool:
    """A link to a site's home page ("/", "https://site.example/")."""
    if not href or href.startswith("#"):
        return False
    parts = urlsplit(href.strip())
    return parts.path in ("", "/") and not parts.query and (bool(parts.netloc) or href == "/")


def _masthead(h1: HtmlElement | None, names: list[str], title: str | None) -> str | None:
    """The text of an <h1> that is the site's name, not the article's headline (blog templates
    set their title as the page's <h1>): it names the site, or it links to the home page and is
    the first or last segment of the page's <title>."""
    if h1 is None:
        return None
    text = clean(h1.text_content()) or ""
    if any(is_site_name(text, name) for name in names):
        return text
    segments = [p.strip() for p in TITLE_SEPARATORS.split(title or "") if p.strip()]
    in_title = len(segments) > 1 and text in (segments[0], segments[-1])
    if in_title and any(_is_home_link(a.get("href")) for a in h1.iter("a")):
        return text
    return None


_BYLINE_SEGMENT = re.compile(rf"^{BY_WORDS}\s+(.+)$", re.IGNORECASE)


def _sections(tree: HtmlElement, art: dict | None) -> list[str]:
    """The section names the page declares for itself (article:section, JSON-LD)."""
    sections = [v for _, v in meta_values(tree, "article:section")]
    if art:
        value = art.get("articleSection")
        sections += [value] if isinstance(value, str) else names_of(value)
    return [s.lower() for s in (clean(v) for v in sections) if s]


def _without_labels(title: str, shown: str | None, sections: list[str]) -> str:
    """The title without a kicker or section label before it and a byline after it:
    "Opinion | Headline" when the page prints "Headline" as its <h1> or declares "Opinion" as
    its section; "Headline - By Jane Doe"."""
    parts = TITLE_SEPARATORS.split(title)
    byline = _BYLINE_SEGMENT.match(parts[-1].strip()) if len(parts) >= 2 else None
    if byline and looks_like_name(byline.group(1)):
        title = before_segment(title, parts[-1]) or title
    match = TITLE_SEPARATORS.search(title)
    if not match or match.start() == 0:
        return title
    head, rest = title[: match.start()].strip(), clean(title[match.end():]) or ""
    if len(head.split()) > 4 or len(rest.split()) < 3:
        return title
    # a section label is set off by a bar or dash; "Topic: headline" is a headline of its own
    labelled = head.lower() in sections and ":" not in match.group()
    return rest if rest == shown or labelled else title


def _without_section_suffix(title: str, sections: list[str]) -> str:
    """The title without the page's declared section after a bar or dash ("Headline | Opinion")."""
    parts = TITLE_SEPARATORS.split(title)
    last = parts[-1].strip().lower() if len(parts) >= 2 else ""
    if last not in sections or ":" in title[title.rfind(parts[-1]) - 2 :]:
        return title
    head = before_segment(title, parts[-1]) or ""
    return head if len(head.split()) >= 3 else title


def _without_date_segment(title: str) -> str:
    """The title before a segment that is only a date, when more segments follow it ("Post -
    26 May 2010 - Blog - Site", how blog platforms build titles): a date between separators is a
    field of the page's metadata, and what follows it the section and the site."""
    parts = [p.strip() for p in TITLE_SEPARATORS.split(title) if p.strip()]
    for segment in parts[1:-1]:
        if is_only_a_date(segment):
            return before_segment(title[: title.find(segment) + len(segment)], segment) or title
    return title


def _shown_headline(h1: HtmlElement) -> tuple[str | None, str | None]:
    """The <h1>'s text and the kicker glued to its front, if any.

    A label in its own element at the start of the heading that runs into the headline without
    a space ('<span class="kicker">Exclusive</span>Ferry fares…') or stands on a line of its own
    ('<span>Analysis</span><br>Why…') is set apart by styling, not part of the sentence; a line
    break inside the heading is otherwise a space.
    """
    text = clean(_text_with_breaks(h1))
    first = h1[0] if len(h1) and not (h1.text or "").strip() else None
    if text is None or first is None or not isinstance(first.tag, str) or first.tag == "br":
        return text, None
    label = first.text_content()
    after = first.tail or ""
    following = first.getnext()
    if not after and following is not None:
        after = following.text_content()
    on_its_own_line = not after.strip() and following is not None and following.tag == "br"
    glued = label.strip() and (on_its_own_line or (label == label.rstrip() and after[:1].isalnum()))
    kicker = clean(label)
    if not glued or kicker is None or len(kicker.split()) > 4:
        return text, None
    rest = clean(text[len(label.strip()) :] if text.startswith(label.strip()) else None)
    return (rest, kicker) if rest and len(rest.split()) >= 3 else (text, None)


def _text_with_breaks(elem: HtmlElement) -> str:
    """An element's text with a space for each <br> (text_content() runs the lines together)."""
    chunks = [" " if elem.tag == "br" else (elem.text or "") if isinstance(elem.tag, str) else ""]
    for child in elem:
        chunks.append(_text_with_breaks(child))
        chunks.append(child.tail or "")
    return "".join(chunks)


def _without_kicker(title: str, kicker: str | None, shown: str | None) -> str:
    """A title that is the <h1>'s glued kicker followed by the shown headline: the headline."""
    if kicker and shown and title.lower().startswith(kicker.lower()):
        rest = title[len(kicker) :].lstrip(SEPARATOR_CHARS)
        if rest == shown:
            return shown
    return title


_ELLIPSIS = ("…", "...")


def _uncut(found: tuple[str, str], candidates: list[tuple[str, str | None]]) -> tuple[str, str]:
    """The whole headline when the first one found was cut short with an ellipsis (CMSs trim
    JSON-LD and social titles to a length): a later source that goes on from the same words.
    Where the other source has an ellipsis at the same place, the headline itself ends with one
    ('Time will tell… | Site'): nothing was cut."""
    source, title = found
    if not title.endswith(_ELLIPSIS):
        return found
    stem = title.rstrip(" .…")
    for other_source, other in candidates:
        other = clean(other)
        if other and len(other) > len(stem) + 1 and other.startswith(stem) and not (
            other.endswith(_ELLIPSIS) or other[len(stem):].lstrip().startswith(_ELLIPSIS)
        ):
            return other_source, other
    return found


_CURLY_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'",
                               "“": '"', "”": '"', "„": '"', "‟": '"'})


def _straight_quotes(text: str) -> str:
    """Text with typographic quotes and apostrophes made plain (CMSs curl them on the page
    only, so the metadata keeps the typed ones)."""
    return text.translate(_CURLY_QUOTES)


def _h1_shows_it_without_a_segment(headline: str, shown: str, sections: list[str]) -> bool:
    """The <h1> is the headline the reader sees and the metadata one the same words with a
    segment more before or after a separator ("Headline - Site" where the site goes unnamed).
    The segment cut off must be shorter than the <h1>, and the <h1> no declared section, so a
    section or site name printed as the <h1> ("News") never replaces a headline. (An <h1> that
    merely goes on from a shorter metadata headline is not preferred: on unseen pages that
    lost as often as it won, e.g. an <h1> with a kicker or a trailer run into it.)"""
    if shown == headline or shown.lower() in sections:
        return False
    if _straight_quotes(shown) == _straight_quotes(headline):
        return True  # the same words, with the curly quotes the page prints
    parts = [p.strip() for p in TITLE_SEPARATORS.split(headline) if p.strip()]
    if len(parts) < 2:
        return False
    first, last = parts[0], parts[-1]
    without_first = after_segment(headline, first)
    without_last = before_segment(headline, last)
    return (without_first == shown and len(first) < len(shown)) or (
        without_last == shown and len(last) < len(shown))


_WORD = re.compile(r"\w+")
_SUBHEADINGS = ("h2", "h3", "h4", "h5", "h6")


def _title_shown_below(tree: HtmlElement, shown: str | None, sitename: str | None,
                       domain: str | None) -> str | None:
    """The <title>'s headline when the page prints it as a heading of its own below an <h1>
    that the title does not name: that <h1> heads the page's section ("News") above the post,
    the post's title is the heading under it."""
    title = _title(tree)
    if not title or not shown or shown.lower() in title.lower():
        return None
    headline = strip_site_name(title, sitename, domain)
    if headline == title or words_of(headline) < 2:
        return None
    headings = (clean(h.text_content()) for h in tree.iter(*_SUBHEADINGS))
    return headline if headline in headings else None


def _article_h1_says_otherwise(h1: HtmlElement, shown: str, headline: str,
                               sections: list[str]) -> bool:
    """The <h1> inside the page's <article> is a headline of its own (three words or more, no
    declared section) that shares no word with the metadata one: that one is a title written
    for search engines or social media, and the reader sees the <h1>."""
    words = set(_WORD.findall(shown.casefold()))
    if len(words) < 3 or shown.lower() in sections:
        return False
    if not any(parent.tag == "article" for parent in h1.iterancestors()):
        return False
    return words.isdisjoint(_WORD.findall(headline.casefold()))


def _headline(tree: HtmlElement, art: dict | None, names: list[str],
              sections: list[str], sitename: str | None,
              domain: str | None) -> tuple[str, str] | None:
    candidates: list[tuple[str, str | None]] = []
    if art:
        candidates.append(("json-ld:headline", text_of(art.get("headline"))))
    candidates += meta_values(tree, "og:title", "twitter:title")
    h1 = _single_h1(tree)
    masthead = _masthead(h1, names, _title(tree))
    if h1 is None:
        h1 = _single_h1(tree, names)
    shown, kicker = _shown_headline(h1) if h1 is not None and masthead is None else (None, None)
    if shown:
        candidates.append(("h1", shown))
    candidates.append(("title", _title(tree)))
    found = _first(candidates)
    if not found:
        return None
    source, title = _uncut(found, candidates)
    if source == "h1" and (titled := _title_shown_below(tree, shown, sitename or masthead, domain)):
        return "title", titled
    stripped = _without_kicker(strip_site_name(title, sitename or masthead, domain), kicker, shown)
    headline = _without_section_suffix(_without_labels(stripped, shown, sections), sections)
    headline = _without_date_segment(headline)
    if shown and _h1_shows_it_without_a_segment(headline, shown, sections):
        return "h1", shown
    if shown and source != "h1" and _article_h1_says_otherwise(h1, shown, headline, sections):
        return "h1", shown
    return source, headline


_URL_LIKE_NAME = re.compile(r"^(https?://|www\.)", re.IGNORECASE)


def _sitename(tree: HtmlElement, art: dict | None, objects: list[dict],
              domain: str | None) -> tuple[str, str] | None:
    candidates: list[tuple[str, str | None]] = list(
        meta_values(tree, "og:site_name", "application-name")
    )
    if art:
        candidates.append(("json-ld:publisher", text_of(art.get("publisher"))))
    candidates += [("json-ld:WebSite", text_of(o.get("name"))) for o in objects
                   if "website" in types_of(o)]
    # Some sites put their URL where the name belongs ("https://www.example.in"): not a name.
    found = _first((src, v) for src, v in candidates if v and not _URL_LIKE_NAME.match(v.strip()))
    if found:
        return found
    # Old templates name the site only in the title: the segment that spells the domain.
    title = _title(tree)
    label = domain_label(domain)
    segment = site_segment(title, [label]) if title and label else None
    return ("title", segment) if segment else None


def _language(tree: HtmlElement, art: dict | None) -> tuple[str, str] | None:
    declared = tree.get("lang") or tree.get("xml:lang")
    candidates: list[tuple[str, str | None]] = [("html:lang", declared)]
    candidates += meta_values(tree, "content-language", "og:locale", "dc.language", "language")
    for meta in page_elements(tree, "meta"):
        if (meta.get("http-equiv") or "").lower() == "content-language":
            candidates.append(("meta:content-language", meta.get("content")))
    if art:
        candidates.append(("json-ld:inLanguage", text_of(art.get("inLanguage"))))
    return _first(candidates)


def _is_tag_link(link: HtmlElement) -> bool:
    """rel="tag" (not a category), or a /tag/ link inside the article."""
    rel = (link.get("rel") or "").lower().split()
    if "tag" in rel:
        return "category" not in rel
    href = link.get("href") or ""
    if "/tag/" not in href and "/tags/" not in href:
        return False
    return any(node.tag == "article" for node in link.iterancestors()) and not in_boilerplate(link)


def _tags(tree: HtmlElement, art: dict | None) -> tuple[str, list[str]] | None:
    found: list[tuple[str, list[str]]] = []
    article_tags = [v for _, v in meta_values(tree, "article:tag")]
    if article_tags:
        found.append(("meta:article:tag", article_tags))
    if art and art.get("keywords"):
        kw = art["keywords"]
        found.append(("json-ld:keywords", kw.split(",") if isinstance(kw, str) else names_of(kw)))
    keywords = [v for _, v in meta_values(tree, "keywords", "news_keywords")]
    if keywords:
        found.append(("meta:keywords", [k for v in keywords for k in v.split(",")]))
    tag_links = [a for a in page_elements(tree, "a") if _is_tag_link(a)]
    if tag_links:
        found.append(("a:tag", [a.text_content() for a in tag_links]))
    for source, values in found:
        tags: list[str] = []
        for value in values:
            value = clean(value)
            if value and value.lower() not in (t.lower() for t in tags):
                tags.append(value)
        if tags:
            return source, tags
    return None


_NOT_LEAD_IMAGE = re.compile(
    r"logo|icon|avatar|sprite|spacer|pixel|banner|badge|emoji|gravatar|/ads?/|advert", re.IGNORECASE
)


def _size_too_small(img: HtmlElement) -> bool:
    for attr in ("width", "height"):
        value = (img.get(attr) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) < 100:
            return True
    return False


def _content_image(tree: HtmlElement) -> tuple[str, str] | None:
    """The lead image when the page declares none: a `<figure>` image, else the first content image.

    Logos, icons, avatars, ads, tiny images and anything in headers, navigation, sidebars,
    comments or footers are skipped; GIF and SVG files are almost never photos.
    """
    best: tuple[str, str] | None = None
    for img in tree.xpath("//body//img | //body//amp-img"):
        src = next((img.get(a) for a in ("data-src", "data-lazy-src", "src")
                    if img.get(a) and not img.get(a, "").startswith("data:")), None)
        if not src:
            continue
        path = urlsplit(src.strip()).path.lower()
        marker = f"{src} {img.get('alt', '')} {img.get('class', '')}"
        if path.endswith((".gif", ".svg")) or _NOT_LEAD_IMAGE.search(marker):
            continue
        if _size_too_small(img) or in_boilerplate(img) or img.xpath("ancestor::header"):
            continue
        if img.xpath("ancestor::figure"):
            return "figure", src
        best = best or ("img", src)
    return best


def _image(tree: HtmlElement, art: dict | None) -> tuple[str, str] | None:
    candidates: list[tuple[str, str | None]] = list(meta_values(tree, "og:image", "og:image:url"))
    if art:
        candidates.append(("json-ld:image", url_of(art.get("image"))))
    candidates += meta_values(tree, "twitter:image", "twitter:image:src")
    return _first(candidates) or _content_image(tree)


def _document_base(tree: HtmlElement, page_url: str | None) -> str | None:
    """The URL relative links resolve against: `<base href>` applied to the page's URL."""
    base = [href for elem in page_elements(tree, "base") if (href := elem.get("href")) is not None]
    return urljoin(page_url or "", base[0].strip()) if base and base[0].strip() else page_url


def extract_metadata(tree: HtmlElement, base_url: str | None) -> Metadata:
    """Metadata of a parsed page; `base_url` (original or fetched URL) resolves relative links."""
    objects = json_ld_objects(tree)
    art = article_object(objects)
    if art is not None:
        art = with_references(art, index_by_id(objects))
    meta = Metadata(json_ld=art)

    def put(name: str, found: tuple[str, object] | None) -> None:
        if found and found[1] not in (None, "", []):
            meta.provenance[name] = found[0]
            setattr(meta, name, found[1])

    put("url", _page_url(tree, art, base_url))
    page_url = meta.url or base_url
    domain = urlsplit(page_url).hostname if page_url else None
    put("sitename", _sitename(tree, art, objects, domain))
    names = site_names(meta.sitename, domain)
    h1 = _single_h1(tree)
    if not meta.sitename and h1 is not None and _masthead(h1, names, None):
        put("sitename", ("h1", clean(h1.text_content())))  # an <h1> that names the site
    put("headline", _headline(tree, art, names, _sections(tree, art), meta.sitename, domain))
    put("description", _first(
        [*meta_values(tree, "og:description", "description", "twitter:description"),
         ("json-ld:description", text_of(art.get("description")) if art else None)]
    ))
    headline_h1 = h1 if h1 is not None and _masthead(h1, names, _title(tree)) is None else None
    title_site = cut_site_segment(_title(tree), meta.sitename, domain)
    put("authors", find_authors(tree, art, meta.sitename, domain, headline_h1, meta.headline,
                                title_site))
    lang = _language(tree, art)
    if lang:
        meta.locale = lang[1]
        code = _LANG.match(lang[1])
        if code and len(code.group(1)) == 2:
            put("language", (lang[0], code.group(1).lower()))
    put("tags", _tags(tree, art))
    image = _image(tree, art)
    if image:
        put("image", (image[0], _absolute(_document_base(tree, page_url), image[1])))
    return meta
