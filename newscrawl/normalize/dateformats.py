"""How each kind of date string a page shows is read: a closed set of formats, one parser per source.

A parser takes the raw string, its source and a `Reading` (the site's zone, the anchor relative texts
count back from, the page's other candidates) and returns a `Timestamp`, or None when the string is not
in its set: unlike dateparser it never guesses day/month order, and it costs microseconds. Which source
wins is `newscrawl.normalize.timestamps.RANKINGS`. A site without a time zone (`tz` None) keeps what the
page gives: a value with an offset keeps it, relative texts count back from the anchor in UTC, and a date
or wall-clock time without an offset stays wall-clock time, without an offset, its precision marked
`_local` (`second_local`, `day_local`) rather than placed in an invented zone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from newscrawl.items import VISIBLE_DATE, DateCandidate, Role
from newscrawl.normalize.wordeddates import worded_day

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
# "feb" and "february" both name month 2; English only, whatever the machine's locale says.
_MONTHS = {
    spelling: number for number, name in enumerate(_MONTH_NAMES, start=1) for spelling in (name, name[:3])
}

# re.ASCII: int() would happily read Arabic-Indic digits that \d matches by default.
_PUBLISHEDDATE = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2}) (\d{1,2}):(\d\d)(?::(\d\d))?", re.ASCII)
_AGO = re.compile(r"(\d+)\s*(m|mins?|minutes?|h|hrs?|hours?|d|days?)\s+ago", re.ASCII)
_DAY_MONTH = re.compile(r"(\d{1,2})\s+([a-z]+)(?:\s+(\d{4}))?", re.ASCII)
_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d", re.ASCII)
# The clock of an ISO 8601 value (`T14:56`, `T14:56:00`), by whose length its precision is known; a date
# alone is day-precise: calling it second-precise would hide that the time is unknown.
_ISO_CLOCK = re.compile(r"\d{4}-?\d\d-?\d\d[T ](\d\d(?::?\d\d)?(?::?\d\d)?)", re.ASCII)
_ISO_PRECISION = {0: "day", 2: "hour", 4: "minute", 5: "minute", 6: "second", 8: "second"}


@dataclass(frozen=True)
class Timestamp:
    """An instant plus where it came from, so an archivist can tell a minute from a guess."""

    value: datetime
    source: str
    precision: str

    def isoformat(self) -> str:
        """ISO 8601, with the offset when the zone is known (else wall-clock time, see `placed`)."""
        return self.value.isoformat(timespec="seconds")

    def instant(self) -> datetime:
        """The value as an aware instant: wall-clock time without a zone is taken as UTC, within the
        hours any zone differs from it."""
        return self.value if self.value.tzinfo else self.value.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Reading:
    """What a parser may consult besides its own string: the site's zone, the instant relative texts
    count back from (`anchor_time`), the page's other candidates, and the language tag it declares
    (`en-US`), which tells the order of a numeric date's day and month (`datelines.month_first`)."""

    tz: ZoneInfo | None
    anchor: datetime | None
    candidates: tuple[DateCandidate, ...]
    language: str | None = None

    def first(self, source: str, role: Role = "published") -> str | None:
        return next((c.raw for c in self.candidates if c.source == source and c.role == role), None)


# (raw string, its source, the reading) -> the instant, or None when the string is not in the parser's set.
Parser = Callable[[str, str, Reading], Timestamp | None]


def iso_naive_local(text: str, source: str, reading: Reading) -> Timestamp | None:
    """ISO 8601; without an offset it is site time (JSON-LD and `article:` metas are written so)."""
    return _from_iso(text, source, reading.tz, naive_is_local=True)


def iso_with_offset(text: str, source: str, reading: Reading) -> Timestamp | None:
    """ISO 8601 with an offset only, for a site whose zone is known (the reference contract ranks
    `<time datetime>` first only with one); a site without a zone keeps it as wall-clock time."""
    return _from_iso(text, source, reading.tz, naive_is_local=reading.tz is None)


def publisheddate(text: str, source: str, reading: Reading) -> Timestamp | None:
    """`2022/02/16 14:56:00` or `2022/02/16 14:56`, naive site time."""
    match = _PUBLISHEDDATE.fullmatch(_clean(text))
    if match is None:
        return None
    year, month, day, hour, minute, second = (int(group) for group in match.groups("0"))
    try:
        value = datetime(year, month, day, hour, minute, second)  # noqa: DTZ001  (placed below)
    except ValueError:
        return None
    return placed(value, reading.tz, source, "minute" if match[6] is None else "second")


def relative_unless_shown_otherwise(text: str, source: str, reading: Reading) -> Timestamp | None:
    """The relative text, unless the visible date names another day: the page's label wins."""
    if reading.anchor is None:
        return None
    try:
        parsed = _parse_relative(_clean(text).lower(), reading.tz, reading.anchor)
    except (ValueError, OverflowError):  # "31 Feb", or "99999999d ago" before year 1
        return None
    if parsed is None:
        return None
    value, precision = parsed
    shown_text = reading.first(VISIBLE_DATE)
    shown = None if shown_text is None else visible(shown_text, VISIBLE_DATE, reading)
    if shown is not None and shown.value.date() != value.date():
        return shown
    return Timestamp(value, source, precision)


