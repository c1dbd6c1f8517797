"""A feed's or sitemap's date of a link: how it is read, where it ranks against the page's own, and how
it (with the link's title) reaches the page's candidates."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from newscrawl.items import FEED, HTMLDATE, JSONLD, SITEMAP, URL_PATH, DateCandidate, Link, RawArticle
from newscrawl.normalize.dateformats import Reading
from newscrawl.normalize.feeddates import feed_date
from newscrawl.normalize.timestamps import link_disagreement, resolve
from newscrawl.spiders.sources import link_hints, with_link_hints

SAST = ZoneInfo("Africa/Johannesburg")
ANCHOR = datetime(2022, 2, 17, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("raw", "tz", "expected"),
    [
        # A zone name RFC 822 does not define is the site's wall clock (feedparser would say UTC).
        ("Wed, 16 Feb 2022 14:56:00 SAST", SAST, ("2022-02-16T14:56:00+02:00", "second")),
        ("Wed, 16 Feb 2022 14:56:00 SAST", None, ("2022-02-16T14:56:00", "second_local")),
        ("Wed, 16 Feb 2022 12:56:00 +0000", SAST, ("2022-02-16T14:56:00+02:00", "second")),
        ("Wed, 16 Feb 2022 07:56:00 EST", None, ("2022-02-16T07:56:00-05:00", "second")),
        ("16 Feb 2022 12:56 GMT", None, ("2022-02-16T12:56:00+00:00", "minute")),
        ("Wed, 16 February 22 14:56:00 +0530", None, ("2022-02-16T14:56:00+05:30", "second")),
        ("Wed,  16 Feb 2022\n14:56:00 -0330", None, ("2022-02-16T14:56:00-03:30", "second")),
        ("2022-02-16T14:56:00+02:00", None, ("2022-02-16T14:56:00+02:00", "second")),
        ("2022-02-16", SAST, ("2022-02-16T00:00:00+02:00", "day")),
        ("Wed, 31 Feb 2022 14:56:00 GMT", SAST, None),
        ("Wed, 16 Foo 2022 14:56:00 GMT", SAST, None),
        ("yesterday", SAST, None),
        ("", SAST, None),
    ],
)
def test_feed_dates(raw: str, tz: ZoneInfo | None, expected: tuple[str, str] | None) -> None:
    found = feed_date(raw, FEED, Reading(tz, ANCHOR, ()))
    assert (None if found is None else (found.isoformat(), found.precision)) == expected


def winner(*candidates: DateCandidate) -> tuple[str, str, str] | None:
    found = resolve(candidates, "published", SAST, ANCHOR).timestamp
    return None if found is None else (found.isoformat(), found.source, found.precision)


def test_the_pages_own_date_wins_over_the_feeds() -> None:
    assert winner(
        DateCandidate(JSONLD, "2022-02-16T14:56:00+02:00"),
        DateCandidate(FEED, "Tue, 15 Feb 2022 10:00:00 GMT"),
    ) == ("2022-02-16T14:56:00+02:00", JSONLD, "second")


def test_a_page_without_a_declared_date_gets_the_feeds_with_its_source_and_precision() -> None:
    assert winner(
        DateCandidate(URL_PATH, "https://h.example/2022/02/14/story"),
        DateCandidate(HTMLDATE, "2022-02-13"),
        DateCandidate(FEED, "Tue, 15 Feb 2022 10:00:00 GMT"),
    ) == ("2022-02-15T12:00:00+02:00", FEED, "second")


def test_a_news_sitemap_date_of_a_day_is_day_precise() -> None:
    assert winner(DateCandidate(SITEMAP, "2022-02-15")) == ("2022-02-15T00:00:00+02:00", SITEMAP, "day")


def test_lastmod_is_a_modification_date_only() -> None:
    lastmod = DateCandidate(SITEMAP, "2022-02-16T15:10:00+02:00", "modified")
    assert winner(lastmod) is None
    modified = resolve((lastmod,), "modified", SAST).timestamp
    assert modified is not None
    assert (modified.isoformat(), modified.source) == ("2022-02-16T15:10:00+02:00", SITEMAP)


def disagreement(*candidates: DateCandidate) -> str | None:
    chosen = resolve(candidates, "published", SAST, ANCHOR).timestamp
    assert chosen is not None
    found = link_disagreement(candidates, chosen, SAST, ANCHOR)
    return None if found is None else found.isoformat()


def test_a_feed_date_more_than_a_day_from_the_pages_own_is_a_disagreement() -> None:
    page = DateCandidate(JSONLD, "2022-02-16T14:56:00+02:00")
    assert (
        disagreement(page, DateCandidate(FEED, "Mon, 14 Feb 2022 12:55:00 GMT"))
        == "2022-02-14T14:55:00+02:00"
    )
    assert (
        disagreement(page, DateCandidate(SITEMAP, "2022-02-18T15:00:00+02:00")) == "2022-02-18T15:00:00+02:00"
    )


def test_within_a_day_or_without_a_page_date_there_is_none() -> None:
    page = DateCandidate(JSONLD, "2022-02-16T14:56:00+02:00")
    assert disagreement(page, DateCandidate(FEED, "Tue, 15 Feb 2022 12:57:00 GMT")) is None
    assert disagreement(page) is None
    assert disagreement(DateCandidate(FEED, "Mon, 14 Feb 2022 12:55:00 GMT")) is None


PAGE = RawArticle(
    site="generic", url="https://h.example/news/ferry-timetable-changes", http_date=None,
    fetched_at=ANCHOR, timezone=None, language="en", canonical_url=None, title=None, summary=(),
    body=("<p>Body.</p>",), dates=(DateCandidate(JSONLD, "2022-02-16T14:56:00+02:00"),), section=None,
    tags=(), authors=(), related_urls=(),
)  # fmt: skip
LINK = Link(
    "https://h.example/news/ferry-timetable-changes", FEED, "Ferry timetable changes",
    (DateCandidate(FEED, "Tue, 15 Feb 2022 10:00:00 GMT"),
     DateCandidate(FEED, "Wed, 16 Feb 2022", "modified")),
)  # fmt: skip


def test_a_links_hints_cross_a_queue_as_json_and_come_after_the_pages_own_dates() -> None:
    meta = json.loads(json.dumps(link_hints(LINK)))
    hinted = with_link_hints(PAGE, meta)
    assert hinted.dates == PAGE.dates + LINK.dates
    assert hinted.title == "Ferry timetable changes"  # the page showed none
    assert with_link_hints(replace(PAGE, title="Its own"), meta).title == "Its own"
    assert with_link_hints(PAGE, {}) == PAGE  # an article reached without a hinted link
