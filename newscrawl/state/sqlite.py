"""The embedded state backend: one SQLite file per site in the state directory.

Durability beats speed here: a run may be killed at any moment, and a lost commit means an article
written twice or a found link forgotten. So the journal is WAL with `synchronous=FULL` (every commit
fsyncs the WAL), and each batch is one transaction. The one exception is `discover` (see there): a
discovered link lost to a power cut is found again, an export mark lost would write articles twice.
The layout is compact because the state grows with every URL a site ever showed: times are epoch
seconds, the content hash is raw bytes, the lookup key is a 16-byte digest of the URL key, the URL is
stored only when it differs from its key, and the key itself is stored as a shared prefix (its
directory, in a small table) plus the rest. Schema version 1 files (the key stored whole) are upgraded
in place on open.

A run holds its file exclusively (`locking_mode=EXCLUSIVE`) from open to close. Two runs on one state
directory would both fetch and export the same articles, so the second fails at start instead
(`StateBusyError`); and a connection that holds its lock skips the shared-memory locking SQLite does
around every statement otherwise, which made each lookup about 1.5 times as slow (bench/README.md).
"""

from __future__ import annotations

import re
import sqlite3
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Literal

from newscrawl.normalize.urls import key_digest
from newscrawl.state.base import SourceFetch
from newscrawl.state.rows import EXPORTED, SET_ASIDE, article_state, epoch, unless
from newscrawl.state.sql import (
    COLUMNS,
    COPY_V1,
    DISCOVER,
    EXPORT,
    FROM_V1,
    KEEP_SOURCE,
    SCHEMA,
    SCHEMA_VERSION,
    SET_KEYS_ASIDE,
    SETTLE,
    SOURCES,
    TOUCH,
    V1_ROWS,
    directory_and_origin,
)

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable, Iterator
    from datetime import datetime, timedelta
    from pathlib import Path
    from types import TracebackType

    from newscrawl.state.base import ArticleState, ExportRecord, Revalidation

# How long opening a state file waits for another process to let go of it.
BUSY_SECONDS = 5.0
# Keys per `IN (...)` lookup, well under SQLite's bound on a statement's parameters (32 766 since 3.32).
QUERY_PARAMETERS = 500
SITE_NAME = re.compile(r"[a-z0-9_-]+")
# A site's article URLs share a few hundred directories; the cap bounds the table (and the map held in
# memory) on a site that gives every article its own directory: past it, keys share their origin only.
MAX_PREFIXES = 4096
# FULL fsyncs the WAL at every commit; NORMAL (discover only) leaves that to the next FULL commit.
Synchronous = Literal["FULL", "NORMAL"]


class StateVersionError(RuntimeError):
    """The state file was written by a newer newscrawl; reading it could corrupt it."""


