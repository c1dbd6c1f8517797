"""Days a dateline gives only in part, read where the page's other dates leave one reading: a year in two
digits (`11/19/19 06:56 AM EST`, `26-09-20 12:07`, `27 Mar 20 à 9:21`) and a weekday alone (`Monday
5:30PM`). `datelines.dateline` takes either only with a clock, as a line without a year: a short date
without one is too often something else (a score, a season's `19/20`).

A two-digit year ends a numeric date, or follows a day and a month in words. Sites print it so for this
century's years: `yy` is 20yy, taken only within `SHORT_YEAR_SPAN` years before the anchor and never after
the anchor's day, and, on a page that declares a day (`page_day`), within a year of it (a `26-09-20` on a
page that declares 2009 is no date of its). Its day and month are told apart as a four-digit year's are
(`ordered_day`). A weekday alone names the day the page declares, or its URL names, when that day is that
weekday; with no such day, or days of the page that disagree, it names none. The order a locale writes a
numeric day and month in (`month_first`) is here, for these days and for `datelines`' four-digit ones.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from newscrawl.items import URL_PATH
from newscrawl.normalize.dateformats import url_date
from newscrawl.normalize.refinements import EASTMOST
from newscrawl.normalize.wordeddates import worded_day

if TYPE_CHECKING:
    from newscrawl.normalize.dateformats import Reading

Found = tuple[date, tuple[int, int]]

# Where English numeric dates put the month first: the United States, and the Philippines, which took its
# forms (Spanish in the United States is written either way, so `es-US` counts as Spanish: day first).
MONTH_FIRST_REGIONS = frozenset({"us", "ph"})
# Languages whose numeric dates put the year first (`2018.05.10`): a day-month-year there is no habit, and
# a short one may be year first (`20/09/26`).
YEAR_FIRST = frozenset({"zh", "ja", "ko", "hu", "lt", "mn"})
SHORT_YEAR_SPAN = 30  # years before the anchor's a two-digit year may name
_ABBREVIATED = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_MONTHS = {name: number for number, name in enumerate(_ABBREVIATED, 1)} | {"sept": 9}
_WORD = r"[^\W\d_]+"
# The two digits end the date: not a clock's (`18. November, 20:19`), nor the start of a longer number.
_SHORT_END = r"(\d\d)(?![\d/-]|[.:hH]\d|\s*[:hH]\s*\d)"
_SHORT_NUMERIC = re.compile(rf"(?<![\d./:-])(\d{{1,2}})([./-])(\d{{1,2}})\2{_SHORT_END}")
_SHORT_WORDED = re.compile(rf"(?<![\d.:])(\d{{1,2}})\.?\s+({_WORD})\.?,?\s+{_SHORT_END}")
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY = re.compile(
    r"(?<![^\W\d_])(mon|tue|wed|thu|fri|sat|sun)(?:day|s|sday|nesday|rs|rsday|urday|\.)?(?![^\W\d_])", re.I
)
_ISO_DAY = re.compile(r"\s*(\d{4})-(\d\d)-(\d\d)")


def short_year_day(line: str, reading: Reading) -> Found | None:
    """The first day with a two-digit year the line names and where, as above: a numeric one not on a page
    whose language writes the year first."""
    order = month_first(reading.language)
    numeric = () if locale(reading.language)[0] in YEAR_FIRST else _SHORT_NUMERIC.finditer(line)
    for match in sorted((*numeric, *_SHORT_WORDED.finditer(line)), key=re.Match.start):
        if match.re is _SHORT_NUMERIC:
            day = ordered_day(int(match[1]), int(match[3]), 2000 + int(match[4]), order)
        else:
            day = numeric_day(2000 + int(match[3]), month_number(match[2]), match[1])
        if day is not None and plausible_short_year(day, reading):
            return day, match.span()
    return None


def plausible_short_year(day: date, reading: Reading) -> bool:
    """Whether `day` falls in the span a two-digit year may name, as above."""
    if reading.anchor is None:
        return False
    latest, near = (reading.anchor + EASTMOST).date(), page_day(reading)
    recent = latest.year - SHORT_YEAR_SPAN <= day.year and day <= latest
    return recent and (near is None or abs(day.year - near.year) <= 1)


def weekday_day(line: str, reading: Reading) -> Found | None:
    """The day a weekday alone names and where: the page's declared or URL day, when the page's days are
    one and that weekday."""
    named = _WEEKDAY.search(line)
    if named is None:
        return None
    url_days = (
        url_date(found.raw, URL_PATH, reading) for found in reading.candidates if found.source == URL_PATH
    )
    days = {day for day in (page_day(reading), *(found.value.date() for found in url_days if found)) if day}
    if len(days) != 1 or (day := days.pop()).weekday() != _WEEKDAYS.index(named[1].lower()):
        return None
    return day, named.span()


def names_partial_day(line: str) -> bool:
    """Whether the line names a day with a two-digit year or a weekday, which `dateline` may read."""
    return names_short_year(line) or _WEEKDAY.search(line) is not None


def names_short_year(line: str) -> bool:
    """Whether the line names a day with a two-digit year."""
    return any(pattern.search(line) for pattern in (_SHORT_NUMERIC, _SHORT_WORDED))


def page_day(reading: Reading) -> date | None:
    """The first day the page declares in ISO 8601 (JSON-LD, metas, `<time datetime>`)."""
    declared = (_ISO_DAY.match(candidate.raw) for candidate in reading.candidates)
    return next((day for found in declared if found and (day := numeric_day(*found.groups()))), None)


def ordered_day(first: int, second: int, year: int, order: bool | None) -> date | None:
    """A numeric day-and-month whose order one number fixes (over 12: the day; both the same), else
    `order` (`datelines.month_first`: True for month first, None for no one can say)."""
    if first > 12 or first == second or (order is False and second <= 12):
        return numeric_day(year, second, first)
    return numeric_day(year, first, second) if second > 12 or order else None


def month_number(name: str) -> int | None:
    """The month a name or an English abbreviation names (`Nov`, `novembre`), in any language
    `worded_day` reads."""
    day = worded_day(f"1 {name} 2000")
    return day.month if day else _MONTHS.get(name.lower())


def numeric_day(year: str | int, month: str | int | None, day: str | int) -> date | None:
    try:
        return None if month is None else date(int(year), int(month), int(day))
    except ValueError:
        return None


def month_first(language: str | None) -> bool | None:
    """Whether the page's locale writes a numeric date month first (`en-US`: True), day first (`en-GB`,
    `de`, `pt-BR`: False), or no one can say: no tag, English without a region (American, British and
    Indian pages all declare `en`), or a language that writes the year first."""
    primary, region = locale(language)
    if not primary or primary in YEAR_FIRST or (primary == "en" and not region):
        return None
    return primary == "en" and region[:2] in MONTH_FIRST_REGIONS


def locale(language: str | None) -> tuple[str, str]:
    """The language and the region of a tag (`en_US`: `en`, `us`), in lower case."""
    primary, _, region = (language or "").strip().lower().replace("_", "-").partition("-")
    return primary, region
