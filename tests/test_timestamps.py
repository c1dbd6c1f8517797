"""The timestamp ranking of the site contract, one row per rule, edge and fall-through."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from newscrawl.items import (
    ARTICLE_META,
    JSONLD,
    MICRODATA,
    OTHER_META,
    PUBLISHEDDATE_META,
    RELATIVE_TEXT,
    TIME_ELEMENT,
    URL_PATH,
    VISIBLE_DATE,
    DateCandidate,
)
from newscrawl.normalize.timestamps import anchor_time, resolve, resolve_modified, resolve_published

SAST = ZoneInfo("Africa/Johannesburg")
# The crawl clock, pinned; it differs from REF_DATE so a fallback to it shows in the result.
FETCHED_AT = datetime(2022, 2, 16, 13, 50, 30, tzinfo=UTC)
REF_DATE = "Wed, 16 Feb 2022 13:45:00 GMT"  # 15:45 SAST

Expected = tuple[str, str, str] | None
Candidates = tuple[DateCandidate, ...]
# The date strings of the site contract, by where the page shows them: (source, role) of each.
SLOTS = {
    "jsonld_published": (JSONLD, "published"),
    "jsonld_modified": (JSONLD, "modified"),
    "meta_published": (ARTICLE_META, "published"),
    "meta_modified": (ARTICLE_META, "modified"),
    "time_datetime": (TIME_ELEMENT, "published"),
    "publisheddate": (PUBLISHEDDATE_META, "published"),
    "visible_date": (VISIBLE_DATE, "published"),
    "relative_text": (RELATIVE_TEXT, "published"),
}


def candidates(**found: str) -> Candidates:
    """The page's date candidates, from the strings found in each slot of the contract."""
    return tuple(DateCandidate(SLOTS[slot][0], raw, SLOTS[slot][1]) for slot, raw in found.items())


def row(expected: Expected, http_date: str | None = REF_DATE, **dates: str) -> tuple[object, ...]:
    return (candidates(**dates), http_date, expected)


