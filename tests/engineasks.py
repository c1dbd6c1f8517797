"""A test-only Scrapy extension: makes certain an interleaving that Scrapy's engine heartbeat makes rare.

Every 5 s the engine asks its scheduler for a request even while idle, and the distributed scheduler then
leases from the shared queue. Now and then that lands between two polls of an idle worker, so the engine
takes a batch the poll was about to take. This extension asks the engine as soon as anything is queued,
so the engine takes every batch first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy import signals
from twisted.internet.task import LoopingCall

from newscrawl.distributed.crawl import SharedCrawl

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

ASK_EVERY = 0.005


def queued(shared: SharedCrawl) -> int:
    return int(shared.server.zcard(shared.queue))


class EngineAsksFirst:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.loop = LoopingCall(self.ask)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> EngineAsksFirst:
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def spider_opened(self) -> None:
        self.loop.start(ASK_EVERY)

    def engine_stopped(self) -> None:
        if self.loop.running:
            self.loop.stop()

    def ask(self) -> None:
        """What the engine's heartbeat does: schedule its next-request loop (a private API, test-only)."""
        engine = self.crawler.engine
        if engine is not None and engine._slot is not None and queued(SharedCrawl.of(self.crawler)):
            engine._slot.nextcall.schedule()
