"""How a dateline is read: the day and the clock a page prints by its headline for readers, in the many
ways CMSs print them (`Nov. 19, 2019 5:50 PM`, `Published 11:11 PM EST Nov 19, 2019`, `10:01 pm PST,
Tuesday, November 19, 2019`, `November 19th, 2019 at 8:40 AM`, `13.11.2019, 23:06`, `21:17 18.11.2019`,
`Published 0339 GMT (1139 HKT) November 19, 2019`).

The line is searched, not matched whole: a label (`Published`, `Updated on:`), a weekday or a byline may
surround the date. Its first day is read: a day in words (`worded_day`'s languages, or an English month
cut short: `Nov.`, `Sept`), a year-first date, `2019年11月20日`, or a numeric day-month-year whose order
one of its numbers fixes (`13.11.2019`, `11.14.2019`), else the page's locale (`month_first`:
`05.10.2018` is May 10th on an `en-US` page, October 5th on a `de` one, unread on an `en` one). Then its
first clock outside that day, in 24 or 12 hours. A zone RFC 822 names after the clock (`PST`) keeps its
offset; any other (`ET`), or none, leaves wall-clock time in the site's zone (`placed`), which a page's UTC
time may give its offset (`timestamps.in_page_offset`). A line without a clock is its day, at day precision.

A line without a year (`Posted Nov 18, 8:19 PM`, `Today 12:01 AM`, `сегодня в 05:46`) is read against the
anchor (`timestamps.anchor_time`), and only with its clock (`yearless_day`); so is a line whose year has
two digits, or that names a weekday alone (`partialdays`: `11/19/19 06:56 AM EST`, `Monday 5:30PM`).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from newscrawl.items import URL_PATH
from newscrawl.normalize.dateformats import Reading, Timestamp, iso_naive_local, placed, url_date, visible
from newscrawl.normalize.feeddates import zone_offset
from newscrawl.normalize.partialdays import (
    month_first,
    month_number,
    names_partial_day,
    names_short_year,
    numeric_day,
    ordered_day,
    page_day,
    short_year_day,
    weekday_day,
)
from newscrawl.normalize.refinements import EASTMOST

_WORD = r"[^\W\d_]+"
_YEAR = r"(\d{4})(?!\d)"
_WORDED = re.compile(
    rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?:de\s+)?({_WORD})\.?,?\s+(?:de\s+)?{_YEAR}"
    rf"|(?<![^\W\d_])({_WORD})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}"
)
_NUMERIC = re.compile(
    r"(?<![\d.])(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?!\d)|(\d{4})([./-])(\d\d)\6(\d\d)(?!\d)"
)
_EAST_ASIAN = re.compile(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
# `am`/`pm` in any case and glued to what follows in capitals (`1:43PMEmail`), not to a word (`amount`);
# with them, the hour alone is a clock (`5 PM`, `5 p.m.`).
_CLOCK = re.compile(
    r"(?<![\d.:+-])([01]?\d|2[0-3])"
    r"(?:[:.hH]([0-5]\d)(?::([0-5]\d))?(?![\d:.]\d)|(?=\s?[aApP]\.?\s?[mM](?![a-z])))"
    r"(?:\s*([aApP])\.?\s?[mM](?![a-z])\.?)?(?:\s*([A-Za-z]{1,5})\b)?"
)
# A clock without its colon, as wire services and CNN print it, before the zone RFC 822 names that makes it
# one (`0339 GMT`; not `1139 HKT`, nor a year).
_MILITARY = re.compile(r"(?<![\d:.])([01]\d|2[0-3])([0-5]\d)(?=\s*([A-Za-z]{1,5})\b)")
# A day without its year: a month and its day (`Nov 18`, `18. November`), not followed by a year.
_YEARLESS = re.compile(
    rf"(?<![^\W\d_])({_WORD})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?![\d:.]|\s*[,.]?\s*\d{{4}})"
    rf"|(?<![\d.:])(\d{{1,2}})\.?\s+({_WORD})(?!\.?\s*,?\s*\d{{4}})"
)
# Today and yesterday, by the days before the anchor's, in the languages of most of the news we read.
_DAYS_BEFORE = {
    word: days
    for days, words in enumerate(
        (
            "today heute aujourd'hui hoy oggi hoje vandaag сегодня сьогодні dnes dziś dzisiaj",
            "yesterday gestern hier ayer ieri ontem gisteren вчера вчора včera wczoraj",
        )
    )
    for word in words.split()
}
_NAMED_DAY = re.compile(rf"(?<![^\W\d_])({'|'.join(_DAYS_BEFORE)})(?![^\W\d_])", re.I)
_GIVEN_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
MAX_DATELINE = 100  # characters: a longer text is a paragraph that mentions dates, not a dateline


# What a line says of its update time, up to where it says when the story was first published: the
# update is not the publication (`Updated Nov. 19, 2019 8:21 am ET / Original Nov. 19, 2019 8:02 am ET`).
_UPDATED = re.compile(
    r"(?:updated|modified|aktualisiert|atualizad[oa]|actualizad[oa]|mise? à jour|aggiornato|обновлено)"
    r".*?(?=published|original|posted|publicado|veröffentlicht|pubblicato|publié|опубликовано|$)",
    re.I,
)


def shown(text: str, source: str, reading: Reading) -> Timestamp | None:
    """A visible date as `visible` reads it, or ISO 8601 (microdata's text), else a dateline; when the
    page's URLs name days, only one on such a day: another is a date the story cites, another story's (a
    fact-check's claim) or the day a portal copied the story (its canonical URL names the story's own)."""
    found = (
        visible(text, source, reading)
        or iso_naive_local(text, source, reading)
        or dateline(text, source, reading)
    )
    url_days = {
        day.value.date()
        for candidate in reading.candidates
        if candidate.source == URL_PATH and (day := url_date(candidate.raw, URL_PATH, reading))
    }
    return found if found is None or not url_days or found.value.date() in url_days else None


def dateline(text: str, source: str, reading: Reading) -> Timestamp | None:
    """The first day of the line and its first clock, as above, outside what it says of an update; None
    without a day, or for a day without its full year, without a clock or after the anchor."""
    line = _UPDATED.sub(" ", " ".join(text.split()))
    if len(line) > MAX_DATELINE:
        return None
    found = first_day(line, month_first(reading.language))
    yearless = found is None
    found = (
        found or short_year_day(line, reading) or weekday_day(line, reading) or yearless_day(line, reading)
    )
    if found is None:
        return None
    day, (start, end) = found
    clock = _CLOCK.search(colon_clocks(line[:start] + " " * (end - start) + line[end:]))
    if clock is None:
        midnight = datetime(day.year, day.month, day.day)  # noqa: DTZ001  (placed below)
        return None if yearless else placed(midnight, reading.tz, source, "day")
    hour, minute, second = int(clock[1]), int(clock[2] or 0), int(clock[3] or 0)
    if clock[4] and hour <= 12:
        hour = hour % 12 + (12 if clock[4].lower() == "p" else 0)
    value = datetime(day.year, day.month, day.day, hour, minute, second)  # noqa: DTZ001  (placed below)
    offset, precision = (
        zone_offset(clock[5]),
        "hour" if clock[2] is None else "minute" if clock[3] is None else "second",
    )
    if offset is None:
        found_at = placed(value, reading.tz, source, precision)
    else:
        aware = value.replace(tzinfo=offset)
        found_at = Timestamp(aware if reading.tz is None else aware.astimezone(reading.tz), source, precision)
    return None if yearless and after_anchor(found_at, reading) else found_at


def colon_clocks(line: str) -> str:
    """The line with its clocks without a colon before an RFC 822 zone written with one (`03:39 GMT`)."""
    return _MILITARY.sub(lambda found: f"{found[1]}:{found[2]}" if zone_offset(found[3]) else found[0], line)


def yearless_day(line: str, reading: Reading) -> tuple[date, tuple[int, int]] | None:
    """The day a line without a year next to its day names, and where: today or yesterday of the anchor's
    day; a month and day in the year the line gives after its clock (`November 20 15:23 2019`), else
    nearest the page's own declared day (`page_day`: a page re-rendered years on keeps its date), else
    the latest not after the anchor's day. Days are the site zone's, else UTC's (a page's `Nov 19` may be
    the anchor's next day east of it), and never after the anchor's. Without an anchor there is none, nor
    in a line whose day has a two-digit year (`27 Mar 20`) that `short_year_day` left unread."""
    if reading.anchor is None or names_short_year(line):
        return None
    today = reading.anchor.astimezone(reading.tz or UTC).date()
    if named := _NAMED_DAY.search(line):
        return today - timedelta(days=_DAYS_BEFORE[named[1].lower()]), named.span()
    latest = today if reading.tz else (reading.anchor + EASTMOST).date()
    near = page_day(reading)
    given = _GIVEN_YEAR.search(line)
    years = (int(given[1]),) if given else (near.year + 1, near.year, near.year - 1) if near else ()
    for match in _YEARLESS.finditer(line):
        month, day = match.group(1, 2) if match[1] else match.group(4, 3)
        found = (
            numeric_day(year, month_number(month), day) for year in years or (latest.year, latest.year - 1)
        )
        days = [found_day for found_day in found if found_day is not None and found_day <= latest]
        if days:
            return min(days, key=lambda found_day: abs(found_day - (near or latest))), match.span()
    return None


def after_anchor(found: Timestamp, reading: Reading) -> bool:
    """Whether `found` is after the anchor, in every zone when it is wall-clock time: a line without a
    year read so names another day than the one taken for it."""
    ahead = EASTMOST if found.value.tzinfo is None else timedelta(0)
    return reading.anchor is not None and found.instant() - ahead > reading.anchor


def yearless_dateline(line: str) -> bool:
    """Whether a line without a year may still be a dateline: it names a day (`Nov 18`, `Today`) and
    gives a clock, so that `dateline` can read it against the anchor."""
    months = (match[1] or match[4] for match in _YEARLESS.finditer(line))
    named = _NAMED_DAY.search(line) or any(month_number(month) for month in months) or names_partial_day(line)
    return bool(named) and _CLOCK.search(line) is not None


def first_day(line: str, order: bool | None = None) -> tuple[date, tuple[int, int]] | None:
    """The first day the line names, and where it is; `order` is `month_first`'s."""
    days = (
        (day, match.span())
        for pattern in (_WORDED, _NUMERIC, _EAST_ASIAN)
        for match in pattern.finditer(line)
        if (day := day_of(match, pattern, order)) is not None
    )
    return min(days, key=lambda found: found[1][0], default=None)


def day_of(match: re.Match[str], pattern: re.Pattern[str], order: bool | None) -> date | None:
    if pattern is _WORDED:
        day, month, year = match.group(1, 2, 3) if match[1] else match.group(5, 4, 6)
        return numeric_day(year, month_number(month), day)
    if pattern is _EAST_ASIAN:
        return numeric_day(match[1], match[2], match[3])
    if match[5]:
        return numeric_day(match[5], match[7], match[8])
    return ordered_day(int(match[1]), int(match[3]), int(match[4]), order)