CASES = [
    # Tier 1: JSON-LD, article:published_time, <time datetime> with an offset.
    pytest.param(
        *row(
            ("2022-02-16T14:56:00+02:00", "jsonld", "second"),
            jsonld_published="2022-02-16T14:56:00+02:00",
            meta_published="2022-02-16T14:50:00+02:00",
            time_datetime="2022-02-16T14:40:00+02:00",
            publisheddate="2022/02/16 14:30:00",
            visible_date="2022-02-16",
            relative_text="49m ago",
        ),
        id="reference-full-metadata-jsonld-wins",
    ),
    pytest.param(
        *row(
            ("2022-02-16T14:56:00+02:00", "jsonld", "second"),
            jsonld_published="2022-02-16T12:56:00Z",
        ),
        id="jsonld-zulu-converted-to-site-zone",
    ),
    pytest.param(
        *row(
            ("2022-02-16T14:56:00+02:00", "jsonld", "second"),
            jsonld_published="2022-02-16T07:56:00.987654-05:00",
        ),
        id="jsonld-other-offset-fraction-dropped",
    ),
    pytest.param(
        *row(
            ("2022-02-16T14:56:00+02:00", "jsonld", "second"),
            jsonld_published=" 2022-02-16T14:56:00 ",
        ),
        id="jsonld-naive-read-as-site-time",
    ),
    pytest.param(
        *row(("2022-02-16T00:00:00+02:00", "jsonld", "day"), jsonld_published="2022-02-16"),
        id="jsonld-date-only-is-day-precision",
    ),
    pytest.param(
        *row(
            ("2022-02-16T14:50:00+02:00", "article_meta", "second"),
            jsonld_published="Wednesday afternoon",
            meta_published="2022-02-16T14:50:00+02:00",
        ),
        id="jsonld-garbled-falls-to-meta",
    ),
    pytest.param(
        *row(
            ("2022-02-17T00:30:00+02:00", "article_meta", "second"),
            meta_published="2022-02-16T22:30:00+00:00",
        ),
        id="meta-utc-evening-is-next-site-day",
    ),
    pytest.param(
        *row(
            ("2022-02-16T14:56:00+02:00", "time_element", "second"),
            meta_published="2022-02-30T14:50:00+02:00",
            time_datetime="2022-02-16T12:56:00Z",
        ),
        id="meta-garbled-falls-to-time-element",
    ),
    pytest.param(
        *row(
            ("2022-02-16T14:30:00+02:00", "publisheddate_meta", "second"),
            time_datetime="2022-02-16T14:56:00",
            publisheddate="2022/02/16 14:30:00",
        ),
        id="time-element-naive-ignored",
    ),
    pytest.param(
        *row(
            ("2022-02-16T00:00:00+02:00", "visible_date", "day"),
            time_datetime="2022-02-16",
            visible_date="2022-02-16",
        ),
        id="time-element-date-only-ignored",
    ),
    # Tier 2: meta name=publisheddate, naive site time.
    pytest.param(
        *row(
            ("2022-02-16T14:56:00+02:00", "publisheddate_meta", "second"),
            time_datetime="16 Feb 2022",
            publisheddate="2022/02/16 14:56:00",
        ),
        id="time-element-garbled-falls-to-publisheddate",
    ),
    pytest.param(
        *row(
            ("2022-02-16T14:56:00+02:00", "publisheddate_meta", "minute"),
            publisheddate="2022/02/16 14:56",
        ),
        id="publisheddate-without-seconds-is-minute",
    ),
    pytest.param(
        *row(
            ("2022-02-16T14:56:00+02:00", "relative_text", "minute"),
            publisheddate="2022/02/30 14:56:00",
            relative_text="49m ago",
        ),
        id="publisheddate-impossible-day-falls-to-relative",
    ),
    pytest.param(
        *row(
            ("2022-02-16T00:00:00+02:00", "visible_date", "day"),
            publisheddate="16/02/2022 14:56",
            visible_date="2022-02-16",
        ),
        id="publisheddate-day-first-not-guessed",
    ),
    # Tier 3: relative text anchored at the Date header, in site time.
    pytest.param(
        *row(
            ("2022-02-16T14:56:00+02:00", "relative_text", "minute"),
            visible_date="2022-02-16",
            relative_text="49m ago",
        ),
        id="reference-textonly",
    ),
    pytest.param(
        *row(
            ("2022-02-16T14:56:00+02:00", "relative_text", "minute"),
            relative_text=" 49 MINS\u00a0AGO\n",
        ),
        id="minutes-spelled-case-and-space-insensitive",
    ),
    pytest.param(
        *row(("2022-02-16T15:44:00+02:00", "relative_text", "minute"), relative_text="1 minute ago"),
        id="one-minute-ago",
    ),
    pytest.param(
        *row(
            ("2022-02-16T15:45:00+02:00", "relative_text", "minute"),
            "Wed, 16 Feb 2022 13:45:59 GMT",
            relative_text="Just now",
        ),
        id="just-now-truncated-to-minute",
    ),
    pytest.param(
        *row(("2022-02-16T13:45:00+02:00", "relative_text", "hour"), relative_text="2h ago"),
        id="hours-short",
    ),
    pytest.param(
        *row(
            ("2022-02-16T12:44:00+02:00", "relative_text", "hour"),
            "Wed, 16 Feb 2022 13:44:30 GMT",
            relative_text="3 hrs ago",
        ),
        id="hours-spelled-truncated-to-minute",
    ),
    pytest.param(
        *row(("2022-02-14T00:00:00+02:00", "relative_text", "day"), relative_text="2d ago"),
        id="days-short",
    ),
    pytest.param(
        *row(
            ("2022-02-16T00:00:00+02:00", "relative_text", "day"),
            "Wed, 16 Feb 2022 22:30:00 GMT",
            relative_text="1 day ago",
        ),
        id="days-counted-in-site-time-after-site-midnight",
    ),
    pytest.param(
        *row(
            ("2022-02-28T00:00:00+02:00", "relative_text", "day"),
            "Tue, 01 Mar 2022 08:00:00 GMT",
            relative_text="yesterday",
        ),
        id="yesterday-month-boundary",
    ),
    pytest.param(
        *row(
            ("2022-02-28T00:00:00+02:00", "relative_text", "day"),
            "Mon, 28 Feb 2022 22:30:00 GMT",
            relative_text="Yesterday",
        ),
        id="yesterday-month-boundary-utc-still-previous-day",
    ),
    pytest.param(
        *row(
            ("2021-12-31T00:00:00+02:00", "relative_text", "day"),
            "Sat, 01 Jan 2022 08:00:00 GMT",
            relative_text="yesterday",
        ),
        id="yesterday-year-boundary",
    ),
    pytest.param(
        *row(
            ("2021-12-31T00:00:00+02:00", "relative_text", "day"),
            "Fri, 31 Dec 2021 22:30:00 GMT",
            relative_text="yesterday",
        ),
        id="yesterday-year-boundary-utc-still-previous-year",
    ),
    pytest.param(
        *row(
            ("2022-02-16T23:40:00+02:00", "relative_text", "minute"),
            "Wed, 16 Feb 2022 21:50:00 GMT",
            visible_date="2022-02-16",
            relative_text="10m ago",
        ),
        id="utc-2150-is-site-2350-same-day",
    ),
    pytest.param(
        *row(
            ("2022-02-17T00:20:00+02:00", "relative_text", "minute"),
            "Wed, 16 Feb 2022 22:30:00 GMT",
            visible_date="2022-02-17",
            relative_text="10m ago",
        ),
        id="utc-2230-is-site-0030-next-day",
    ),
    pytest.param(
        *row(
            ("2022-02-17T00:00:00+02:00", "relative_text", "minute"),
            "Wed, 16 Feb 2022 22:00:00 GMT",
            relative_text="just now",
        ),
        id="just-now-at-site-midnight",
    ),
    pytest.param(
        *row(
            ("2022-02-16T00:00:00+02:00", "visible_date", "day"),
            "Wed, 16 Feb 2022 22:30:00 GMT",
            visible_date="2022-02-16",
            relative_text="10m ago",
        ),
        id="relative-on-next-site-day-visible-date-wins",
    ),
    pytest.param(
        *row(
            ("2022-02-15T00:00:00+02:00", "visible_date", "day"),
            visible_date="15 February 2022",
            relative_text="49m ago",
        ),
        id="relative-contradicts-visible-date-visible-wins",
    ),
    pytest.param(
        *row(
            ("2022-02-16T14:56:00+02:00", "relative_text", "minute"),
            visible_date="Wednesday",
            relative_text="49m ago",
        ),
        id="unparsable-visible-date-cannot-contradict",
    ),
    pytest.param(
        *row(("2022-02-15T00:00:00+02:00", "relative_text", "day"), relative_text="15 Feb"),
        id="day-month-in-anchor-year",
    ),
    pytest.param(
        *row(
            ("2022-02-16T00:00:00+02:00", "relative_text", "day"),
            "Tue, 15 Feb 2022 22:30:00 GMT",
            relative_text="16 Feb",
        ),
        id="day-month-equal-to-site-date-is-not-future",
    ),
    pytest.param(
        *row(
            ("2021-02-15T00:00:00+02:00", "relative_text", "day"),
            "Mon, 10 Jan 2022 08:00:00 GMT",
            relative_text="15 Feb",
        ),
        id="day-month-after-january-anchor-is-previous-year",
    ),
    pytest.param(
        *row(
            ("2021-12-31T00:00:00+02:00", "relative_text", "day"),
            "Mon, 10 Jan 2022 08:00:00 GMT",
            relative_text="31 December",
        ),
        id="december-in-january-is-previous-year",
    ),
    pytest.param(
        *row(("2021-02-15T00:00:00+02:00", "relative_text", "day"), relative_text="15 Feb 2021"),
        id="day-month-year-explicit",
    ),
    # The anchor falls back to the pinned crawl clock: 13:50:30 UTC = 15:50 SAST.
    pytest.param(
        *row(("2022-02-16T15:01:00+02:00", "relative_text", "minute"), None, relative_text="49m ago"),
        id="missing-date-header-uses-fetched-at",
    ),
    pytest.param(
        *row(
            ("2022-02-16T15:01:00+02:00", "relative_text", "minute"),
            "yesterday-ish",
            relative_text="49m ago",
        ),
        id="garbled-date-header-uses-fetched-at",
    ),
    pytest.param(
        *row(
            ("2022-02-16T15:01:00+02:00", "relative_text", "minute"),
            "Wed, 16 Feb 2022 13:45:00",
            relative_text="49m ago",
        ),
        id="zoneless-date-header-uses-fetched-at",
    ),
    # Tier 4 and the end of the line.
    pytest.param(
        *row(
            ("2022-02-16T00:00:00+02:00", "visible_date", "day"),
            visible_date="2022-02-16",
            relative_text="a while ago",
        ),
        id="relative-garbled-falls-to-visible-date",
    ),
    pytest.param(
        *row(
            ("2022-02-16T00:00:00+02:00", "visible_date", "day"),
            visible_date="2022-02-16",
            relative_text="31 Feb",
        ),
        id="relative-impossible-date-falls-to-visible-date",
    ),
    pytest.param(
        *row(
            ("2022-02-16T00:00:00+02:00", "visible_date", "day"),
            visible_date="2022-02-16",
            relative_text="99999999999d ago",
        ),
        id="relative-overflow-falls-to-visible-date",
    ),
    pytest.param(
        *row(("2022-02-16T00:00:00+02:00", "visible_date", "day"), visible_date="16 Feb 2022"),
        id="visible-date-day-month-year",
    ),
    pytest.param(*row(None, visible_date="06/02/2022"), id="visible-date-ambiguous-order-rejected"),
    pytest.param(
        *row(("2022-02-16T00:00:00+02:00", "visible_date", "day"), visible_date="16/02/2022"),
        id="visible-date-order-fixed-by-a-day-past-12",
    ),
    pytest.param(*row(None, visible_date="16 Feb"), id="visible-date-without-year-rejected"),
    pytest.param(*row(None), id="no-dates"),
    pytest.param(
        *row(
            None,
            jsonld_published="soon",
            meta_published="",
            time_datetime="2022-02-16T14:56:00",
            publisheddate="yesterday",
            visible_date="2022-13-01",
            relative_text="ages ago",
        ),
        id="everything-garbled",
    ),
]


