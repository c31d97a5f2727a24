"""Publication and modification dates of a page, with provenance.

Order of trust for the publication date:
1. what the publisher's CMS states about the article in markup (JSON-LD of the article object,
   specific meta tags, microdata, `<time pubdate>`), kept at full precision with its offset;
   when those fields disagree, the one whose day is printed on the page wins (the byline's
   day, else any visible date), and a UTC stamp yields to the publisher's local day (URL path,
   byline) when it is the same moment; with nothing printed to say, a UTC stamp is cut in the
   publisher's offset (the page's other stamps, else its country or language: `zone`).
   When the byline shows the markup's dateModified day and the first datePublished day is printed
   nowhere, the article was republished: the shown revision is the date the page gives it
   ('...(modified, shown on page)'), unless the page labels it as an update and the URL path
   gives datePublished's day;
2. a date in the URL path ('/2013/01/15/', '/20130115-slug'; not an archive's capture stamp);
3. the date the reader sees: after a 'Published on' cue, in a date-marked element (not one of
   a list of them), inside or just below or above the headline; it also beats a lone `<time>`
   that nothing marks as the publication date. An 'Updated …' date (also after a label,
   'Letzte Änderung: …', or before one, '… -- Updated 0203 GMT') and one in the page's top bar
   count only when no other is seen; a site header's clock never beats the article's; photo
   captions and 'today is …' clocks never;
4. generic meta tags ('date', 'dc.date'), which CMSs often fill with the build time;
5. htmldate's whole-page search (reader comments, clocks, quoted posts, teasers and lists of
   dated links to other posts removed, invented first-of-month days dropped).
Text dates are days. A numeric date that reads both ways ('03/04/2013') is ordered by the
page's locale and says so in its source ('text:day-first(locale=en-GB)').
"""

from __future__ import annotations

import logging
import re
from copy import deepcopy
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from itertools import islice

from htmldate import find_date
from htmldate.utils import load_html
from lxml.html import HtmlElement

from newscrawl.extract.dates.day_order import DateOrder, page_countries, resolve_order
from newscrawl.extract.dates.iso import day_of, is_plausible, normalise
from newscrawl.extract.dates.markup import GUESS_RANK, WEAK_RANK, Candidate, markup_candidates
from newscrawl.extract.dates.text import (
    TEASER_RE,
    UPDATED,
    TextDate,
    cued_date,
    dated_link_list,
    displayed_date,
    headline_date,
    permalink_date,
    printed_days,
)
from newscrawl.extract.dates.zone import is_utc_stamp, local_statement
from newscrawl.extract.html import page_elements

LOGGER = logging.getLogger(__name__)

URL_DATE_RE = re.compile(
    r"(?<![0-9])((?:199|20[0-9])[0-9])[/_.-](0?[1-9]|1[0-2])[/_.-](0?[1-9]|[12][0-9]|3[01])(?![0-9])"
)
COMPACT_URL_DATE_RE = re.compile(
    r"(?<![0-9])((?:199|20[0-9])[0-9])(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])"
    r"(?:(?![0-9])|(?=(?:[01][0-9]|2[0-3])[0-5][0-9]))"
)
"""'/20210315/', '-20210315', '/202103151234567-slug': eight digits that end there or go on
with a time of day (hours and minutes), so a long numeric id does not pass for a date."""
YEAR_THEN_MONTH_DAY_URL_RE = re.compile(
    r"/((?:199|20[0-9])[0-9])/(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])/"
)
"""'/2021/0315/': the year as one path segment, month and day as the next (how many Chinese
news sites file their articles)."""
YEAR_MONTH_THEN_DAY_URL_RE = re.compile(
    r"/((?:199|20[0-9])[0-9])(0[1-9]|1[0-2])/(0[1-9]|[12][0-9]|3[01])/"
)
"""'/202103/15/': year and month as one path segment, the day as the next (the other split
Chinese news sites use)."""
SECTION_THEN_MONTH_DAY_URL_RE = re.compile(
    r"/((?:199|20[0-9])[0-9])(?:/[a-z][a-z_-]*){1,2}/(0?[1-9]|1[0-2])/(0?[1-9]|[12][0-9]|3[01])"
    r"(?=/|$)",
    re.IGNORECASE,
)
"""'/2013/politics/8/3/slug', '/2013/world/europe/08/03/': the year, a section (one or two
path segments of letters) and then month and day, each a path segment of its own. The day must
end its segment, so '/2013/section/8/' (no day) or '/2013/top/10/5-things' is no date."""
ARCHIVED_URL_RE = re.compile(r"/(?:199|20[0-9])[0-9]{11}(?:[a-z]{2}_)?/|https?:/+", re.I)
"""Where an archived or proxied page's path starts the original URL: after a web archive's
14-digit capture stamp ('/web/20110106023242/…', '…id_/'), or at an embedded 'http://'. The
capture stamp is when the archive saw the page, not when it was published."""


