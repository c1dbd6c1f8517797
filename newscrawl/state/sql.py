"""The tables of a SQLite state file, and the statements `SQLiteStateStore` runs on them.

A row per URL key: times are epoch seconds, the content hash raw bytes, the lookup key a 16-byte digest
of the URL key, the URL stored only when it differs from its key, and the key itself as a shared prefix
(a row of `prefix`, `directory_and_origin` says where keys split) plus the rest.
"""

from __future__ import annotations

SCHEMA_VERSION = 2

# Rowid order is discovery order, and it keeps a listing's link order within one second. The frontier
# and refetch indexes are partial, so each row pays for at most one of them. Prefix 0 is the empty one.
# `article_keyed` is the table as a reader wants it, with whole keys: the store reads through it, and so
# can anyone inspecting the file with the sqlite3 shell.
SCHEMA = (
    """CREATE TABLE prefix (
    id INTEGER PRIMARY KEY,
    text TEXT NOT NULL UNIQUE
)""",
    "INSERT INTO prefix (id, text) VALUES (0, '')",
    """CREATE TABLE article (
    id INTEGER PRIMARY KEY,
    key_hash BLOB NOT NULL UNIQUE,
    key_prefix INTEGER NOT NULL REFERENCES prefix (id),
    key_rest TEXT NOT NULL,
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
)""",
    "CREATE INDEX article_frontier ON article (status) WHERE status = 0",
    "CREATE INDEX article_refetch ON article (coalesce(published_at, first_seen)) WHERE status = 1",
    """CREATE VIEW article_keyed AS
SELECT article.*, prefix.text || article.key_rest AS url_key
FROM article JOIN prefix ON prefix.id = article.key_prefix""",
)

# Version 1 kept the whole key in `url_key`; its rows move over with their ids (discovery order).
FROM_V1 = (
    "ALTER TABLE article RENAME TO article_v1",
    "DROP INDEX article_frontier",
    "DROP INDEX article_refetch",
)
V1_ROWS = """
SELECT id, key_hash, url_key, url, status, version, content_hash, first_seen, last_seen, etag,
    last_modified, published_at, exported_at
FROM article_v1 ORDER BY id
"""
COPY_V1 = "INSERT INTO article VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

COLUMNS = (
    "url_key, url, status, version, content_hash, first_seen, last_seen, etag, last_modified, "
    "published_at, exported_at"
)

DISCOVER = """
INSERT INTO article (key_hash, key_prefix, key_rest, url, status, version, first_seen, last_seen)
VALUES (?, ?, ?, ?, 0, 0, ?, ?) ON CONFLICT (key_hash) DO NOTHING
"""

# A new row inherits first_seen from the frontier entry it settles, so a redirected link keeps its age.
EXPORT = """
INSERT INTO article (key_hash, key_prefix, key_rest, url, status, version, content_hash, first_seen,
    last_seen, etag, last_modified, published_at, exported_at)
VALUES (:key_hash, :key_prefix, :key_rest, :url, 1, :version, :content_hash,
    coalesce((SELECT first_seen FROM article WHERE key_hash = :fetched_hash), :now), :now, :etag,
    :last_modified, :published_at, :now)
ON CONFLICT (key_hash) DO UPDATE SET url = excluded.url, status = 1, version = excluded.version,
    content_hash = excluded.content_hash, last_seen = excluded.last_seen, etag = excluded.etag,
    last_modified = excluded.last_modified, published_at = excluded.published_at,
    exported_at = excluded.exported_at
"""

# A dropped page's key leaves the frontier (status 2) with the time it was dropped; an exported key stays.
SET_KEYS_ASIDE = """
INSERT INTO article (key_hash, key_prefix, key_rest, url, status, version, first_seen, last_seen)
VALUES (?, ?, ?, ?, 2, 0, ?, ?)
ON CONFLICT (key_hash) DO UPDATE SET status = 2, last_seen = excluded.last_seen WHERE status != 1
"""

# Removes a discovered-only row: once its article is exported under another key, or its URL is gone.
SETTLE = "DELETE FROM article WHERE key_hash = ? AND status = 0"

TOUCH = """
UPDATE article SET last_seen = ?, etag = coalesce(?, etag), last_modified = coalesce(?, last_modified)
WHERE key_hash = ?
"""

# Feeds, sitemaps and robots.txt files by URL, with how each answered last (`SourceFetch`). Created on
# open when missing: a version 2 file gains it, and a newscrawl that does not know it ignores it.
SOURCES = """CREATE TABLE IF NOT EXISTS source (
    url TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    fetched_at INTEGER NOT NULL
) WITHOUT ROWID"""
KEEP_SOURCE = (
    "INSERT OR REPLACE INTO source (url, kind, etag, last_modified, fetched_at) VALUES (?, ?, ?, ?, ?)"
)


def directory_and_origin(url_key: str) -> tuple[str, str]:
    """The key up to the `/` before its last path segment, and up to the `/` after its host.

    A trailing `/` does not count, so `.../news/slug/` shares `.../news/` with its siblings.
    """
    origin_end = url_key.find("/", url_key.find("//") + 2) + 1 or len(url_key)
    path_end = url_key.find("?", origin_end)
    if path_end == -1:
        path_end = len(url_key)
    cut = url_key.rfind("/", origin_end, path_end - 1) + 1
    return url_key[: max(cut, origin_end)], url_key[:origin_end]