class StateBusyError(RuntimeError):
    """Another process (another run, a sqlite3 shell) has the state file open."""


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
        self._db = sqlite3.connect(path, timeout=BUSY_SECONDS)
        self._prefixes: dict[str, int] = {}
        self._synchronous = ""
        try:
            self._prepare()
        except sqlite3.OperationalError as error:
            self._db.close()
            if "locked" not in str(error):
                raise
            raise StateBusyError(
                f"{self.path} is in use by another process (a newscrawl run on the same state directory, "
                f"or a sqlite3 shell): wait for it to finish, or give this run its own NEWSCRAWL_STATE_DIR"
            ) from error
        except BaseException:
            self._db.close()
            raise

    def _prepare(self) -> None:
        """Check the version before anything else: switching to WAL already writes to the file.

        The locking mode comes first, so that no shared-memory index is ever made; the empty exclusive
        transaction at the end takes the lock the connection then keeps.
        """
        self._db.execute("PRAGMA locking_mode = EXCLUSIVE")
        found = self._db.execute("PRAGMA user_version").fetchone()[0]
        if found > SCHEMA_VERSION:
            raise StateVersionError(
                f"{self.path} has state schema version {found}, but this newscrawl understands up to "
                f"{SCHEMA_VERSION}; upgrade newscrawl or point it at another state directory"
            )
        self._db.execute("PRAGMA journal_mode = WAL")
        self._set_synchronous("FULL")
        if found < SCHEMA_VERSION:
            with self._transaction():
                self._db.execute("BEGIN IMMEDIATE")
                self._create_schema(upgrade_v1=found == 1)
        self._db.execute(SOURCES)
        self._db.execute("BEGIN EXCLUSIVE")
        self._db.execute("COMMIT")
        self._prefixes = dict(self._db.execute("SELECT text, id FROM prefix"))

    def _create_schema(self, *, upgrade_v1: bool) -> None:
        for statement in FROM_V1 if upgrade_v1 else ():
            self._db.execute(statement)
        for statement in SCHEMA:
            self._db.execute(statement)
        if upgrade_v1:
            rows = [(row[0], row[1], *self._split(row[2]), *row[3:]) for row in self._db.execute(V1_ROWS)]
            self._db.executemany(COPY_V1, rows)
            self._db.execute("DROP TABLE article_v1")
        self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextmanager
    def _transaction(self, synchronous: Synchronous = "FULL") -> Iterator[None]:
        """One commit, or none, under `synchronous` (FULL unless the writer says otherwise); a rolled-back
        transaction may have added prefixes the map must forget."""
        self._set_synchronous(synchronous)
        try:
            with self._db:
                yield
        except BaseException:
            self._prefixes.clear()
            raise

    def _set_synchronous(self, mode: Synchronous) -> None:
        """Only when it changes: a PRAGMA on every discover was two statements more per page."""
        if mode != self._synchronous:
            self._db.execute(f"PRAGMA synchronous = {mode}")
            self._synchronous = mode

    def _split(self, url_key: str) -> tuple[int, str]:
        """`(prefix id, rest)` of a key: its directory, or its origin once the cap is reached, or nothing."""
        if not self._prefixes:
            self._prefixes = dict(self._db.execute("SELECT text, id FROM prefix"))
        directory, origin = directory_and_origin(url_key)
        if directory not in self._prefixes and len(self._prefixes) < MAX_PREFIXES:
            # The origin goes in first, so the host's keys still share it once the cap is reached.
            self._add_prefix(origin)
            self._add_prefix(directory)
        for prefix in (directory, origin):
            known = self._prefixes.get(prefix)
            if known is not None:
                return known, url_key[len(prefix) :]
        return 0, url_key

    def _add_prefix(self, prefix: str) -> None:
        if prefix not in self._prefixes:
            self._db.execute("INSERT INTO prefix (text) VALUES (?) ON CONFLICT (text) DO NOTHING", (prefix,))
            query = "SELECT id FROM prefix WHERE text = ?"
            self._prefixes[prefix] = int(self._db.execute(query, (prefix,)).fetchone()[0])

    def __enter__(self) -> SQLiteStateStore:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def discover(self, url_keys_and_urls: Iterable[tuple[str, str]], now: datetime) -> int:
        """Committed without its own fsync (`synchronous=NORMAL`): it blocked the crawl's one thread
        ~0.7 ms per listing page. A killed process loses nothing committed; after a power cut, rows
        discovered since the last fsynced commit (an export mark, which makes every earlier WAL frame
        durable with it) may be gone, and the next run finds those links again on their listing pages
        (unless it finds the section caught up above them; `-a backfill=1` reads it all)."""
        with self._transaction("NORMAL"):
            return self._db.executemany(DISCOVER, self._new_rows(url_keys_and_urls, now)).rowcount

    def get(self, url_key: str) -> ArticleState | None:
        query = f"SELECT {COLUMNS} FROM article_keyed WHERE key_hash = ?"
        row = self._db.execute(query, (key_digest(url_key),)).fetchone()
        return None if row is None else article_state(row)

    def exported_keys(self, url_keys: Collection[str]) -> set[str]:
        return self._keys_where(url_keys, f"status = {EXPORTED}")

    def resting_keys(self, url_keys: Collection[str], since: datetime) -> set[str]:
        return self._keys_where(url_keys, f"status = {SET_ASIDE} AND last_seen >= ?", epoch(since))

    def _keys_where(self, url_keys: Collection[str], condition: str, *values: int) -> set[str]:
        """The keys among `url_keys` whose row meets `condition`, a bounded number of digests a query."""
        by_digest = {key_digest(key): key for key in url_keys}
        digests = list(by_digest)
        found: set[str] = set()
        for start in range(0, len(digests), QUERY_PARAMETERS):
            chunk = digests[start : start + QUERY_PARAMETERS]
            marks = ",".join("?" * len(chunk))
            query = f"SELECT key_hash FROM article WHERE {condition} AND key_hash IN ({marks})"
            found.update(by_digest[digest] for (digest,) in self._db.execute(query, (*values, *chunk)))
        return found

    def pending(self, limit: int | None = None) -> list[tuple[str, str]]:
        query = (
            "SELECT url_key, coalesce(url, url_key) FROM article_keyed WHERE status = 0 ORDER BY id LIMIT ?"
        )
        return list(self._db.execute(query, (-1 if limit is None else limit,)))

    def mark_exported(self, records: Iterable[ExportRecord], now: datetime) -> None:
        seen = epoch(now)
        with self._transaction():
            params = [self._export_params(record, seen) for record in records]
            settled = [(p["fetched_hash"],) for p in params if p["fetched_hash"] not in (None, p["key_hash"])]
            self._db.executemany(EXPORT, params)
            self._db.executemany(SETTLE, settled)

    def touch(self, revalidations: Iterable[Revalidation], now: datetime) -> None:
        seen = epoch(now)
        rows = ((seen, r.etag, r.last_modified, key_digest(r.url_key)) for r in revalidations)
        with self._transaction():
            self._db.executemany(TOUCH, rows)

    def forget(self, url_keys: Iterable[str]) -> None:
        with self._transaction():
            self._db.executemany(SETTLE, ((key_digest(key),) for key in url_keys))

    def set_aside(self, url_keys_and_urls: Iterable[tuple[str, str]], now: datetime) -> None:
        with self._transaction("NORMAL"):
            self._db.executemany(SET_KEYS_ASIDE, self._new_rows(url_keys_and_urls, now))

    def _new_rows(self, url_keys_and_urls: Iterable[tuple[str, str]], now: datetime) -> list[tuple[Any, ...]]:
        """`(key_hash, key_prefix, key_rest, url, first_seen, last_seen)` of each key, as first recorded."""
        seen = epoch(now)
        return [
            (key_digest(key), *self._split(key), unless(url, key), seen, seen)
            for key, url in url_keys_and_urls
        ]

    def refetch_candidates(self, now: datetime, max_age: timedelta) -> list[ArticleState]:
        query = (
            f"SELECT {COLUMNS} FROM article_keyed "
            "WHERE status = 1 AND coalesce(published_at, first_seen) > ? "
            "ORDER BY coalesce(published_at, first_seen) DESC"
        )
        return [article_state(row) for row in self._db.execute(query, (epoch(now - max_age),))]

    def source(self, url: str) -> SourceFetch | None:
        query = "SELECT kind, etag, last_modified FROM source WHERE url = ?"
        row = self._db.execute(query, (url,)).fetchone()
        return None if row is None else SourceFetch(url=url, kind=row[0], etag=row[1], last_modified=row[2])

    def keep_source(self, fetch: SourceFetch, now: datetime) -> None:
        with self._transaction():
            self._db.execute(
                KEEP_SOURCE, (fetch.url, fetch.kind, fetch.etag, fetch.last_modified, epoch(now))
            )

    def close(self) -> None:
        self._db.close()

    def _export_params(self, record: ExportRecord, now: int) -> dict[str, Any]:
        published = None if record.published_at is None else epoch(record.published_at)
        key_prefix, key_rest = self._split(record.url_key)
        return {
            "key_hash": key_digest(record.url_key),
            "key_prefix": key_prefix,
            "key_rest": key_rest,
            "url": unless(record.canonical_url, record.url_key),
            "version": record.version,
            "content_hash": bytes.fromhex(record.content_hash),
            "fetched_hash": None if record.fetched_key is None else key_digest(record.fetched_key),
            "now": now,
            "etag": record.etag,
            "last_modified": record.last_modified,
            "published_at": published,
        }
