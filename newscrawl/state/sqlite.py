"""The embedded state backend: one SQLite file per site in the state directory.

Durability beats speed here: a run may be killed at any moment, and a lost commit means an article
written twice or a found link forgotten. So the journal is WAL with `synchronous=FULL` (every commit
fsyncs the WAL), and each batch is one transaction. The layout is compact because the state grows with
every URL a site ever showed: times are epoch seconds, the content hash is raw bytes, the lookup key is
a 16-byte digest of the URL key, and the URL is stored only when it differs from its key.
"""

from __future__ import annotations

import re
import sqlite3
from typing import TYPE_CHECKING, Any

from newscrawl.normalize.urls import key_digest
from newscrawl.state.rows import DISCOVERED, EXPORTED, article_state, epoch, unless

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import datetime, timedelta
    from pathlib import Path
    from types import TracebackType

    from newscrawl.state.base import ArticleState, ExportRecord, Revalidation

SCHEMA_VERSION = 1
SITE_NAME = re.compile(r"[a-z0-9_-]+")

# Rowid order is discovery order, and it keeps a listing's link order within one second. The frontier
# and refetch indexes are partial, so each row pays for at most one of them.
SCHEMA = """
CREATE TABLE IF NOT EXISTS article (
    id INTEGER PRIMARY KEY,
    key_hash BLOB NOT NULL UNIQUE,
    url_key TEXT NOT NULL,
    url TEXT,
    status INTEGER NOT NULL,
    version INTEGER NOT NULL,
    content_hash BLOB,
    first_seen INTEGER NOT NULL,
    last_seen INTEGER NOT NULL,
    etag TEXT,
    last_modified TEXT,
    published_at INTEGER,
    exported_at INTEGER
);
CREATE INDEX IF NOT EXISTS article_frontier ON article (status) WHERE status = 0;
CREATE INDEX IF NOT EXISTS article_refetch ON article (coalesce(published_at, first_seen)) WHERE status = 1;
"""

COLUMNS = (
    "url_key, url, status, version, content_hash, first_seen, last_seen, etag, last_modified, "
    "published_at, exported_at"
)

DISCOVER = """
INSERT INTO article (key_hash, url_key, url, status, version, first_seen, last_seen)
VALUES (?, ?, ?, 0, 0, ?, ?) ON CONFLICT (key_hash) DO NOTHING
"""

# A new row inherits first_seen from the frontier entry it settles, so a redirected link keeps its age.
EXPORT = """
INSERT INTO article (key_hash, url_key, url, status, version, content_hash, first_seen, last_seen, etag,
    last_modified, published_at, exported_at)
VALUES (:key_hash, :url_key, :url, 1, :version, :content_hash,
    coalesce((SELECT first_seen FROM article WHERE key_hash = :fetched_hash), :now), :now, :etag,
    :last_modified, :published_at, :now)
ON CONFLICT (key_hash) DO UPDATE SET url = excluded.url, status = 1, version = excluded.version,
    content_hash = excluded.content_hash, last_seen = excluded.last_seen, etag = excluded.etag,
    last_modified = excluded.last_modified, published_at = excluded.published_at,
    exported_at = excluded.exported_at
"""

# Removes a discovered-only row: once its article is exported under another key, or its URL is gone.
SETTLE = "DELETE FROM article WHERE key_hash = ? AND status = 0"

TOUCH = """
UPDATE article SET last_seen = ?, etag = coalesce(?, etag), last_modified = coalesce(?, last_modified)
WHERE key_hash = ?
"""


class StateVersionError(RuntimeError):
    """The state file was written by a newer newscrawl; reading it could corrupt it."""


def state_path(state_dir: Path, site: str) -> Path:
    """One database per site, so sites never contend for a lock and can be reset one at a time."""
    if not SITE_NAME.fullmatch(site):
        raise ValueError(f"site name {site!r} cannot name a state file: it must match {SITE_NAME.pattern}")
    return state_dir / f"{site}.sqlite3"