@dataclass
class PageDates:
    """The page's publication and last-modification dates (ISO 8601) and where each came from."""

    published: str | None
    published_source: str | None
    modified: str | None
    modified_source: str | None


def page_locale(tree: HtmlElement) -> str | None:
    """The page's own language hint: <html lang>, og:locale, or a content-language meta."""
    lang = tree.get("lang") or tree.get("xml:lang")
    if lang:
        return lang
    for meta in page_elements(tree, "meta"):
        key = (meta.get("property") or meta.get("http-equiv") or meta.get("name") or "").lower()
        if key in ("og:locale", "content-language", "language", "dc.language"):
            content = meta.get("content")
            if content:
                return content
    return None


def url_date(url: str | None) -> str | None:
    """A full year/month/day in the URL path ('/2013/01/15/slug', '/20130115-slug', '/2013/0115/',
    '/201301/15/'), as an ISO day; the leftmost one counts, and in an archived page's URL only
    the original's."""
    if not url:
        return None
    path = url.split("://", 1)[-1]
    path = path[path.find("/") :] if "/" in path else ""
    archived = list(ARCHIVED_URL_RE.finditer(path))
    if archived:
        path = path[archived[-1].end() :]
        path = path[path.find("/") :] if "/" in path else ""
    url_forms = (URL_DATE_RE, COMPACT_URL_DATE_RE, YEAR_THEN_MONTH_DAY_URL_RE,
                 YEAR_MONTH_THEN_DAY_URL_RE, SECTION_THEN_MONTH_DAY_URL_RE)
    matches = [m for rx in url_forms if (m := rx.search(path))]
    if not matches:
        return None
    match = min(matches, key=lambda m: m.start())
    return normalise(f"{match[1]}-{int(match[2]):02d}-{int(match[3]):02d}")


def _plausible(
    candidates: list[Candidate], kind: str, order: DateOrder, now: datetime
) -> list[tuple[tuple[str, str], int]]:
    """((iso, source), rank) of each parseable, plausible candidate of `kind`, best first."""
    found = []
    for cand in sorted((c for c in candidates if c.kind == kind), key=lambda c: c.rank):
        iso = normalise(cand.value, dayfirst=order.day_first)
        if iso is not None and is_plausible(iso, now):
            found.append(((iso, cand.source), cand.rank))
    return found


def _reading(seen: TextDate, order: DateOrder, stamped: frozenset[str]) -> tuple[str, str]:
    """The day of a printed date and its source.

    A numeric date that reads both ways ('02/11/2023') follows the locale, unless the page's
    own markup states the other reading's day and not the locale's: the publisher's CMS wrote
    both, so the stamp says which order the template prints.
    """
    if not seen.ambiguous:
        return seen.day, "text"
    other = f"{seen.day[:5]}{seen.day[8:10]}-{seen.day[5:7]}"
    if other in stamped and seen.day not in stamped:
        return other, f"text:{'month' if order.day_first else 'day'}-first(markup)"
    return seen.day, f"text:{order.label}"


def _visible_date(
    tree: HtmlElement, order: DateOrder, now: datetime,
    finders: tuple = (cued_date, displayed_date, permalink_date),
    backup: tuple = (headline_date,),
    stamped: frozenset[str] = frozenset(),
) -> tuple[str, str] | None:
    """The date the reader sees: after a 'published' cue, else in a date-marked element, else
    as the text of the post's permalink.

    A second-choice date (an 'Updated …' line, a date in the page's top bar) counts only when
    no other is seen, not even by the `backup` finders: the byline by the headline beats it.
    `stamped` holds the days the page's markup states, to read ambiguous numeric dates.
    """
    second = None
    for finder in finders + backup:
        if finder in backup and second is None:
            break
        seen = finder(tree, order)
        if seen is None or not is_plausible(seen.day, now):
            continue
        found = _reading(seen, order, stamped)
        if not seen.second_choice:
            return found
        second = second or (found[0], f"{found[1]}({seen.second_choice})")
    return second