@pytest.mark.parametrize(("dates", "http_date", "expected"), CASES)
def test_resolve_published(dates: Candidates, http_date: str | None, expected: Expected) -> None:
    result = resolve_published(dates, SAST, anchor_time(http_date, FETCHED_AT))
    actual = None if result is None else (result.isoformat(), result.source, result.precision)
    assert actual == expected


@pytest.mark.parametrize(
    ("http_date", "expected"),
    [
        pytest.param(REF_DATE, datetime(2022, 2, 16, 13, 45, tzinfo=UTC), id="imf-fixdate"),
        pytest.param(
            "Wednesday, 16-Feb-22 13:45:00 GMT",
            datetime(2022, 2, 16, 13, 45, tzinfo=UTC),
            id="rfc850",
        ),
        pytest.param("Wed Feb 16 13:45:00 2022", datetime(2022, 2, 16, 13, 45, tzinfo=UTC), id="asctime"),
        pytest.param(
            "Sun Feb  6 13:45:00 2022",
            datetime(2022, 2, 6, 13, 45, tzinfo=UTC),
            id="asctime-single-digit-day",
        ),
        pytest.param(
            "Wed, 16 Feb 2022 15:45:00 +0200",
            datetime(2022, 2, 16, 13, 45, tzinfo=UTC),
            id="numeric-offset-to-utc",
        ),
        pytest.param("not a date", FETCHED_AT, id="garbled"),
        pytest.param("Wed, 30 Feb 2022 13:45:00 GMT", FETCHED_AT, id="impossible-day"),
        pytest.param("Wed, 16 Feb 2022 13:45:00", FETCHED_AT, id="zoneless-imf"),
        pytest.param("Wed, 16 Feb 2022 13:45:00 -0000", FETCHED_AT, id="unknown-zone"),
        pytest.param("Fri, 31 Dec 9999 23:00:00 -0200", FETCHED_AT, id="beyond-datetime-range"),
        pytest.param("", FETCHED_AT, id="empty"),
        pytest.param(None, FETCHED_AT, id="missing"),
    ],
)
def test_anchor_time(http_date: str | None, expected: datetime) -> None:
    result = anchor_time(http_date, FETCHED_AT)
    assert (result, result.tzinfo) == (expected, UTC)


