"""Normalise date strings to ISO 8601 at the precision the page gives, and check plausibility.

Pages state dates as ISO timestamps (JSON-LD, meta tags, `<time datetime>`), as RFC 2822 strings
(some meta tags) or as free text. We keep exactly what was stated: the offset is never converted
or dropped (only `Z` becomes `+00:00`), a missing time stays missing, and fractions of a second
are cut because no consumer needs them and they are CMS noise rather than information.
"""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from dateutil import parser as dateutil_parser

EARLIEST = date(1995, 1, 1)
"""Nothing on the web predates this; earlier years are template or parsing accidents."""

MAX_AHEAD = timedelta(hours=14)
"""The furthest a local wall-clock can run ahead of UTC (UTC+14): 'today' there is not future."""

ISO_RE = re.compile(
    r"^\s*(?P<y>\d{4})-?(?P<m>\d{2})-?(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):?(?P<M>\d{2})(?::?(?P<S>\d{2})(?:[.,]\d+)?)?"
    r"\s*(?P<tz>Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?\s*$"
)

# two different defaults reveal which fields dateutil filled in by itself
_DEFAULT_A = datetime(2000, 1, 1, 0, 0, 0)
_DEFAULT_B = datetime(2001, 2, 2, 1, 1, 1)


def _fmt_offset(tz: str | None) -> str:
    """'Z'/'UTC' -> '+00:00', '+0100'/'+01' -> '+01:00'; None -> no offset."""
    if tz is None:
        return ""
    if tz.upper() in ("Z", "UTC", "GMT"):
        return "+00:00"
    digits = tz[1:].replace(":", "")
    hours, minutes = digits[:2], (digits[2:4] or "00")
    return f"{tz[0]}{hours}:{minutes}"


def _fmt_datetime(dt: datetime, has_time: bool) -> str:
    """ISO string of a parsed datetime, offset kept as parsed (not converted)."""
    if not has_time:
        return dt.strftime("%Y-%m-%d")
    text = dt.strftime("%Y-%m-%dT%H:%M:%S")
    offset = dt.utcoffset()
    if offset is not None:
        total = int(offset.total_seconds() // 60)
        sign = "-" if total < 0 else "+"
        total = abs(total)
        text += f"{sign}{total // 60:02d}:{total % 60:02d}"
    return text


def normalise_iso(value: str) -> str | None:
    """An ISO-like timestamp ('2013-01-15T09:42:00.000+0100', '20130115') as normalised ISO."""
    match = ISO_RE.match(value)
    if match is None:
        return None
    try:
        day = date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None
    if match["H"] is None:
        return day.isoformat()
    hour, minute, second = int(match["H"]), int(match["M"]), int(match["S"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    tz = match["tz"]
    if tz and tz[0] in "+-" and (int(tz[1:3]) > 14 or int(tz.replace(":", "")[3:5] or 0) > 59):
        return None
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}:{second:02d}{_fmt_offset(tz)}"


def normalise(value: str | None, dayfirst: bool = True) -> str | None:
    """Any machine-readable date string (ISO, RFC 2822, unambiguous text) as normalised ISO.

    `dayfirst` only matters for numeric text dates such as '03/04/2013'; callers pass the
    page's locale order. Strings that lack a day, month or year are rejected rather than
    completed with defaults, because a guessed day is worse than no date.
    """
    if not value:
        return None
    value = value.strip()
    if not value or len(value) > 64:
        return None
    iso = normalise_iso(value)
    if iso is not None:
        return iso
    if value.isdigit() and len(value) in (10, 13):
        return None  # a Unix timestamp carries no stated zone: not what the page 'gives'
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None and re.search(r"\d{1,2}:\d{2}", value):
        return _fmt_datetime(parsed, has_time=True)
    return _dateutil(value, dayfirst)


def _dateutil(value: str, dayfirst: bool) -> str | None:
    """dateutil, accepting the result only when the string stated year, month and day."""
    try:
        with warnings.catch_warnings():
            # an unknown zone name ('ZZ') parses as local time: fine, it is then not stated
            warnings.simplefilter("ignore", dateutil_parser.UnknownTimezoneWarning)
            first = dateutil_parser.parse(value, default=_DEFAULT_A, dayfirst=dayfirst)
            second = dateutil_parser.parse(value, default=_DEFAULT_B, dayfirst=dayfirst)
    except (ValueError, OverflowError, TypeError):
        return None
    if first.date() != second.date():
        return None
    has_time = first.time() == second.time()
    return _fmt_datetime(first, has_time)


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
    latest = (now + MAX_AHEAD).replace(tzinfo=None)
    if len(iso) == 10:
        return parsed.date() <= latest.date()
    return parsed <= latest


def day_of(iso: str) -> str:
    """The YYYY-MM-DD part of a normalised ISO string."""
    return iso[:10]
