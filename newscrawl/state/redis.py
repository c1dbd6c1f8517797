"""The shared state backend of a distributed crawl: the same `StateStore` contract as SQLite, in Redis.

Every worker of the crawl reads and writes one store per site, so "discovered", "exported" and versions
hold across machines. Keys under `newscrawl:state:<site>:`: `articles` (hash: 16-byte key digest -> the
row as JSON, laid out as in newscrawl/state/rows.py), `frontier` (sorted set of discovered digests,
score the discovery sequence from `seq`) and `exported` (sorted set of exported digests, score
`published_at`, else `first_seen`, for refetch candidates), and `sources` (hash: feed or sitemap URL ->
`[kind, etag, last_modified]` as JSON).

Durability is Redis' own: configure AOF (`appendonly yes`, `appendfsync everysec` or `always`), see the
README. Each call is one round trip for reads and one transaction (or one script) for writes, so a batch
is never half applied. Two workers exporting the same key at once could interleave their read and write;
the shared dupefilter makes that a re-fetch after a worker died, where both write the same row.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, cast

from newscrawl.normalize.urls import key_digest
from newscrawl.state.base import SourceFetch
from newscrawl.state.rows import DISCOVERED, EXPORTED, SET_ASIDE, article_state, epoch, unless
from newscrawl.state.sqlite import SITE_NAME

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable
    from datetime import datetime, timedelta

    from redis import Redis

    from newscrawl.state.base import ArticleState, ExportRecord, Revalidation

Row = list[Any]
# ARGV: pairs of (digest, row); a digest already known keeps its row (never downgraded).
DISCOVER = """
local new = 0
for i = 1, #ARGV, 2 do
  if redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1]) == 1 then
    redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[3]), ARGV[i])
    new = new + 1
  end
