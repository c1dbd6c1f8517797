"""The distributed mode is this settings profile: set `NEWSCRAWL_REDIS_URL` and the same spider shares
its queue, dupefilter and state with every worker pointed at that Redis.

Applied by `NewsSpider.update_settings`, before the run's settings are frozen, at "spider" priority: above
settings.py, below `-s` (so `-s SCHEDULER_PERSIST=False` is seen, and refused by the scheduler).
"""

from __future__ import annotations

import os
import re
import socket
from typing import TYPE_CHECKING, Any

from newscrawl import config

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def default_worker_id() -> str:
    """`<hostname>-<pid>`: unique among the workers of a crawl, and safe in a file name."""
    return UNSAFE.sub("-", f"{socket.gethostname()}-{os.getpid()}")


def per_worker(uri: str, worker: str) -> str:
    """`out/%(time)s.jsonl` -> `out/%(time)s.<worker>.jsonl`: workers never publish the same name."""
    head, dot, suffix = uri.rpartition(".")
    return f"{head}.{worker}.{suffix}" if dot and "/" not in suffix else f"{uri}.{worker}"


def apply_distributed_profile(settings: BaseSettings) -> None:
    """Switch `settings` to the shared Redis crawl when `NEWSCRAWL_REDIS_URL` is set; else leave them."""
    url = config.get_str(settings, "NEWSCRAWL_REDIS_URL")
    if not url:
        return
    # Imported here: redis and scrapy-redis are ~25 ms of start-up that a single-machine run never uses.
    from newscrawl.distributed.connection import redis_params

    worker = UNSAFE.sub("-", config.get_str(settings, "NEWSCRAWL_WORKER_ID") or default_worker_id())
    feeds = config.get_dict(settings, "NEWSCRAWL_DEFAULT_FEEDS")
    profile: dict[str, Any] = {
        "REDIS_URL": url,
        "REDIS_PARAMS": redis_params(config.get_float(settings, "NEWSCRAWL_REDIS_RETRY_SECONDS")),
        "SCHEDULER": "newscrawl.distributed.scheduler.RedisScheduler",
        "SCHEDULER_PERSIST": True,
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_DUPEFILTER_KEY": "newscrawl:%(spider)s:dupefilter",
        "NEWSCRAWL_DEFAULT_FEEDS": {per_worker(uri, worker): options for uri, options in feeds.items()},
    }
    for name, value in profile.items():
        settings.set(name, value, priority="spider")
    # The name made safe for file and key names replaces the given one, whatever its priority.
    settings.set("NEWSCRAWL_WORKER_ID", worker, priority=settings.getpriority("NEWSCRAWL_WORKER_ID") or 0)
