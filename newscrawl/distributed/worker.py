"""One worker of a distributed crawl: heartbeat, waiting for the others, and giving back its leases.

An idle worker does not close while requests are queued or another worker is busy (its pages may still
yield links), nor while one has gone silent (it may be dead, with leases that come back to the queue when
its heartbeat is `NEWSCRAWL_REDIS_LEASE_SECONDS` old). When the queue is empty and every worker idle, the
crawl is done: each worker closes, and the dupefilter is cleared so the next crawl reads the listings anew.

Leases are dropped only after a run closed `finished` with every feed stored; any other end (killed,
SIGTERM, a failed feed) keeps them, so they are re-queued once the heartbeat stops.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.utils.defer import deferred_from_coro
from twisted.internet.task import LoopingCall

from newscrawl import config
from newscrawl.distributed.crawl import EMPTY_POLL, LEASED, SharedCrawl

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class DistributedWorker:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.lease_seconds = config.get_float(crawler.settings, "NEWSCRAWL_REDIS_LEASE_SECONDS")
        self.beat: LoopingCall | None = None
        self.poll = LoopingCall(self.feed)
        self.reason: str | None = None
        self.beats = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DistributedWorker:
        if not config.get_str(crawler.settings, "NEWSCRAWL_REDIS_URL"):
            raise NotConfigured("NEWSCRAWL_REDIS_URL is empty: a single-machine crawl")
        worker = cls(crawler)
        crawler.signals.connect(worker.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(worker.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(worker.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(worker.engine_stopped, signal=signals.engine_stopped)
        return worker

    @property
    def shared(self) -> SharedCrawl:
        return SharedCrawl.of(self.crawler)

    def spider_opened(self) -> None:
        logger.info("Worker %s joins the crawl on %s", self.shared.worker, self.shared.prefix)
        self.beat = LoopingCall(self.heartbeat)
        self.beat.start(self.lease_seconds / 6)
        self.count_requeued()

    def heartbeat(self) -> None:
        """A beat lost to a Redis outage longer than the retries is logged; the next one tries again.

        A worker found unregistered after its first beat was taken for dead (silent for the lease time):
        its requests went back to the queue, so articles in its feed may be written twice. Loud, counted.
        """
        from redis.exceptions import RedisError  # here: every run loads this extension, few use redis

        try:
            known = self.shared.heartbeat()
        except RedisError as error:
            logger.error("Heartbeat failed, Redis still unreachable: %s", error)
            return
        if self.beats and not known:
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("newscrawl/redis/taken_for_dead")
            logger.error("This worker was taken for dead (silent %.0f s): its articles may be written twice; "
                         "raise NEWSCRAWL_REDIS_LEASE_SECONDS", self.lease_seconds)  # fmt: skip
        self.beats += 1

    def spider_idle(self) -> None:
        """Close only when the whole crawl is done; meanwhile poll the queue every EMPTY_POLL seconds
        (the engine itself would look again only at its 5 s heartbeat)."""
        self.count_requeued()
        verdict = self.shared.verdict()
        if verdict == "done":
            self.done()
            return
        if not self.poll.running:
            self.poll.start(EMPTY_POLL, now=verdict == "work")
        raise DontCloseSpider(f"distributed crawl: {verdict}")

    def feed(self) -> None:
        """Lease queued requests and hand them to the engine, which wakes up for them; close the spider
        as soon as the crawl is done.

        The engine's own scheduler leases too (Scrapy asks it every 5 s even while idle), so a batch can
        reach it between two polls. A worker whose engine holds work gives no verdict (that would mark
        it idle, and the crawl could end before that work's links are queued): it stops polling, and
        the engine's next spider_idle starts again."""
        spider, engine = self.crawler.spider, self.crawler.engine
        assert spider is not None
        assert engine is not None
        if not engine.spider_is_idle():
            self.poll.stop()
            return
        requests = self.shared.pop(spider)
        if not requests:
            self.count_requeued()
            if self.shared.verdict() == "done":
                self.poll.stop()
                self.done()
                deferred_from_coro(engine.close_spider_async(reason="finished"))
            return
        self.poll.stop()
        for request in requests:
            request.meta[LEASED] = True
            engine.crawl(request)

    def done(self) -> None:
        logger.info("Queue empty and every worker idle: the distributed crawl is done")
        self.shared.finish()

    def count_requeued(self) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("newscrawl/redis/requeued", self.shared.reap())

    def spider_closed(self, reason: str) -> None:
        self.reason = reason

    def engine_stopped(self) -> None:
        for loop in (self.beat, self.poll):
            if loop is not None and loop.running:
                loop.stop()
        if self.reason == "finished" and not self.feed_failed():
            self.shared.release()
        else:
            logger.warning("Run ended %s: its leased requests go back to the queue in %.0f s", self.reason,
                           self.lease_seconds)  # fmt: skip

    def feed_failed(self) -> bool:
        assert self.crawler.stats is not None
        stats = self.crawler.stats.get_stats()
        return any(k.startswith(("feedexport/failed_count/", "newscrawl/export/failed")) for k in stats)
