"""Emit each article once per run, whichever link variant or redirect reached it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.exceptions import DropItem

from newscrawl.digests import DigestSet
from newscrawl.distributed.crawl import SharedCrawl

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

    from newscrawl.items import Article


class DedupePipeline:
    """The spider already requests each URL key once; this catches distinct URLs with one canonical.

    In a distributed crawl the other workers' articles count too: each id is claimed in Redis.
    """

    def __init__(self, stats: StatsCollector, crawler: Crawler | None = None) -> None:
        self.stats, self.crawler = stats, crawler
        self.seen = DigestSet()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupePipeline:
        assert crawler.stats is not None
        return cls(crawler.stats, crawler if crawler.settings.get("NEWSCRAWL_REDIS_URL") else None)

    def claimed_elsewhere(self, item: Article) -> bool:
        return self.crawler is not None and not SharedCrawl.of(self.crawler).claim(item.id)

    def process_item(self, item: Article) -> Article:
        digest = id_digest(item.id)
        if digest in self.seen or self.claimed_elsewhere(item):
            self.stats.inc_value("newscrawl/dropped/duplicate")
            raise DropItem(f"duplicate of {item.canonical_url}: {item.url}", log_level="INFO")
        self.seen.add(digest)
        return item


def id_digest(article_id: str) -> int:
    """An article id is hex of a SHA-256 prefix: its first 16 digits are already a 64-bit digest."""
    return int(article_id[:16], 16)
