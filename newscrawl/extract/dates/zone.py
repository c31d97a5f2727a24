"""The publisher's own UTC offset, to cut the day of a timestamp that the page gives only in UTC.

A CMS that stores UTC ('2021-03-07T23:30:00Z') prints the article under the publisher's local
day (8 March in Berlin). The offset comes from the page itself first, another of its timestamps
stated with a non-zero offset (the nearest in time, so summer time is right), then from the
site's country (its country-code domain or language tag's region; with a bare language tag,
every country where that language is official) when every time zone of those countries puts
the instant on the same day ('de' at 23:10 UTC is the next day in all six German-speaking
countries; 'en' or 'fr' span too many zones to say). The value keeps its instant, re-expressed
in that offset.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.core import get_global

from newscrawl.extract.dates.iso import day_of, format_datetime


def is_utc_stamp(iso: str) -> bool:
    """A normalised timestamp stated in UTC ('…T23:30:00+00:00'), not a bare day."""
    return len(iso) > 10 and iso.endswith("+00:00")


def _offset_stamps(values: Iterable[str]) -> list[datetime]:
    """The aware datetimes among normalised ISO values whose offset is not zero."""
    found = []
    for iso in values:
        if len(iso) <= 19:
            continue  # a day or a wall-clock time without offset
        parsed = datetime.fromisoformat(iso)
        if parsed.utcoffset():
            found.append(parsed)
    return found


@lru_cache(maxsize=256)
def _zones(country: str) -> tuple[ZoneInfo, ...]:
    """The IANA time zones CLDR lists for a country ('DE' -> Europe/Berlin, …)."""
    zones = []
    for name in get_global("territory_zones").get(country, ()):
        try:
            zones.append(ZoneInfo(name))
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return tuple(zones)


def _in_countries(instant: datetime, countries: tuple[str, ...]) -> str | None:
    """The instant in the countries' local time when all their zones agree on the calendar
    day: with their offset when they share one, else as the day alone (the offset is unknown)."""
    zones = [zone for country in countries for zone in _zones(country)]
    if not zones:
        return None
    local = [instant.astimezone(zone) for zone in zones]
    if len({moment.date() for moment in local}) != 1:
        return None
    if len({moment.utcoffset() for moment in local}) != 1:
        return local[0].date().isoformat()
    return format_datetime(local[0], has_time=True)


def local_statement(
    iso: str, page_stamps: Iterable[str], countries: tuple[str, ...]
) -> str | None:
    """A UTC stamp re-expressed in the publisher's offset, when that puts it on another day.

    `page_stamps` are the page's other normalised timestamps; `countries` the ISO 3166 codes
    where the publisher may be (`day_order.page_countries`).
    None when the stamp is not in UTC, no offset is known, or the day stays the same.
    """
    if not is_utc_stamp(iso):
        return None
    instant = datetime.fromisoformat(iso)
    stamps = _offset_stamps(page_stamps)
    if stamps:
        nearest = min(stamps, key=lambda stamp: abs(stamp - instant))
        offset = timezone(nearest.utcoffset() or timedelta(0))
        local = format_datetime(instant.astimezone(offset), has_time=True)
    else:
        local = _in_countries(instant, countries)
    if local is None or day_of(local) == day_of(iso):
        return None
    return local
