"""Datelines that give their day only in part: a two-digit year, a weekday alone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newscrawl.items import JSONLD, URL_PATH, VISIBLE_DATE, DateCandidate
from newscrawl.normalize.dateformats import Reading
from newscrawl.normalize.datelines import dateline
from newscrawl.page import Page
from newscrawl.sites.generic import GenericArticle
from newscrawl.sites.registry import site_named

ANCHOR = datetime(2019, 11, 21, 8, 0, tzinfo=UTC)
URL = "https://n.example/news/2019/11/18/council-votes/"
FETCHED = datetime(2020, 12, 6, 8, 0, tzinfo=UTC)
STORY = (
    "<p>The new timetable starts on Monday, with sailings every forty minutes into the evening.</p>"
    "<p>Commuters had asked for more sailings after eight for years, the operator said.</p>"
)


def read(line: str, *others: tuple[str, str], language: str | None = None) -> str | None:
    """The line read as a dateline of a page with the `others` dates."""
    found = tuple(DateCandidate(source, raw) for source, raw in others)
    result = dateline(line, VISIBLE_DATE, Reading(None, ANCHOR, found, language))
    return None if result is None else result.value.isoformat()


@pytest.mark.parametrize(
    ("line", "language", "others", "expected"),
    [
        ("By Jane Roe - 11/19/19 06:56 AM EST", "en", (), "2019-11-19T06:56:00-05:00"),  # 19: no month
        ("By Jane Roe On 11/13/19 at 4:00 PM EST", None, (), "2019-11-13T16:00:00-05:00"),
        ("11/05/19 6:38 AM", "en-US", (), "2019-11-05T06:38:00"),  # the locale's order
        ("26-09-19 12:07", "nl", (), "2019-09-26T12:07:00"),
        ("05.10.19 12:07", "de", (), "2019-10-05T12:07:00"),
        ("Publié le 27 Mar 19 à 9:21", "fr-FR", (), "2019-03-27T09:21:00"),
        ("27 Mar 19 9:21", "fr-FR", ((JSONLD, "2019-03-27"),), "2019-03-27T09:21:00"),
        ("18 Nov 18 9:21", "en-GB", ((JSONLD, "2019-01-02"),), "2018-11-18T09:21:00"),  # a year apart
        # Unhappy: no order, no clock, after the anchor, before the span, far from the declared day,
        # a language that writes the year first, a clock's hour, no such day.
        ("11/05/19 6:38 AM", "en", (), None),
        ("26-09-19", "nl", (), None),
        ("26-09-19 | 19/20 season", "nl", (), None),
        ("27 Dec 19 à 9:21", "fr-FR", (), None),  # not the yearless 27 Dec 2018 either
        ("11/25/19 6:38 AM", "en-US", (), None),
        ("11/19/88 6:38 AM", "en-US", (), None),  # 2088, after the anchor; 1988 is no reading
        ("26-09-19 12:07", "nl", ((JSONLD, "2009-09-26T12:07:00+02:00"),), None),
        ("19/09/26 12:07", "ja-JP", (), None),
        ("18. November, 20:19 Uhr 5.11.2019", "de", (), "2019-11-05T20:19:00"),  # a year of four digits
        ("31/02/19 12:07", "en-GB", (), None),
    ],
)  # fmt: skip
def test_a_two_digit_year_is_read_within_the_years_before_the_anchor(
    line: str, language: str | None, others: tuple[tuple[str, str], ...], expected: str | None
) -> None:
    assert read(line, *others, language=language) == expected


@pytest.mark.parametrize(
    ("line", "others", "expected"),
    [
        ("Monday 5:30PM", ((URL_PATH, URL),), "2019-11-18T17:30:00"),  # the URL's day is a Monday
        ("Posted Mon. 5:30 PM", ((JSONLD, "2019-11-18"),), "2019-11-18T17:30:00"),
        ("9:46 am Mon", ((JSONLD, "2019-11-18"), (URL_PATH, URL)), "2019-11-18T09:46:00"),
        # Unhappy: no other day, another weekday, days that disagree, no clock, a word that is no weekday.
        ("Monday 5:30PM", (), None),
        ("Tuesday 5:30PM", ((URL_PATH, URL),), None),
        ("Monday 5:30PM", ((JSONLD, "2019-11-11"), (URL_PATH, URL)), None),
        ("Monday", ((URL_PATH, URL),), None),
        ("Monsoon 5:30PM", ((URL_PATH, URL),), None),
    ],
)  # fmt: skip
def test_a_weekday_alone_names_the_day_the_page_gives_when_it_is_that_weekday(
    line: str, others: tuple[tuple[str, str], ...], expected: str | None
) -> None:
    assert read(line, *others) == expected


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ('<span class="date">By J. Roe - 12/06/20 06:56 AM EST</span>', "By J. Roe - 12/06/20 06:56 AM EST"),
        ('<span class="timestamp">Sunday 6:56 AM</span>', "Sunday 6:56 AM"),
        ('<span class="byline-date">By Jane Roe - 12/06/20</span>', None),  # no clock: no dateline
        ('<span class="byline">By Jane Roe, 2 comments 06/20</span>', None),
    ],
)  # fmt: skip
def test_the_generic_profile_reads_lines_with_a_short_year_or_a_weekday_as_datelines(
    byline: str, expected: str | None
) -> None:
    html = f"<html><body><h1>Ferries</h1>{byline}<div>{STORY}</div></body></html>"
    page = Page("https://n.example/news/ferries-1265473", html.encode(), "utf-8", FETCHED)
    shown = [
        found.raw
        for found in GenericArticle(page, site_named("generic")).dates()
        if found.source == VISIBLE_DATE
    ]
    assert shown == ([expected] if expected else [])
