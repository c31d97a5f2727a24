"""Dates written with a month name: which ones dateparser is asked about, and which not.

dateparser reads every language and pays for it: each call first finds which of its two hundred
locales apply to the text, compiling their patterns as it meets them. A text that no locale
applies to ('Vol. 8, 2011', an issue number shaped like a date) makes it try and compile them
all, two seconds of a worker's time, and some of those it misreads ('No. 5, 2019' comes back as
today, through its parser of relative dates). So:

- a date with an English month name, the common case on news pages, is read here directly, the
  way dateparser reads it (same day, tested against it);
- a text without a month name in any of dateparser's languages is no date and is not passed on;
- everything else goes to dateparser.
"""

from __future__ import annotations

import calendar
import importlib
import pkgutil
import re
from datetime import date
from functools import lru_cache

from newscrawl.accents import strip_accents

ENGLISH_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
"""English month names and their three-letter forms (the C locale's, which is English)."""

_ENGLISH_DATE = re.compile(
    r"(?:(?P<day>\d{1,2})(?:st|nd|rd|th)?\.?\s+(?P<month>[a-z]+)\.?,?"
    r"|(?P<month2>[a-z]+)\.?\s+(?P<day2>\d{1,2})(?:st|nd|rd|th)?,?)"
    r"\s+(?P<year>\d{4})",
    re.IGNORECASE | re.ASCII,
)
_WORD = re.compile(r"[^\W\d_]+")


def english_word_date(text: str) -> str | None:
    """The ISO day of a whole date with an English month name and a four-digit year, or None
    when `text` is anything else (another language, a two-digit year, no such day)."""
    match = _ENGLISH_DATE.fullmatch(text.strip())
    if match is None:
        return None
    month = ENGLISH_MONTHS.get((match["month"] or match["month2"]).lower())
    if month is None:
        return None
    try:
        return date(int(match["year"]), month, int(match["day"] or match["day2"])).isoformat()
    except ValueError:
        return None


def names_a_month(text: str) -> bool:
    """Some word of `text` is (a word of) a month name in one of dateparser's languages.

    Compared without case and accents, and word by word for names of several words, so the test
    lets through more than dateparser accepts, never less.
    """
    return any(word in _month_words() for word in _WORD.findall(_plain(text)))


@lru_cache(maxsize=1)
def _month_words() -> frozenset[str]:
    """The words of every month name in dateparser's language data (loaded once, ~0.1 s)."""
    import dateparser.data.date_translation_data as data

    words: set[str] = set()
    for module in pkgutil.iter_modules(data.__path__):
        info = importlib.import_module(f"{data.__name__}.{module.name}").info
        for number in range(1, 13):
            for name in info.get(calendar.month_name[number].lower(), []):
                words.update(_WORD.findall(_plain(name)))
    return frozenset(words)


def _plain(text: str) -> str:
    """Lower-cased, without accents."""
    return strip_accents(text.lower())
