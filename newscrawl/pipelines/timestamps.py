"""`published_at` and `modified_at` from the page's date candidates, anchored at the HTTP `Date` header.

A candidate later than the anchor by more than `NEWSCRAWL_FUTURE_DAYS` is not believed (a year-9999
`datePublished` would keep an article "young", re-checked on every run forever): it is counted under
`newscrawl/dates/future`, logged, and the next candidate is used. A page whose own date is more than a
day from the one its feed or sitemap gave keeps its own, counted under `newscrawl/dates/link_disagrees`
and logged with both values for the first such page of the run.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from newscrawl import config
from newscrawl.normalize.timestamps import anchor_time, link_disagreement, resolve

if TYPE_CHECKING:
    from datetime import datetime

    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

    from newscrawl.items import Article, Role
    from newscrawl.normalize.timestamps import Timestamp

logger = logging.getLogger(__name__)


class TimestampPipeline:
    def __init__(self, stats: StatsCollector, future: timedelta) -> None:
        self.stats, self.future = stats, future
        self.disagreement_logged = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> TimestampPipeline:
        assert crawler.stats is not None
        return cls(crawler.stats, timedelta(days=config.get_float(crawler.settings, "NEWSCRAWL_FUTURE_DAYS")))

    def process_item(self, item: Article) -> Article:
        raw = item.raw
        zone = ZoneInfo(raw.timezone) if raw.timezone else None
        anchor = anchor_time(raw.http_date, raw.fetched_at)
        published = self.believed(item, "published", zone, anchor)
        modified = self.believed(item, "modified", zone, anchor)
        if published is not None:
            self.check_link_date(item, published, zone, anchor)
        item.published_at = published.isoformat() if published else None
        item.published_at_source = published.source if published else None
        item.published_at_precision = published.precision if published else None
        item.modified_at = modified.isoformat() if modified else None
        return item

    def believed(
        self, item: Article, role: Role, zone: ZoneInfo | None, anchor: datetime
    ) -> Timestamp | None:
        latest, language = anchor + self.future, item.raw.language
        resolved = resolve(item.raw.dates, role, zone, anchor, latest=latest, language=language)
        for too_late in resolved.too_late:
            self.stats.inc_value("newscrawl/dates/future")
            logger.info(
                "Not believed: %s date %s (%s) is after the fetch: %s", role, too_late.isoformat(),
                too_late.source, item.raw.url,
            )  # fmt: skip
        return resolved.timestamp

    def check_link_date(
        self, item: Article, published: Timestamp, zone: ZoneInfo | None, anchor: datetime
    ) -> None:
        given = link_disagreement(item.raw.dates, published, zone, anchor)
        if given is None:
            return
        self.stats.inc_value("newscrawl/dates/link_disagrees")
        if not self.disagreement_logged:
            self.disagreement_logged = True
            logger.warning(
                "Dates disagree by more than a day: the page says %s (%s), its %s %s; the page's is kept "
                "(logged once a run, counted in newscrawl/dates/link_disagrees): %s", published.isoformat(),
                published.source, given.source, given.isoformat(), item.raw.url,
            )  # fmt: skip
