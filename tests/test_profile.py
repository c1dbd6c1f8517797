"""The distributed settings profile and its Redis retry budget: pure functions, no server."""

from __future__ import annotations

import pytest
from scrapy.settings import Settings

from newscrawl import settings as project_settings
from newscrawl.distributed.connection import retries_within
from newscrawl.distributed.profile import apply_distributed_profile, per_worker


@pytest.mark.parametrize(
    ("uri", "expected"),
    [
        ("output/%(name)s/%(time)s.jsonl", "output/%(name)s/%(time)s.host-1.jsonl"),
        ("out.d/articles", "out.d/articles.host-1"),
        ("s3://bucket/news/%(time)s.jsonl", "s3://bucket/news/%(time)s.host-1.jsonl"),
    ],
)
def test_default_feed_names_get_the_worker_id(uri: str, expected: str) -> None:
    assert per_worker(uri, "host-1") == expected


@pytest.mark.parametrize(("seconds", "retries"), [(0, 1), (0.5, 1), (3.5, 3), (30, 9)])
def test_the_retry_budget_covers_the_outage_seconds(seconds: float, retries: int) -> None:
    """Waits are 0.5, 1, 2, 4, then 5 s each: 9 of them reach 30 s (32.5 s)."""
    assert retries_within(seconds) == retries


def test_the_profile_is_off_without_a_redis_url() -> None:
    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    apply_distributed_profile(settings)
    assert settings["SCHEDULER"] == "scrapy.core.scheduler.Scheduler"
    assert list(settings.getdict("NEWSCRAWL_DEFAULT_FEEDS")) == ["output/%(name)s/%(time)s.jsonl"]


def test_the_profile_switches_scheduler_dupefilter_and_feed_names() -> None:
    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    settings.set("NEWSCRAWL_REDIS_URL", "redis://127.0.0.1:1/0", priority="cmdline")
    settings.set("NEWSCRAWL_WORKER_ID", "box 7/a", priority="cmdline")
    apply_distributed_profile(settings)
    assert settings["SCHEDULER"] == "newscrawl.distributed.scheduler.RedisScheduler"
    assert settings["DUPEFILTER_CLASS"] == "scrapy_redis.dupefilter.RFPDupeFilter"
    assert (settings["REDIS_URL"], settings.getbool("SCHEDULER_PERSIST")) == ("redis://127.0.0.1:1/0", True)
    assert settings["NEWSCRAWL_WORKER_ID"] == "box-7-a"
    assert list(settings.getdict("NEWSCRAWL_DEFAULT_FEEDS")) == ["output/%(name)s/%(time)s.box-7-a.jsonl"]
