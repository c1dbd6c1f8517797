"""How a date a page declares for machines (JSON-LD, `article:` and other date metas, microdata) is read.

The fields are meant for ISO 8601, and most pages write it. CMSs also write an RFC 822 date (`Sun, 11 Oct
2020 07:34:36 GMT`), its month-first variant (`Tue, Sep 15 2020 10:01:41 EDT`), JavaScript's
`Date.toString()` (`Tue Aug 25 2020 00:23:33 GMT-0400 (Eastern Daylight Time)`), an ISO time followed by
a zone name (`2020-09-25T16:02:50CDT`) or `2020/10/04 15:05:21`. Each is brought to the one reader of its
kind; zones are read as a feed's are (`newscrawl.normalize.feeddates`): a numeric offset or a name RFC 822
defines keeps its offset, any other name, or none, is wall-clock time in the site's zone.
"""

from __future__ import annotations

import re

from newscrawl.normalize.dateformats import (
    Reading,
    Timestamp,
    iso_naive_local,
    iso_with_offset,
    publisheddate,
)
from newscrawl.normalize.datelines import dateline
from newscrawl.normalize.feeddates import feed_date, zone_offset

# `Tue, Sep 15 2020 10:01:41 EDT`, `Tue Aug 25 2020 00:23:33 -0400`: the month before the day.
_MONTH_FIRST = re.compile(
    r"(?:[a-z]{3,9},?\s*)?([a-z]{3,9}\.?)\s+(\d{1,2}),?\s+(\d{4})\s+(.+)", re.ASCII | re.I
)
# JavaScript's zone: `GMT` before its offset, and the zone's name in brackets after it. The name holds no
# bracket: `[^)]` read on from every `(` to the end, and a meta of 100 000 `(` took seconds (quadratic).
_JAVASCRIPT_ZONE = re.compile(r"\s*(?:GMT|UTC)(?=[+-]\d{4})|\s*\([^()]*\)$", re.ASCII | re.I)
_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d", re.ASCII)  # an ISO value none of the readers took is broken
_ISO_ZONE_NAME = re.compile(r"(\d{4}-\d\d-\d\d[T ][\d:.]+?)\s*([a-z]{1,5})", re.ASCII | re.I)


def declared(text: str, source: str, reading: Reading) -> Timestamp | None:
    """ISO 8601 as `iso_naive_local` reads it, `publisheddate`'s form, an ISO time with a zone name, an
    RFC 822 date in any of the orders above, or the date as readers see it, which some CMSs write into
    their metas too (`November 19, 2019, 07:47 PM EST`, read as a dateline); None for anything else."""
    found = iso_naive_local(text, source, reading) or publisheddate(text, source, reading)
    cleaned = " ".join(text.split())
    if found is None and (named := _ISO_ZONE_NAME.fullmatch(cleaned)):
        found = _iso_in_zone(named[1], named[2], source, reading)
    if found is None:
        rfc822 = _JAVASCRIPT_ZONE.sub(" ", cleaned).strip()
        if month_first := _MONTH_FIRST.fullmatch(rfc822):
            rfc822 = f"{month_first[2]} {month_first[1]} {month_first[3]} {month_first[4]}"
        found = feed_date(rfc822, source, reading)
    return found or (None if _ISO_DAY.match(cleaned) else dateline(text, source, reading))


def time_datetime(text: str, source: str, reading: Reading) -> Timestamp | None:
    """A `<time datetime>`: ISO 8601 with an offset as `iso_with_offset` reads it, or an ISO time with a
    zone RFC 822 names, which is an offset too (`2019-11-18 17:19:53 GMT`)."""
    named = _ISO_ZONE_NAME.fullmatch(" ".join(text.split()))
    if named is not None and zone_offset(named[2]) is not None:
        return _iso_in_zone(named[1], named[2], source, reading)
    return iso_with_offset(text, source, reading)


def _iso_in_zone(iso: str, zone: str, source: str, reading: Reading) -> Timestamp | None:
    """An ISO time in the zone RFC 822 names; wall-clock time in the site's zone for any other name."""
    offset = zone_offset(zone)
    if offset is None:
        return iso_naive_local(iso, source, reading)
    local = iso_naive_local(iso, source, Reading(None, reading.anchor, reading.candidates))
    if local is None or local.value.tzinfo is not None:
        return None
    aware = local.value.replace(tzinfo=offset)
    value = aware if reading.tz is None else aware.astimezone(reading.tz)
    return Timestamp(value, source, local.precision.removesuffix("_local"))
