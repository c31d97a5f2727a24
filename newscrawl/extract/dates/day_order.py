"""Which comes first in a numeric date, the day or the month, given the page's locale hints.

'03/04/2013' is 3 April in Britain and March 4 in the US. The page's language tag alone is often
not enough ('en' says nothing about the country), so a country-code top-level domain fills in the
region. CLDR's short date pattern (via Babel) then says whether the month precedes the day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError
from babel.core import get_global

TAG_RE = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_]([A-Za-z]{4}))?(?:[-_]([A-Za-z]{2}|\d{3}))?")

GENERIC_TLDS_AS_COUNTRY = {"uk": "GB", "gov": "US", "mil": "US", "edu": "US"}
"""TLDs whose country differs from the ISO code, or that are national though generic."""

NON_COUNTRY_CCTLDS = {"io", "co", "tv", "me", "fm", "ai", "ly", "to", "cc", "ws", "eu", "su"}
"""Country codes used as generic vanity domains: they say nothing about date order."""


@dataclass(frozen=True)
class DateOrder:
    """Resolved order for ambiguous numeric dates, with the locale that decided it."""

    day_first: bool
    locale: str | None
    """The locale label used (e.g. 'en-GB'), None when nothing was known (day-first default)."""

    @property
    def label(self) -> str:
        """Provenance fragment, e.g. 'day-first(locale=en-GB)' or 'day-first(default)'."""
        order = "day-first" if self.day_first else "month-first"
        where = f"locale={self.locale}" if self.locale else "default"
        return f"{order}({where})"


def country_from_url(url: str | None) -> str | None:
    """Country (ISO 3166 alpha-2) implied by the host's top-level domain, if it is national."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").rstrip(".")
    tld = host.rsplit(".", 1)[-1].lower() if "." in host else ""
    if tld in GENERIC_TLDS_AS_COUNTRY:
        return GENERIC_TLDS_AS_COUNTRY[tld]
    if len(tld) == 2 and tld.isalpha() and tld not in NON_COUNTRY_CCTLDS:
        return tld.upper()
    return None


def parse_tag(tag: str | None) -> tuple[str | None, str | None]:
    """('en', 'GB') from 'en-GB', 'en_gb', 'en-Latn-GB'; (None, None) when unusable."""
    if not tag:
        return None, None
    match = TAG_RE.match(tag)
    if match is None:
        return None, None
    lang = match[1].lower()
    region = match[3].upper() if match[3] and match[3].isalpha() else None
    return lang, region


@lru_cache(maxsize=512)
def _month_first(lang: str, region: str | None) -> bool | None:
    """CLDR says M before d in the short date pattern? None when Babel does not know it."""
    ident = f"{lang}_{region}" if region else lang
    try:
        pattern = Locale.parse(ident).date_formats["short"].pattern
    except (UnknownLocaleError, ValueError, KeyError, TypeError):
        if region:
            return _month_first(lang, None)
        return None
    d_pos, m_pos, y_pos = pattern.find("d"), pattern.find("M"), pattern.find("y")
    if d_pos < 0 or m_pos < 0:
        return None
    if 0 <= y_pos < min(d_pos, m_pos):
        # year-first locales (en-CA, fr-CA, ja) say nothing about 'dd/mm/yyyy' text:
        # fall back to the language's own convention
        return _month_first(lang, None) if region else None
    return m_pos < d_pos


@lru_cache(maxsize=512)
def resolve_order(locale: str | None, url: str | None = None) -> DateOrder:
    """Day/month order from a language tag plus the URL's country; day-first when unknown.

    The region from the tag wins over the TLD ('en-US' on a .de site is month-first); a bare
    language takes the TLD's country ('en' on .co.uk -> en-GB). With no usable hint at all we
    default to day-first, the order of most of the world's locales.
    """
    lang, region = parse_tag(locale)
    country = country_from_url(url)
    if lang is None:
        if country is None:
            return DateOrder(day_first=True, locale=None)
        # country only: use its main language's convention, e.g. '.de' -> de-DE
        try:
            likely = Locale.parse(f"und_{country}")
        except (UnknownLocaleError, ValueError):
            return DateOrder(day_first=True, locale=None)
        lang, region = likely.language, country
    elif region is None and country is not None:
        region = country
    month_first = _month_first(lang, region)
    if month_first is None:
        return DateOrder(day_first=True, locale=None)
    label = f"{lang}-{region}" if region else lang
    return DateOrder(day_first=not month_first, locale=label)

OFFICIAL = frozenset({"official", "de_facto_official"})


@lru_cache(maxsize=256)
def language_countries(lang: str) -> tuple[str, ...]:
    """The countries where CLDR lists `lang` as an official language ('de' -> AT, BE, CH, DE,
    LI, LU): where a publisher writing only that language most likely is."""
    return tuple(sorted(
        country for country, langs in get_global("territory_languages").items()
        if langs.get(lang, {}).get("official_status") in OFFICIAL
    ))


def page_countries(locale: str | None, url: str | None = None) -> tuple[str, ...]:
    """Where the publisher may be, as the page states it: the language tag's region ('en-GB'),
    else the URL's national domain ('.de'), else every country where the page's language is
    official ('de' -> the six German-speaking ones; 'en' -> dozens on every continent)."""
    lang, region = parse_tag(locale)
    country = region or country_from_url(url)
    if country:
        return (country,)
    return language_countries(lang) if lang else ()
