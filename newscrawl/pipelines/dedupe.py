"""Emit each article once per run, whichever link variant or redirect reached it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.exceptions import DropItem

from newscrawl.digests import DigestSet

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

    from newscrawl.items import Article


class DedupePipeline:
    """The spider already requests each URL key once; this catches distinct URLs with one canonical.

    A distributed crawl adds `newscrawl.distributed.claims.ClaimPipeline` after it, for the articles
    other workers export.
    """

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats
        self.seen = DigestSet()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupePipeline:
        assert crawler.stats is not None
        return cls(crawler.stats)

    def process_item(self, item: Article) -> Article:
        if not self.seen.add(id_digest(item.id)):
            raise duplicate(self.stats, item)
        return item


def duplicate(stats: StatsCollector, item: Article) -> DropItem:
    """The drop of a duplicate article, counted."""
    stats.inc_value("newscrawl/dropped/duplicate")
    return DropItem(f"duplicate of {item.canonical_url}: {item.url}", log_level="INFO")


def id_digest(article_id: str) -> int:
    """An article id is hex of a SHA-256 prefix: its first 16 digits are already a 64-bit digest."""
    return int(article_id[:16], 16)