end
return new
"""


class RedisStateStore:
    """`StateStore` for one site on a Redis server shared by the crawl's workers."""

    def __init__(self, server: Redis, site: str) -> None:
        if not SITE_NAME.fullmatch(site):
            raise ValueError(f"site name {site!r} cannot name state keys: it must match {SITE_NAME.pattern}")
        self.server = server
        prefix = f"newscrawl:state:{site}:"
        self.articles, self.frontier = prefix + "articles", prefix + "frontier"
        self.exported, self.sequence = prefix + "exported", prefix + "seq"
        self.sources = prefix + "sources"
        self._discover = server.register_script(DISCOVER)

    def discover(self, url_keys_and_urls: Iterable[tuple[str, str]], now: datetime) -> int:
        seen = epoch(now)
        rows = [(key, unless(url, key), DISCOVERED, 0, None, seen, seen, None, None, None, None)
                for key, url in url_keys_and_urls]  # fmt: skip
        args = [field for row in rows for field in (key_digest(row[0]), _encode(list(row)))]
        return int(self._discover(keys=[self.articles, self.frontier, self.sequence], args=args))

    def get(self, url_key: str) -> ArticleState | None:
        row = self.rows([key_digest(url_key)])[0]
        return None if row is None else _state(row)

    def exported_keys(self, url_keys: Collection[str]) -> set[str]:
        return {key for key, row in self.keyed_rows(url_keys) if row[2] == EXPORTED}

    def resting_keys(self, url_keys: Collection[str], since: datetime) -> set[str]:
        return {
            key for key, row in self.keyed_rows(url_keys) if row[2] == SET_ASIDE and row[6] >= epoch(since)
        }

    def keyed_rows(self, url_keys: Collection[str]) -> list[tuple[str, Row]]:
        """`(key, row)` of the known keys among `url_keys`, in one round trip."""
        keys = list(url_keys)
        rows = self.rows([key_digest(key) for key in keys])
        return [(key, row) for key, row in zip(keys, rows, strict=True) if row is not None]

    def pending(self, limit: int | None = None) -> list[tuple[str, str]]:
        if limit == 0:
            return []
        found = self.server.zrange(self.frontier, 0, -1 if limit is None else limit - 1)
        digests = cast("list[bytes]", found)
        return [(row[0], row[1] or row[0]) for row in self.rows(digests) if row is not None]

    def mark_exported(self, records: Iterable[ExportRecord], now: datetime) -> None:
        """A new row inherits `first_seen` from the frontier entry it settles, as in SQLite."""
        records, seen = list(records), epoch(now)
        rows = {key_digest(r.url_key): _exported_row(r, seen) for r in records}
        fetched = {key_digest(r.url_key): key_digest(r.fetched_key or r.url_key) for r in records}
        digests = list({*rows, *fetched.values()})
        stored = dict(zip(digests, self.rows(digests), strict=True))
        for digest, row in rows.items():
            earlier = stored[digest] or stored[fetched[digest]]
            row[5] = earlier[5] if earlier else row[5]
        leftover = set(fetched.values()) - set(rows)
        settled = [d for d in leftover if (stored[d] or [None, None, EXPORTED])[2] == DISCOVERED]
        self.write(rows, settled)

    def write(self, rows: dict[bytes, Row], settled: list[bytes]) -> None:
        """Rows exported and frontier entries settled, in one transaction."""
        with self.server.pipeline(transaction=True) as pipe:
            if rows:
                pipe.hset(self.articles, mapping={digest: _encode(row) for digest, row in rows.items()})
                pipe.zrem(self.frontier, *rows)
                pipe.zadd(self.exported, {digest: row[9] or row[5] for digest, row in rows.items()})
            if settled:
                pipe.hdel(self.articles, *settled)
                pipe.zrem(self.frontier, *settled)
            pipe.execute()

    def touch(self, revalidations: Iterable[Revalidation], now: datetime) -> None:
        revalidations, seen = list(revalidations), epoch(now)
        digests = [key_digest(r.url_key) for r in revalidations]
        touched: dict[bytes, Row] = {}
        for digest, row, revalidation in zip(digests, self.rows(digests), revalidations, strict=True):
            if row is not None:
                row[6], row[7] = seen, revalidation.etag or row[7]
                row[8] = revalidation.last_modified or row[8]
                touched[digest] = row
        if touched:
            self.server.hset(self.articles, mapping={digest: _encode(row) for digest, row in touched.items()})

    def forget(self, url_keys: Iterable[str]) -> None:
        digests = [key_digest(key) for key in url_keys]
        gone = [d for d, row in zip(digests, self.rows(digests), strict=True) if row and row[2] == DISCOVERED]
        self.write({}, gone)

    def set_aside(self, url_keys_and_urls: Iterable[tuple[str, str]], now: datetime) -> None:
        """Out of the frontier, status SET_ASIDE since `now`; an exported row is left as it is."""
        pairs, seen = dict(url_keys_and_urls), epoch(now)
        digests = [key_digest(key) for key in pairs]
        aside: dict[bytes, Row] = {}
        for digest, (key, url), row in zip(digests, pairs.items(), self.rows(digests), strict=True):
            if row is None:
                row = [key, unless(url, key), SET_ASIDE, 0, None, seen, seen, None, None, None, None]
            if row[2] != EXPORTED:
                row[2], row[6] = SET_ASIDE, seen
                aside[digest] = row
        if aside:
            with self.server.pipeline(transaction=True) as pipe:
                pipe.hset(self.articles, mapping={digest: _encode(row) for digest, row in aside.items()})
                pipe.zrem(self.frontier, *aside)
                pipe.execute()

    def refetch_candidates(self, now: datetime, max_age: timedelta) -> list[ArticleState]:
        found = self.server.zrevrangebyscore(self.exported, "+inf", f"({epoch(now - max_age)}")
        digests = cast("list[bytes]", found)
        return [_state(row) for row in self.rows(digests) if row is not None]

    def rows(self, digests: list[bytes]) -> list[Row | None]:
        """The stored rows of `digests`, in order, in one round trip; None for unknown digests."""
        found = self.server.hmget(self.articles, digests) if digests else []
        return [None if raw is None else json.loads(raw) for raw in found]

    def source(self, url: str) -> SourceFetch | None:
        raw = cast("bytes | None", self.server.hget(self.sources, url))
        if raw is None:
            return None
        kind, etag, last_modified = json.loads(raw)
        return SourceFetch(url=url, kind=kind, etag=etag, last_modified=last_modified)

    def keep_source(self, fetch: SourceFetch, now: datetime) -> None:
        epoch(now)  # the contract's check: an aware time
        self.server.hset(self.sources, fetch.url, _encode([fetch.kind, fetch.etag, fetch.last_modified]))

    def close(self) -> None:
        self.server.close()


def _exported_row(record: ExportRecord, now: int) -> Row:
    published = None if record.published_at is None else epoch(record.published_at)
    url = unless(record.canonical_url, record.url_key)
    return [record.url_key, url, EXPORTED, record.version, record.content_hash, now, now, record.etag,
            record.last_modified, published, now]  # fmt: skip


def _encode(row: Row) -> str:
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"))


def _state(row: Row) -> ArticleState:
    """Rows keep the content hash as hex in JSON; the shared converter wants its bytes."""
    return article_state((*row[:4], None if row[4] is None else bytes.fromhex(row[4]), *row[5:]))
