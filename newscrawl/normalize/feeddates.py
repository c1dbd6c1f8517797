"""How a feed's item date is read: RFC 822 (RSS `pubDate`) or ISO 8601 (Atom, `dc:date`, JSON Feed).

RSS writes `Wed, 16 Feb 2022 14:56:00 +0200`, but also zone names RFC 822 never defined (`SAST`), which
`email.utils` and feedparser read as UTC, hours off. Here a numeric offset, `GMT`/`UT`/`UTC`/`Z` and the
US zones RFC 822 names keep their offset; any other name, or none, is wall-clock time in the site's zone
(`placed`), as a page's own undated times are.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from newscrawl.normalize.dateformats import Reading, Timestamp, iso_naive_local, placed

_RFC822 = re.compile(
    r"(?:[a-z]{3,9},?\s*)?(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{2}|\d{4})\s+"
    r"(\d{1,2}):(\d\d)(?::(\d\d))?(?:\s*([+-]\d{4}|[a-z]{1,5}))?",
    re.ASCII | re.IGNORECASE,
)
_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, start=1)}
# RFC 822 section 5.1's zones, in hours from UTC; other names are not believed.
_ZONES = {
    "gmt": 0, "ut": 0, "utc": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6,
    "pst": -8, "pdt": -7,
}  # fmt: skip


def _offset(zone: str | None) -> timezone | None:
    """The zone a `pubDate` names, or None when it names none RFC 822 defines."""
    if zone is None:
        return None
    if zone[0] in "+-":
        minutes = int(zone[1:3]) * 60 + int(zone[3:5])
        return timezone(timedelta(minutes=-minutes if zone[0] == "-" else minutes))
    hours = _ZONES.get(zone.lower())
    return None if hours is None else timezone(timedelta(hours=hours))


def feed_date(text: str, source: str, reading: Reading) -> Timestamp | None:
    """An RFC 822 date-time (two-digit years are this century's before 50), else ISO 8601."""
    cleaned = " ".join(text.split())
    match = _RFC822.fullmatch(cleaned)
    if match is None:
        return iso_naive_local(cleaned, source, reading)
    day, month_name, year_text, hour, minute, second, zone = match.groups()
    month = _MONTHS.get(month_name.lower())
    year = int(year_text) + (0 if len(year_text) == 4 else 2000 if int(year_text) < 50 else 1900)
    if month is None:
        return None
    try:
        value = datetime(year, month, int(day), int(hour), int(minute), int(second or 0))  # noqa: DTZ001
    except ValueError:
        return None
    precision = "minute" if second is None else "second"
    offset = _offset(zone)
    if offset is None:
        return placed(value, reading.tz, source, precision)
    aware = value.replace(tzinfo=offset)
    return Timestamp(aware if reading.tz is None else aware.astimezone(reading.tz), source, precision)
