"""The SQLite state store on real files: what each run may rely on after the previous one ended or died."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

import pytest

from newscrawl.state import (
    ArticleState,
    ExportRecord,
    RedisStateStore,
    Revalidation,
    SourceFetch,
    SQLiteStateStore,
    StateBusyError,
    StateStore,
    StateVersionError,
    state_path,
)
from newscrawl.state import sqlite as sqlite_module
from newscrawl.state.sql import directory_and_origin

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from tests.redisserver import RedisServer

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
A = "https://www.news24.com/news24/world/news/a-20250301"
B = "https://www.news24.com/news24/world/news/b-20250301"
C = "https://www.news24.com/news24/world/news/c-20250301"
HASH_1 = "00112233445566778899aabbccddeeff"
HASH_2 = "ffeeddccbbaa99887766554433221100"


def counts(store: StateStore) -> dict[str, int]:
    """Known keys per status, through the store's own calls: every pending key, and every exported
    article "younger" than two centuries."""
    exported = store.refetch_candidates(datetime(2100, 1, 1, tzinfo=UTC), timedelta(days=200 * 365))
    return {"discovered": len(store.pending()), "exported": len(exported)}


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "state" / "news24.sqlite3"


@pytest.fixture
def sqlite_store(path: Path) -> Iterator[SQLiteStateStore]:
    with SQLiteStateStore(path) as opened:
        yield opened


@pytest.fixture(params=["sqlite", pytest.param("redis", marks=pytest.mark.redis)])
def store(request: pytest.FixtureRequest) -> Iterator[StateStore]:
    """Each behaviour test runs on both backends: the Redis one keeps the SQLite one's contract."""
    if request.param == "sqlite":
        yield request.getfixturevalue("sqlite_store")
        return
    server: RedisServer = request.getfixturevalue("redis_db")
    redis_store = RedisStateStore(server.client(), "news24")
    yield redis_store
    redis_store.close()


def export(key: str, **overrides: Any) -> ExportRecord:
    fields: dict[str, Any] = {"url_key": key, "canonical_url": key, "content_hash": HASH_1, "version": 1}
    return ExportRecord(**(fields | overrides))


def test_implements_the_protocol_and_creates_the_directory(store: StateStore, path: Path) -> None:
    assert isinstance(store, StateStore)
    if isinstance(store, RedisStateStore):
        return
    assert path.is_file()


def test_uses_wal_and_records_the_schema_version(sqlite_store: SQLiteStateStore, path: Path) -> None:
    sqlite_store.close()
    other = sqlite3.connect(path)
    assert other.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert other.execute("PRAGMA user_version").fetchone() == (2,)
    other.close()


