"""Per-site crawl state: what each URL key was, so repeated runs export only what is new or changed."""

from __future__ import annotations

from pathlib import Path

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
    "open_store",
    "state_path",
]


def open_store(state_dir: str, site: str) -> StateStore | None:
    """The site's store under `state_dir` (the `NEWSCRAWL_STATE_DIR` setting), or None when it is empty."""
    return SQLiteStateStore(state_path(Path(state_dir), site)) if state_dir else None
