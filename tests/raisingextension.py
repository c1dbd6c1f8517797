"""An extension whose handler raises on every scraped article (tests/test_run_failures.py): Scrapy logs
the traceback and goes on, so only the run's count of it can fail the run."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from scrapy import signals

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


class RaisingOnScraped:
    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        extension = cls()
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        return extension

    def item_scraped(self, item: Any) -> None:
        raise RuntimeError("the archive index is full")
