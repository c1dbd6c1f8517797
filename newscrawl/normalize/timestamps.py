"""Rank a page's date candidates into one published and one modified instant in the site's time zone.

Which source wins is one table per role (`RANKINGS`): a row is a source (where the string was found) and
the parser that reads it (`newscrawl.normalize.dateformats`), most trusted first, and the first candidate
a row's parser reads wins. A new date source (a feed's `pubDate`, a sitemap's `news:publication_date`)
is one row here, and whatever reads it adds `DateCandidate`s with that source. Anything a parser cannot
read is skipped in favour of the next candidate, never raised.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from newscrawl.items import (
    ARTICLE_META,
    FEED,
    HTMLDATE,
    JSONLD,
    MICRODATA,
    OTHER_META,
    PUBLISHEDDATE_META,
    RELATIVE_TEXT,
    SITEMAP,
    TIME_ELEMENT,
    URL_PATH,
    VISIBLE_DATE,
    DateCandidate,
    Role,
)
from newscrawl.normalize.dateformats import (
    Parser,
    Reading,
    Timestamp,
    iso_naive_local,
    publisheddate,
    relative_unless_shown_otherwise,
    url_date,
)
from newscrawl.normalize.datelines import shown
from newscrawl.normalize.declared import declared, time_datetime
from newscrawl.normalize.feeddates import feed_date
from newscrawl.normalize.refinements import (
    EASTMOST,
    PAGE_OFFSET_SPAN,
    WESTMOST,
    first_shown,
    refined,
    shown_offset,
    shown_zone,
)

if TYPE_CHECKING:
    from collections.abc import Iterator
    from zoneinfo import ZoneInfo

__all__ = ["RANKINGS", "Resolved", "Timestamp", "anchor_time", "link_disagreement", "ranked", "resolve"]

_ASCTIME = re.compile(r"[a-z]{3} [a-z]{3} [ \d]\d \d\d:\d\d:\d\d \d{4}", re.ASCII | re.IGNORECASE)


def anchor_time(http_date: str | None, fetched_at: datetime) -> datetime:
    """The instant relative texts count back from, in UTC.

    The server's `Date` header says when the page was rendered; the crawl clock is only a stand-in
    for when the header is missing or unusable, since queued or cached responses can be old.
    """
    return _parse_http_date(http_date) or fetched_at.astimezone(UTC)


# A `Date` header changes once a second and a crawl fetches many pages a second: each value is parsed
# once (email.utils costs ~10 us a call), and the bound keeps memory flat.
@lru_cache(maxsize=256)
def _parse_http_date(header: str | None) -> datetime | None:
    """IMF-fixdate, RFC 850 or asctime; a zone-less or "-0000" non-asctime value is unusable."""
    if header is None:
        return None
    text = header.strip()
    try:
        parsed = parsedate_to_datetime(text)
        if parsed.tzinfo is None and _ASCTIME.fullmatch(text):
            # asctime has no zone field: RFC 7231 defines every HTTP-date as GMT.
            parsed = parsed.replace(tzinfo=UTC)
        return None if parsed.tzinfo is None else parsed.astimezone(UTC)
    except (ValueError, OverflowError):  # garbled, or out of datetime's range once in UTC
        return None


RANKINGS: dict[Role, tuple[tuple[str, Parser], ...]] = {
    "published": (
        (JSONLD, declared),
        (ARTICLE_META, declared),
        (MICRODATA, declared),
        (TIME_ELEMENT, time_datetime),
        (PUBLISHEDDATE_META, publisheddate),
        (OTHER_META, declared),
        (RELATIVE_TEXT, relative_unless_shown_otherwise),
        (VISIBLE_DATE, shown),
        # The feed's or sitemap's date of the link that led here: what the site declared, below anything
        # the page declares itself, above what is guessed from its URL or read by htmldate.
        (FEED, feed_date),
        (SITEMAP, iso_naive_local),
        (URL_PATH, url_date),
        (HTMLDATE, iso_naive_local),
    ),
    # Only machine-readable sources: the visible relative text always describes publication.
    "modified": (
        (JSONLD, declared),
        (ARTICLE_META, declared),
        (MICRODATA, declared),
        (OTHER_META, declared),
        (FEED, feed_date),
        (SITEMAP, iso_naive_local),
    ),
}


class Resolved(NamedTuple):
    """The instant chosen for a role, and the candidates that parsed but lay too far in the future."""

    timestamp: Timestamp | None
    too_late: tuple[Timestamp, ...] = ()


def ranked(
    candidates: tuple[DateCandidate, ...],
    role: Role,
    tz: ZoneInfo | None,
    anchor: datetime | None = None,
    language: str | None = None,
) -> Iterator[Timestamp]:
    """Every candidate of `role` that parses and is not a placeholder, most trusted first; `anchor` is
    aware, and without it no relative text is read; `language` is the page's tag (`Reading`)."""
    reading = Reading(tz, anchor, candidates, language)
    for source, parse in RANKINGS[role]:
        for candidate in candidates:
            if candidate.source == source and candidate.role == role:
                found = parse(candidate.raw, source, reading)
                if found is not None and not is_placeholder(found):
                    yield found


# The zero values of the runtimes CMSs are written in, which templates print for a date never set: Go's
# `time.Time{}` and .NET's `DateTime.MinValue` (`0001-01-01T00:00:00Z`, in `datePublished` of whole
# newspaper networks), SQL Server's and Excel's day zero (1900-01-01), and the Unix epoch.
PLACEHOLDERS = frozenset({datetime(1, 1, 1), datetime(1900, 1, 1), datetime(1970, 1, 1)})  # noqa: DTZ001
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def is_placeholder(found: Timestamp) -> bool:
    """Whether `found` is a runtime's zero value rather than a date (as written, or the epoch's instant
    in any offset)."""
    return found.value.replace(tzinfo=None) in PLACEHOLDERS or found.instant() == EPOCH


