"""What a page's other dates add to the one chosen: the same value said more exactly.

Pages write one date several times, in the fields of several tools, and not all of them as exactly: a
CMS writes `2019-11-18T17:01:27` into `article:published_time` and `2019-11-18T17:01:27Z` into
microdata, or the day alone into JSON-LD (`2019-11-18`) and the time into `<time datetime>`. The most
trusted source stays the one chosen (`timestamps.RANKINGS`); a less trusted one that gives the same value
only completes it: a wall-clock time another candidate gives to the second with its offset is that
instant, and a day alone takes the first time the page gives on that day. The offset a page gives a
UTC time, by writing it in local time too, is here as well (`shown_offset`), for the normalizer to put
the time in the page's own offset (`timestamps.in_page_offset`). And one contradiction is settled here:
a declared time whose offset the dateline readers see, with its zone named, contradicts (`shown_zone`), and
a declared publication that is the last save (`first_shown`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone, tzinfo
from typing import TYPE_CHECKING

from newscrawl.items import ARTICLE_META, JSONLD, MICRODATA, OTHER_META, TIME_ELEMENT, VISIBLE_DATE

if TYPE_CHECKING:
    from collections.abc import Iterable

    from newscrawl.normalize.dateformats import Timestamp

# A page's UTC copy of a time and its local one may differ by the seconds between two saves.
SAME_INSTANT = timedelta(minutes=1)

# The offsets of the zones a publisher may be in, from Hawaii's -10:00 to +14:00 (Kiribati's Line
# Islands). West of Hawaii live a few ten thousand people (American Samoa, Niue): a URL dated the day
# before a time only they would still call that day was named when the story was drafted, not published
# (`/2020/07/08/` over `2020-07-09T10:04:04Z`).
WESTMOST, EASTMOST = timedelta(hours=-10), timedelta(hours=14)

DECLARED = frozenset({JSONLD, ARTICLE_META, MICRODATA, OTHER_META})
HALF_HOUR = timedelta(minutes=30)

PAGE_OFFSET_SPAN = timedelta(days=1)  # an offset seldom changes in a day (twice a year, by an hour)


def shown_offset(utc: Timestamp, others: list[Timestamp]) -> tzinfo | None:
    """The offset of the first of `others` that gives the UTC time `utc` in another offset."""
    for other in others:
        if other.value.utcoffset() and abs(other.instant() - utc.instant()) <= SAME_INSTANT:
            return other.value.tzinfo
        if offset := wall_clock_offset(utc, other):
            return timezone(offset)
    return None


def wall_clock_offset(chosen: Timestamp, other: Timestamp) -> timedelta | None:
    """The offset at which `other`, a wall-clock time, shows the UTC instant `chosen` to the second: a
    page that writes one time both ways gives its zone's offset so (`04:58:46Z` and `20:58:46` the day
    before: -08:00). Only to the second, not on a round minute, and a whole number of quarter hours
    within the zones' offsets: two times of a page that differ by whole hours by chance do not pass. A
    dateline readers see (`Nov. 18, 2019 7:04 pm ET` over `00:04Z`) gives it to the minute, in whole half
    hours: what the page prints for the time is its own offset's."""
    if other.precision == "minute_local" and other.source == VISIBLE_DATE:
        offset, step = other.value - chosen.value.replace(tzinfo=None, second=0), timedelta(minutes=30)
    elif other.precision == "second_local" and chosen.value.second:
        offset, step = other.value - chosen.value.replace(tzinfo=None), timedelta(minutes=15)
    else:
        return None
    plausible = WESTMOST <= offset <= EASTMOST and offset % step == timedelta(0)
    return offset if offset and plausible else None


def refined(chosen: Timestamp, others: Iterable[Timestamp]) -> Timestamp:
    """`chosen` with the offset or the time one of `others` (most trusted first) gives it, as above."""
    for other in others:
        if offset_of_same_time(chosen, other) or time_of_same_day(chosen, other):
            return other if is_day(chosen) else replace(chosen, value=other.value, precision=exact(chosen))
    return chosen


