"""`published_at` and `modified_at` from the page's date candidates, anchored at the HTTP `Date` header."""

from __future__ import annotations

from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from newscrawl.normalize.timestamps import anchor_time, resolve_modified, resolve_published

if TYPE_CHECKING:
    from newscrawl.items import Article


class TimestampPipeline:
    def process_item(self, item: Article) -> Article:
        raw = item.raw
        zone = ZoneInfo(raw.timezone) if raw.timezone else None
        published = resolve_published(raw.dates, zone, anchor_time(raw.http_date, raw.fetched_at))
        modified = resolve_modified(raw.dates, zone)
        item.published_at = published.isoformat() if published else None
        item.published_at_source = published.source if published else None
        item.published_at_precision = published.precision if published else None
        item.modified_at = modified.isoformat() if modified else None
        return item
