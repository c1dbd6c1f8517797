"""Datelines as readers see them: how one is read, and the offset it gives a page's UTC time."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from newscrawl.items import JSONLD, URL_PATH, VISIBLE_DATE, DateCandidate
from newscrawl.normalize.timestamps import anchor_time, resolve_modified, resolve_published

FETCHED_AT = datetime(2019, 11, 21, 8, 0, tzinfo=UTC)
ANCHOR = anchor_time(None, FETCHED_AT)


def published(*found: tuple[str, str], tz: ZoneInfo | None = None) -> tuple[str, str, str] | None:
    result = resolve_published(tuple(DateCandidate(source, raw) for source, raw in found), tz, ANCHOR)
    return None if result is None else (result.isoformat(), result.source, result.precision)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Nov. 19, 2019 5:50 PM", ("2019-11-19T17:50:00", "minute_local")),
        ("Published: Nov. 19, 2019, 6:18 p.m.", ("2019-11-19T18:18:00", "minute_local")),
        ("By Jane Roe November 19th, 2019 at 8:40 AM", ("2019-11-19T08:40:00", "minute_local")),
        ("November 19, 2019 12:04AM ET", ("2019-11-19T00:04:00", "minute_local")),  # no zone RFC 822 names
        ("Nov 18, 2019 @17:19 PM", ("2019-11-18T17:19:00", "minute_local")),
        ("Published 11:11 PM EST Nov 19, 2019", ("2019-11-19T23:11:00-05:00", "minute")),
        ("10:01 pm PST, Tuesday, November 19, 2019", ("2019-11-19T22:01:00-08:00", "minute")),
        ("Mon 18 Nov 2019 18.54 GMT", ("2019-11-18T18:54:00+00:00", "minute")),
        ("Published 0339 GMT (1139 HKT) November 19, 2019", ("2019-11-19T03:39:00+00:00", "minute")),
        ("Nov. 19, 2019 5 p.m. EST", ("2019-11-19T17:00:00-05:00", "hour")),
        ("Nov. 19, 2019 at 11AM", ("2019-11-19T11:00:00", "hour_local")),
        ("Nov. 19, 2019 | 5 photos", ("2019-11-19T00:00:00", "day_local")),  # no am/pm: no clock
        ("Published 1139 HKT November 19, 2019", ("2019-11-19T00:00:00", "day_local")),  # HKT: not RFC 822's
        ("November 19, 2019 | 1200 Views", ("2019-11-19T00:00:00", "day_local")),
        ("Updated 0339 GMT (1139 HKT) November 19, 2019", None),  # the update alone
        ("13.11.2019, 23:06", ("2019-11-13T23:06:00", "minute_local")),  # 13 is no month
        ("21:17 18.11.2019", ("2019-11-18T21:17:00", "minute_local")),
        ("11.14.2019 09:00 AM", ("2019-11-14T09:00:00", "minute_local")),  # 14 is no month
        ("2018-08-25 15:24", ("2018-08-25T15:24:00", "minute_local")),
        ("2019年11月20日 14:03", ("2019-11-20T14:03:00", "minute_local")),
        ("2018년 8월 25일 15:24", ("2018-08-25T15:24:00", "minute_local")),
        ("le 6 décembre 2020 à 14h30", ("2020-12-06T14:30:00", "minute_local")),
        ("sexta-feira, 22 de outubro de 2010 às 20:13", ("2010-10-22T20:13:00", "minute_local")),
        ("06 Dicembre 2020 | 00:36", ("2020-12-06T00:36:00", "minute_local")),
        ("Sept. 3, 2019", ("2019-09-03T00:00:00", "day_local")),
        ("Tue, 15 September 2020 1:43PMEmail Jane Roe", ("2020-09-15T13:43:00", "minute_local")),
        ("15 September 2020 10:43 amount due", ("2020-09-15T10:43:00", "minute_local")),
        ("2019-11-13T23:06:00+01:00", ("2019-11-13T23:06:00+01:00", "second")),  # microdata's text
        ("Jane Roe, Business Insider 13.11.2019, 23:06:40", ("2019-11-13T23:06:40", "second_local")),
        ("13.11.2019 +01:00", ("2019-11-13T00:00:00", "day_local")),  # an offset is no clock
        ("25. September 2018", ("2018-09-25T00:00:00", "day_local")),
        # The update a line names is not the publication: what it says of the original is read.
        (
            "Updated Nov. 19, 2019 8:21 am ET / Original Nov. 19, 2019 8:02 am ET",
            ("2019-11-19T08:02:00", "minute_local"),
        ),
        (
            "November 18, 2019 at 2:26 PM HST - Updated November 18 at 4:46 PM",
            ("2019-11-18T14:26:00", "minute_local"),
        ),
        ("Last Updated : Nov 20, 2019 01:41 PM IST", None),
        ("05.10.2018 10:00", None),  # which number is the month no reader can tell
        ("19 Mayhem 2019 10:00", None),
        ("Nov 31, 2019 10:00", None),
        ("The council met on November 18, 2019 at 7 pm and again on the 20th, after its budget was "
         "voted by a majority of the members present", None),  # a paragraph, not a dateline
    ],
)  # fmt: skip
def test_a_dateline_is_its_first_day_and_clock(line: str, expected: tuple[str, str] | None) -> None:
    found = published((VISIBLE_DATE, line))
    assert (None if found is None else (found[0], found[2])) == expected


def test_a_dateline_in_a_site_zone_is_placed_in_it() -> None:
    shown = (VISIBLE_DATE, "Nov. 19, 2019 5:50 PM")
    assert published(shown, tz=ZoneInfo("America/Los_Angeles")) == (
        "2019-11-19T17:50:00-08:00", "visible_date", "minute",
    )  # fmt: skip


def test_a_dateline_far_from_the_day_the_url_names_gives_way_to_the_next() -> None:
    url = (URL_PATH, "https://n.example/statements/2019/nov/18/someone/claim/")
    claim = (VISIBLE_DATE, "Someone on Sunday, October 13th, 2019 in an interview")
    byline = (VISIBLE_DATE, "By Jane Roe on Monday, November 18th, 2019 at 11:08 a.m.")
    assert published(url, claim, byline) == ("2019-11-18T11:08:00", "visible_date", "minute_local")
    assert published(url, claim) == ("2019-11-18T00:00:00", "url", "day_local")


@pytest.mark.parametrize(
    ("declared", "line", "expected"),
    [
        # The page prints the UTC instant's wall-clock time: its offset is the page's.
        ("2019-11-19T00:04:00Z", "Nov. 18, 2019 7:04 pm ET", "2019-11-18T19:04:00-05:00"),
        ("2019-11-19T07:03:25+00:00", "November 18, 2019 11:03 PM", "2019-11-18T23:03:25-08:00"),
        ("2019-11-20T06:01:19Z", "10:01 pm PST, Tuesday, November 19, 2019", "2019-11-19T22:01:19-08:00"),
        ("2019-11-19T04:50:22Z", "November 19, 2019 10:20 AM", "2019-11-19T10:20:22+05:30"),
        # Not the same minute, or not a whole half hour away: the instant stays in UTC.
        ("2019-11-19T13:16:49Z", "November 19, 2019 10:07 AM", "2019-11-19T13:16:49+00:00"),
        ("2019-11-19T13:02:00Z", "November 19, 2019 10:17 AM", "2019-11-19T13:02:00+00:00"),
        ("2019-11-19T13:02:00Z", "November 20, 2019 04:02 PM", "2019-11-19T13:02:00+00:00"),  # 27 hours
        ("2019-11-19T13:02:00Z", "November 19, 2019 1:02 PM", "2019-11-19T13:02:00+00:00"),
    ],
)
def test_a_dateline_gives_the_offset_of_the_same_time_in_utc(declared: str, line: str, expected: str) -> None:
    assert published((JSONLD, declared), (VISIBLE_DATE, line)) == (expected, "jsonld", "second")


def test_a_dateline_gives_the_offset_of_the_modified_time_it_shows() -> None:
    found = (
        DateCandidate(JSONLD, "2019-11-20T06:35:39Z"),
        DateCandidate(JSONLD, "2019-11-20T06:39:54Z", "modified"),
        DateCandidate(VISIBLE_DATE, "1:39 am, Wednesday, November 20, 2019"),
    )
    modified = resolve_modified(found, None)
    assert (modified.isoformat() if modified else None) == "2019-11-20T01:39:54-05:00"


@pytest.mark.parametrize(
    ("published_at", "expected"),
    [
        ("2019-11-20T02:07:18Z", "2019-11-19T21:07:18-05:00"),  # the update's offset, 3 hours later
        ("2019-11-18T02:07:18Z", "2019-11-18T02:07:18+00:00"),  # 2 days before it: the offset may differ
    ],
)
def test_a_utc_time_takes_the_offset_the_page_gives_another_of_its_times_within_a_day(
    published_at: str, expected: str
) -> None:
    found = (
        DateCandidate(JSONLD, published_at),
        DateCandidate(JSONLD, "2019-11-20T05:24:30Z", "modified"),
        DateCandidate(VISIBLE_DATE, "12:24 am EST, Wednesday, November 20, 2019"),
    )
    result = resolve_published(found, None, ANCHOR)
    assert (result.isoformat() if result else None) == expected


@pytest.mark.parametrize(
    ("line", "language", "expected"),
    [
        ("05/10/2018 10:30 AM", "en-US", "2018-05-10T10:30:00"),
        ("05/10/2018 10:30 AM", "en_us", "2018-05-10T10:30:00"),
        ("Posted 05/10/2018 10:30", "en-PH", "2018-05-10T10:30:00"),
        ("05.10.2018 10:30", "de", "2018-10-05T10:30:00"),
        ("05/10/2018 10:30", "en-GB", "2018-10-05T10:30:00"),
        ("05/10/2018 10:30", "pt-BR", "2018-10-05T10:30:00"),
        ("05/10/2018 10:30", "es-US", "2018-10-05T10:30:00"),
        # The order its numbers fix wins over the locale's.
        ("13/10/2018 10:30", "en-US", "2018-10-13T10:30:00"),
        ("10/13/2018 10:30", "de", "2018-10-13T10:30:00"),
        # No locale, English without a region, or a language that writes the year first: unread.
        ("05/10/2018 10:30", None, None),
        ("05/10/2018 10:30", "en", None),
        ("05/10/2018 10:30", "ja-JP", None),
    ],
)
def test_a_numeric_date_is_read_in_the_order_of_the_page_locale(
    line: str, language: str | None, expected: str | None
) -> None:
    found = resolve_published((DateCandidate(VISIBLE_DATE, line),), None, ANCHOR, language)
    assert (found.isoformat() if found else None) == expected


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        # Read against the anchor (2019-11-21T08:00Z): the latest such day not after it.
        (((VISIBLE_DATE, "Posted Nov 18, 8:19 PM"),), "2019-11-18T20:19:00"),
        (((VISIBLE_DATE, "Updated Nov 19, 9:41 AM; Posted Nov 18, 8:19 PM"),), "2019-11-18T20:19:00"),
        (((VISIBLE_DATE, "18. November, 20:19"),), "2019-11-18T20:19:00"),
        (((VISIBLE_DATE, "Posted Dec 24, 8:19 PM"),), "2018-12-24T20:19:00"),  # last year's
        (((VISIBLE_DATE, "Nov 21, 9:30 PM"),), "2019-11-21T21:30:00"),  # already past east of UTC
        (((VISIBLE_DATE, "Nov 22, 1:00 AM"),), "2018-11-22T01:00:00"),  # not yet anywhere: last year's
        (((VISIBLE_DATE, "Today 12:01 AM"),), "2019-11-21T00:01:00"),
        (((VISIBLE_DATE, "Yesterday at 17:00"),), "2019-11-20T17:00:00"),
        (((VISIBLE_DATE, "Yesterday at 5 PM"),), "2019-11-20T17:00:00"),
        (((VISIBLE_DATE, "сегодня в 05:46"),), "2019-11-21T05:46:00"),
        # The year the line gives after its clock.
        (((VISIBLE_DATE, "November 20 15:23 2019"),), "2019-11-20T15:23:00"),
        # Unhappy: no clock, no day, a time after the anchor in every zone, a month that is none.
        (((VISIBLE_DATE, "Posted Nov 18"),), None),
        (((VISIBLE_DATE, "Posted 8:19 PM"),), None),
        (((VISIBLE_DATE, "Today 11:30 PM"),), None),
        (((VISIBLE_DATE, "Page 2, 8:19 PM"),), None),
    ],
)  # fmt: skip
def test_a_dateline_without_a_year_is_read_against_the_anchor(
    found: tuple[tuple[str, str], ...], expected: str | None
) -> None:
    result = published(*found)
    assert (result[0] if result else None) == expected


def test_a_dateline_without_a_year_takes_the_year_nearest_the_day_the_page_declares() -> None:
    found = (
        DateCandidate(VISIBLE_DATE, "Posted Dec 31, 11:30 PM"),
        DateCandidate(JSONLD, "2017-01-01T04:30:00Z", "modified"),
    )
    result = resolve_published(found, None, ANCHOR)
    assert (result.isoformat() if result else None) == "2016-12-31T23:30:00"
