"""Drop what is not an article: a page without a title or a body is a layout change or an error page.

Each drop is counted under `newscrawl/dropped/<reason>` so a run's stats show what was lost and why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.exceptions import DropItem

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

    from newscrawl.items import Article

REQUIRED_FIELDS = ("title", "body")


class ValidationPipeline:
    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidationPipeline:
        assert crawler.stats is not None
        return cls(crawler.stats)

    def process_item(self, item: Article) -> Article:
        missing = [name for name in REQUIRED_FIELDS if not getattr(item, name)]
        if missing:
            reason = f"missing_{missing[0]}"
            self.stats.inc_value(f"newscrawl/dropped/{reason}")
            raise DropItem(f"{reason}: {item.url}", log_level="WARNING")
        return item
