"""What a page's other dates add to the one chosen: the same value said more exactly.

Pages write one date several times, in the fields of several tools, and not all of them as exactly: a
CMS writes `2019-11-18T17:01:27` into `article:published_time` and `2019-11-18T17:01:27Z` into
microdata, or the day alone into JSON-LD (`2019-11-18`) and the time into `<time datetime>`. The most
trusted source stays the one chosen (`timestamps.RANKINGS`); a less trusted one that gives the same value
only completes it: a wall-clock time another candidate gives to the second with its offset is that
instant, and a day alone takes the first time the page gives on that day.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from newscrawl.normalize.dateformats import Timestamp


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
