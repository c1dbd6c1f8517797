"""Date blocks for demo pages and the `published_at` the site contract derives from each.

The server pins its `Date` header to `ANCHOR`, so relative texts such as "49m ago" resolve to one
answer. Only the forms the demo prints are resolved here ("Nm ago", "Nh ago"); the crawler's own
parser (`newscrawl.normalize.timestamps`) must agree with these on every demo page.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING

from newscrawl.demo.model import Dating

if TYPE_CHECKING:
    import random

SAST = timezone(timedelta(hours=2))
ANCHOR = datetime(2022, 2, 16, 15, 45, tzinfo=SAST)
HTTP_DATE = "Wed, 16 Feb 2022 13:45:00 GMT"
EARLIEST = datetime(2022, 2, 13, 7, 0, tzinfo=SAST)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def relative_text(moment: datetime) -> str:
    """How News24 prints an age: "49m ago" within the hour, "2h ago" the same day, else "15 Feb"."""
    minutes = int((ANCHOR - moment).total_seconds() // 60)
    if minutes < 60:
        return f"{minutes}m ago"
    if moment.date() == ANCHOR.date():
        return f"{minutes // 60}h ago"
    return f"{moment.day} {MONTHS[moment.month - 1]}"


def card_date(dating: Dating) -> str | None:
    """What a listing card prints for a story's age; nothing for an undated story."""
    if dating.ago is not None:
        return dating.ago
    if dating.published is not None:
        return relative_text(dating.published)
    if dating.visible is not None:
        return f"{dating.visible.day} {MONTHS[dating.visible.month - 1]}"
    return None


def midnight(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=SAST)


def full(published: datetime, modified: datetime | None) -> Dating:
    """JSON-LD, `article:published_time`, `<time datetime>` and `publisheddate`, like the reference."""
    return Dating(
        day=published.date(), published=published, modified=modified, full=True,
        visible=published.date(), ago=relative_text(published), expected=published.isoformat(),
    )  # fmt: skip


def publisheddate(published: datetime) -> Dating:
    """Only `meta[name=publisheddate]` is machine-readable; the visible block agrees with it."""
    return Dating(
        day=published.date(), published=published, visible=published.date(),
        ago=relative_text(published), expected=published.isoformat(),
    )  # fmt: skip


def relative(visible: date, ago: str) -> Dating:
    """A visible date plus "Nm ago" / "Nh ago"; a result on another day loses to the visible date."""
    amount, unit = int(ago.split()[0][:-1]), ago.split()[0][-1]
    moment = ANCHOR - timedelta(minutes=amount if unit == "m" else amount * 60)
    resolved = moment if moment.date() == visible else midnight(visible)
    return Dating(day=visible, visible=visible, ago=ago, expected=resolved.isoformat())


def visible_only(visible: date) -> Dating:
    """Just the visible date: day precision."""
    return Dating(day=visible, visible=visible, expected=midnight(visible).isoformat())


def undated(day: date) -> Dating:
    """No date anywhere on the page; `day` only names the URL."""
    return Dating(day=day)


REQUIRED = (
    relative(date(2022, 2, 16), "49m ago"),
    relative(date(2022, 2, 16), "2h ago"),
    relative(date(2022, 2, 14), "2h ago"),
    visible_only(date(2022, 2, 15)),
    publisheddate(datetime(2022, 2, 15, 9, 30, tzinfo=SAST)),
    undated(date(2022, 2, 13)),
)


def random_dating(rng: random.Random) -> Dating:
    """One of the four dated modes, at a minute between `EARLIEST` and ten minutes before `ANCHOR`."""
    span = int((ANCHOR - EARLIEST).total_seconds() // 60) - 10
    moment = EARLIEST + timedelta(minutes=rng.randint(0, span))
    mode = rng.choices(("full", "publisheddate", "relative", "visible"), (7, 4, 6, 3))[0]
    if mode == "full":
        edited = moment + timedelta(minutes=rng.randint(2, 120))
        return full(moment, min(edited, ANCHOR) if rng.random() < 0.7 else None)
    if mode == "publisheddate":
        return publisheddate(moment)
    if mode == "visible":
        return visible_only(moment.date())
    earlier_today = ANCHOR - timedelta(minutes=rng.randint(5, 9 * 60))
    return relative(ANCHOR.date(), relative_text(earlier_today))
