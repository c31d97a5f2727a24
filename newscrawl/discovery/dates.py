"""Dates found during discovery (feed and sitemap dates) and the `since` cut-off.

Feeds use RFC 822 dates ("Tue, 24 Nov 2026 08:30:00 +0000"), sitemaps and Atom use W3C/ISO 8601
at any precision ("2026-11", "2026-11-24", "2026-11-24T08:30:00Z"). A date without a time is
compared by day, so an article dated 1 November is not "older" than since=2026-11-01T12:00.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

_ISO = re.compile(
    r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?)?)?)?\s*$"
)


@dataclass(frozen=True)
class Stamp:
    """A parsed date: the day, and the instant when a time of day was given."""

    day: date
    """The first day the text can mean."""
    instant: datetime | None
    iso: str
    """ISO 8601 text at the precision given (the form kept as an article hint)."""
    last_day: date | None = None
    """The last day the text can mean ("2026-11" runs to 30 November); None means `day`."""


def _offset(text: str | None) -> timezone:
    if not text or text == "Z":
        return timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:])
    return timezone(sign * timedelta(minutes=minutes))


def parse_stamp(text: str | None) -> Stamp | None:
    """An ISO 8601 / W3C-datetime or RFC 822 date; None when it is neither."""
    if not text or not text.strip():
        return None
    match = _ISO.match(text)
    if match:
        year, month, day, hour, minute, second, zone = match.groups()
        try:
            the_day = date(int(year), int(month or 1), int(day or 1))
            if hour is None:
                last = the_day
                if month is None:
                    last = date(the_day.year, 12, 31)
                elif day is None:
                    days = monthrange(the_day.year, the_day.month)[1]
                    last = date(the_day.year, the_day.month, days)
                return Stamp(the_day, None, text.strip(), last)
            instant = datetime(
                the_day.year, the_day.month, the_day.day, int(hour), int(minute),
                int(second or 0), tzinfo=_offset(zone),
            )
        except ValueError:
            return None
        return Stamp(the_day, instant, text.strip())
    try:
        instant = parsedate_to_datetime(text.strip())
    except (TypeError, ValueError, IndexError):
        return None
    if instant is None:
        return None
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=timezone.utc)
    return Stamp(instant.date(), instant, instant.isoformat())


def parse_since(text: str) -> Stamp:
    """The `-a since=` value; raises ValueError with a usage hint when it is not a date."""
    stamp = parse_stamp(text)
    if stamp is None:
        raise ValueError(f"since={text!r} is not a date (use YYYY-MM-DD or ISO 8601)")
    return stamp


def is_older(value: str | Stamp | None, since: Stamp | None) -> bool:
    """True only when `value` is known and strictly before `since`; unknown dates are never older.

    When either side has no time of day, the comparison is by calendar day (the date's own day,
    as stated, without converting time zones); "2026-11" counts as its last day.
    """
    if since is None or value is None:
        return False
    stamp = value if isinstance(value, Stamp) else parse_stamp(value)
    if stamp is None:
        return False
    if stamp.instant is not None and since.instant is not None:
        return stamp.instant < since.instant
    return (stamp.last_day or stamp.day) < since.day
