"""Publication/modification dates: markup, URL, visible text, locale order, plausibility."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newscrawl.discovery.dates import parse_stamp
from newscrawl.extract.dates.day_order import resolve_order
from newscrawl.extract.dates.extract import PageDates, extract_dates
from newscrawl.extract.dates.iso import is_plausible, normalise
from newscrawl.extract.dates.text import permalink_date
from newscrawl.extract.html import parse_html

FIXTURES = Path(__file__).resolve().parent / "fixtures"

ARTICLE = "<p>{}</p>".format(
    "The council approved the new budget after a long debate about schools and roads. " * 4
)


def page(head: str = "", body: str = "", lang: str | None = None) -> str:
    """A small article page with the given head and body extras."""
    lang_attr = f' lang="{lang}"' if lang else ""
    return (
        f"<!DOCTYPE html><html{lang_attr}><head><title>Budget passes</title>{head}</head>"
        f"<body><article><h1>Budget passes</h1>{body}{ARTICLE}</article></body></html>"
    )


def json_ld(**fields: str) -> str:
    pairs = ", ".join(f'"{key}": "{value}"' for key, value in fields.items())
    return f'<script type="application/ld+json">{{"@type": "NewsArticle", {pairs}}}</script>'


# --- markup -------------------------------------------------------------------------------


def test_json_ld_keeps_stated_offset_and_time() -> None:
    html = page(json_ld(datePublished="2013-01-15T09:42:00+01:00",
                        dateModified="2013-01-16T18:05:00+01:00"))
    dates = extract_dates(html, "https://news.example.org/budget-passes")
    assert dates == PageDates("2013-01-15T09:42:00+01:00", "json-ld",
                              "2013-01-16T18:05:00+01:00", "json-ld")


def test_json_ld_utc_z_becomes_plus_zero_and_fraction_is_cut() -> None:
    dates = extract_dates(page(json_ld(datePublished="2019-10-16T06:00:00.000Z")))
    assert dates.published == "2019-10-16T06:00:00+00:00"


def test_json_ld_in_graph_prefers_article_over_comment() -> None:
    graph = (
        '<script type="application/ld+json">{"@graph": ['
        '{"@type": "Comment", "datePublished": "2014-03-02T10:00:00+00:00"},'
        '{"@type": "BlogPosting", "datePublished": "2014-02-27T08:15:00-05:00"}]}</script>'
    )
    dates = extract_dates(page(graph))
    assert dates.published == "2014-02-27T08:15:00-05:00"


def test_meta_article_published_time() -> None:
    head = '<meta property="article:published_time" content="2020-04-28T18:00:22+02:00">'
    dates = extract_dates(page(head))
    assert (dates.published, dates.published_source) == (
        "2020-04-28T18:00:22+02:00", "meta:article:published_time")


def test_meta_without_zone_stays_without_zone() -> None:
    head = '<meta name="sailthru.date" content="2023-11-08 22:28:35">'
    assert extract_dates(page(head)).published == "2023-11-08T22:28:35"


def test_day_only_markup_stays_a_day() -> None:
    head = '<meta itemprop="datePublished" content="2021-10-13">'
    assert extract_dates(page(head)).published == "2021-10-13"


def test_time_element_with_pubdate() -> None:
    body = '<p class="byline">By Ann Lee, <time pubdate datetime="2018-05-23T15:30:00+02:00">' \
           "23 May 2018</time></p>"
    dates = extract_dates(page(body=body))
    assert dates.published == "2018-05-23T15:30:00+02:00"
    assert dates.published_source.startswith("time")


def test_published_beats_modified_and_copyright() -> None:
    head = (
        '<meta property="article:modified_time" content="2021-06-30T12:00:00+00:00">'
        '<meta property="article:published_time" content="2019-03-05T08:00:00+00:00">'
    )
    html = page(head).replace("</body>", "<footer>&copy; 2021 Example News</footer></body>")
    dates = extract_dates(html)
    assert dates.published == "2019-03-05T08:00:00+00:00"
    assert dates.modified == "2021-06-30T12:00:00+00:00"


def test_utc_stamp_gives_way_to_same_moment_in_local_time() -> None:
    # the CMS writes UTC in JSON-LD and local time in a meta tag: the local one keeps the
    # publisher's calendar day (late evening in New York is already tomorrow in UTC)
    head = json_ld(datePublished="2023-11-09T03:28:35Z") + (
        '<meta name="parsely-pub-date" content="2023-11-08T22:28:35-05:00">'
    )
    assert extract_dates(page(head)).published == "2023-11-08T22:28:35-05:00"


def test_utc_stamp_one_day_off_the_url_day_yields_the_url_day() -> None:
    head = json_ld(datePublished="2023-11-09T01:09:55+00:00")
    dates = extract_dates(page(head), "https://news.example.com/2023/11/08/budget-passes/")
    assert (dates.published, dates.published_source) == ("2023-11-08", "url")


# --- URL ----------------------------------------------------------------------------------


def test_date_in_url_path() -> None:
    dates = extract_dates(page(), "https://blog.example.net/2019/07/28/fifteen-years/")
    assert (dates.published, dates.published_source) == ("2019-07-28", "url")


# --- visible text and locale ------------------------------------------------------------


def test_day_first_text_date() -> None:
    body = '<div class="entry-meta"><span class="posted-on">Published on 15/01/2013</span></div>'
    dates = extract_dates(page(body=body), "https://news.example.org/news/budget")
    assert dates.published == "2013-01-15"
    assert dates.published_source == "text"


@pytest.mark.parametrize(
    ("locale", "url", "expected", "source"),
    [
        ("en-GB", None, "2013-04-03", "text:day-first(locale=en-GB)"),
        ("en_GB", None, "2013-04-03", "text:day-first(locale=en-GB)"),
        ("en-US", None, "2013-03-04", "text:month-first(locale=en-US)"),
        ("en", "https://www.example.co.uk/news/budget", "2013-04-03",
         "text:day-first(locale=en-GB)"),
        ("en", "https://www.example.com/news/budget", "2013-03-04", "text:month-first(locale=en)"),
    ],
)
def test_ambiguous_text_date_follows_locale(
    locale: str, url: str | None, expected: str, source: str
) -> None:
    body = '<p class="meta">Published on 03/04/2013</p>'
    dates = extract_dates(page(body=body), url, locale)
    assert (dates.published, dates.published_source) == (expected, source)


def test_ambiguous_date_uses_page_lang_when_no_hint_is_given() -> None:
    body = '<p class="meta">Posted on 03/04/2013</p>'
    assert extract_dates(page(body=body, lang="en-US")).published == "2013-03-04"
    assert extract_dates(page(body=body, lang="fr")).published == "2013-04-03"


def test_german_date_with_thin_spaces_and_cue() -> None:
    body = '<div class="att-publish-date">Von Redaktion 4.&thinsp;2.&thinsp;2022.</div>'
    assert extract_dates(page(body=body, lang="de")).published == "2022-02-04"


def test_month_name_date_in_another_language() -> None:
    body = '<p class="date">Veröffentlicht am 1. Februar 2022</p>'
    assert extract_dates(page(body=body, lang="de")).published == "2022-02-01"


def test_masthead_date_of_today_is_not_the_article_date() -> None:
    masthead = (
        '<header class="site-header"><nav><a href="/">Home</a><a href="/world">World</a></nav>'
        '<div class="header-date">Wednesday, 9 February 2022</div></header>'
    )
    html = page(head=json_ld(datePublished="2022-02-08T18:05:00+01:00")).replace(
        "<body>", "<body>" + masthead)
    assert extract_dates(html).published == "2022-02-08T18:05:00+01:00"


def test_dates_in_reader_comments_are_ignored() -> None:
    comments = (
        '<div class="comments"><div class="comment"><span class="date">Posted on 12/12/2019'
        "</span><p>Great piece!</p></div></div>"
    )
    html = page(body=comments)
    assert extract_dates(html).published is None


# --- second round: which of several dates on the page is the article's ---------------------


def test_modified_day_printed_as_the_article_date_beats_first_published() -> None:
    # republished article: markup keeps the first datePublished, the byline shows the revision
    head = json_ld(datePublished="2021-11-29T14:13:37+00:00",
                   dateModified="2022-01-12T14:27:30+00:00")
    body = '<div class="byline">Chris Hein · 8 min · 12.01.2022</div>'
    dates = extract_dates(page(head, body, lang="de"))
    assert dates.published == "2022-01-12T14:27:30+00:00"
    assert dates.published_source == "json-ld(modified, shown on page)"
    assert dates.modified == "2022-01-12T14:27:30+00:00"


def test_first_published_stays_when_the_page_prints_it_too() -> None:
    head = json_ld(datePublished="2019-06-17T00:00:00+00:00",
                   dateModified="2020-06-04T16:41:46+00:00")
    body = '<p class="date">Last updated 04 Jun 2020, originally created 17 Jun 2019</p>'
    dates = extract_dates(page(head, body, lang="en"))
    assert (dates.published, dates.published_source) == ("2019-06-17T00:00:00+00:00", "json-ld")


def test_shown_date_that_matches_no_markup_field_does_not_replace_markup() -> None:
    head = json_ld(datePublished="2019-04-30T15:10:10+00:00",
                   dateModified="2019-05-02T09:00:00+00:00")
    body = '<span class="date">21.11.2019</span>'
    assert extract_dates(page(head, body, lang="de")).published == "2019-04-30T15:10:10+00:00"


def test_disagreeing_markup_fields_settled_by_any_printed_date() -> None:
    head = json_ld(datePublished="2022-01-04T07:29:00.000Z") + (
        '<meta property="article:published_time" content="2022-01-06T08:29:34">'
    )
    body = '<div class="info-item">06.01.2022</div>'
    dates = extract_dates(page(head, body, lang="de"))
    assert (dates.published, dates.published_source) == (
        "2022-01-06T08:29:34", "meta:article:published_time")


def test_time_in_embedded_post_is_not_the_article_date() -> None:
    # an embedded social post (blockquote) carries its own <time>; it must not outvote JSON-LD
    embed = (
        '<blockquote class="embed"><p>A post shared by someone (@someone) on '
        '<time datetime="2018-03-27T07:08:52+00:00">Mar 27, 2018</time></p></blockquote>'
    )
    head = json_ld(datePublished="2018-05-23T15:30:00.000Z")
    assert extract_dates(page(head, embed)).published == "2018-05-23T15:30:00+00:00"
    assert extract_dates(page(body=embed)).published is None


def test_layout_class_naming_a_sidebar_does_not_hide_the_byline() -> None:
    html = (
        '<html lang="en"><head><title>Hydrangeas</title></head><body>'
        '<div class="container two-col with-sidebar-right"><main><h1>How to care for hydrangeas'
        '</h1><div class="author">By Sarah Yang <div class="timestamp">Updated May 06, 2019'
        f"</div></div>{ARTICLE}</main></div></body></html>"
    )
    dates = extract_dates(html)
    assert (dates.published, dates.published_source) == ("2019-05-06", "text(updated)")


def test_repeated_date_elements_are_a_list_not_the_article_date() -> None:
    events = "".join(
        f'<li class="event"><span class="datum">{day}.0{month}.2020 18:00 Uhr</span> Tasting</li>'
        for day, month in (("29", 2), ("04", 4), ("09", 5))
    )
    body = f'<ul class="events">{events}</ul>'
    html = page(head='<meta name="date" content="2020-02-11">', body=body, lang="de")
    assert (extract_dates(html).published, extract_dates(html).published_source) == (
        "2020-02-11", "meta:date")


def test_own_date_element_beside_a_list_of_other_dates_still_counts() -> None:
    related = "".join(
        f'<li><p class="date">2023-11-0{day}</p><a href="/x{day}">Other story</a></li>'
        for day in (3, 6, 3)
    )
    html = (
        '<html lang="en"><body><div class="title"><h2>Colder temperatures forecast</h2>'
        f'<p class="date">2023-11-07 15:03:30</p></div>{ARTICLE}<ul class="list">{related}</ul>'
        "</body></html>"
    )
    dates = extract_dates(html)
    assert (dates.published, dates.published_source) == ("2023-11-07", "text")


def test_teaser_articles_and_todays_date_are_ignored() -> None:
    teaser = (
        '<article class="default-teaser"><h2><a href="/other">Other story</a></h2>'
        '<footer><span class="default-teaser__date">01. Juli 2020</span></footer></article>'
    )
    clock = '<div class="current-time">Aktuelles Datum und Uhrzeit: 11/02/20, 07:22 pm</div>'
    html = page(body=clock, lang="de").replace("</body>", teaser + "</body>")
    assert extract_dates(html).published is None


def test_printed_date_beats_an_unmarked_lone_time_element() -> None:
    body = (
        '<p><span class="text_datum">31. Oktober 2023.</span> Kolumne über Bühnen.</p>'
        '<div class="tools">Zuletzt: <time datetime="2023-11-01T13:56:20+01:00">gestern</time>'
        "</div>"
    )
    dates = extract_dates(page(body=body, lang="de"))
    assert (dates.published, dates.published_source) == ("2023-10-31", "text")
    only_time = '<div class="tools"><time datetime="2023-11-01T13:56:20+01:00">gestern</time></div>'
    assert extract_dates(page(body=only_time)).published == "2023-11-01T13:56:20+01:00"


def test_date_inside_the_headline_element() -> None:
    html = (
        '<html lang="de"><head><title>Zuschauer</title></head><body><div class="news">'
        "<h1>Zuschauerrückkehr bei den Proficlubs<br><small>02.02.2022 • Presse</small></h1>"
        f"<p>Nächster Termin: 28.01.2022</p>{ARTICLE}</div></body></html>"
    )
    dates = extract_dates(html)
    assert (dates.published, dates.published_source) == ("2022-02-02", "text")


def test_kicker_date_just_above_the_headline() -> None:
    html = (
        '<html lang="de"><head><title>Transfer</title></head><body><div id="news">'
        "<p>02.02.2022 10:16 Uhr - 1. Bundesliga - PM Vereine</p>"
        f"<h1>HSV Hamburg verpflichtet Nationalspieler</h1>{ARTICLE}</div></body></html>"
    )
    dates = extract_dates(html)
    assert (dates.published, dates.published_source) == ("2022-02-02", "text")


# --- nothing, or nothing plausible -------------------------------------------------------


def test_no_date_at_all() -> None:
    assert extract_dates(page(), "https://www.example.org/about") == PageDates(
        None, None, None, None)


def test_empty_or_broken_input() -> None:
    assert extract_dates("").published is None
    assert extract_dates("\x00\x01 not html").published is None


def test_future_date_is_rejected() -> None:
    head = json_ld(datePublished="2999-01-01T00:00:00+00:00") + (
        '<meta property="article:published_time" content="2014-06-01T10:00:00+00:00">'
    )
    assert extract_dates(page(head)).published == "2014-06-01T10:00:00+00:00"
    only_future = page(json_ld(datePublished="2999-01-01"))
    assert extract_dates(only_future).published is None


def test_prehistoric_date_is_rejected() -> None:
    assert extract_dates(page(json_ld(datePublished="1970-01-01T00:00:00Z"))).published is None


def test_copyright_year_alone_is_not_a_publication_day() -> None:
    html = page().replace("</body>", "<footer><p>Copyright &copy; 2016 Example</p></footer></body>")
    assert extract_dates(html).published is None


# --- the reference page ------------------------------------------------------------------


def test_reference_page_visible_day_first_date() -> None:
    html = (FIXTURES / "mali-panetta.html").read_text(encoding="utf-8")
    dates = extract_dates(
        html, "https://news.example.org/news/us-vows-aid-for-mali-battle-but-no-boots-on-ground"
    )
    assert dates.published == "2013-01-15"


# --- helpers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2013-01-15T09:42:00+0100", "2013-01-15T09:42:00+01:00"),
        ("2013-01-15T09:42Z", "2013-01-15T09:42:00+00:00"),
        ("20130115", "2013-01-15"),
        ("2013-01-15 09:42", "2013-01-15T09:42:00"),
        ("Tue, 15 Jan 2013 09:42:00 +0100", "2013-01-15T09:42:00+01:00"),
        ("January 15, 2013", "2013-01-15"),
        ("2013-02-30", None),
        ("March 2013", None),
        ("1358239320", None),
        # starts with the year but is not strict ISO: still year-month-day, never day-first
        ("2021-03-07T22:05:0Z", "2021-03-07T22:05:00+00:00"),
        ("2021-03-07 22:05:00 UTC", "2021-03-07T22:05:00+00:00"),
        ("2021/03/07", "2021-03-07"),
        ("2021-3-7", "2021-03-07"),
        ("2021. 3. 7.", "2021-03-07"),  # Korean and Hungarian: a space after each dot
        ("2021. 03. 07. 14:05", "2021-03-07T14:05:00"),
        ("2021-13-07", None),
        ("2013-01", None),
        ("2013-01-15T09:42:00+15:00", None),
        # a zone the page names keeps its offset: Java's Date form, a 12-hour US time, RFC 9557
        ("Tue Jan 15 09:42:00 CET 2013", "2013-01-15T09:42:00+01:00"),
        ("Wed Jun 9 07:41:33 CEST 2021", "2021-06-09T07:41:33+02:00"),
        ("January 15, 2013 9:42 pm EST", "2013-01-15T21:42:00-05:00"),
        ("2013-01-15T09:42:00+01:00[Europe/Paris]", "2013-01-15T09:42:00+01:00"),
        ("January 15, 2013 9:42 PM IST", "2013-01-15T21:42:00"),  # India, Ireland or Israel
    ],
)
def test_normalise(raw: str, expected: str | None) -> None:
    assert normalise(raw) == expected


def test_plausibility_window() -> None:
    assert is_plausible("2013-01-15")
    assert not is_plausible("1994-12-31")
    assert not is_plausible("2999-01-01T00:00:00+00:00")


def test_locale_order_resolution() -> None:
    assert resolve_order("en-US").day_first is False
    assert resolve_order("de").day_first is True
    assert resolve_order(None, "https://www.example.de/x").label == "day-first(locale=de-DE)"
    assert resolve_order(None, "https://www.example.com/x").label == "day-first(default)"
    assert resolve_order("en-US", "https://www.example.de/x").day_first is False


# --- unseen-page classes: year-first strings, compact URL dates, UTC days, second-choice dates --


def test_year_first_non_iso_stamp_is_never_read_day_first() -> None:
    head = json_ld(datePublished="2021-03-07T22:05:0Z")
    dates = extract_dates(page(head, lang="de"), "https://zeitung.example.de/lokales/rat")
    assert dates.published == "2021-03-07T22:05:00+00:00"


@pytest.mark.parametrize("url", [
    "https://news.example.com/politics/202103151234567-council-passes-budget",
    "https://news.example.com/politics/council-passes-budget-20210315",
    "https://news.example.com/20210315/council-passes-budget/",
    "https://news.example.com/a/20210315_1615812345/",
    "https://news.example.com/n1/2021/0315/c1004-32051.html",
    "https://news.example.com/a/202103/15/WS6044a1b2c3.html",
])
def test_compact_date_in_url(url: str) -> None:
    assert (extract_dates(page(), url).published, extract_dates(page(), url).published_source) == (
        "2021-03-15", "url")


@pytest.mark.parametrize("url", [
    "https://news.example.com/story/2021131599-budget",  # month 13
    "https://news.example.com/story/2021031599999-budget",  # 99:99 is no time of day
    "https://news.example.com/story/20990315-budget",  # in the future
    "https://news.example.com/2021/1503/budget.html",  # month 15
    "https://news.example.com/2021/0315abc/budget.html",  # not a segment of its own
    "https://news.example.com/a/202113/15/budget.html",  # month 13
    "https://news.example.com/a/202103/15abc/budget.html",  # the day is no segment of its own
    "https://web.archive.org/web/20210315120000/news.example.com/budget.html",  # capture stamp
])
def test_digit_runs_that_are_no_publication_date(url: str) -> None:
    assert extract_dates(page(), url).published is None


def test_archived_page_keeps_the_original_urls_date() -> None:
    url = "https://web.archive.org/web/20210920101500/https://blog.example.org/2019/07/28/trip/"
    assert extract_dates(page(), url).published == "2019-07-28"


def test_utc_stamp_near_midnight_takes_the_offset_of_the_pages_other_stamps() -> None:
    head = json_ld(datePublished="2021-03-07T23:30:00Z", dateModified="2021-03-08T09:15:00+01:00")
    dates = extract_dates(page(head))
    assert dates.published == "2021-03-08T00:30:00+01:00"  # same instant, publisher's offset
    assert dates.published_source == "json-ld(in local time)"


def test_utc_stamp_near_midnight_takes_the_offset_of_a_time_element() -> None:
    head = '<meta property="article:published_time" content="2020-06-30T22:40:00+00:00">'
    related = (
        '<aside><ul><li><a href="/older">An older story</a> '
        '<time datetime="2020-06-28T10:05:00+02:00">28 June</time></li></ul></aside>'
    )
    html = page(head).replace("</body>", related + "</body>")
    assert extract_dates(html).published == "2020-07-01T00:40:00+02:00"


def test_utc_stamp_near_midnight_takes_the_countrys_time_zone() -> None:
    head = json_ld(datePublished="2021-01-14T23:10:00Z")
    dates = extract_dates(page(head, lang="de"), "https://zeitung.example.de/politik/haushalt")
    assert dates.published == "2021-01-15T00:10:00+01:00"
    summer = extract_dates(page(json_ld(datePublished="2021-07-14T22:10:00Z"), lang="de-DE"))
    assert summer.published == "2021-07-15T00:10:00+02:00"


def test_country_with_several_zones_gives_the_day_they_all_agree_on() -> None:
    # 03:00 UTC is the evening before from Hawaii to New York
    dates = extract_dates(page(json_ld(datePublished="2021-03-16T03:00:00Z"), lang="en-US"))
    assert (dates.published, dates.published_source) == ("2021-03-15", "json-ld(in local time)")


def test_utc_stamp_stays_without_any_local_evidence() -> None:
    head = json_ld(datePublished="2021-01-14T23:10:00Z")
    assert extract_dates(page(head, lang="en")).published == "2021-01-14T23:10:00+00:00"
    in_utc_zone = extract_dates(page(head, lang="en-GB"))  # London is on UTC in January
    assert in_utc_zone.published == "2021-01-14T23:10:00+00:00"


def test_utc_stamp_stays_when_the_page_prints_the_utc_day() -> None:
    # a CMS set to UTC prints its days in UTC: the reader sees the 14th
    head = json_ld(datePublished="2021-01-14T23:10:00Z")
    body = '<p class="byline">By Ann Lee, <span class="when">January 14, 2021</span></p>'
    dates = extract_dates(page(head, body, lang="de"), "https://zeitung.example.de/a/haushalt")
    assert dates.published == "2021-01-14T23:10:00+00:00"


def _article(top: str = "", under: str = "", lang: str = "en") -> str:
    """A page with `top` before the article and `under` right below its headline."""
    return (
        f'<html lang="{lang}"><head><title>Budget passes</title></head><body>{top}<article>'
        f"<h1>Budget passes</h1>{under}{ARTICLE}</article></body></html>"
    )


BYLINE = '<p class="byline">By Ann Lee, 10 March 2021</p>'


@pytest.mark.parametrize("html", [
    _article(under='<div class="meta"><span class="updated">Updated 12 March 2021</span></div>'
             + BYLINE),
    _article(under='<p class="date">Updated: 12 March 2021 | 10 March 2021</p>'),
    _article(under='<figure><img src="a.jpg"><figcaption class="photo-meta">The square on '
             "12 March 2021</figcaption></figure>" + BYLINE),
    _article(under='<figure><img src="a.jpg"><figcaption>Photo date: 12 March 2021.</figcaption>'
             "</figure><p>By Ann Lee | March 10, 2021</p>"),
    _article(top='<div class="top-line"><div class="header-date">Today is Friday, 12 March 2021'
             "</div></div>", under=BYLINE),
    _article(top='<div class="kopf"><span class="datum">Heute ist Freitag, 12. März 2021</span>'
             "</div>", under="<p>Von Anna Lehmann, 10. März 2021</p>", lang="de"),
    _article(top='<div class="date">Friday, 12 March 2021</div>',
             under="<p><b>BERLIN, 10.03.2021</b> – Der Rat hat entschieden.</p>", lang="de"),
    _article(under='<p class="stamp">12 March 2021 -- Updated 0815 GMT</p>' + BYLINE),
], ids=["updated-line", "updated-first-in-line", "caption-element", "caption-cue",
        "today-is", "heute-ist", "top-bar-date", "updated-label-after"])
def test_second_choice_dates_do_not_beat_the_byline_or_dateline(html: str) -> None:
    dates = extract_dates(html)
    assert (dates.published, dates.published_source) == ("2021-03-10", "text")


@pytest.mark.parametrize(("lang", "updated", "published"), [
    ("sv", "Uppdaterad 12 mars 2021", "Publicerad 10 mars 2021"),
    ("da", "Opdateret 12. marts 2021", "Udgivet 10. marts 2021"),
    ("fi", "Päivitetty 12.3.2021", "Julkaistu 10.3.2021"),
    ("tr", "Güncelleme: 12.03.2021", "Yayınlanma: 10.03.2021"),
    ("ru", "Обновлено 12.03.2021", "Опубликовано 10.03.2021"),
    ("cs", "Aktualizováno 12. 3. 2021", "Publikováno 10. 3. 2021"),
    ("id", "Diperbarui 12 Maret 2021", "Diterbitkan 10 Maret 2021"),
    ("ko", "수정 2021.03.12 09:15", "입력 2021.03.10 08:00"),
    ("ja", "最終更新：2021年3月12日", "公開：2021年3月10日"),
    ("zh", "更新时间：2021-03-12", "发布时间：2021-03-10"),
])
def test_an_update_line_printed_first_does_not_beat_the_publication_day(
    lang: str, updated: str, published: str
) -> None:
    html = _article(under=f'<p class="meta"><span class="date">{updated}</span> '
                    f'<span class="date">{published}</span></p>', lang=lang)
    assert (extract_dates(html).published, extract_dates(html).published_source) == (
        "2021-03-10", "text")


@pytest.mark.parametrize("printed", [
    "Posted 10 March 2021, updated 09:15", "10 March 2021 | Updated 12 March 2021 09:15",
])
def test_a_revision_label_after_a_date_with_its_own_cue_or_day_keeps_the_date(
    printed: str
) -> None:
    html = _article(under=f'<p class="stamp">{printed}</p>')
    dates = extract_dates(html)
    assert (dates.published, dates.published_source) == ("2021-03-10", "text")


def test_printed_update_day_does_not_beat_the_day_markup_and_url_agree_on() -> None:
    # the only date printed is the revision's ('... -- Updated 0203 GMT'): the article was
    # revised, not republished, and the URL confirms datePublished's day
    head = (
        '<meta itemprop="datePublished" content="2021-03-10T08:30:00Z">'
        '<meta itemprop="dateModified" content="2021-03-11T02:03:00Z">'
    )
    html = _article(under='<p class="stamp">March 11, 2021 -- Updated 0203 GMT</p>').replace(
        "</title>", "</title>" + head)
    dates = extract_dates(html, url="https://news.example/2021/03/10/budget/index.html")
    assert dates.published == "2021-03-10T08:30:00+00:00"


def test_top_bar_date_still_dates_a_page_without_any_other() -> None:
    html = _article(top='<div class="date">Friday, 12 March 2021</div>')
    assert extract_dates(html).published == "2021-03-12"


# --- discovery dates (feeds, sitemaps, `since`) --------------------------------------------------


@pytest.mark.parametrize(("text", "first", "last", "instant"), [
    ("2026", "2026-01-01", "2026-12-31", None),
    ("2026-11", "2026-11-01", "2026-11-30", None),
    ("2026-11-24", "2026-11-24", "2026-11-24", None),
    ("2026-11-24T08:30:00Z", "2026-11-24", None, "2026-11-24T08:30:00+00:00"),
    ("2026-11-24T08:30:00 +01:00", "2026-11-24", None, "2026-11-24T08:30:00+01:00"),
    ("2026-11-24 08:30", "2026-11-24", None, "2026-11-24T08:30:00+00:00"),
    ("Tue, 24 Nov 2026 08:30:00 +0000", "2026-11-24", None, "2026-11-24T08:30:00+00:00"),
])
def test_discovery_stamp_keeps_the_precision_given(
    text: str, first: str, last: str | None, instant: str | None
) -> None:
    stamp = parse_stamp(text)
    assert stamp is not None
    assert stamp.day.isoformat() == first
    assert (stamp.last_day.isoformat() if stamp.last_day else None) == last
    assert (stamp.instant.isoformat() if stamp.instant else None) == instant


@pytest.mark.parametrize("text", ["2026-13-01", "2026-11-31", "yesterday", ""])
def test_discovery_stamp_rejects_what_is_no_date(text: str) -> None:
    assert parse_stamp(text) is None


# --- more unseen-page classes: captions by class, revision-marked elements, dotted and
# year-first dates, a bare language's time zones ----------------------------------------------


@pytest.mark.parametrize("html", [
    _article(under='<div class="wp-caption"><img src="a.jpg"><p class="wp-caption-text">Photo: '
             "12.03.2021</p></div><p>Ann Lee, 10.03.2021</p>"),
    _article(under='<div class="photo"><img src="a.jpg"><span class="image-caption">The square '
             "on 12 March 2021</span></div><p>By Ann Lee | March 10, 2021</p>"),
    _article(under='<div class="info"><span class="updated">12 March 2021</span> '
             '<span class="published">10 March 2021</span></div>'),
    _article(under='<p><time class="updated" datetime="2021-03-12">12 March 2021</time></p>'
             + BYLINE),
], ids=["caption-class-paragraph", "caption-class-span", "updated-class-element",
        "updated-class-time"])
def test_caption_and_revision_elements_do_not_beat_the_byline(html: str) -> None:
    dates = extract_dates(html)
    assert (dates.published, dates.published_source) == ("2021-03-10", "text")


def test_revision_marked_element_still_dates_a_page_without_any_other() -> None:
    html = _article(under='<p class="meta"><span class="updated">12 March 2021</span></p>')
    assert extract_dates(html).published == "2021-03-12"


def test_dotted_markup_date_is_day_first_even_on_a_month_first_page() -> None:
    head = '<meta property="article:published_time" content="07.03.2021 10:00">'
    assert extract_dates(page(head, lang="en-US")).published == "2021-03-07T10:00:00"


@pytest.mark.parametrize(("printed", "lang"), [
    ("2021/03/07", "en-GB"), ("2021.03.07.", "hu"), ("2021/3/7", "ja"),
    ("2021. 3. 7. 오후 2:05", "ko"), ("2021. 03. 07. 14:05", "hu"),  # not '03. 07. 14' day-first
])
def test_year_first_printed_date_is_read_year_month_day(printed: str, lang: str) -> None:
    html = _article(under=f'<p class="date">{printed}</p>', lang=lang)
    assert (extract_dates(html).published, extract_dates(html).published_source) == (
        "2021-03-07", "text")


def test_spaced_year_first_byline_with_two_stamps_is_no_list_of_days() -> None:
    # each '2021. 03. 07. 14:05' also holds '03. 07. 14' (day-first, year 2014): read as four
    # days, the posted/edited pair under the headline would look like a list of other posts
    html = _article(under="<p>입력 2021. 03. 07. 14:05 | 수정 2021. 03. 09. 10:00</p>", lang="ko")
    assert (extract_dates(html).published, extract_dates(html).published_source) == (
        "2021-03-07", "text")


def test_year_first_stamp_given_to_the_minute_keeps_its_time() -> None:
    assert normalise("2021/03/07 22:05", dayfirst=True) == "2021-03-07T22:05:00"


@pytest.mark.parametrize(("lang", "stamp", "expected"), [
    ("de", "2021-01-14T23:10:00Z", "2021-01-15T00:10:00+01:00"),  # six countries, one zone
    ("ja", "2021-01-14T16:10:00Z", "2021-01-15T01:10:00+09:00"),
    ("fr", "2021-01-14T23:10:00Z", "2021-01-14T23:10:00+00:00"),  # Paris to Quebec: unknown
])
def test_utc_stamp_near_midnight_takes_the_time_zone_of_a_bare_language(
    lang: str, stamp: str, expected: str
) -> None:
    dates = extract_dates(page(json_ld(datePublished=stamp), lang=lang),
                          "https://news.example.com/story/council")
    assert dates.published == expected


def test_clock_right_above_the_headline_is_no_kicker_date() -> None:
    # the CMS bumps dateModified to the day of the visit, which the header clock also shows
    head = json_ld(datePublished="2021-03-10T09:00:00+01:00",
                   dateModified="2021-03-12T06:00:00+01:00")
    html = page(head).replace(
        "<article>", '<article><div class="bar">Today is Friday, 12 March 2021</div>'
    )
    assert extract_dates(html).published == "2021-03-10T09:00:00+01:00"


# --- pages without publication markup: cues in prose and as nouns, ambiguous numbers settled
# by a stamp, clocks in a page wrapper, lists of <time> elements ----------------------------


def test_publication_cue_inside_a_paragraph_of_prose_is_no_byline() -> None:
    story = (
        "<p>The second episode follows the volunteers through a flood night, and the third, "
        "which the station published on Sunday, 14.03.2021, asks what the town learned from "
        "the water. Each episode runs for twenty minutes and comes with a transcript.</p>"
    )
    html = _article(under='<p class="dateline">Leeds, 10.03.2021</p>' + story, lang="en-GB")
    assert (extract_dates(html).published, extract_dates(html).published_source) == (
        "2021-03-10", "text")


@pytest.mark.parametrize("sentence", [
    "Kim Park in Data Science Weekly, Aug 7, 2020",
    "The largest survey to date, March 2, 2020, counted every tree",
])
def test_the_word_date_as_a_noun_is_no_publication_cue(sentence: str) -> None:
    html = _article(under="<p>Ann Lee · Dec 9, 2020 · 6 min read</p>" + ARTICLE
                    + f"<div><p>{sentence}</p></div>")
    assert extract_dates(html).published == "2020-12-09"


def test_date_label_with_a_colon_is_a_publication_cue() -> None:
    html = _article(under=ARTICLE + "<p>Datum: 09.12.2020</p>", lang="de")
    assert extract_dates(html).published == "2020-12-09"


@pytest.mark.parametrize(("lang", "printed", "stamp", "expected", "source"), [
    ("en", "02/11/2023 14:00", "2023-11-02T14:00:51+00:00", "2023-11-02T14:00:51+00:00",
     "time[datetime]"),
    ("de", "11/02/2023 14:00", "2023-11-02T14:00:51+01:00", "2023-11-02", "text:month-first"),
])
def test_ambiguous_printed_date_takes_the_order_the_pages_stamp_shows(
    lang: str, printed: str, stamp: str, expected: str, source: str
) -> None:
    stamped = (f'<div class="timestamp"><time datetime="{stamp}">{printed}</time></div>'
               if source.startswith("time") else
               f'<p class="meta">{printed}</p>'
               f'<aside><time datetime="{stamp}" class="updated"></time></aside>'
               f'<span itemprop="dateModified" content="{stamp}"></span>')
    dates = extract_dates(_article(under=stamped, lang=lang))
    assert dates.published == expected
    assert dates.published_source.startswith(source)


def test_clock_in_the_page_wrapper_above_the_headline_is_no_kicker_date() -> None:
    html = (
        '<html lang="de"><body><div class="wrap"><header><nav><a href="/">Start</a>'
        '<a href="/lokal">Lokal</a></nav></header><div class="subbar"><div class="bar-date">'
        "31. Oktober 2023</div></div><main><article><h1>Ausstellung öffnet</h1>"
        '<div class="entry-meta"><span class="entry-meta-date updated">30. Oktober 2023</span>'
        f"</div>{ARTICLE}</article></main></div></body></html>"
    )
    assert extract_dates(html).published == "2023-10-30"


def test_time_elements_of_a_teaser_list_are_not_the_articles_date() -> None:
    teasers = "".join(
        f'<li><a href="/n{day}">Other story</a><span class="when">'
        f'<time class="entry-date published" datetime="2023-11-0{day}T08:00:00+00:00">'
        f"November {day}, 2023</time></span></li>"
        for day in (3, 1)
    )
    html = (
        f'<html lang="en"><body><div class="menu"><ul>{teasers}</ul></div><article>'
        '<h1>Budget passes</h1><p class="byline">By Ann Lee <time class="entry-date published" '
        f'datetime="2023-11-02T15:00:00+00:00">2 hours ago</time></p>{ARTICLE}</article>'
        "</body></html>"
    )
    assert extract_dates(html).published == "2023-11-02T15:00:00+00:00"


SHARE = "".join(
    f'<a href="https://share.example/{name}">{name}</a>' for name in ("fb", "x", "li", "wa", "em")
)


def test_header_block_holding_the_headline_is_the_articles_not_the_sites() -> None:
    # the byline's local day (evening in New York) is the UTC stamp's day before
    html = (
        f'<html lang="en"><head>{json_ld(datePublished="2020-02-25T02:25:54Z")}</head><body>'
        f'<div class="article-header"><h1>Budget passes</h1><div class="share">{SHARE}</div>'
        '<p class="byline-date">February 24, 2020 | 9:25pm</p></div>'
        f"{ARTICLE}</body></html>"
    )
    assert extract_dates(html).published == "2020-02-24"



def test_clock_in_a_masthead_holding_the_headline_yields_to_the_articles_byline() -> None:
    # the site puts the page's <h1> in its masthead, next to the logo and today's clock; the
    # article below repeats the headline and prints its own day in the byline
    html = (
        '<html lang="en-GB"><head></head><body><header class="top">'
        f'<nav>{SHARE}</nav><div class="brand"><h1>Harbour fees rise again'
        '<a href="/coast">Coast Courier</a></h1><time>Friday, 14 March 2025 - 07:40</time>'
        '</div></header><article><h2>Harbour fees rise again</h2>'
        '<p class="by"><b>Ann Lee</b> | Portlow | 13/03/2025</p>'
        f"{ARTICLE}</article></body></html>"
    )
    assert extract_dates(html).published == "2025-03-13"


def test_masthead_around_a_logo_heading_is_still_the_sites_header() -> None:
    html = (
        '<html lang="de"><head><meta name="date" content="2017-05-01T17:05:00+02:00"></head>'
        '<body><header class="masthead"><h1><a href="/">Tagesblatt</a></h1>'
        f'<nav>{SHARE}</nav><span class="date">Mittwoch, 26.02.2020</span></header>'
        f"<div><h1>Rat beschließt Haushalt</h1>{ARTICLE}</div></body></html>"
    )
    assert extract_dates(html).published == "2017-05-01T17:05:00+02:00"


@pytest.mark.parametrize(("printed", "lang"), [
    ("veröffentlicht am 14 Feb ’20", "de"), ("Posted Feb 14, '20 by Ann Lee", "en"),
])
def test_month_name_date_with_an_apostrophe_year(printed: str, lang: str) -> None:
    html = _article(under=f'<p class="info">{printed}</p>', lang=lang)
    assert extract_dates(html).published == "2020-02-14"


def test_labelled_date_far_below_yields_to_the_date_printed_with_the_headline() -> None:
    details = "<dl><dt>Camera</dt><dd>Canon</dd><dt>Exposure</dt><dd>60 x 3 min</dd></dl>"
    html = _article(under="<p>September 17, 2020 · Ann Lee</p>" + ARTICLE + details
                    + "<p>Date: 31/08/2020</p>", lang="en-GB")
    assert extract_dates(html).published == "2020-09-17"


def test_labelled_date_far_below_still_dates_a_headline_without_a_date() -> None:
    html = _article(under=ARTICLE + "<p>Date: 31/08/2020</p>", lang="en-GB")
    assert extract_dates(html).published == "2020-08-31"


@pytest.mark.parametrize(("printed", "lang"), [
    ("प्रकाशित: 9 नवंबर 2023", "hi"), ("শনিবার, নভেম্বর ৯, ২০২৩", "bn"),
    ("9 พฤศจิกายน 2023", "th"), ("2023年11月9日 10:15", "ja"), ("2023년 11월 9일 오전 10:15", "ko"),
])
def test_printed_date_in_another_script(printed: str, lang: str) -> None:
    html = _article(under=f'<p class="byline">{printed}</p>', lang=lang)
    dates = extract_dates(html)
    assert (dates.published, dates.published_source) == ("2023-11-09", "text")


def test_long_runs_of_a_script_written_without_spaces_are_scanned_promptly() -> None:
    """Thai runs its words together: a month-word pattern whose letters could match two ways
    backtracked exponentially over one long run (a list of Thai headlines, no date anywhere),
    and the worker's time limit lost the page. A child process, so a regression fails at its
    time limit instead of hanging the suite."""
    syllables = ["กา", "ริ", "นม", "สุ", "ดา", "เล", "ตา", "ปู", "ชา", "มิ", "โร", "วั", "ฒ", "นะ"]
    run = "".join(syllables[(i * 5 + i // 3) % len(syllables)] for i in range(60))
    items = "".join(f'<li><a href="/news/{k}">{run[k:]}{run[:k]}</a></li>' for k in range(5))
    html = _article(under=f"<p>{run}</p><ul>{items}</ul>", lang="th")
    code = ("import sys; from newscrawl.extract.dates.extract import extract_dates; "
            "print(extract_dates(sys.stdin.read()).published)")
    done = subprocess.run([sys.executable, "-c", code], input=html, capture_output=True,
                          text=True, timeout=60, cwd=Path(__file__).resolve().parents[1])
    assert done.stdout.strip() == "None", done.stderr[-2000:]


@pytest.mark.parametrize(("label", "lang"), [
    ("<label>Letzte Änderung:</label><div>14.01.2022 um 09:25</div>", "de"),
    ("<span>Last updated:</span> <span>14 January 2022</span>", "en"),
])
def test_revision_label_dates_a_page_whose_only_other_date_is_in_its_text(
    label: str, lang: str
) -> None:
    # without it the whole-page search takes the old date the text mentions
    html = _article(
        under=ARTICLE + "<p>The survey of 9 March 2016 is compared with the new maps.</p>"
        + f'<div class="info">{label}</div>', lang=lang,
    )
    dates = extract_dates(html)
    assert (dates.published, dates.published_source) == ("2022-01-14", "text(updated)")


def test_revision_label_yields_to_a_publication_cue_after_it() -> None:
    html = _article(under=ARTICLE + "<div><span>Updated:</span> <span>14 January 2022</span>"
                    "</div><div><span>Published:</span> <span>3 January 2022</span></div>")
    dates = extract_dates(html)
    assert (dates.published, dates.published_source) == ("2022-01-03", "text")


def test_layout_classes_of_the_body_do_not_make_it_a_masthead() -> None:
    # themes put their settings on <body> ('header-image'); the byline inside is still read,
    # also when the first <h1> is the blog's name in its masthead
    html = (
        '<html lang="de"><head><title>Rat beschließt Haushalt</title></head>'
        '<body class="single header-image"><div class="site"><h1><a href="/">Stadtblog</a></h1>'
        f'<nav>{SHARE}</nav></div><article><h1>Rat beschließt '
        'Haushalt</h1><div class="entry-meta"><time class="entry-date">26. September 2019'
        "</time></div><p><em>Aktualisiert am 19.02.2020</em></p>"
        f"{ARTICLE}</article></body></html>"
    )
    dates = extract_dates(html)
    assert (dates.published, dates.published_source) == ("2019-09-26", "text")


def test_list_of_dated_links_to_other_posts_is_not_the_articles_date() -> None:
    # no headline, no date markup: the whole-page search decides, and must skip the list
    posts = "".join(
        f'<li><i class="icon"></i> {day}<br><a href="/news/{n}">Older notice {n}</a></li>'
        for n, day in enumerate(("05.11.2021", "27.09.2016", "16.06.2016"))
    )
    html = (
        '<html lang="de"><head><title>Verband</title></head><body>'
        f'<div class="menu"><ul>{posts}</ul></div><div class="content"><p>2021-10-16 | Notice'
        f"<br></p><h4>Der Verband gratuliert</h4>{ARTICLE}</div></body></html>"
    )
    assert extract_dates(html).published == "2021-10-16"


# --- offsets written after 'GMT' / 'UTC' --------------------------------------------------------


@pytest.mark.parametrize(("raw", "expected"), [
    ("2021-03-07T22:05:00 GMT+0100", "2021-03-07T22:05:00+01:00"),
    ("March 7, 2021 10:05 pm GMT-5", "2021-03-07T22:05:00-05:00"),
    ("7.3.2021 22:05 UTC+1", "2021-03-07T22:05:00+01:00"),
    ("Sun Mar 07 2021 22:05:00 GMT+0100 (Central European Standard Time)",
     "2021-03-07T22:05:00+01:00"),
    ("Sun, 07 Mar 2021 22:05:00 GMT", "2021-03-07T22:05:00+00:00"),
])
def test_offset_after_gmt_or_utc_is_east_of_utc(raw: str, expected: str) -> None:
    """Pages (and JavaScript's Date) write 'GMT+0100' for one hour east of Greenwich;
    dateutil alone reads it the POSIX way, one hour west."""
    assert normalise(raw, dayfirst=True) == expected


def test_javascript_date_string_in_markup_keeps_its_day_and_offset() -> None:
    head = ('<meta property="article:published_time" '
            'content="Sun Mar 07 2021 23:40:00 GMT-0500 (Eastern Standard Time)">')
    assert extract_dates(page(head, lang="en-US")).published == "2021-03-07T23:40:00-05:00"


def test_utc_stamp_near_midnight_takes_the_time_zone_of_the_sites_country_domain() -> None:
    # an English-language page (no country of its own) on a Japanese domain
    dates = extract_dates(page(json_ld(datePublished="2021-01-14T16:10:00Z"), lang="en"),
                          "https://news.example.jp/story/council")
    assert dates.published == "2021-01-15T01:10:00+09:00"


# --- a section between the year and the month/day in the URL ------------------------------------


@pytest.mark.parametrize("url", [
    "https://news.example.com/2021/politics/3/15/council-passes-budget",
    "https://news.example.com/2021/world/03/15/",
    "https://news.example.com/2021/world/europe/03/15/council-passes-budget.html",
])
def test_url_date_with_a_section_before_month_and_day(url: str) -> None:
    assert (extract_dates(page(), url).published, extract_dates(page(), url).published_source) == (
        "2021-03-15", "url")


@pytest.mark.parametrize("url", [
    "https://news.example.com/2021/politics/3/council-passes-budget",  # no day
    "https://news.example.com/2021/politics/3/",  # no day
    "https://news.example.com/2021/lists/10/5-things-to-know",  # '5' starts a slug
    "https://news.example.com/2021/politics/13/15/budget",  # month 13
])
def test_year_section_and_numbers_that_are_no_day(url: str) -> None:
    assert extract_dates(page(), url).published is None


PARTICIPLE_FOOTER = (
    '<p class="postinfo"><small>Dieser Eintrag wurde am Dienstag, 14. März 2017 um 10:12 Uhr '
    'veröffentlicht und unter <a href="/k/hafen">Hafen</a>, <a href="/k/boote">Boote</a> und '
    '<a href="/k/verein">Verein</a> abgelegt. Du kannst die Antworten zu diesem Eintrag über '
    'den Feed verfolgen und selbst eine Antwort hinterlassen.</small></p>'
)
"""German word order puts 'veröffentlicht' after the date; the footer sentence runs on
(categories, feed notice) long enough to look like prose."""


def test_date_before_a_participle_closing_the_template_sentence() -> None:
    html = page(lang="de").replace("</article>", f"</article>{PARTICIPLE_FOOTER}")
    assert extract_dates(html).published == "2017-03-14"


def test_date_before_a_participle_is_read_as_printed_not_guessed() -> None:
    html = page(lang="de").replace("</article>", f"</article>{PARTICIPLE_FOOTER}")
    assert extract_dates(html).published_source == "text"


BLOG_POST = """<!DOCTYPE html><html lang="de"><head><title>Hafenfest | Quayside Blog</title>
</head><body><div class="header"><h1><a href="/">Quayside Blog</a></h1></div>
<div class="widget Blog" id="Blog1"><div class="post"><h1>Hafenfest</h1>{text}
<div class="post-links"><a href="#" rel="bookmark">{day}</a> / <span class="author">Ines</span>
</div></div></div></body></html>"""


def test_date_of_the_post_permalink_in_a_blog_widget() -> None:
    html = BLOG_POST.format(text=ARTICLE, day="März 14, 2017")
    assert extract_dates(html).published == "2017-03-14"


def test_date_of_the_post_permalink_is_read_as_printed_not_guessed() -> None:
    html = BLOG_POST.format(text=ARTICLE, day="März 14, 2017")
    assert extract_dates(html).published_source == "text"


def test_permalinks_of_several_days_are_a_list_of_posts() -> None:
    other = '<p><a href="/b" rel="bookmark">März 2, 2017</a></p>'
    tree = parse_html(BLOG_POST.format(text=ARTICLE + other, day="März 14, 2017"))
    assert permalink_date(tree, resolve_order("de", None)) is None
