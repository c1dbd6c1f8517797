"""scrapy-redis' scheduler, with what it gets wrong for a shared crawl fixed.

- `SCHEDULER_PERSIST` must stay True: scrapy-redis deletes the shared queue and dupefilter when any
  worker closes otherwise. This scheduler refuses to start with it False.
- Requests are JSON (newscrawl/distributed/serializer.py); an entry that is not is logged, counted under
  `newscrawl/redis/rejected` and dropped, never unpickled.
- Popping leases the request to this worker (newscrawl/distributed/crawl.py), so a worker killed mid-crawl
  loses nothing; stock scrapy-redis pops for good.
- One round trip per batch instead of two per request: pushes wait in an outbox until the engine next
  asks for a request (so a page's links go together, dupefilter check included), pops take a batch.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from typing import TYPE_CHECKING, Any

from scrapy_redis.queue import Base
from scrapy_redis.scheduler import Scheduler

from newscrawl.distributed import serializer as json_requests
from newscrawl.distributed.crawl import EMPTY_POLL, LEASED, SharedCrawl

if TYPE_CHECKING:
    from redis import Redis
    from scrapy import Request, Spider

logger = logging.getLogger(__name__)

PUSH_BATCH = 64


class LeasedQueue(Base):  # type: ignore[misc]  # scrapy-redis ships no type hints
    """A priority queue on the shared crawl: batched pushes, leased batched pops."""

    def __init__(self, server: Redis, spider: Spider, key: str, serializer: Any = None) -> None:
        """`serializer` is ignored: requests are always JSON here, whatever SCHEDULER_SERIALIZER says."""
        super().__init__(server, spider, key, json_requests)
        self.shared = SharedCrawl.of(spider.crawler)
        self.outbox: list[tuple[str, str, str]] = []
        self.inbox: deque[Request] = deque()
        self.empty_until = 0.0

    def __len__(self) -> int:
        """What this worker holds. The shared queue is not counted: when the worker runs out, the engine
        must go idle so the worker extension takes over (leasing queued work, or waiting for the others)."""
        self.flush()
        return len(self.inbox)

    def push(self, request: Request, fingerprint: str = "") -> bool:
        """Queue `request` for the next flush; False (logged, counted) when it cannot be JSON."""
        try:
            data = self._encode_request(request)
        except json_requests.RejectedRequest as error:
            self.count("newscrawl/redis/unserializable")
            logger.error("Dropped a request that cannot be queued as JSON: %s", error)
            return False
        self.outbox.append((fingerprint, str(-request.priority), data))
        if len(self.outbox) >= PUSH_BATCH:
            self.flush()
        return True

    def flush(self) -> None:
        if self.outbox:
            filtered = self.shared.push(self.outbox)
            self.outbox.clear()
            self.empty_until = 0.0
            if filtered:
                self.count("dupefilter/filtered", filtered)

    def pop(self, timeout: int = 0) -> Request | None:
        self.flush()
        if not self.inbox and time.monotonic() >= self.empty_until:
            self.inbox.extend(self.shared.pop(self.spider))
            if not self.inbox:
                self.empty_until = time.monotonic() + EMPTY_POLL
        return self.inbox.popleft() if self.inbox else None

    def count(self, key: str, by: int = 1) -> None:
        stats = self.spider.crawler.stats
        if stats is not None:
            stats.inc_value(key, by)


class RedisScheduler(Scheduler):  # type: ignore[misc]  # scrapy-redis ships no type hints
    """`SCHEDULER` in distributed mode (set by newscrawl/distributed/profile.py)."""

    def __init__(self, server: Redis, persist: bool = False, **kwargs: Any) -> None:
        if not persist:
            raise ValueError("SCHEDULER_PERSIST=False would delete the shared queue when any worker closes")
        super().__init__(server, persist=True, **{**kwargs, "queue_cls": f"{__name__}.LeasedQueue"})

    def enqueue_request(self, request: Request) -> bool:
        """Into the outbox; a request the worker extension leased while idle goes straight to the inbox."""
        if request.meta.pop(LEASED, False):
            self.queue.inbox.append(request)
            return True
        fingerprint = "" if request.dont_filter else self.df.request_fingerprint(request)
        queued: bool = self.queue.push(request, fingerprint)
        if queued and self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        return queued

    def next_request(self) -> Request | None:
        """As scrapy-redis', without the `spider` argument to stats that Scrapy 2.13+ deprecates."""
        request: Request | None = self.queue.pop()
        if request is not None and self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def close(self, reason: str) -> None:
        """Push what the outbox holds; never flush the shared queue (the other workers go on)."""
        self.queue.flush()