def test_anchor_time_fallback_is_converted_to_utc() -> None:
    fetched = datetime(2022, 2, 16, 15, 50, 30, tzinfo=timezone(timedelta(hours=2)))
    result = anchor_time(None, fetched)
    assert (result, result.tzinfo) == (FETCHED_AT, UTC)


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        pytest.param(
            candidates(
                jsonld_modified="2022-02-16T15:02:31+02:00",
                meta_modified="2022-02-16T15:00:00+02:00",
            ),
            ("2022-02-16T15:02:31+02:00", "jsonld", "second"),
            id="reference-jsonld-first",
        ),
        pytest.param(
            candidates(jsonld_modified="later", meta_modified="2022-02-16T13:02:31.5Z"),
            ("2022-02-16T15:02:31+02:00", "article_meta", "second"),
            id="jsonld-garbled-falls-to-meta-converted",
        ),
        pytest.param(
            candidates(meta_modified="2022-02-16T15:02:31"),
            ("2022-02-16T15:02:31+02:00", "article_meta", "second"),
            id="naive-read-as-site-time",
        ),
        pytest.param(
            candidates(
                jsonld_published="2022-02-16T14:56:00+02:00",
                time_datetime="2022-02-16T15:02:31+02:00",
                publisheddate="2022/02/16 15:02:31",
                visible_date="2022-02-16",
                relative_text="1m ago",
            ),
            None,
            id="no-fallback-to-published-sources",
        ),
    ],
)
def test_resolve_modified(dates: Candidates, expected: Expected) -> None:
    result = resolve_modified(dates, SAST)
    actual = None if result is None else (result.isoformat(), result.source, result.precision)
    assert actual == expected


def test_the_ranking_not_the_order_of_the_candidates_decides() -> None:
    found = candidates(
        relative_text="49m ago", jsonld_published="2022-02-16T14:56:00+02:00", visible_date="2022-02-16"
    )
    anchor = anchor_time(REF_DATE, FETCHED_AT)
    for ordered in (found, tuple(reversed(found))):
        result = resolve_published(ordered, SAST, anchor)
        assert result is not None
        assert (result.isoformat(), result.source) == ("2022-02-16T14:56:00+02:00", "jsonld")