def resolve(
    candidates: tuple[DateCandidate, ...],
    role: Role,
    tz: ZoneInfo | None,
    anchor: datetime | None = None,
    latest: datetime | None = None,
    language: str | None = None,
) -> Resolved:
    """The most trusted candidate that parses and is not after `latest` (a page dated in year 9999 would
    stay "young" and be re-checked forever, so such a value gives way to the next candidate), completed
    by the others (`refinements.refined`), put at the instant its dateline gives (`shown_zone`), and for a
    publication, the earlier one the page shows when the declared one is its last save (`first_shown`)."""
    too_late: list[Timestamp] = []
    for found in ranked(candidates, role, tz, anchor, language):
        if latest is None or found.instant() <= latest:
            others = list(ranked(candidates, role, tz, anchor, language))
            found = shown_zone(refined(found, others), others)
            if role == "published":
                found = first_shown(found, others, list(ranked(candidates, "modified", tz, None, language)))
            chosen = found if tz else in_page_day(found, role, candidates, anchor, latest)
            return Resolved(chosen, tuple(too_late))
        too_late.append(found)
    return Resolved(None, tuple(too_late))


def in_page_day(
    chosen: Timestamp,
    role: Role,
    candidates: tuple[DateCandidate, ...],
    anchor: datetime | None,
    latest: datetime | None,
) -> Timestamp:
    """`chosen`, of a site without a zone, in the page's own offset (`in_page_offset`); a publication
    time that stays in UTC while the URL dates the page to another day, one a zone reaches from that
    instant, gives way to the first candidate on the URL's day (the URL's own date last). A CMS that
    writes UTC and names its paths by the local day tells the day that way: `2020-02-18T02:18:11Z` under
    `/2020/02/17/` is the evening of the 17th west of UTC, the day publisher and readers call the day of
    publication. No zone is invented: the instant gives way to a value the page gives for that day, whose
    precision says how much of its time is known."""
    chosen = in_page_offset(chosen, candidates, anchor)
    url_day = (
        url_day_of(candidates) if role == "published" and chosen.value.utcoffset() == timedelta(0) else None
    )
    if url_day is None or url_day == chosen.value.date() or not reachable_day(chosen.instant(), url_day):
        return chosen
    on_url_day = (
        found
        for found in ranked(candidates, role, None, anchor)
        if found.value.date() == url_day and (latest is None or found.instant() <= latest)
    )
    return next(on_url_day, chosen)


def url_day_of(candidates: tuple[DateCandidate, ...]) -> date | None:
    """The day the page's URL names, if any."""
    return next(
        (found.value.date() for found in ranked(candidates, "published", None) if found.source == URL_PATH),
        None,
    )


def reachable_day(instant: datetime, day: date) -> bool:
    """Whether `day` is the local day of the UTC `instant` in a zone a publisher may be in (counted from
    the instant's midnight: `0001-01-01T00:00Z` minus ten hours is before datetime's first day)."""
    days = (day - instant.date()).days
    since_midnight = instant - instant.replace(hour=0, minute=0, second=0, microsecond=0)
    return (
        days == 0
        or (days == -1 and since_midnight < -WESTMOST)
        or (days == 1 and since_midnight + EASTMOST >= timedelta(days=1))
    )


def in_page_offset(
    chosen: Timestamp, candidates: tuple[DateCandidate, ...], anchor: datetime | None
) -> Timestamp:
    """`chosen`, of a site without a zone, in the page's own offset when it is given in UTC and the page
    gives the same instant (to the minute) with another offset too: CMSs write UTC into JSON-LD and
    `article:` metas and local time into `<time>` or microdata, and the local day is the one publisher
    and readers call the day of publication (`23:25Z` is `17:25-06:00`, and `01:10Z` the day before).
    Else the offset it gives another of its UTC times within a day (`PAGE_OFFSET_SPAN`): a byline's
    `<time>` shows the update's local time, not the publication's."""
    if chosen.value.utcoffset() != timedelta(0):
        return chosen
    times = (found for role in RANKINGS for found in ranked(candidates, role, None, anchor))
    near = [found for found in times if abs(found.instant() - chosen.instant()) <= PAGE_OFFSET_SPAN]
    for utc in (chosen, *(found for found in near if found.value.utcoffset() == timedelta(0))):
        if offset := shown_offset(utc, near):
            return replace(chosen, value=chosen.value.astimezone(offset))
    return chosen


def resolve_published(
    candidates: tuple[DateCandidate, ...], tz: ZoneInfo | None, anchor: datetime, language: str | None = None
) -> Timestamp | None:
    return resolve(candidates, "published", tz, anchor, language=language).timestamp


def resolve_modified(candidates: tuple[DateCandidate, ...], tz: ZoneInfo | None) -> Timestamp | None:
    return resolve(candidates, "modified", tz).timestamp


LINK_SOURCES = (FEED, SITEMAP)


def link_disagreement(
    candidates: tuple[DateCandidate, ...], chosen: Timestamp, tz: ZoneInfo | None, anchor: datetime
) -> Timestamp | None:
    """The publication date the link's feed or sitemap gave, when the page's own (`chosen`) is more than
    a day away from it: one of the two is wrong, and which one a reader should know."""
    if chosen.source in LINK_SOURCES:
        return None
    given = next(
        (found for found in ranked(candidates, "published", tz, anchor) if found.source in LINK_SOURCES), None
    )
    if given is None or abs(given.instant() - chosen.instant()) <= timedelta(days=1):
        return None
    return given
