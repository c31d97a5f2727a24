"""Dates found during discovery (feed and sitemap dates) and the `since` cut-off.

Feeds use RFC 822 dates ("Tue, 24 Nov 2026 08:30:00 +0000"), sitemaps and Atom use W3C/ISO 8601
at any precision ("2026-11", "2026-11-24", "2026-11-24T08:30:00Z"). A date without a time is
compared by day, so an article dated 1 November is not "older" than since=2026-11-01T12:00.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime

from dateutil.parser import isoparse


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


def _iso_stamp(text: str) -> Stamp | None:
    """A W3C/ISO 8601 date at any precision, read by dateutil's `isoparse`; a missing zone is UTC.

    isoparse completes '2026-11' to the 1st; the text's length says what was really given,
    and the last day it can mean is kept beside the first. A space before the zone
    ('08:30:00 +01:00', common in feeds) is tolerated.
    """
    try:
        parsed = isoparse(text[:11] + text[11:].replace(" ", ""))
    except (ValueError, OverflowError):
        return None
    if len(text) == 4 or (len(text) == 7 and text[4] == "-"):
        year, month = parsed.year, parsed.month
        last = date(year, 12, 31) if len(text) == 4 else date(
            year, month, monthrange(year, month)[1])
        return Stamp(parsed.date(), None, text, last)
    if len(text) <= (10 if text[4] == "-" else 8):
        return Stamp(parsed.date(), None, text, parsed.date())
    instant = parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=timezone.utc)
    return Stamp(parsed.date(), instant, text)


def parse_stamp(text: str | None) -> Stamp | None:
    """An ISO 8601 / W3C-datetime or RFC 822 date; None when it is neither."""
    if not text or not text.strip():
        return None
    text = text.strip()
    if text[:4].isdigit():
        return _iso_stamp(text)
    try:
        instant = parsedate_to_datetime(text)
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