def test_of_one_source_the_first_candidate_that_parses_wins_and_unknown_sources_are_ignored() -> None:
    found = (
        DateCandidate("newsletter", "2022-02-16T10:00:00+02:00"),  # no row for it: never read
        DateCandidate(JSONLD, "Wednesday"),
        DateCandidate(JSONLD, "2022-02-16T14:56:00+02:00"),
        DateCandidate(JSONLD, "2022-02-16T09:00:00+02:00"),
    )
    result = resolve_published(found, SAST, anchor_time(REF_DATE, FETCHED_AT))
    assert result is not None
    assert (result.isoformat(), result.source) == ("2022-02-16T14:56:00+02:00", "jsonld")
    assert resolve_published(found[:2], SAST, anchor_time(REF_DATE, FETCHED_AT)) is None


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        pytest.param(
            candidates(jsonld_published="2022-02-16T14:56:00+05:30", meta_published="2022-02-16T11:00:00"),
            ("2022-02-16T14:56:00+05:30", "jsonld", "second"),
            id="an-offset-is-kept-as-given",
        ),
        pytest.param(
            candidates(jsonld_published="2022-02-16T14:56:00", meta_published="2022-02-16T12:00:00Z"),
            ("2022-02-16T14:56:00", "jsonld", "second_local"),
            id="a-time-without-offset-stays-wall-clock-time",
        ),
        pytest.param(
            candidates(publisheddate="2022/02/16 14:56", relative_text="49m ago"),
            ("2022-02-16T14:56:00", "publisheddate_meta", "minute_local"),
            id="publisheddate-wall-clock",
        ),
        pytest.param(
            candidates(relative_text="49m ago"),
            ("2022-02-16T12:56:00+00:00", "relative_text", "minute"),
            id="minutes-ago-count-back-in-utc",
        ),
        pytest.param(
            candidates(relative_text="yesterday", visible_date="2022-02-15"),
            ("2022-02-15T00:00:00", "visible_date", "day_local"),
            id="no-calendar-for-yesterday-the-shown-day-is-kept",
        ),
        pytest.param(candidates(relative_text="3d ago"), None, id="no-calendar-days"),
        pytest.param(
            (DateCandidate("url", "https://n.example/2022/02/16/a-story"),),
            ("2022-02-16T00:00:00", "url", "day_local"),
            id="the-url-date",
        ),
    ],
)
def test_a_site_without_a_time_zone_keeps_offsets_and_wall_clock_times(
    found: Candidates, expected: Expected
) -> None:
    result = resolve_published(found, None, anchor_time(REF_DATE, FETCHED_AT))
    actual = None if result is None else (result.isoformat(), result.source, result.precision)
    assert actual == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://n.example/news/2022/02/16/a-story", "2022-02-16T00:00:00+02:00"),
        ("https://n.example/news/a-story-20220216", "2022-02-16T00:00:00+02:00"),
        ("https://n.example/2022-02-16/a-story.html", "2022-02-16T00:00:00+02:00"),
        ("https://n.example/a-story-20220216-1456", "2022-02-16T00:00:00+02:00"),
        ("https://n.example/a/2022/13/16/b", None),
        ("https://n.example/a-story-120220216", None),
        ("https://n.example/a-story?date=20220216", None),
        ("https://n.example/commentisfree/2022/feb/16/a-story", "2022-02-16T00:00:00+02:00"),
        ("https://n.example/statements/2022/Feb/6/someone/a-story/", "2022-02-06T00:00:00+02:00"),
        ("https://n.example/2022/febr/16/a-story", None),
        ("https://n.example/2022/feb/30/a-story", None),
        ("https://n.example/2022/feb/16-a-story", None),
    ],
)
def test_the_date_in_a_url_path_ranks_last_at_day_precision(url: str, expected: str | None) -> None:
    found = (DateCandidate("url", url), DateCandidate("visible_date", "yesterday"))
    result = resolve_published(found, SAST, anchor_time(REF_DATE, FETCHED_AT))
    assert (result.isoformat() if result else None, result.source if result else None) == (
        expected, "url" if expected else None,
    )  # fmt: skip