class SQLiteStateStore:
    """`StateStore` on one SQLite file; one connection, used from the crawler's thread only."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(path)
        try:
            self._prepare()
        except BaseException:
            self._db.close()
            raise

    def _prepare(self) -> None:
        """Check the version before anything else: switching to WAL already writes to the file."""
        found = self._db.execute("PRAGMA user_version").fetchone()[0]
        if found > SCHEMA_VERSION:
            raise StateVersionError(
                f"{self.path} has state schema version {found}, but this newscrawl understands up to "
                f"{SCHEMA_VERSION}; upgrade newscrawl or point it at another state directory"
            )
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = FULL")
        if found < SCHEMA_VERSION:
            self._db.executescript(
                f"BEGIN IMMEDIATE; {SCHEMA} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
            )

    def __enter__(self) -> SQLiteStateStore:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def discover(self, url_keys_and_urls: Iterable[tuple[str, str]], now: datetime) -> int:
        seen = epoch(now)
        rows = ((key_digest(key), key, unless(url, key), seen, seen) for key, url in url_keys_and_urls)
        with self._db:
            return self._db.executemany(DISCOVER, rows).rowcount

    def get(self, url_key: str) -> ArticleState | None:
        query = f"SELECT {COLUMNS} FROM article WHERE key_hash = ?"
        row = self._db.execute(query, (key_digest(url_key),)).fetchone()
        return None if row is None else article_state(row)

    def pending(self, limit: int | None = None) -> list[tuple[str, str]]:
        query = "SELECT url_key, coalesce(url, url_key) FROM article WHERE status = 0 ORDER BY id LIMIT ?"
        return list(self._db.execute(query, (-1 if limit is None else limit,)))

    def mark_exported(self, records: Iterable[ExportRecord], now: datetime) -> None:
        seen = epoch(now)
        params = [_export_params(record, seen) for record in records]
        settled = [(p["fetched_hash"],) for p in params if p["fetched_hash"] not in (None, p["key_hash"])]
        with self._db:
            self._db.executemany(EXPORT, params)
            self._db.executemany(SETTLE, settled)

    def touch(self, revalidations: Iterable[Revalidation], now: datetime) -> None:
        seen = epoch(now)
        rows = ((seen, r.etag, r.last_modified, key_digest(r.url_key)) for r in revalidations)
        with self._db:
            self._db.executemany(TOUCH, rows)

    def forget(self, url_keys: Iterable[str]) -> None:
        with self._db:
            self._db.executemany(SETTLE, ((key_digest(key),) for key in url_keys))

    def refetch_candidates(self, now: datetime, max_age: timedelta) -> list[ArticleState]:
        query = (
            f"SELECT {COLUMNS} FROM article WHERE status = 1 AND coalesce(published_at, first_seen) > ? "
            "ORDER BY coalesce(published_at, first_seen) DESC"
        )
        return [article_state(row) for row in self._db.execute(query, (epoch(now - max_age),))]

    def counts(self) -> dict[str, int]:
        totals = dict(self._db.execute("SELECT status, count(*) FROM article GROUP BY status").fetchall())
        return {"discovered": totals.get(DISCOVERED, 0), "exported": totals.get(EXPORTED, 0)}

    def close(self) -> None:
        self._db.close()


def _export_params(record: ExportRecord, now: int) -> dict[str, Any]:
    published = None if record.published_at is None else epoch(record.published_at)
    return {
        "key_hash": key_digest(record.url_key),
        "url_key": record.url_key,
        "url": unless(record.canonical_url, record.url_key),
        "version": record.version,
        "content_hash": bytes.fromhex(record.content_hash),
        "fetched_hash": None if record.fetched_key is None else key_digest(record.fetched_key),
        "now": now,
        "etag": record.etag,
        "last_modified": record.last_modified,
        "published_at": published,
    }
