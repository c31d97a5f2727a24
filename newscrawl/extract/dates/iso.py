"""Normalise date strings to ISO 8601 at the precision the page gives, and check plausibility.

Pages state dates as ISO timestamps (JSON-LD, meta tags, `<time datetime>`), as RFC 2822 strings
(some meta tags) or as free text. dateutil reads them all (`isoparse` for strict ISO); a string
that starts with its year is read year-month-day even when it is not strict ISO. We keep exactly
what was stated: the offset is never converted or dropped (only `Z` becomes `+00:00`), a missing
time stays missing, and fractions of a second are cut because no consumer needs them and they
are CMS noise rather than information.
"""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from dateutil import parser as dateutil_parser

EARLIEST = date(1995, 1, 1)
"""Nothing on the web predates this; earlier years are template or parsing accidents."""

YEAR_FIRST_RE = re.compile(r"\d{4}(?:[-/.]\s?\d|\d{4})")
"""A date string that starts with its year ('2021-03-07…', '2021/3/7', '2021. 3. 7.', '20210307'):
year, month, day in that order everywhere, so it is never read day-first even when it is not
strict ISO."""

DOTTED_RE = re.compile(r"\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}(?!\d)")
"""'07.03.2021': a dotted numeric date is day-first in every locale that writes it (German,
Russian, Polish, Turkish, ...), so an en-US page's markup cannot make it month-first."""

MAX_OFFSET = timedelta(hours=14)
"""Real UTC offsets run from -12:00 to +14:00: a larger one is a typo, not a time zone, and a
local wall-clock can run this far ahead of UTC ('today' there is not future)."""

ZONE_ID_RE = re.compile(r"(?<=[0-9Z])\[[A-Za-z0-9_+/-]+\]$")
"""A zone name after the offset ('…+01:00[Europe/Berlin]', RFC 9557 and Java's form): the
offset already says it."""

GMT_OFFSET_RE = re.compile(r"\b(?:GMT|UTC)\s*(?=[+-]\d)")
"""'GMT' or 'UTC' before an offset ('GMT+0100', 'UTC-5'): pages, and JavaScript's Date, mean the
offset east of UTC, but dateutil reads 'GMT+1' the POSIX way, one hour west. Without the word
the offset reads right."""

ZONE_ABBREVIATIONS = {
    "EST": -5, "EDT": -4, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8,
    "HST": -10, "WET": 0, "WEST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3,
}
"""Hours east of UTC of the zone abbreviations news pages print ('10:05 pm EST'), those that
mean one offset only (not 'IST': India, Ireland or Israel; not 'CST': US Central or China)."""
_TZINFOS = {name: hours * 3600 for name, hours in ZONE_ABBREVIATIONS.items()}

# two different defaults reveal which fields dateutil filled in by itself
_DEFAULT_A = datetime(2000, 1, 1, 0, 0, 0)
_DEFAULT_B = datetime(2001, 2, 2, 1, 1, 1)