def test_a_date_after_the_latest_believable_gives_way_to_the_next_candidate() -> None:
    found = candidates(
        jsonld_published="9999-12-31T23:59:59+02:00",
        meta_published="2022-02-17T15:00:00+02:00",  # the day after the fetch: still believed
        visible_date="2022-02-16",
    )
    anchor = anchor_time(REF_DATE, FETCHED_AT)
    resolved = resolve(found, "published", SAST, anchor, latest=anchor + timedelta(days=1))
    assert resolved.timestamp is not None
    assert (resolved.timestamp.isoformat(), resolved.timestamp.source) == (
        "2022-02-17T15:00:00+02:00", "article_meta",
    )  # fmt: skip
    assert [(t.isoformat(), t.source) for t in resolved.too_late] == [("9999-12-31T23:59:59+02:00", "jsonld")]
    stricter = resolve(found, "published", SAST, anchor, latest=anchor)
    assert stricter.timestamp is not None
    assert (stricter.timestamp.source, len(stricter.too_late)) == ("visible_date", 2)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("Sun, 11 Oct 2020 07:34:36 GMT", ("2020-10-11T07:34:36+00:00", "second"), id="rfc-2822"),
        pytest.param(
            "Tue, Sep 15 2020 10:01:41 EDT", ("2020-09-15T10:01:41-04:00", "second"), id="month-first"
        ),
        pytest.param("2020-09-25T16:02:50CDT", ("2020-09-25T16:02:50-05:00", "second"), id="iso-zone-name"),
        pytest.param("2020-09-25 16:02 pst", ("2020-09-25T16:02:00-08:00", "minute"), id="iso-minute-zone"),
        pytest.param(
            "Tue Aug 25 2020 00:23:33 GMT-0400 (Eastern Daylight Time)",
            ("2020-08-25T00:23:33-04:00", "second"),
            id="javascript-date",
        ),
        pytest.param(
            "Sun, 11 Oct 2020 07:34 +0530", ("2020-10-11T07:34:00+05:30", "minute"), id="email-minute"
        ),
        pytest.param("2020/10/04 15:05:21", ("2020-10-04T15:05:21", "second_local"), id="slashes-wall-clock"),
        # As in feeds: no zone, or a name RFC 822 does not define (IST is India's and Ireland's), is
        # wall-clock time.
        pytest.param(
            "Sun, 11 Oct 2020 07:34:36", ("2020-10-11T07:34:36", "second_local"), id="rfc-822-no-zone"
        ),
        pytest.param(
            "Sun, 11 Oct 2020 07:34:36 IST", ("2020-10-11T07:34:36", "second_local"), id="ambiguous-name"
        ),
        pytest.param(
            "2020-09-25T16:02:50 CET", ("2020-09-25T16:02:50", "second_local"), id="iso-unknown-zone-name"
        ),
        pytest.param("2020-12-05T23:15:0Z", None, id="one-digit-second"),
        # The date as readers see it, which some CMSs write into their metas too.
        pytest.param(
            "November 19, 2019, 07:47 PM EST", ("2019-11-19T19:47:00-05:00", "minute"), id="shown-with-zone"
        ),
        pytest.param("November 20, 2019 12:32", ("2019-11-20T12:32:00", "minute_local"), id="shown-no-zone"),
        pytest.param("الأربعاء، 07 أكتوبر 2020 - 12:09 م", None, id="words-of-no-standard"),
        pytest.param("Sun, 31 Feb 2020 07:34:36 GMT", None, id="no-such-day"),
    ],
)
def test_declared_dates_in_the_formats_cmss_write_instead_of_iso(
    raw: str, expected: tuple[str, str] | None
) -> None:
    for source in (JSONLD, ARTICLE_META, MICRODATA, OTHER_META):
        result = resolve_published((DateCandidate(source, raw),), None, anchor_time(REF_DATE, FETCHED_AT))
        assert (None if result is None else (result.isoformat(), result.precision)) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Sun, 11 Oct 2020 07:34:36 GMT", "2020-10-11T09:34:36+02:00"),
        ("2020-09-25T16:02:50CDT", "2020-09-25T23:02:50+02:00"),
        ("2020/10/04 15:05:21", "2020-10-04T15:05:21+02:00"),
    ],
)
def test_declared_dates_of_a_site_with_a_zone_are_placed_in_it(raw: str, expected: str) -> None:
    modified = resolve_modified((DateCandidate(JSONLD, raw, "modified"),), SAST)
    assert modified is not None
    assert (modified.isoformat(), modified.source, modified.precision) == (expected, "jsonld", "second")


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        pytest.param(
            candidates(jsonld_published="2020-11-21T01:25:14Z", time_datetime="2020-11-20T19:25:14-06:00"),
            "2020-11-20T19:25:14-06:00",
            id="utc-shown-in-the-local-offset-of-the-same-instant-a-day-earlier",
        ),
        pytest.param(
            candidates(meta_published="2020-07-23T19:04:01+00:00", time_datetime="2020-07-23T15:04:09-04:00"),
            "2020-07-23T15:04:01-04:00",
            id="seconds-apart-is-the-same-instant",
        ),
        pytest.param(
            (
                DateCandidate(JSONLD, "2020-03-23T17:06:12Z"),
                DateCandidate(MICRODATA, "2020-03-23T18:06:12+01:00", "modified"),
            ),
            "2020-03-23T18:06:12+01:00",
            id="the-offset-may-come-from-the-other-role",
        ),
        pytest.param(
            candidates(jsonld_published="2020-02-18T02:18:11Z", time_datetime="2020-02-16T23:02:32-05:00"),
            "2020-02-18T02:18:11+00:00",
            id="another-instant-lends-no-offset",
        ),
        pytest.param(
            candidates(jsonld_published="2020-02-18T02:18:11Z", time_datetime="2020-02-17T21:18:11"),
            "2020-02-17T21:18:11-05:00",
            id="a-wall-clock-time-of-the-same-second-lends-its-offset",
        ),
        pytest.param(
            candidates(jsonld_published="2020-08-19T03:16:07Z", time_datetime="2020-08-19T05:46:07"),
            "2020-08-19T05:46:07+02:30",
            id="a-wall-clock-offset-of-quarter-hours",
        ),
        pytest.param(
            candidates(jsonld_published="2020-02-18T02:18:00Z", time_datetime="2020-02-17T21:18:00"),
            "2020-02-18T02:18:00+00:00",
            id="a-round-minute-may-be-another-time",
        ),
        pytest.param(
            candidates(jsonld_published="2020-02-18T02:18:11Z", time_datetime="2020-02-17T21:18:12"),
            "2020-02-18T02:18:11+00:00",
            id="a-wall-clock-time-seconds-apart-lends-no-offset",
        ),
        pytest.param(
            candidates(jsonld_published="2020-02-18T02:18:11Z", time_datetime="2020-02-17T21:25:11"),
            "2020-02-18T02:18:11+00:00",
            id="no-zone-is-minutes-off-the-quarter-hour",
        ),
        pytest.param(
            candidates(jsonld_published="2020-02-18T02:18:11Z", time_datetime="2020-02-17T14:18:11"),
            "2020-02-18T02:18:11+00:00",
            id="no-publisher-is-twelve-hours-west",
        ),
        pytest.param(
            candidates(jsonld_published="2020-02-18T02:18:11Z", publisheddate="2020/02/17 21:18"),
            "2020-02-18T02:18:11+00:00",
            id="a-wall-clock-minute-lends-no-offset",
        ),
        pytest.param(
            candidates(jsonld_published="2020-04-02T04:11:00+05:30", meta_published="2020-04-01T22:41:00Z"),
            "2020-04-02T04:11:00+05:30",
            id="an-offset-given-is-kept",
        ),
    ],
)
def test_a_utc_time_of_a_site_without_a_zone_takes_the_offset_the_page_gives_the_same_instant(
    found: Candidates, expected: str
) -> None:
    result = resolve_published(found, None, anchor_time(REF_DATE, FETCHED_AT))
    assert result is not None
    assert (result.isoformat(), result.source) == (expected, found[0].source)