def visible(text: str, source: str, reading: Reading) -> Timestamp | None:
    """`2022-02-16`, `16 Feb 2022`, or a day in words in one of the languages `worded_day` reads
    (`16 February 2022`, `Domenica 06 Dicembre 2020`, `December 6, 2020`), at site midnight."""
    cleaned = _clean(text).lower()
    try:
        if _ISO_DATE.fullmatch(cleaned):
            day: date | None = date.fromisoformat(cleaned)
        else:
            day = _parse_day_month(cleaned, None) or worded_day(cleaned)
    except ValueError:
        return None
    return None if day is None else placed(_midnight(day), reading.tz, source, "day")


def _from_iso(text: str, source: str, tz: ZoneInfo | None, *, naive_is_local: bool) -> Timestamp | None:
    """ISO 8601 as `datetime.fromisoformat` reads it ("Z" and fractional seconds included).

    A date without a time (schema.org allows `2022-02-16`) is site midnight at day precision:
    calling it second-precise would hide that the time is unknown.
    """
    cleaned = _clean(text)
    try:
        parsed = datetime.fromisoformat(cleaned).replace(microsecond=0)
        precision = _ISO_PRECISION.get(len(clock[1]) if (clock := _ISO_CLOCK.match(cleaned)) else 0, "second")
        if parsed.tzinfo is None:
            return placed(parsed, tz, source, precision) if naive_is_local else None
        return Timestamp(parsed if tz is None else parsed.astimezone(tz), source, precision)
    except (ValueError, OverflowError):
        return None


def _parse_relative(text: str, tz: ZoneInfo | None, anchor: datetime) -> tuple[datetime, str] | None:
    """`just now`, `49m ago`, `2h ago`, `3d ago`, `yesterday`, `15 Feb`, `15 Feb 2021`.

    Calendar days are counted in site time: at 00:30 SAST "yesterday" is the SAST date before,
    even though it is still the previous day in UTC. Without a site zone there are no calendar days:
    only the minute and hour forms count, in UTC.
    """
    local = anchor.astimezone(tz or UTC)
    if text == "just now":
        return _to_minute(local), "minute"
    if match := _AGO.fullmatch(text):
        count, unit = int(match[1]), match[2][0]
        if unit != "d":
            # Subtract in UTC: wall-clock arithmetic on an aware datetime would ignore DST shifts.
            delta = timedelta(minutes=count) if unit == "m" else timedelta(hours=count)
            return _to_minute((anchor - delta).astimezone(tz or UTC)), "minute" if unit == "m" else "hour"
        if tz is not None:
            return _midnight(local.date() - timedelta(days=count), tz), "day"
        return None
    if tz is None:
        return None
    if text == "yesterday":
        return _midnight(local.date() - timedelta(days=1), tz), "day"
    day = _parse_day_month(text, local.date())
    return None if day is None else (_midnight(day, tz), "day")


def _parse_day_month(text: str, today: date | None) -> date | None:
    """`15 Feb`, `15 February`, optionally followed by a year.

    Without a year the date is taken in `today`'s year, or the year before when that would be
    later than `today`: a listing never shows future dates, so "31 Dec" seen in January is last
    year's. Without `today` the year is required.
    """
    match = _DAY_MONTH.fullmatch(text)
    month = _MONTHS.get(match[2]) if match else None
    if match is None or month is None:
        return None
    if match[3] is not None:
        return date(int(match[3]), month, int(match[1]))
    if today is None:
        return None
    shown = date(today.year, month, int(match[1]))
    return shown if shown <= today else shown.replace(year=today.year - 1)


def _clean(text: str | None) -> str:
    """Whitespace runs as one space: raw page text keeps `&nbsp;` (`49m\u00a0ago`) and newlines."""
    return " ".join((text or "").split())


def _to_minute(value: datetime) -> datetime:
    return value.replace(second=0, microsecond=0)


def _midnight(day: date, tz: ZoneInfo | None = None) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=tz)


def placed(value: datetime, tz: ZoneInfo | None, source: str, precision: str) -> Timestamp:
    """A wall-clock time of the page in the site's zone; without a zone it stays wall-clock time (no
    offset), and its precision says so (`second_local`)."""
    if tz is None:
        return Timestamp(value, source, f"{precision}_local")
    return Timestamp(value.replace(tzinfo=tz), source, precision)


URL_DATE = re.compile(r"(?<!\d)(20\d\d|19\d\d)([-/_]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)", re.ASCII)
# The month as a word between slashes (`/2019/nov/18/`): the Guardian's, PolitiFact's and other CMSs' paths.
URL_WORDED_DATE = re.compile(r"/(20\d\d|19\d\d)/([a-z]{3,9})/(0?[1-9]|[12]\d|3[01])(?=/|$)", re.ASCII | re.I)


def url_date(text: str, source: str, reading: Reading) -> Timestamp | None:
    """The date in a URL's path (`/2022/02/16/`, `-20220216`, `2022-02-16`, `/2022/feb/16/`), at day
    precision."""
    path = urlsplit(text).path
    numeric, worded = URL_DATE.search(path), URL_WORDED_DATE.search(path)
    month = _MONTHS.get(worded[2].lower()) if worded else None
    try:
        if numeric is not None:
            day = date(int(numeric[1]), int(numeric[3]), int(numeric[4]))
        elif worded is not None and month is not None:
            day = date(int(worded[1]), month, int(worded[3]))
        else:
            return None
    except ValueError:
        return None
    return placed(_midnight(day), reading.tz, source, "day")
