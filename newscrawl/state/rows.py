"""One state row as both backends store it, and the conversions they share.

A row is `(url_key, url, status, version, content_hash, first_seen, last_seen, etag, last_modified,
published_at, exported_at)`: times are epoch seconds, the content hash raw bytes, `url` None when it equals
the key, status 0 (discovered) or 1 (exported). Rows are indexed by a 16-byte digest of the URL key.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from newscrawl.state.base import ArticleState, Status

DISCOVERED, EXPORTED, SET_ASIDE = 0, 1, 2
STATUSES: dict[int, Status] = {DISCOVERED: "discovered", EXPORTED: "exported", SET_ASIDE: "set_aside"}


def epoch(moment: datetime) -> int:
    """Seconds since the epoch; a naive datetime is refused, since its zone would be a guess."""
    if moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment.isoformat()} given to the state store; attach a tz")
    return int(moment.timestamp())


def instant(seconds: int | None) -> datetime | None:
    return None if seconds is None else datetime.fromtimestamp(seconds, UTC)


def unless(url: str, url_key: str) -> str | None:
    return None if url == url_key else url


def article_state(row: tuple[Any, ...]) -> ArticleState:
    key, url, status, version, content_hash, first_seen, last_seen, etag, modified, published, exported = row
    exported_now = status == EXPORTED
    return ArticleState(
        url_key=key,
        canonical_url=(url or key) if exported_now else None,
        status=STATUSES[status],
        version=version,
        content_hash=None if content_hash is None else content_hash.hex(),
        first_seen=datetime.fromtimestamp(first_seen, UTC),
        last_seen=datetime.fromtimestamp(last_seen, UTC),
        etag=etag,
        last_modified=modified,
        published_at=instant(published),
        exported_at=instant(exported),
    )