def offset_of_same_time(chosen: Timestamp, other: Timestamp) -> bool:
    """Whether `other` is `chosen`'s wall-clock time to the second, with an offset `chosen` lacks."""
    return (
        chosen.value.tzinfo is None
        and not is_day(chosen)
        and other.value.tzinfo is not None
        and other.value.replace(tzinfo=None) == chosen.value
    )


def time_of_same_day(chosen: Timestamp, other: Timestamp) -> bool:
    """Whether `chosen` is a day alone and `other` a time on that day (in its own offset)."""
    return is_day(chosen) and not is_day(other) and other.value.date() == chosen.value.date()


def is_day(found: Timestamp) -> bool:
    return found.precision.startswith("day")


def exact(found: Timestamp) -> str:
    """The precision of a wall-clock value once its offset is known."""
    return found.precision.removesuffix("_local")


def shown_zone(chosen: Timestamp, others: Iterable[Timestamp]) -> Timestamp:
    """`chosen`, a declared time, at the instant the page's dateline gives it when the two show the same
    minute of the hour, whole half hours apart, and the dateline names its zone (`Nov 19, 2019, 10:31 pm
    CST` over `2019-11-20T04:31:13-06:00`, or `7:45 am PST` over `10:45:00+00:00`). Templates print the
    declared offset as a constant beside a time in another zone (UTC, the server's), while the dateline
    readers see was converted to the zone it names; an update minutes later is not at the same minute.
    The declared seconds are kept: the dateline only corrects the offset."""
    if chosen.source not in DECLARED or chosen.value.tzinfo is None:
        return chosen
    for other in others:
        if other.source == VISIBLE_DATE and other.precision == "minute" and zone_error(chosen, other):
            return replace(chosen, value=other.value.replace(second=chosen.value.second))
    return chosen


def zone_error(declared: Timestamp, shown: Timestamp) -> bool:
    """Whether the two show the same minute of the hour at instants whole half hours apart, no further
    apart than two zones can be."""
    apart = abs(shown.instant() - declared.instant().replace(second=0))
    return (
        shown.value.tzinfo is not None
        and shown.value.minute == declared.value.minute
        and timedelta(0) < apart <= EASTMOST - WESTMOST
        and apart % HALF_HOUR == timedelta(0)
    )


def first_shown(chosen: Timestamp, others: list[Timestamp], modified: list[Timestamp]) -> Timestamp:
    """The earlier time the page's first `<time datetime>` and its dateline agree on, to the minute,
    when `chosen`, a declared publication time, is also the declared modification time to the second:
    a CMS that writes its last save into both fields (ZDNet's JSON-LD, `2019-11-19 19:31:39` twice, over
    `<time datetime="2019-11-18 19:14:00">` and `November 18, 2019 -- 19:14 GMT`) says nothing of the
    first publication, which two other fields, one for readers and one for machines, agree on. The
    dateline is taken when it gives an offset, else the `<time>`."""
    saved = any(other.source == chosen.source and other.value == chosen.value for other in modified)
    time = next((other for other in others if other.source == TIME_ELEMENT and not is_day(other)), None)
    if chosen.source not in DECLARED or not saved or time is None:
        return chosen
    for line in (other for other in others if other.source == VISIBLE_DATE and not is_day(other)):
        if same_minute(time, line) and surely_before(line, chosen):
            return line if line.value.tzinfo else time
    return chosen


def same_minute(one: Timestamp, other: Timestamp) -> bool:
    """Whether the two show the same minute, as written or as instants."""
    return wall_minute(one) == wall_minute(other) or abs(one.instant() - other.instant()) < SAME_INSTANT


def surely_before(found: Timestamp, chosen: Timestamp) -> bool:
    """Whether `found` is before `chosen` by more than a minute, in any zone when it is wall-clock time."""
    latest = found.instant() - (WESTMOST if found.value.tzinfo is None else timedelta(0))
    return latest < chosen.instant() - SAME_INSTANT


def wall_minute(found: Timestamp) -> datetime:
    return found.value.replace(tzinfo=None, second=0)
