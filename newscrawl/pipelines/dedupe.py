"""Emit each article once per run, whichever link variant or redirect reached it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.exceptions import DropItem

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

    from newscrawl.items import Article


class DedupePipeline:
    """The spider already requests each URL key once; this catches distinct URLs with one canonical."""

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats
        self.seen: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupePipeline:
        assert crawler.stats is not None
        return cls(crawler.stats)

    def process_item(self, item: Article) -> Article:
        if item.id in self.seen:
            self.stats.inc_value("newscrawl/dropped/duplicate")
            raise DropItem(f"duplicate of {item.canonical_url}: {item.url}", log_level="INFO")
        self.seen.add(item.id)
        return item