def format_datetime(dt: datetime, has_time: bool) -> str | None:
    """ISO string of a parsed datetime, offset kept as parsed (not converted); None when the
    offset is not a real one."""
    if not has_time:
        return dt.strftime("%Y-%m-%d")
    text = dt.strftime("%Y-%m-%dT%H:%M:%S")
    offset = dt.utcoffset()
    if offset is not None:
        if abs(offset) > MAX_OFFSET:
            return None
        total = int(offset.total_seconds() // 60)
        sign = "-" if total < 0 else "+"
        total = abs(total)
        text += f"{sign}{total // 60:02d}:{total % 60:02d}"
    return text


def _stated_day(value: str) -> bool:
    """The ISO date part has a day: 'YYYY-MM-DD…' or 'YYYYMMDD…', not 'YYYY-MM' or 'YYYY'."""
    head = value[:10]
    return (len(head) == 10 and head[4] == "-" and head[7] == "-") or (
        len(value) >= 8 and value[:8].isdigit()
    )


def normalise_iso(value: str) -> str | None:
    """A strict ISO 8601 timestamp ('2013-01-15T09:42:00.000+0100', '20130115') as normalised ISO.

    dateutil's `isoparse` reads it; a string without a day ('2013-01') is rejected rather than
    completed with the first of the month, since a guessed day is worse than no date.
    """
    if not _stated_day(value):
        return None
    try:
        parsed = dateutil_parser.isoparse(value)
    except (ValueError, OverflowError):
        return None
    has_time = len(value) > (10 if value[4] == "-" else 8)
    return format_datetime(parsed, has_time)


def normalise(value: str | None, dayfirst: bool = True) -> str | None:
    """Any machine-readable date string (ISO, RFC 2822, unambiguous text) as normalised ISO.

    `dayfirst` only matters for numeric text dates such as '03/04/2013'; callers pass the
    page's locale order. Strings that lack a day, month or year are rejected rather than
    completed with defaults, because a guessed day is worse than no date.
    """
    if not value:
        return None
    value = value.strip()
    # as long as JavaScript's Date, which names its zone: '… GMT+0100 (Central European …)'
    if not value or len(value) > 100:
        return None
    value = GMT_OFFSET_RE.sub("", ZONE_ID_RE.sub("", value))
    if value.isdigit() and len(value) in (10, 13):
        return None  # a Unix timestamp carries no stated zone: not what the page 'gives'
    iso = normalise_iso(value)
    if iso is not None:
        return iso
    if YEAR_FIRST_RE.match(value):
        return _dateutil(value, dayfirst=False, yearfirst=True)
    if DOTTED_RE.match(value):
        dayfirst = True
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        parsed = None
    # an RFC 2822 date always states its zone: without one the email parser guessed (it reads
    # 'March 7, 2021 10:05 pm EST' as 10:05), so dateutil reads it
    if parsed is not None and parsed.tzinfo is not None and re.search(r"\d{1,2}:\d{2}", value):
        return format_datetime(parsed, has_time=True)
    return _dateutil(value, dayfirst)


def _dateutil(value: str, dayfirst: bool, yearfirst: bool = False) -> str | None:
    """dateutil, accepting the result only when the string stated year, month and day."""
    try:
        with warnings.catch_warnings():
            # an unknown zone name ('ZZ') parses as local time: fine, it is then not stated
            warnings.simplefilter("ignore", dateutil_parser.UnknownTimezoneWarning)
            first = dateutil_parser.parse(
                value, default=_DEFAULT_A, dayfirst=dayfirst, yearfirst=yearfirst,
                tzinfos=_TZINFOS,
            )
            second = dateutil_parser.parse(
                value, default=_DEFAULT_B, dayfirst=dayfirst, yearfirst=yearfirst,
                tzinfos=_TZINFOS,
            )
    except (ValueError, OverflowError, TypeError):
        return None
    if first.date() != second.date():
        return None
    # a time given to the minute ('2021/03/07 22:05') is stated; seconds default to zero
    has_time = (first.hour, first.minute) == (second.hour, second.minute)
    return format_datetime(first, has_time)


def is_plausible(iso: str | None, now: datetime | None = None) -> bool:
    """Not before 1995 and not after `now` (UTC, default: the current time).

    A timestamp with an offset is compared exactly; one without (or a bare day) may be up to
    UTC+14 ahead, since a local date can legitimately be 'tomorrow' in UTC terms.
    """
    if not iso:
        return False
    now = now or datetime.now(timezone.utc)
    try:
        parsed = datetime.fromisoformat(iso)
    except ValueError:
        return False
    if parsed.date() < EARLIEST:
        return False
    if parsed.tzinfo is not None:
        return parsed <= now
    latest = (now + MAX_OFFSET).replace(tzinfo=None)
    if len(iso) == 10:
        return parsed.date() <= latest.date()
    return parsed <= latest


def day_of(iso: str) -> str:
    """The YYYY-MM-DD part of a normalised ISO string."""
    return iso[:10]