def test_an_open_store_holds_its_file_until_closed(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A second run on the same state directory fails at start, naming what to do; it corrupts nothing."""
    monkeypatch.setattr(sqlite_module, "BUSY_SECONDS", 0.2)
    with SQLiteStateStore(path) as first:
        first.discover([(A, A)], T0)
        with pytest.raises(StateBusyError, match="give this run its own NEWSCRAWL_STATE_DIR"):
            SQLiteStateStore(path)
        shell = sqlite3.connect(path, timeout=0.2)
        with pytest.raises(sqlite3.OperationalError, match="database is locked"):
            shell.execute("SELECT count(*) FROM article").fetchone()
        shell.close()
        assert first.pending() == [(A, A)]
    with SQLiteStateStore(path) as second:
        assert second.pending() == [(A, A)]


def test_discover_is_idempotent_and_counts_only_new_keys(store: StateStore) -> None:
    assert store.discover([(A, A), (B, B), (A, A)], T0) == 2
    assert store.discover([(A, A), (C, C)], T0 + HOUR) == 1
    assert counts(store) == {"discovered": 3, "exported": 0}
    assert store.get(A) == ArticleState(
        url_key=A,
        canonical_url=None,
        status="discovered",
        version=0,
        content_hash=None,
        first_seen=T0,
        last_seen=T0,
        etag=None,
        last_modified=None,
        published_at=None,
        exported_at=None,
    )
    assert store.get(C) is not None
    assert store.get("https://unknown.example/") is None


def test_discover_never_downgrades_an_exported_article(store: StateStore) -> None:
    store.mark_exported([export(A)], T0)
    assert store.discover([(A, A)], T0 + HOUR) == 0
    state = store.get(A)
    assert state is not None
    assert (state.status, state.version, state.last_seen) == ("exported", 1, T0)
    assert store.pending() == []


def test_exported_keys_names_only_the_exported_among_the_keys_asked(store: StateStore) -> None:
    store.discover([(A, A), (B, B)], T0)
    store.mark_exported([export(B), export(C)], T0 + HOUR)
    assert store.exported_keys({A, B, C, "https://unknown.example/"}) == {B, C}
    assert store.exported_keys({A}) == set()
    assert store.exported_keys(set()) == set()


def test_exported_keys_answers_for_more_keys_than_one_query_takes(
    sqlite_store: SQLiteStateStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sqlite_module, "QUERY_PARAMETERS", 3)
    keys = [f"{A}?n={n}" for n in range(10)]
    sqlite_store.mark_exported([export(key) for key in keys[::4]], T0)
    assert sqlite_store.exported_keys({*keys, B}) == {keys[0], keys[4], keys[8]}


def test_pending_is_discovery_order_without_exported_and_with_the_url_to_request(
    store: StateStore,
) -> None:
    store.discover([(C, C), (A, f"{A}?utm_source=rss")], T0)
    store.discover([(B, B)], T0 + HOUR)
    store.mark_exported([export(C)], T0 + HOUR)
    assert store.pending() == [(A, f"{A}?utm_source=rss"), (B, B)]
    assert store.pending(limit=1) == [(A, f"{A}?utm_source=rss")]
    assert store.pending(limit=0) == []


def test_mark_exported_batch_is_durable_across_reopen(path: Path) -> None:
    published = datetime(2025, 3, 1, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    with SQLiteStateStore(path) as first:
        first.discover([(A, A)], T0)
        first.mark_exported(
            [
                export(A, etag='"v1"', last_modified="Sat, 01 Mar 2025 07:30:00 GMT", published_at=published),
                export(B, canonical_url=f"{B}/", content_hash=HASH_2, version=2),
            ],
            T0 + HOUR,
        )
    with SQLiteStateStore(path) as reopened:
        assert reopened.get(A) == ArticleState(
            url_key=A,
            canonical_url=A,
            status="exported",
            version=1,
            content_hash=HASH_1,
            first_seen=T0,
            last_seen=T0 + HOUR,
            etag='"v1"',
            last_modified="Sat, 01 Mar 2025 07:30:00 GMT",
            published_at=datetime(2025, 3, 1, 7, 30, tzinfo=UTC),
            exported_at=T0 + HOUR,
        )
        state_b = reopened.get(B)
        assert state_b is not None
        assert (state_b.canonical_url, state_b.version, state_b.content_hash) == (f"{B}/", 2, HASH_2)
        assert (state_b.first_seen, state_b.exported_at) == (T0 + HOUR, T0 + HOUR)
        assert counts(reopened) == {"discovered": 0, "exported": 2}


def test_export_under_the_canonical_key_settles_the_fetched_frontier_entry(store: StateStore) -> None:
    store.discover([(A, A), (B, B)], T0)
    store.mark_exported([export(C, fetched_key=A)], T0 + HOUR)
    assert store.pending() == [(B, B)]
    assert store.get(A) is None
    state = store.get(C)
    assert state is not None
    assert (state.first_seen, state.exported_at) == (T0, T0 + HOUR)


def test_a_new_version_replaces_hash_and_keeps_first_seen(store: StateStore) -> None:
    store.mark_exported([export(A, etag='"v1"')], T0)
    store.mark_exported([export(A, content_hash=HASH_2, version=2)], T0 + HOUR)
    state = store.get(A)
    assert state is not None
    assert (state.version, state.content_hash, state.etag) == (2, HASH_2, None)
    assert (state.first_seen, state.last_seen, state.exported_at) == (T0, T0 + HOUR, T0 + HOUR)


def test_refetch_candidates_by_published_at_else_first_seen(store: StateStore) -> None:
    now = T0 + timedelta(days=3)
    max_age = timedelta(days=2)
    just_inside, just_outside = now - max_age + timedelta(seconds=1), now - max_age
    store.discover([(A, A), (B, B)], just_inside)
    store.discover([(C, C)], just_outside)
    store.mark_exported(
        [
            export(A, published_at=just_outside),
            export(B),
            export(C, published_at=now - HOUR),
        ],
        now,
    )
    store.discover([("https://www.news24.com/d", "https://www.news24.com/d")], now)
    assert [s.url_key for s in store.refetch_candidates(now, max_age)] == [C, B]
    assert [s.url_key for s in store.refetch_candidates(now, max_age + HOUR)] == [C, B, A]


def test_touch_refreshes_last_seen_and_only_the_validators_sent(store: StateStore) -> None:
    store.mark_exported([export(A, etag='"v1"', last_modified="Sat, 01 Mar 2025 07:30:00 GMT")], T0)
    store.mark_exported([export(B, etag='"b1"')], T0)
    store.touch([Revalidation(url_key=A, etag='"v2"'), Revalidation(url_key=C)], T0 + HOUR)
    state_a, state_b = store.get(A), store.get(B)
    assert state_a is not None
    assert state_b is not None
    assert (state_a.last_seen, state_a.etag) == (T0 + HOUR, '"v2"')
    assert state_a.last_modified == "Sat, 01 Mar 2025 07:30:00 GMT"
    assert (state_a.version, state_a.exported_at) == (1, T0)
    assert (state_b.last_seen, state_b.etag) == (T0, '"b1"')
    assert store.get(C) is None


def test_naive_datetimes_are_rejected(store: StateStore) -> None:
    naive = datetime(2025, 3, 1, 12, 0)  # noqa: DTZ001 - the value under test
    with pytest.raises(ValueError, match="naive datetime 2025-03-01T12:00:00"):
        store.discover([(A, A)], naive)
    with pytest.raises(ValueError, match="naive datetime"):
        store.mark_exported([export(A, published_at=naive)], T0)
    with pytest.raises(ValueError, match="naive datetime"):
        store.refetch_candidates(naive, HOUR)
    assert counts(store) == {"discovered": 0, "exported": 0}


def test_export_version_starts_at_one() -> None:
    with pytest.raises(ValueError, match="an exported version starts at 1, got 0"):
        export(A, version=0)


def test_state_path_is_one_file_per_site(tmp_path: Path) -> None:
    assert state_path(tmp_path, "news24_za-2") == tmp_path / "news24_za-2.sqlite3"


@pytest.mark.parametrize("site", ["News24", "../etc", "", "a.b", "site/x"])
def test_state_path_rejects_unsafe_site_names(tmp_path: Path, site: str) -> None:
    with pytest.raises(ValueError, match=r"must match \[a-z0-9_-\]\+"):
        state_path(tmp_path, site)


def test_a_newer_schema_is_refused(path: Path) -> None:
    path.parent.mkdir(parents=True)
    newer = sqlite3.connect(path)
    newer.execute("PRAGMA user_version = 3")
    newer.close()
    message = "has state schema version 3, but this newscrawl understands up to 2; upgrade newscrawl"
    with pytest.raises(StateVersionError, match=message):
        SQLiteStateStore(path)


def test_a_commit_survives_sigkill(path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import os, signal
        from datetime import datetime, UTC
        from pathlib import Path
        from newscrawl.state import ExportRecord, SQLiteStateStore
        store = SQLiteStateStore(Path({str(path)!r}))
        now = datetime(2025, 3, 1, 12, tzinfo=UTC)
        store.discover([({B!r}, {B!r})], now)
        store.mark_exported([ExportRecord(url_key={A!r}, canonical_url={A!r}, content_hash={HASH_1!r},
            version=1)], now)
        store.discover([({C!r}, {C!r})], now)  # after the last fsynced commit: kill -9 keeps it too
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    killed = subprocess.run([sys.executable, "-c", script], check=False, capture_output=True, timeout=60)
    assert killed.returncode == -9, killed.stderr.decode()
    with SQLiteStateStore(path) as reopened:
        assert reopened.pending() == [(B, B), (C, C)]
        state = reopened.get(A)
        assert state is not None
        assert (state.status, state.version, state.content_hash) == ("exported", 1, HASH_1)


def test_only_discover_skips_its_fsync(sqlite_store: SQLiteStateStore) -> None:
    """Export marks, touches and forgets commit under `synchronous=FULL`, also right after a discover
    (one that failed half-way included); discovers under NORMAL."""
    synchronous: list[int] = []
    original = sqlite_store._split

    def split_and_look(key: str) -> tuple[int, str]:
        synchronous.append(sqlite_store._db.execute("PRAGMA synchronous").fetchone()[0])
        if key == C:
            raise ValueError("broken key")
        return original(key)

    def mode() -> int:
        return int(sqlite_store._db.execute("PRAGMA synchronous").fetchone()[0])

    sqlite_store._split = split_and_look  # type: ignore[method-assign]
    sqlite_store.discover([(A, A)], T0)
    with pytest.raises(ValueError, match="broken key"):
        sqlite_store.discover([(B, B), (C, C)], T0)
    assert synchronous == [1, 1, 1]  # NORMAL while discovering
    assert mode() == 1
    sqlite_store.mark_exported([export(B)], T0)
    assert synchronous[-1] == 2  # the mark ran under FULL
    assert sqlite_store.pending() == [(A, A)]
    sqlite_store.discover([(C + "x", C + "x")], T0)
    assert mode() == 1
    sqlite_store.touch([Revalidation(url_key=B, etag='"v2"', last_modified=None)], T0 + HOUR)
    assert mode() == 2
    sqlite_store.discover([(C + "y", C + "y")], T0)
    sqlite_store.forget([A])
    assert mode() == 2
    assert sqlite_store.pending() == [(C + "x", C + "x"), (C + "y", C + "y")]


def test_forget_drops_discovered_keys_only(store: StateStore) -> None:
    store.discover([(A, A), (B, B), (C, C)], T0)
    store.mark_exported([export(B)], T0 + HOUR)
    store.forget([A, B, "https://unknown.example/x"])
    assert store.pending() == [(C, C)]
    assert counts(store) == {"discovered": 1, "exported": 1}


@pytest.mark.parametrize(
    ("key", "directory", "origin"),
    [
        (
            "https://n.example/news24/world/news/a-1",
            "https://n.example/news24/world/news/",
            "https://n.example/",
        ),
        ("https://n.example/news/2025/a-1/", "https://n.example/news/2025/", "https://n.example/"),
        ("https://n.example/a?next=/x/y", "https://n.example/", "https://n.example/"),
        ("https://n.example/a/b?next=/x/y", "https://n.example/a/", "https://n.example/"),
        ("https://n.example/", "https://n.example/", "https://n.example/"),
        ("https://n.example", "https://n.example", "https://n.example"),
    ],
)
def test_directory_and_origin_split_at_the_path(key: str, directory: str, origin: str) -> None:
    assert directory_and_origin(key) == (directory, origin)


def stored_keys(store: SQLiteStateStore) -> list[tuple[str, str, str]]:
    """What the file holds, read as any other process would: once the store has let go of it."""
    store.close()
    path = store.path
    with sqlite3.connect(path) as db:
        query = "SELECT text, key_rest, url_key FROM article_keyed AS a JOIN prefix ON prefix.id = key_prefix"
        query += " ORDER BY a.id"
        return db.execute(query).fetchall()


def test_keys_are_stored_as_a_shared_directory_plus_the_rest(
    sqlite_store: SQLiteStateStore, path: Path
) -> None:
    sqlite_store.discover([(A, A), (B, B)], T0)
    sqlite_store.mark_exported([export(C)], T0)
    directory = "https://www.news24.com/news24/world/news/"
    assert stored_keys(sqlite_store) == [
        (directory, "a-20250301", A), (directory, "b-20250301", B), (directory, "c-20250301", C)
    ]  # fmt: skip


def test_past_the_prefix_cap_keys_share_their_origin_then_nothing(
    sqlite_store: SQLiteStateStore, path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sqlite_module, "MAX_PREFIXES", 3)  # with the empty prefix: a.example/ and /1/
    keys = [
        "https://a.example/1/x",
        "https://a.example/2/x",
        "https://a.example/3/x",
        "https://b.example/4/x",
    ]
    sqlite_store.discover([(key, key) for key in keys], T0)
    assert sqlite_store.pending() == [(key, key) for key in keys]
    assert stored_keys(sqlite_store) == [
        ("https://a.example/1/", "x", keys[0]),
        ("https://a.example/", "2/x", keys[1]),
        ("https://a.example/", "3/x", keys[2]),
        ("", "https://b.example/4/x", keys[3]),
    ]


def test_a_rolled_back_export_leaves_no_key_without_its_prefix(sqlite_store: SQLiteStateStore) -> None:
    elsewhere = "https://www.news24.com/news24/sport/d-20250301"
    broken = export(elsewhere, content_hash="not hex")
    with pytest.raises(ValueError, match="non-hexadecimal"):
        sqlite_store.mark_exported([export(A), broken], T0)
    assert sqlite_store.get(A) is None
    sqlite_store.discover([(elsewhere, elsewhere)], T0)
    assert sqlite_store.pending() == [(elsewhere, elsewhere)]


SCHEMA_V1 = """
CREATE TABLE article (id INTEGER PRIMARY KEY, key_hash BLOB NOT NULL UNIQUE, url_key TEXT NOT NULL, url TEXT,
    status INTEGER NOT NULL, version INTEGER NOT NULL, content_hash BLOB, first_seen INTEGER NOT NULL,
    last_seen INTEGER NOT NULL, etag TEXT, last_modified TEXT, published_at INTEGER, exported_at INTEGER);
CREATE INDEX article_frontier ON article (status) WHERE status = 0;
CREATE INDEX article_refetch ON article (coalesce(published_at, first_seen)) WHERE status = 1;
PRAGMA user_version = 1;
"""


def test_a_version_1_file_is_upgraded_with_every_row_and_its_order(path: Path) -> None:
    path.parent.mkdir(parents=True)
    old = sqlite3.connect(path)
    old.executescript(SCHEMA_V1)
    digest = sqlite_module.key_digest
    t0, t1 = int(T0.timestamp()), int((T0 + HOUR).timestamp())
    with old:
        old.executemany(
            "INSERT INTO article VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (3, digest(C), C, None, 0, 0, None, t0, t0, None, None, None, None),
                (7, digest(A), A, A.upper(), 1, 2, bytes.fromhex(HASH_1), t0, t1, '"e1"', "Sat", t0, t1),
                (9, digest(B), B, None, 0, 0, None, t1, t1, None, None, None, None),
            ],
        )
    old.close()
    with SQLiteStateStore(path) as upgraded:
        assert upgraded.pending() == [(C, C), (B, B)]
        assert upgraded.get(A) == ArticleState(
            url_key=A, canonical_url=A.upper(), status="exported", version=2, content_hash=HASH_1,
            first_seen=T0, last_seen=T0 + HOUR, etag='"e1"', last_modified="Sat", published_at=T0,
            exported_at=T0 + HOUR,
        )  # fmt: skip
        assert counts(upgraded) == {"discovered": 2, "exported": 1}
    with sqlite3.connect(path) as db:
        tables = db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
        assert (tables, db.execute("PRAGMA user_version").fetchone()) == (
            [("article",), ("prefix",), ("source",)],
            (2,),
        )
        assert db.execute("SELECT id FROM article ORDER BY id").fetchall() == [(3,), (7,), (9,)]


def test_set_aside_keys_leave_the_frontier_and_rest_until_their_back_off_is_over(store: StateStore) -> None:
    store.discover([(A, A), (B, B)], T0)
    store.mark_exported([export(B)], T0)
    store.set_aside([(A, A), (B, B), (C, C)], T0 + HOUR)  # C unknown until now; B exported: kept
    assert store.pending() == []
    assert store.resting_keys([A, B, C], since=T0 + HOUR) == {A, C}
    assert store.resting_keys([A, B, C], since=T0 + 2 * HOUR) == set()  # set aside before: rested
    assert store.exported_keys([A, B, C]) == {B}
    assert [store.get(key).status for key in (A, B, C)] == ["set_aside", "exported", "set_aside"]  # type: ignore[union-attr]
    store.set_aside([(A, A)], T0 + 3 * HOUR)  # dropped again after a later fetch: rests from then on
    assert store.resting_keys([A, C], since=T0 + 2 * HOUR) == {A}
    store.mark_exported([export(A)], T0 + 4 * HOUR)  # the page became an article
    assert (store.resting_keys([A], since=T0), store.exported_keys([A])) == (set(), {A})


def test_a_source_keeps_its_kind_and_last_validators(store: StateStore) -> None:
    feed = "http://127.0.0.1:8000/rss"
    assert store.source(feed) is None
    store.keep_source(SourceFetch(url=feed, kind="feed", etag='"v1"', last_modified="Wed"), T0)
    store.keep_source(SourceFetch(url=feed, kind="feed", etag='"v2"'), T0 + HOUR)
    assert store.source(feed) == SourceFetch(url=feed, kind="feed", etag='"v2"', last_modified=None)
    assert store.source("http://127.0.0.1:8000/sitemap.xml") is None
    with pytest.raises(ValueError, match="naive"):
        store.keep_source(SourceFetch(url=feed, kind="feed"), datetime(2022, 2, 16))  # noqa: DTZ001


def test_a_version_2_file_gains_the_source_table_and_keeps_its_version(path: Path) -> None:
    with SQLiteStateStore(path) as first:
        first.discover([(A, A)], T0)
    older = sqlite3.connect(path)  # the file as newscrawl wrote it before the table
    older.execute("DROP TABLE source")
    older.close()
    with SQLiteStateStore(path) as reopened:
        assert reopened.pending() == [(A, A)]
        reopened.keep_source(SourceFetch(url=A, kind="sitemap"), T0)
        assert reopened.source(A) == SourceFetch(url=A, kind="sitemap")
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (2,)