def _local_statement(best: tuple[str, str], others: list[tuple[str, str]]) -> tuple[str, str]:
    """The same instant as a UTC `best`, as the page also states it with its local offset.

    Many CMSs write UTC into one field and local time into another; the local one carries the
    publisher's calendar day, which is what 'published on' means to a reader.
    """
    if not is_utc_stamp(best[0]):
        return best
    instant = datetime.fromisoformat(best[0])
    for iso, source in others:
        # longer than 'YYYY-MM-DDTHH:MM:SS' means it carries an offset, so it compares with UTC
        if len(iso) > 19 and not is_utc_stamp(iso) and abs(
            (datetime.fromisoformat(iso) - instant).total_seconds()
        ) < 60:
            return iso, source
    return best


def _same_moment_elsewhere(iso: str, local_day: str) -> bool:
    """A UTC timestamp whose instant falls on `local_day` in some time zone (UTC-12..UTC+14).

    The URL path and the printed byline use the publisher's local calendar; a UTC stamp one
    day off is the same moment seen from Greenwich, not a different publication day.
    """
    if not is_utc_stamp(iso):
        return False
    instant = datetime.fromisoformat(iso).replace(tzinfo=None)
    earliest = (instant - timedelta(hours=12)).date().isoformat()
    latest = (instant + timedelta(hours=14)).date().isoformat()
    return earliest <= local_day <= latest


def _choose_published(
    found: list[tuple[str, str]], local: tuple[str, str] | None
) -> tuple[str | None, str | None]:
    """The best markup date, unless it is UTC and the publisher's local day says otherwise.

    `local` is (day, source) from the URL path or the visible byline. When the best stamp is in
    UTC and falls on that day in some time zone, another markup field stating that day wins
    (it is in local time), else the local day itself at day precision: the offset is never
    converted, so the precise stamp cannot be rewritten into local time.
    """
    if not found:
        return local if local else (None, None)
    best = _local_statement(found[0], found[1:])
    if local is None or day_of(best[0]) == local[0]:
        return best
    if _same_moment_elsewhere(best[0], local[0]):
        for iso, source in found[1:]:
            if day_of(iso) == local[0]:
                return iso, source
        return local
    return best


def _corroborated(
    best: tuple[str, str], found: list[tuple[str, str]], seen: tuple[str, str]
) -> tuple[str, str]:
    """When markup fields disagree, the one whose day the reader sees on the page wins."""
    seen_day = seen[0]
    if day_of(best[0]) == seen_day:
        return best
    for iso, source in found:
        if day_of(iso) == seen_day:
            return iso, source
    return best


def _shown_revision(
    best: tuple[str, str], modified: list[tuple[tuple[str, str], int]], shown: tuple[str, str]
) -> tuple[str, str]:
    """The revision date, when the page prints it as the article's date instead of `best`.

    Only asked when `best`'s own day is printed nowhere on the page.
    A republished or reworked article keeps its first datePublished in markup while the byline
    shows the day of the revision; when the shown day is exactly the day the markup gives as
    dateModified, the page itself presents that day as the article's date (on the benchmark's
    pages this reading is right about four times as often as the markup's first date).
    """
    for (iso, source), _ in modified:
        if day_of(iso) == shown[0]:
            return iso, f"{source}(modified, shown on page)"
    return best


def _labelled_update(shown: tuple[str, str]) -> bool:
    """The page labels this printed date as a revision ('Updated …', '… -- Updated 0203 GMT').

    Such a date says when the article last changed, not that it was republished: when the URL
    path and the markup's datePublished agree on the first day, that day stands.
    """
    return shown[1].endswith(f"({UPDATED})")


def _printed_among(
    best: tuple[str, str], found: list[tuple[str, str]], tree: HtmlElement, order: DateOrder
) -> tuple[str, str]:
    """When markup fields disagree on the day, the one whose day is printed on the page wins.

    Without a byline date to decide, any visible full date is a witness: a CMS that writes
    two different days into its fields prints only the right one for the reader.
    """
    if len({day_of(iso) for iso, _ in found}) < 2:
        return best
    printed = printed_days(tree, order)
    if day_of(best[0]) in printed:
        return best
    for iso, source in found:
        if day_of(iso) in printed:
            return iso, source
    return best


def _numeric_forms(year: int, first: int, second: int) -> re.Pattern[str]:
    """Regex for 'first/second/year' with optional zero padding and a 2- or 4-digit year."""
    return re.compile(
        rf"(?<![0-9])0?{first}[./-]0?{second}[./-](?:{year}|{year % 100:02d})(?![0-9])"
    )


