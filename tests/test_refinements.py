"""The chosen date completed by the page's others: an offset for a wall-clock time, a time for a day."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from newscrawl.items import (
    ARTICLE_META,
    JSONLD,
    MICRODATA,
    OTHER_META,
    TIME_ELEMENT,
    VISIBLE_DATE,
    DateCandidate,
)
from newscrawl.normalize.timestamps import resolve_modified, resolve_published

ANCHOR = datetime(2019, 11, 21, 8, 0, tzinfo=UTC)

Found = tuple[tuple[str, str], ...]


@pytest.mark.parametrize(
    ("found", "tz", "expected"),
    [
        # `article:published_time` without its offset, microdata with it: the instant, in article_meta's
        # name and precision.
        (
            ((ARTICLE_META, "2019-11-18T17:01:27.893"), (MICRODATA, "2019-11-18T17:01:27.893Z")),
            None,
            ("2019-11-18T17:01:27+00:00", "article_meta", "second"),
        ),
        # `<time datetime>` names its zone in letters RFC 822 defines.
        (
            ((MICRODATA, "2019-11-19 23:46:00"), (TIME_ELEMENT, "2019-11-19 23:46:00 UTC")),
            None,
            ("2019-11-19T23:46:00+00:00", "microdata", "second"),
        ),
        # A day alone takes the time another source gives on that day, with that source's name.
        (
            ((JSONLD, "2019-11-18"), (TIME_ELEMENT, "2019-11-18T20:28:55+00:00")),
            None,
            ("2019-11-18T20:28:55+00:00", "time_element", "second"),
        ),
        (
            ((JSONLD, "2019-11-18"), (TIME_ELEMENT, "2019-11-18T20:28:55+00:00")),
            ZoneInfo("Europe/Prague"),
            ("2019-11-18T21:28:55+01:00", "time_element", "second"),
        ),
        # Not the same value: the chosen one stands as it is.
        (
            ((ARTICLE_META, "2019-11-18T17:01:27"), (MICRODATA, "2019-11-18T17:01:28Z")),
            None,
            ("2019-11-18T17:01:27", "article_meta", "second_local"),
        ),
        (
            ((JSONLD, "2019-11-18"), (TIME_ELEMENT, "2019-11-19T01:28:55+00:00")),
            None,
            ("2019-11-18T00:00:00", "jsonld", "day_local"),
        ),
        (
            ((JSONLD, "2019-11-18"), (OTHER_META, "2019-11-18")),
            None,
            ("2019-11-18T00:00:00", "jsonld", "day_local"),
        ),
        # A zone name RFC 822 does not define is no offset for `<time datetime>`.
        (
            ((MICRODATA, "2019-11-19 23:46:00"), (TIME_ELEMENT, "2019-11-19 23:46:00 CET")),
            None,
            ("2019-11-19T23:46:00", "microdata", "second_local"),
        ),
    ],
)
def test_the_chosen_date_is_completed_by_the_same_value_said_more_exactly(
    found: Found, tz: ZoneInfo | None, expected: tuple[str, str, str]
) -> None:
    result = resolve_published(tuple(DateCandidate(source, raw) for source, raw in found), tz, ANCHOR)
    assert result is not None
    assert (result.isoformat(), result.source, result.precision) == expected


def test_a_modified_day_takes_the_modified_time_not_the_published_one() -> None:
    found = (
        DateCandidate(JSONLD, "2019-11-18T10:00:00+01:00"),
        DateCandidate(JSONLD, "2019-11-18", "modified"),
        DateCandidate(ARTICLE_META, "2019-11-18T15:30:00+01:00", "modified"),
    )
    modified = resolve_modified(found, None)
    assert (modified.isoformat() if modified else None) == "2019-11-18T15:30:00+01:00"


@pytest.mark.parametrize(
    ("declared", "line", "tz", "expected"),
    [
        # UTC's wall-clock time under the site's offset: the dateline, which names its zone, is right.
        (
            "2019-11-20T04:31:13-06:00",
            "Ann Lee - Nov 19, 2019, 10:31 pm CST",
            None,
            "2019-11-19T22:31:13-06:00",
        ),
        # Eastern wall-clock time declared as UTC, shown in Pacific time.
        (
            "2019-11-18T10:45:00Z",
            "Monday November 18, 2019 7:45 am PST by Ann Lee",
            None,
            "2019-11-18T07:45:00-08:00",
        ),
        (
            "2019-11-18T10:45:00Z",
            "Monday November 18, 2019 7:45 am PST",
            ZoneInfo("America/New_York"),
            "2019-11-18T10:45:00-05:00",
        ),
        # Agreeing: nothing to settle (the UTC time takes the dateline's offset, `in_page_offset`).
        ("2019-11-20T04:31:13Z", "Nov 19, 2019, 10:31 pm CST", None, "2019-11-19T22:31:13-06:00"),
        # Another minute: an update, or another story's time; the declared time stands.
        ("2019-11-19T07:09:00Z", "19 Nov 2019 05:44 GMT", None, "2019-11-19T07:09:00+00:00"),
        # A dateline without a zone RFC 822 names says nothing of the offset.
        (
            "2019-11-18T19:05:00-05:00",
            "Monday, November 18, 2019, 04:05 pm PT",
            None,
            "2019-11-18T19:05:00-05:00",
        ),
        # Further apart than any two zones: another day's time.
        ("2019-11-20T04:31:13-06:00", "Nov 18, 2019, 10:31 pm CST", None, "2019-11-20T04:31:13-06:00"),
    ],
)
def test_a_declared_offset_the_dateline_contradicts_gives_way_to_the_zone_the_dateline_names(
    declared: str, line: str, tz: ZoneInfo | None, expected: str
) -> None:
    found = (DateCandidate(JSONLD, declared), DateCandidate(VISIBLE_DATE, line))
    result = resolve_published(found, tz, ANCHOR)
    assert result is not None
    assert (result.isoformat(), result.source, result.precision) == (expected, "jsonld", "second")


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        # The last save in both declared fields; the `<time>` and the dateline agree on the day before.
        (
            ((TIME_ELEMENT, "2019-11-18 19:14:00"), (VISIBLE_DATE, "November 18, 2019 -- 19:14 GMT")),
            ("2019-11-18T19:14:00+00:00", "visible_date", "minute"),
        ),
        # A dateline without an offset, surely before in any zone: the `<time>`'s value.
        (
            ((TIME_ELEMENT, "2019-11-17T19:14:00+00:00"), (VISIBLE_DATE, "November 17, 2019 19:14")),
            ("2019-11-17T19:14:00+00:00", "time_element", "second"),
        ),
        # Unhappy: the two disagree, only one of them, or a wall-clock time that may be the same instant.
        (
            ((TIME_ELEMENT, "2019-11-18 19:14:00"), (VISIBLE_DATE, "November 18, 2019 -- 19:20 GMT")),
            ("2019-11-19T19:31:39", "jsonld", "second_local"),
        ),
        (
            ((VISIBLE_DATE, "November 18, 2019 -- 19:14 GMT"),),
            ("2019-11-19T19:31:39", "jsonld", "second_local"),
        ),
        (
            ((TIME_ELEMENT, "2019-11-19 12:31:00"), (VISIBLE_DATE, "November 19, 2019 12:31")),
            ("2019-11-19T19:31:39", "jsonld", "second_local"),
        ),
    ],
)
def test_a_declared_publication_that_is_the_last_save_gives_way_to_the_time_the_page_shows(
    found: Found, expected: tuple[str, str, str]
) -> None:
    declared = (
        DateCandidate(JSONLD, "2019-11-19 19:31:39"),
        DateCandidate(JSONLD, "2019-11-19 19:31:39", "modified"),
    )
    result = resolve_published(
        declared + tuple(DateCandidate(source, raw) for source, raw in found), None, ANCHOR
    )
    assert result is not None
    assert (result.isoformat(), result.source, result.precision) == expected


def test_a_declared_publication_before_its_modification_stands() -> None:
    found = (
        DateCandidate(JSONLD, "2019-11-19 19:31:39"),
        DateCandidate(JSONLD, "2019-11-19 19:45:00", "modified"),
        DateCandidate(TIME_ELEMENT, "2019-11-18 19:14:00"),
        DateCandidate(VISIBLE_DATE, "November 18, 2019 -- 19:14 GMT"),
    )
    result = resolve_published(found, None, ANCHOR)
    assert (result.isoformat() if result else None) == "2019-11-19T19:31:39"