def test_a_site_with_a_zone_keeps_its_own_for_every_value() -> None:
    found = candidates(jsonld_published="2020-11-21T01:25:14Z", time_datetime="2020-11-20T19:25:14-06:00")
    result = resolve_published(found, ZoneInfo("Europe/London"), anchor_time(REF_DATE, FETCHED_AT))
    assert result is not None
    assert result.isoformat() == "2020-11-21T01:25:14+00:00"


URL = DateCandidate(URL_PATH, "https://n.example/news/2020/02/17/a-story")


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        pytest.param(
            (DateCandidate(JSONLD, "2020-02-18T02:18:11Z"), URL),
            ("2020-02-17T00:00:00", "url", "day_local"),
            id="utc-the-day-after-the-url-day-is-the-url-day",
        ),
        pytest.param(
            (
                DateCandidate(JSONLD, "2020-02-18T02:18:11Z"),
                DateCandidate(TIME_ELEMENT, "2020-02-16T23:02:32+00:00"),
                DateCandidate(TIME_ELEMENT, "2020-02-17T21:20:05"),
                URL,
            ),
            ("2020-02-17T21:20:05", "time_element", "second_local"),
            id="the-first-candidate-on-the-url-day-wins",
        ),
        pytest.param(
            (DateCandidate(JSONLD, "2020-02-16T23:15:00Z"), URL),
            ("2020-02-17T00:00:00", "url", "day_local"),
            id="utc-the-evening-before-the-url-day-east-of-utc",
        ),
        pytest.param(
            (DateCandidate(JSONLD, "2020-02-18T10:04:04Z"), URL),
            ("2020-02-18T10:04:04+00:00", "jsonld", "second"),
            id="a-url-named-when-drafted-the-day-before-no-zone-reaches",
        ),
        pytest.param(
            (DateCandidate(JSONLD, "2020-02-19T01:00:00Z"), URL),
            ("2020-02-19T01:00:00+00:00", "jsonld", "second"),
            id="two-days-apart-no-zone-reaches",
        ),
        pytest.param(
            (DateCandidate(JSONLD, "2020-02-18T02:18:11-05:00"), URL),
            ("2020-02-18T02:18:11-05:00", "jsonld", "second"),
            id="an-offset-given-names-the-day",
        ),
        pytest.param(
            (
                DateCandidate(JSONLD, "2020-02-18T02:18:11Z"),
                DateCandidate(TIME_ELEMENT, "2020-02-17T21:18:11-05:00"),
                URL,
            ),
            ("2020-02-17T21:18:11-05:00", "jsonld", "second"),
            id="the-page-offset-of-the-same-instant-first",
        ),
        pytest.param(
            (DateCandidate(JSONLD, "2020-02-17T02:18:11Z"), URL),
            ("2020-02-17T02:18:11+00:00", "jsonld", "second"),
            id="utc-on-the-url-day-is-kept",
        ),
        pytest.param(
            (DateCandidate(JSONLD, "2020-02-18T09:59:59Z"), URL),
            ("2020-02-17T00:00:00", "url", "day_local"),
            id="the-evening-before-in-hawaii",
        ),
        pytest.param(
            (DateCandidate(JSONLD, "2020-02-16T10:00:00Z"), URL),
            ("2020-02-17T00:00:00", "url", "day_local"),
            id="the-next-midnight-on-the-line-islands",
        ),
        pytest.param(
            (DateCandidate(JSONLD, "2020-02-16T09:59:59Z"), URL),
            ("2020-02-16T09:59:59+00:00", "jsonld", "second"),
            id="no-zone-is-yet-on-the-next-day",
        ),
        pytest.param(
            (
                DateCandidate(JSONLD, "0001-01-01T05:00:00Z"),
                DateCandidate(URL_PATH, "https://n.example/2000/01/01/a"),
            ),
            ("0001-01-01T05:00:00+00:00", "jsonld", "second"),
            id="the-first-day-datetime-knows",
        ),
        pytest.param(
            (
                DateCandidate(JSONLD, "9999-12-31T23:00:00Z"),
                DateCandidate(URL_PATH, "https://n.example/2000/01/01/a"),
            ),
            ("9999-12-31T23:00:00+00:00", "jsonld", "second"),
            id="the-last-day-datetime-knows",
        ),
    ],
)
def test_a_utc_time_of_a_site_without_a_zone_gives_way_to_the_day_its_url_names(
    found: Candidates, expected: Expected
) -> None:
    result = resolve_published(found, None, anchor_time(REF_DATE, FETCHED_AT))
    assert result is not None
    assert (result.isoformat(), result.source, result.precision) == expected


