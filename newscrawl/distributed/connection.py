"""Redis connections that ride out a restart: a worker pauses and retries instead of crashing.

Every Redis call (queue, dupefilter, leases, state store) goes through redis-py's `Retry`: on a refused
connection, a timeout or a server still loading its data (`BusyLoadingError`), the call is retried after
0.5 s, 1 s, 2 s, 4 s, then every `BACKOFF_CAP` s, each attempt logged, for about
`NEWSCRAWL_REDIS_RETRY_SECONDS` in all; only then does the error reach Scrapy. The worker's reactor
waits meanwhile, which is the pause: nothing is fetched that could not be recorded.
"""

from __future__ import annotations

import logging
from typing import Any

from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

logger = logging.getLogger(__name__)

BACKOFF_BASE, BACKOFF_CAP = 0.25, 5.0


class LoggedBackoff(ExponentialBackoff):
    """Exponential backoff that logs each wait, so an operator sees why the crawl stands still."""

    def compute(self, failures: int) -> float:
        delay = super().compute(failures)
        logger.warning("Redis unreachable (attempt %d failed); retrying in %.2f s", failures, delay)
        return float(delay)


def retries_within(seconds: float) -> int:
    """How many retries the backoff fits into `seconds` of waiting (at least one)."""
    backoff, waited, retries = ExponentialBackoff(cap=BACKOFF_CAP, base=BACKOFF_BASE), 0.0, 0
    while waited < seconds:
        retries += 1
        waited += backoff.compute(retries)
    return max(retries, 1)


def redis_params(retry_seconds: float) -> dict[str, Any]:
    """`REDIS_PARAMS` for scrapy-redis' `get_redis_from_settings`: retries, timeouts, raw bytes."""
    return {
        "retry": Retry(LoggedBackoff(cap=BACKOFF_CAP, base=BACKOFF_BASE), retries_within(retry_seconds)),
        "retry_on_error": [RedisConnectionError, RedisTimeoutError],
        "socket_timeout": 30,
        "socket_connect_timeout": 5,
    }
