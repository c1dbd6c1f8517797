"""A progress line every `LOGSTATS_INTERVAL` seconds that says how the run is going, not only how fast.

Scrapy's LogStats prints "Crawled 240 pages (at 60 pages/min), scraped 200 items (at 50 items/min)";
a person watching a run, or a log read after an alarm, also wants to know how many pages failed and how
many articles were dropped so far. This is LogStats with that line (the interval, the looping call and
the final per-minute stats stay Scrapy's), enabled in its place in `newscrawl/settings.py`:

    Progress: 240 pages (60/min), 200 articles exported (50/min), 3 failed, 12 dropped
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy.extensions.logstats import LogStats

from newscrawl.export.exitcodes import stats_under

if TYPE_CHECKING:
    from scrapy import Spider

logger = logging.getLogger(__name__)


class ProgressStats(LogStats):
    def log(self, spider: Spider) -> None:
        self.calculate_stats()
        stats = self.stats.get_stats()
        logger.info(
            "Progress: %d pages (%d/min), %d articles exported (%d/min), %d failed, %d dropped",
            self.pages, self.prate, self.items, self.irate,
            sum(stats_under(stats, "newscrawl/failed/").values()),
            sum(stats_under(stats, "newscrawl/dropped/").values()),
        )  # fmt: skip