def _resolve_ambiguous(day: str, html: str, order: DateOrder) -> tuple[str, str]:
    """Re-read htmldate's day when the page writes it only as an ambiguous numeric date.

    htmldate reads 'dd/mm/yyyy' day-first unless the first number exceeds 12; when both readings
    are valid and the page has no unambiguous rendering of the same day, the locale decides.
    """
    year, month, dom = int(day[:4]), int(day[5:7]), int(day[8:10])
    if dom > 12 or month == dom:
        return day, "htmldate"
    iso_form = re.compile(rf"{year}[-/.]0?{month}[-/.]0?{dom}(?![0-9])")
    if iso_form.search(html):
        return day, "htmldate"
    day_first_seen = _numeric_forms(year, dom, month).search(html) is not None
    month_first_seen = _numeric_forms(year, month, dom).search(html) is not None
    if day_first_seen == month_first_seen:
        return day, "htmldate"  # neither numeric form, or both: htmldate used other evidence
    if order.day_first:
        return day, f"text:{order.label}"
    swapped = f"{year:04d}-{dom:02d}-{month:02d}"
    return swapped, f"text:{order.label}"


def _first_of_month_stated(day: str, html: str) -> bool:
    """Whether the page writes this first-of-month date anywhere (ISO, numeric or in words).

    htmldate falls back to a copyright year ('© 2016' -> 2016-01-01) or a bare month
    ('08/2018' -> 2018-08-01); those days are invented, and no date beats an invented one.
    """
    year, month = int(day[:4]), int(day[5:7])
    yy = f"(?:{year}|{year % 100:02d})"
    forms = (
        rf"{year}[-/.]0?{month}[-/.]0?1(?![0-9])",
        rf"{year}{month:02d}01(?![0-9])",
        rf"(?<![0-9])0?1\.?\s?[./-]?\s?0?{month}[./-]\s?{yy}(?![0-9])",
        rf"(?<![0-9])0?{month}/0?1/{yy}(?![0-9])",
        rf"(?<![0-9])0?1(?:st|er|\.|º)?\s+(?:de\s+)?[^\W\d_]{{3,}}\.?,?\s+(?:de\s+)?{year}",
        rf"[^\W\d_]{{3,}}\.?\s+0?1(?:st)?,?\s+{year}",
    )
    return any(re.search(form, html) for form in forms)


FOREIGN_RE = re.compile(r"comment|disqus|repl(?:y|ies)|current-?(?:date|time)", re.I)
"""Blocks whose dates are not the article's: reader comments, a clock showing today."""


def _without_foreign_dates(tree: HtmlElement, order: DateOrder) -> HtmlElement:
    """A copy of the page without reader comments, clocks, quoted posts, teasers and lists of
    dated links (other posts, each with its own day)."""
    pruned = deepcopy(tree)
    doomed = [
        elem for elem in pruned.iter()
        if isinstance(elem.tag, str) and (
            elem.tag == "blockquote"
            or (elem.tag == "article" and TEASER_RE.search(elem.get("class", "")))
            or (elem.tag not in ("html", "body", "article", "main")
                and FOREIGN_RE.search(f"{elem.get('class', '')} {elem.get('id', '')}"))
            or dated_link_list(elem, order)
        )
    ]
    for elem in doomed:
        parent = elem.getparent()
        if parent is None:
            continue
        if elem.tail:  # the text after the block belongs to the parent: keep it
            previous = elem.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + elem.tail
            else:
                parent.text = (parent.text or "") + elem.tail
        parent.remove(elem)  # nested doomed elements go with their ancestor
    return pruned


def _htmldate(tree: HtmlElement, html: str, url: str | None, order: DateOrder, now: datetime):
    """htmldate's original-date search over the page minus foreign dates, as a day."""
    try:
        found = find_date(
            _without_foreign_dates(tree, order),
            extensive_search=True,
            original_date=True,
            url=url,
            max_date=now.strftime("%Y-%m-%d"),
        )
    except (ValueError, TypeError, OverflowError) as err:  # defensive: htmldate on odd markup
        LOGGER.debug("htmldate failed: %s", err)
        return None, None
    if not found:
        return None, None
    day, source = _resolve_ambiguous(found, html, order)
    if not is_plausible(day, now):
        return None, None
    if day.endswith("-01") and not _first_of_month_stated(day, html):
        return None, None
    return day, source


