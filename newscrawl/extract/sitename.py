"""Recognising the site's name in a page title or byline ("Headline | The Valley Post").

A title segment is the site's name when it spells the declared site name or the domain's name.
Only such a segment (or, with no site name known, a short last one after '|') is removed, so a
headline that merely contains a separator ("Brexit: May wins vote") stays whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newscrawl.extract.html import clean

TITLE_SEPARATORS = re.compile(r"\s+[|–—·•»«:\-]\s+|(?<=\w):\s+|\s+[|–—·•»«]\s*$")
"""Separators between a title's segments; a segment is only dropped when it names the site."""
_SEPARATOR_CHARS = " |–—·•»«:-"


def _squash(text: str) -> str:
    """Letters and digits only, lower case, '&' read as 'and': 'Crumb & Co' -> 'crumbandco'."""
    return re.sub(r"[\W_]+", "", text.lower().replace("&", "and"))


def is_site_name(segment: str, site: str) -> bool:
    """True when a title segment names the site (same words, or one contains most of the other)."""
    seg, name = _squash(segment), _squash(site)
    if not seg or not name:
        return False
    if seg == name:
        return True
    short, long = sorted((seg, name), key=len)
    return len(short) >= 4 and short in long and len(short) >= len(long) / 2


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


def strip_site_name(title: str, sitename: str | None, domain: str | None = None) -> str:
    """Remove a site-name prefix or suffix ("Headline | Site", "Site - Headline") from a title.

    The site is recognised by its name, or by the domain's name ('valleypost' in
    'The Valley Post'); without either, only a short last segment after '|' is dropped.
    """
    parts = [p.strip() for p in TITLE_SEPARATORS.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    names = [n for n in (sitename, domain_label(domain)) if n]
    segment = site_segment(title, names)
    if segment is not None:
        if segment == parts[-1]:
            rest = title[: title.rfind(segment)].rstrip(_SEPARATOR_CHARS)
        else:
            rest = title[title.find(segment) + len(segment) :].lstrip(_SEPARATOR_CHARS)
        return clean(rest) or title
    last = parts[-1]
    if not sitename and len(last.split()) <= 4 and len(last) < len(title) / 2 and "|" in title:
        return clean(title[: title.rfind(last)].rstrip(_SEPARATOR_CHARS)) or title
    return title


_SECOND_LEVEL = {"co", "com", "net", "org", "gov", "ac", "edu", "ne", "or", "go", "gv", "nic"}


def domain_label(domain: str | None) -> str | None:
    """The name part of a host: 'www.valleypost.co.uk' -> 'valleypost', 'news.bbc.co.uk' -> 'bbc'.
    """
    if not domain:
        return None
    labels = [x for x in domain.lower().split(".") if x and x != "www"]
    if len(labels) < 2:
        return labels[0] if labels else None
    labels = labels[:-1]  # the top-level domain
    if len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
        labels = labels[:-1]  # 'co' of co.uk, 'com' of com.au
    return labels[-1]
