"""Month-name dates: English ones read without dateparser, texts without a month name not
passed to it; what dateparser is still asked reads the same."""

import itertools
from datetime import date

import pytest

from newscrawl.extract.dates.month_words import (
    ENGLISH_MONTHS,
    english_word_date,
    names_a_month,
)
from newscrawl.extract.dates.text import _word_date, _word_parser

SHAPES = ("{d} {m} {y}", "{m} {d}, {y}", "{m}. {d} {y}", "{d}th {m}, {y}", "{d}. {m} {y}",
          "{m} {d}st {y}")


def dateparser_day(text: str, day_first: bool) -> str | None:
    parsed = _word_parser(day_first).get_date_data(text)["date_obj"]
    return parsed.date().isoformat() if parsed else None


@pytest.mark.parametrize("month", sorted(ENGLISH_MONTHS))
def test_english_dates_read_as_dateparser_reads_them(month: str) -> None:
    for shape, (day, year), name in itertools.product(
        SHAPES, [(1, 2026), (29, 2024), (31, 1999)], (month, month.upper(), month.title())
    ):
        text = shape.format(d=day, m=name, y=year)
        assert english_word_date(text) == dateparser_day(text, True), text


@pytest.mark.parametrize("text", ["31 February 2026", "February 30, 2023", "12 Maio 2020",
                                  "12 May ’20", "Vol. 8, 2011", "May 2026"])
def test_not_an_english_whole_date(text: str) -> None:
    assert english_word_date(text) is None


@pytest.mark.parametrize("text", ["22 de outubro de 2010", "3. Februar 2022", "3. Marz 2021",
                                  "24 сентября 2018", "26 Ottobre 2023", "Maret 30, 2015"])
def test_month_names_of_other_languages_go_to_dateparser(text: str) -> None:
    assert names_a_month(text)
    assert _word_date.__wrapped__(text, True) == dateparser_day(text, True)


@pytest.mark.parametrize("text", ["Vol. 8, 2011", "Art 12, 2020", "Page 4, 2018"])
def test_numbered_labels_are_no_dates(text: str) -> None:
    """Issue and page numbers shaped like dates: dateparser would try all its locales on them."""
    assert not names_a_month(text)
    assert _word_date.__wrapped__(text, True) is None


def test_a_whole_date_shape_is_never_read_as_today() -> None:
    """'No' names a month in some language, so this reaches dateparser, whose parser of
    relative dates would answer with today's date."""
    assert _word_date.__wrapped__("No. 5, 2019", True) != date.today().isoformat()
