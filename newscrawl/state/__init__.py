"""Per-site crawl state: what each URL key was, so repeated runs export only what is new or changed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from newscrawl import config
from newscrawl.state.base import ArticleState, ExportRecord, Revalidation, SourceFetch, StateStore, Status
from newscrawl.state.redis import RedisStateStore
from newscrawl.state.sqlite import SQLiteStateStore, StateBusyError, StateVersionError, state_path

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

__all__ = [
    "ArticleState",
    "ExportRecord",
    "RedisStateStore",
    "Revalidation",
    "SQLiteStateStore",
    "SourceFetch",
    "StateBusyError",
    "StateStore",
    "StateVersionError",
    "Status",
    "open_store",
    "state_path",
]


def open_store(settings: BaseSettings, site: str) -> StateStore | None:
    """The site's store: in Redis for a distributed crawl (`NEWSCRAWL_REDIS_URL`), else a SQLite file
    under `NEWSCRAWL_STATE_DIR`, else None (a stateless run)."""
    if config.get_str(settings, "NEWSCRAWL_REDIS_URL"):
        from scrapy_redis.connection import get_redis_from_settings  # redis: only for a distributed crawl

        return RedisStateStore(get_redis_from_settings(settings), site)
    state_dir = config.get_str(settings, "NEWSCRAWL_STATE_DIR")
    return SQLiteStateStore(state_path(Path(state_dir), site)) if state_dir else None
