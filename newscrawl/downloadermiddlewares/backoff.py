"""Retries wait: each retry of a request backs off exponentially, and a host that sent `Retry-After` on
a 429 or 503 gets no request until the time it asked for is up.

Scrapy 2.19's RetryMiddleware retries at once: no backoff setting, and it never reads `Retry-After`.
A server that is briefly overloaded, or says "come back in 30 s", and is hit again three times within
milliseconds will rightly ban the crawler, and the article is lost for the run.

Mechanism: `process_response` records, for the answer's downloader slot (the host, or the request's
`download_slot`), the monotonic time until which the host asked to be left alone; it never sleeps and
returns the response unchanged, so RetryMiddleware (550, runs after this one on the way back) schedules
the retry as usual. `process_request` awaits `scrapy.utils.asyncio.sleep` until that time for every
request of a paused slot (the retry and any other request of that host alike), then, for a retry
(RetryMiddleware's `retry_times` meta, n >= 1), `NEWSCRAWL_RETRY_BACKOFF * 2 ** (n - 1)` seconds more.
These are timers on the reactor, not a blocked thread: other hosts' requests pass straight through.
Unlike changing the slot's `delay`, this survives AutoThrottle (which rewrites `slot.delay` on every
response) and download-delay randomization (which would halve a 2 s delay).

Limitation: a waiting request still counts towards CONCURRENT_REQUESTS (as a request queued behind a
DOWNLOAD_DELAY does), so a host with more waiting requests than that limit would hold other hosts back.

Order 560 in DOWNLOADER_MIDDLEWARES: above RetryMiddleware (550), so its `process_response` sees the 429
before RetryMiddleware turns it into a retry request.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import sleep

from newscrawl import config

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)

PAUSING_STATUSES = frozenset({429, 503})


def retry_after_seconds(value: str, now: datetime) -> float | None:
    """Seconds asked for by a `Retry-After` value: delta-seconds (`"120"`) or an HTTP-date
    (`"Wed, 21 Oct 2015 07:28:00 GMT"`, relative to `now`); a past date is 0; None if unreadable.
    """
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:  # RFC 9110 dates are GMT; the "-0000" form parses naive
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - now).total_seconds())


def backoff_seconds(base: float, retry_times: int) -> float:
    """The wait before retry number `retry_times` (0: the first try, no wait): base, 2 x base, 4 x base."""
    return base * 2 ** (retry_times - 1) if retry_times > 0 else 0.0


class BackoffMiddleware:
    def __init__(self, crawler: Crawler, max_seconds: float, backoff: float) -> None:
        self.crawler = crawler
        self.max_seconds, self.backoff = max_seconds, backoff
        self.paused_until: dict[str, float] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffMiddleware:
        """`NEWSCRAWL_RETRY_AFTER_MAX` caps one Retry-After wait (0: ignore the header);
        `NEWSCRAWL_RETRY_BACKOFF` is the first retry's wait (0: retry at once). Both 0: switched off.
        """
        max_seconds = config.get_float(crawler.settings, "NEWSCRAWL_RETRY_AFTER_MAX")
        backoff = config.get_float(crawler.settings, "NEWSCRAWL_RETRY_BACKOFF")
        if max_seconds <= 0 and backoff <= 0:
            raise NotConfigured
        return cls(crawler, max_seconds, backoff)

    def slot_key(self, request: Request) -> str:
        assert self.crawler.engine is not None
        return self.crawler.engine.downloader.get_slot_key(request)

    async def process_request(self, request: Request) -> None:
        """Hold a request of a paused slot until the pause ends, then a retry for its backoff."""
        key = self.slot_key(request)
        while (wait := self.paused_until.get(key, 0.0) - time.monotonic()) > 0:
            await sleep(wait)  # a pause may be extended by another 429 meanwhile
        if wait := backoff_seconds(self.backoff, request.meta.get("retry_times", 0)):
            await sleep(wait)

    def process_response(self, request: Request, response: Response) -> Response:
        header = response.headers.get(b"Retry-After")
        if response.status not in PAUSING_STATUSES or not header or self.max_seconds <= 0:
            return response
        seconds = retry_after_seconds(header.decode("latin-1"), datetime.now(UTC))
        if seconds:
            self.pause(self.slot_key(request), min(seconds, self.max_seconds), response)
        return response

    def pause(self, key: str, seconds: float, response: Response) -> None:
        until = max(self.paused_until.get(key, 0.0), time.monotonic() + seconds)
        self.paused_until[key] = until
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("newscrawl/retry_after/paused")
        logger.info("HTTP %s with Retry-After: pausing %s for %.1f s", response.status, key, seconds)