def test_the_url_day_does_not_move_a_site_zone_or_the_modified_time() -> None:
    found = (
        DateCandidate(JSONLD, "2020-02-18T02:18:11Z"),
        URL,
        DateCandidate(JSONLD, "2020-02-18T02:18:11Z", "modified"),
    )
    published = resolve_published(found, ZoneInfo("Europe/London"), anchor_time(REF_DATE, FETCHED_AT))
    modified = resolve_modified(found, None)
    assert (published.isoformat() if published else None) == "2020-02-18T02:18:11+00:00"
    assert (modified.isoformat() if modified else None) == "2020-02-18T02:18:11+00:00"


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        ("06 Dicembre 2020", "2020-12-06T00:00:00"),
        ("Domenica 06 Dicembre 2020", "2020-12-06T00:00:00"),
        ("6 de diciembre de 2020", "2020-12-06T00:00:00"),
        ("6 de dezembro de 2020", "2020-12-06T00:00:00"),
        ("6. Dezember 2020", "2020-12-06T00:00:00"),
        ("dimanche 6 décembre 2020", "2020-12-06T00:00:00"),
        ("1 maart 2020", "2020-03-01T00:00:00"),
        ("December 6, 2020", "2020-12-06T00:00:00"),
        ("Sunday, December 6, 2020", "2020-12-06T00:00:00"),
        ("6 December 2020", "2020-12-06T00:00:00"),
        ("31 febbraio 2020", None),  # no such day
        ("06/12/2020", None),  # which number is the month no reader can tell
        ("6 Smarch 2020", None),
        ("Dicembre 2020", None),
    ],
)
def test_a_visible_day_in_words_is_read_in_the_languages_of_the_table(
    shown: str, expected: str | None
) -> None:
    result = resolve_published((DateCandidate(VISIBLE_DATE, shown),), None, anchor_time(REF_DATE, FETCHED_AT))
    actual = None if result is None else (result.isoformat(), result.precision)
    assert actual == (None if expected is None else (expected, "day_local"))


@pytest.mark.parametrize(
    ("placeholder", "source"),
    [
        ("0001-01-01T00:00:00Z", JSONLD),
        ("0001-01-01 00:00:00Z", JSONLD),
        ("0001-01-01T00:00:00", ARTICLE_META),
        ("1900-01-01T00:00:00", MICRODATA),
        ("1970-01-01T00:00:00Z", JSONLD),
        ("1969-12-31T19:00:00-05:00", JSONLD),  # the epoch, in the page's offset
        ("Thu, 01 Jan 1970 00:00:00 GMT", OTHER_META),
    ],
)
def test_a_runtime_zero_value_is_no_date_and_gives_way_to_the_next_candidate(
    placeholder: str, source: str
) -> None:
    found = (
        DateCandidate(source, placeholder),
        DateCandidate(URL_PATH, "https://n.example/story/news/2019/11/19/a-story"),
        DateCandidate(source, placeholder, "modified"),
    )
    published = resolve_published(found, None, anchor_time(REF_DATE, FETCHED_AT))
    assert published is not None
    assert (published.isoformat(), published.source) == ("2019-11-19T00:00:00", "url")
    assert resolve_modified(found, None) is None


def test_a_real_date_on_a_placeholder_day_is_a_date() -> None:
    found = (DateCandidate(JSONLD, "1970-01-01T09:30:00+01:00"),)
    published = resolve_published(found, None, anchor_time(REF_DATE, FETCHED_AT))
    assert published is not None
    assert published.isoformat() == "1970-01-01T09:30:00+01:00"
