"""Each article of a distributed crawl is exported by one worker, even when two reach it by different URLs.

The article's id is claimed in Redis (`SharedCrawl.claim`); a worker that finds it claimed by another
live worker drops its copy as a duplicate, as `DedupePipeline` does within one worker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.exceptions import NotConfigured

from newscrawl import config
from newscrawl.distributed.crawl import SharedCrawl
from newscrawl.pipelines.dedupe import duplicate

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from newscrawl.items import Article


class ClaimPipeline:
    """`ITEM_PIPELINES` after `DedupePipeline`; switched off unless `NEWSCRAWL_REDIS_URL` is set."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ClaimPipeline:
        if not config.get_str(crawler.settings, "NEWSCRAWL_REDIS_URL"):
            raise NotConfigured
        return cls(crawler)

    def process_item(self, item: Article) -> Article:
        if not SharedCrawl.of(self.crawler).claim(item.id):
            assert self.crawler.stats is not None
            raise duplicate(self.crawler.stats, item)
        return item
