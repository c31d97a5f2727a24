"""Recognising the site's name in a page title or byline ("Headline | The Valley Post").

A title segment is the site's name when it spells the declared site name or the domain's name.
Only such a segment (or, with no site name known, a short last one after '|') is removed, so a
headline that merely contains a separator ("Brexit: May wins vote") stays whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import tldextract

from newscrawl.extract.html import clean
from newscrawl.extract.words import CJK

_CJK = r"\u3000-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
"""Chinese, Japanese and Korean characters (with their full-width punctuation)."""
_CJK_CLOSERS = "?!\"'”’)"
"""Half-width punctuation a Chinese or Japanese headline may end on ('啥来头?_网易新闻')."""
TITLE_SEPARATORS = re.compile(
    r"\s+(?:::|\|\||//|--|[|–—·•»«›‹:/\-])\s+|(?<=\w):\s+|\s+[|–—·•»«›‹]\s*$"
    rf"|\s*[｜：]\s*|(?<=[{_CJK}])[_\-](?=[{_CJK}])|(?<=[{_CJK_CLOSERS}])_(?=[{_CJK}])"
)
"""Separators between a title's segments ('|', dashes, '·', '»', single chevrons '›' '‹' (old
WordPress themes: 'Headline ‹ Site'), ':', '/', doubled '::' and
'--'; in Chinese and Japanese titles, which set no spaces, the full-width bar '｜' and colon
'：', and an underscore or hyphen between two of their characters: '标题_城市日报',
'标题-城市日报', also an underscore after a question or exclamation mark, a quote or a
bracket ending the headline: '标题?_城市日报'); a segment is only dropped when it names the site."""
SEPARATOR_CHARS = " |–—·•»«›‹:/-｜：_"
"""What is stripped where a segment was cut off (the separators' characters and spaces)."""
_PARENTHESISED = re.compile(r"\s*\(([^()]+)\)$")
"""A site's name in parentheses after the headline ('Headline (Valley Post)')."""
_BREADCRUMB = re.compile(r"\s+[»›>]\s+")
_BAR_SEPARATORS = "|›‹"
"""Separators no headline uses as punctuation (unlike a dash or a colon): with no site name
known, a short last segment after one is the site's name."""
_CJK_BARS = ("_", "｜")
"""The same in Chinese and Japanese titles: the underscore and the full-width bar before the
last segment ('标题_城市日报')."""


_MIN_CONTAINED = 4
"""Letters a name needs to count as the site's when another name contains it."""
_MIN_CONTAINED_CJK = 2
"""The same in Chinese or Japanese characters (two make a word: '网易' in '网易新闻')."""


def _squash(text: str) -> str:
    """Letters and digits only, lower case, '&' read as 'and': 'Crumb & Co' -> 'crumbandco'."""
    return re.sub(r"[\W_]+", "", text.lower().replace("&", "and"))


def _abbreviates(label: str, words: list[str]) -> bool:
    """True when `label` spells `words` in order, each word by its initial or in full:
    'nytimes' for "New York Times", 'wsj' for "Wall Street Journal" (how domains shorten names).
    """
    if not words:
        return not label
    word, rest = words[0], words[1:]
    return any(label.startswith(part) and _abbreviates(label[len(part):], rest)
               for part in {word[:1], word} if part)


def is_site_name(segment: str, site: str) -> bool:
    """True when a title segment names the site: same words, one contains most of the other, or
    one is the other's abbreviation (a domain name made of initials and words)."""
    seg, name = _squash(segment), _squash(site)
    if not seg or not name:
        return False
    if seg == name:
        return True
    short, long = sorted((seg, name), key=len)
    least = _MIN_CONTAINED_CJK if CJK.search(short) else _MIN_CONTAINED
    if len(short) >= least and short in long and len(short) >= len(long) / 2:
        return True
    for label, text in ((name, segment), (seg, site)):
        words = [_squash(w) for w in text.split()]
        words = [w for w in words if w][int(bool(words) and words[0] == "the"):]
        if len(label) >= 3 and len(words) >= 2 and _abbreviates(label, words):
            return True
    return False


def site_names(sitename: str | None, domain: str | None) -> list[str]:
    """The names a page's site goes by: its declared name, that name without a tagline
    ("Valley Post - Local news for the valley" -> "Valley Post"), and its domain's name."""
    names = [sitename] if sitename else []
    if sitename:
        head = TITLE_SEPARATORS.split(sitename)[0].strip()
        if head and head != sitename and len(head.split()) <= 5:
            names.append(head)
    label = domain_label(domain)
    return names + ([label] if label else [])


def site_segment(title: str, names: Iterable[str]) -> str | None:
    """The first or last segment of a title that names the site ("… | Daily Courier")."""
    parts = [p.strip() for p in TITLE_SEPARATORS.split(title) if p.strip()]
    if len(parts) < 2:
        return None
    for name in names:
        for part in (parts[-1], parts[0]):
            if is_site_name(part, name):
                return part
    return None


def _crumbs(rest: str, separator: str) -> list[str]:
    """The steps of a breadcrumb after a site prefix: split at '»', '›', '>' or at the separator
    that followed the site's name ("Site | News | Headline"), when every step but the last is
    a short label."""
    crumbs = [c.strip() for c in _BREADCRUMB.split(rest)]
    if len(crumbs) == 1 and separator and separator not in ":-":
        crumbs = [c.strip() for c in rest.split(f" {separator} ")]
    if any(len(c.split()) > 3 for c in crumbs[:-1]):
        return [rest]
    return crumbs


def strip_site_name(title: str, sitename: str | None, domain: str | None = None) -> str:
    """Remove a site-name prefix or suffix ("Headline | Site", "Site - Headline") from a title.

    The site is recognised by its name, or by the domain's name ('valleypost' in
    'The Valley Post'); without either, only a short last segment after '|', '›' or '‹' (in
    Chinese and Japanese titles also '_' and '｜') is dropped. A site
    named in the middle ("Headline : Site | Tagline") ends the headline; after a site prefix,
    the last step of a breadcrumb ("Site » Archive » Headline") is the headline.
    """
    if sitename and _squash(title) == _squash(sitename):
        sitename = None  # a site that declares a page's title as its name: use its domain
    names = site_names(sitename, domain)
    bracketed = _PARENTHESISED.search(title)
    if bracketed and any(is_site_name(bracketed.group(1), name) for name in names):
        return clean(title[: bracketed.start()]) or title
    parts = [p.strip() for p in TITLE_SEPARATORS.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    segment = site_segment(title, names)
    if segment is not None:
        if segment == parts[-1]:
            rest = before_segment(title, segment) or ""
        else:
            after = title[title.find(segment) + len(segment) :]
            rest = after.lstrip(SEPARATOR_CHARS)
            crumbs = _crumbs(rest, after[: len(after) - len(rest)].strip())
            if len(crumbs) > 1 and len(crumbs[-1].split()) >= 3:
                rest = crumbs[-1]
        return clean(rest) or title
    middle = next((p for p in parts[1:-1] if any(is_site_name(p, n) for n in names)), None)
    if middle is not None:
        at = title.find(middle)
        head = clean(title[:at].rstrip(SEPARATOR_CHARS)) or ""
        tagline_follows = title[at + len(middle):].lstrip().startswith("|")
        if tagline_follows and len(head.split()) >= 3:
            return head
    last = parts[-1]
    before_last = title[: title.rfind(last)].rstrip()
    bar = any(b in title for b in _BAR_SEPARATORS) or before_last.endswith(_CJK_BARS)
    if not sitename and len(last.split()) <= 4 and len(last) < len(title) / 2 and bar:
        return before_segment(title, last) or title
    return title


def cut_site_segment(title: str | None, sitename: str | None, domain: str | None) -> str | None:
    """The last segment `strip_site_name` cuts off `title` as the site's name ('网易新闻' of
    '标题_网易新闻'): how the page itself names its site when nothing else does."""
    if not title:
        return None
    headline = strip_site_name(title, sitename, domain)
    if headline == title or not title.startswith(headline):
        return None
    return clean(title[len(headline):].strip(SEPARATOR_CHARS)) or None


def before_segment(title: str, segment: str) -> str | None:
    """The title before its last `segment`, without the separator between them."""
    return clean(title[: title.rfind(segment)].rstrip(SEPARATOR_CHARS))


def after_segment(title: str, segment: str) -> str | None:
    """The title after its first `segment`, without the separator between them."""
    return clean(title[title.find(segment) + len(segment) :].lstrip(SEPARATOR_CHARS))


@lru_cache(maxsize=1)
def _registry() -> tldextract.TLDExtract:
    """The public-suffix list bundled with tldextract: never fetched, never cached on disk."""
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def domain_label(domain: str | None) -> str | None:
    """The name part of a host: 'www.valleypost.co.uk' -> 'valleypost', 'news.bbc.co.uk' -> 'bbc'
    (the label left of the public suffix; under a top-level domain the list does not know, such
    as the reserved '.example', the label left of the last); None for IP addresses."""
    if not domain:
        return None
    parts = _registry()(domain.lower())
    if parts.ipv4 or parts.ipv6 or not parts.domain:
        return None
    if not parts.suffix and parts.subdomain:
        return parts.subdomain.split(".")[-1]
    return parts.domain