MAX_STAMPS = 50
"""Enough of a page's timestamps to find its offset; a listing page can have thousands."""


def _page_stamps(tree: HtmlElement, candidates: list[Candidate]) -> list[str]:
    """The timestamps the page states in markup (its own and others'), normalised."""
    values = [c.value for c in candidates]
    values += [t.get("datetime", "") for t in islice(page_elements(tree, "time"), MAX_STAMPS)]
    return [iso for value in values if (iso := normalise(value, dayfirst=False))]


def _in_local_time(
    best: tuple[str, str], tree: HtmlElement, candidates: list[Candidate],
    countries: tuple[str, ...], order: DateOrder,
) -> tuple[str, str]:
    """A UTC `best` re-expressed in the publisher's offset when that changes its day.

    Only when nothing printed says otherwise: a page that prints the UTC day and not the
    local one shows its dates in UTC (a CMS set to UTC), and the reader's day is what counts.
    """
    if not is_utc_stamp(best[0]):
        return best
    local = local_statement(best[0], _page_stamps(tree, candidates), countries)
    if local is None:
        return best
    printed = printed_days(tree, order)
    if day_of(best[0]) in printed and day_of(local) not in printed:
        return best
    return local, f"{best[1]}(in local time)"


def _published(
    tree: HtmlElement, html: str, url: str | None, order: DateOrder,
    candidates: list[Candidate], now: datetime, countries: tuple[str, ...] = (),
) -> tuple[str | None, str | None]:
    """The publication date and its source, in the order of trust of the module docstring."""
    from_url = url_date(url)
    url_day = from_url if from_url is not None and is_plausible(from_url, now) else None
    found = _plausible(candidates, "published", order, now)
    strong = [item for item, rank in found if rank < WEAK_RANK]
    weak = [item for item, rank in found if rank >= WEAK_RANK]
    stamped = frozenset(day_of(iso) for iso in _page_stamps(tree, candidates))
    seen = _visible_date(tree, order, now, stamped=stamped)
    only_guess = all(rank >= GUESS_RANK for _, rank in found if rank < WEAK_RANK)
    if strong and only_guess and seen is not None and url_day is None and (
        day_of(strong[0][0]) != seen[0]
    ):
        return seen  # a printed, date-marked day beats an unmarked lone <time>

    if strong:
        best = _choose_published(strong, (url_day, "url") if url_day else seen)
        if seen is not None and not (url_day and day_of(best[0]) == url_day):
            best = _corroborated(best, [item for item, _ in found], seen)
        elif seen is None and url_day is None:
            best = _printed_among(best, [item for item, _ in found], tree, order)
            best = _in_local_time(best, tree, candidates, countries, order)
        shown = seen or _visible_date(tree, order, now, (headline_date,), (), stamped)
        if shown is not None and shown[0] != day_of(best[0]) and (
            day_of(best[0]) not in printed_days(tree, order)
        ) and not (_labelled_update(shown) and url_day == day_of(best[0])):
            return _shown_revision(best, _plausible(candidates, "modified", order, now), shown)
        return best
    if url_day:
        return url_day, "url"
    seen = seen or _visible_date(tree, order, now, (headline_date,), (), stamped)
    if seen is not None:
        return seen
    if weak:
        return weak[0]
    return _htmldate(tree, html, url, order, now)


def extract_dates(html: str, url: str | None = None, locale: str | None = None,
                  tree: HtmlElement | None = None) -> PageDates:
    """Published and modified dates of a page, ISO 8601 at the precision the page states.

    `url` is the page's original URL (for dates in the path and the country of the domain);
    `locale` the page's language hint ('en-US', 'en_GB', 'de'), read from the page if omitted;
    `tree` the page already parsed (only read here).
    """
    empty = PageDates(None, None, None, None)
    if not html or not html.strip():
        return empty
    if tree is None:
        tree = load_html(html)
    if tree is None:
        return empty
    now = datetime.now(timezone.utc)
    hint = locale or page_locale(tree)
    order = resolve_order(hint, url)
    candidates = markup_candidates(tree)
    published, published_source = _published(
        tree, html, url, order, candidates, now, page_countries(hint, url)
    )

    modified_found = _plausible(candidates, "modified", order, now)
    modified, modified_source = modified_found[0][0] if modified_found else (None, None)
    if modified is not None and published is not None and day_of(modified) < day_of(published):
        modified, modified_source = None, None  # an 'update' before publication is a CMS error
    return PageDates(published, published_source, modified, modified_source)
