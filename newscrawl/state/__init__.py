"""Per-site crawl state: what each URL key was, so repeated runs export only what is new or changed."""

from __future__ import annotations

from newscrawl.state.base import ArticleState, ExportRecord, Revalidation, StateStore, Status
from newscrawl.state.sqlite import SQLiteStateStore, StateVersionError, state_path

__all__ = [
    "ArticleState",
    "ExportRecord",
    "Revalidation",
    "SQLiteStateStore",
    "StateStore",
    "StateVersionError",
    "Status",
    "state_path",
]
