"""What a state backend must offer, and the records that cross it.

Repeated runs against the same site need to remember, per article, whether it was only found or already
written out, and what it looked like then. The interface is small so that each backend (SQLite, Redis)
implements it whole; every method serves one part of the incremental-crawl design: exactly-once export
(mark_exported), a durable frontier (discover, pending, forget, set_aside), incremental re-runs (get,
exported_keys, resting_keys, touch, refetch_candidates), and conditional GETs of feeds and sitemaps
(source, keep_source).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol, runtime_checkable

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable
    from datetime import datetime, timedelta

Status = Literal["discovered", "exported", "set_aside"]


@dataclass(frozen=True, kw_only=True)
class ArticleState:
    """Everything the state knows about one URL key; datetimes are UTC, stored to the second.

    `canonical_url` is None until the article is exported. `version` is 0 until the first export, then
    the version of the last line written. `published_at` is the exported value as an instant.
    """

    url_key: str
    canonical_url: str | None
    status: Status
    version: int
    content_hash: str | None
    first_seen: datetime
    last_seen: datetime
    etag: str | None
    last_modified: str | None
    published_at: datetime | None
    exported_at: datetime | None


@dataclass(frozen=True, kw_only=True)
class ExportRecord:
    """One article whose JSONL line is already durable on disk (flushed and fsynced).

    `url_key` is the key of the canonical URL, which the article is stored under. `fetched_key` is the key
    of the URL that was requested, when it differs (redirect, canonical link): that frontier entry is
    settled by this export, otherwise every later run would request it again. `content_hash` is a hex
    digest of the normalized fields.
    """

    url_key: str
    canonical_url: str
    content_hash: str
    version: int
    etag: str | None = None
    last_modified: str | None = None
    published_at: datetime | None = None
    fetched_key: str | None = None

    def __post_init__(self) -> None:
        if self.version < 1:
            raise ValueError(f"an exported version starts at 1, got {self.version} for {self.url_key}")


@dataclass(frozen=True, kw_only=True)
class Revalidation:
    """An article fetched again and found unchanged; a validator left None keeps the stored one.

    A 304 response need not repeat the `ETag`, so None means "not sent", never "clear it".
    """

    url_key: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, kw_only=True)
class SourceFetch:
    """How the feed, sitemap or robots.txt at `url` answered last: its `kind`, so that a start URL is
    asked for as one again, and its validators, for the next run's conditional GET."""

    url: str
    kind: str
    etag: str | None = None
    last_modified: str | None = None


@runtime_checkable
class StateStore(Protocol):
    """Per-site memory of known articles. Times must be timezone-aware; naive ones raise ValueError."""

    def discover(self, url_keys_and_urls: Iterable[tuple[str, str]], now: datetime) -> int:
        """Record links found on listings and promos (the frontier); returns how many keys were new.

        Known keys are left untouched, so an exported article is never downgraded to discovered.
        """
        ...

    def get(self, url_key: str) -> ArticleState | None:
        """Whether a key is known and how (a changed article is written as version + 1, with the previous
        hash)."""
        ...

    def exported_keys(self, url_keys: Collection[str]) -> set[str]:
        """The keys among `url_keys` whose article is exported, in one query: a listing page's cards and an
        article's promos are looked up together, not one `get` each."""
        ...

    def pending(self, limit: int | None = None) -> list[tuple[str, str]]:
        """The frontier: `(url_key, url to request)` of discovered keys, in discovery order."""
        ...

    def mark_exported(self, records: Iterable[ExportRecord], now: datetime) -> None:
        """Mark a batch exported in one transaction, called only after its lines are fsynced."""
        ...

    def touch(self, revalidations: Iterable[Revalidation], now: datetime) -> None:
        """Refresh `last_seen` and validators after an unchanged re-fetch; unknown keys: no-op."""
        ...

    def forget(self, url_keys: Iterable[str]) -> None:
        """Drop discovered-only keys from the frontier: their URL answered 404 or 410, so a retry is waste.

        Exported keys are kept; unknown keys are a no-op.
        """
        ...

    def set_aside(self, url_keys_and_urls: Iterable[tuple[str, str]], now: datetime) -> None:
        """Take keys out of the frontier for a while: their page was dropped as no article (a soft 404,
        a tag page) or their link redirected to one. Each run would fetch them again otherwise, since
        they are on the listing pages every time. Exported keys are left as they are.
        """
        ...

    def resting_keys(self, url_keys: Collection[str], since: datetime) -> set[str]:
        """The keys among `url_keys` set aside at or after `since` (the back-off not yet over)."""
        ...

    def refetch_candidates(self, now: datetime, max_age: timedelta) -> list[ArticleState]:
        """Exported articles younger than `max_age` by `published_at`, else `first_seen`.

        Younger means strictly: an article exactly `max_age` old is not a candidate. Newest first.
        """
        ...

    def source(self, url: str) -> SourceFetch | None:
        """What `keep_source` last kept for `url`, or None."""
        ...

    def keep_source(self, fetch: SourceFetch, now: datetime) -> None:
        """Remember how a feed or sitemap answered, replacing what was kept for its URL."""
        ...

    def close(self) -> None:
        """Release the backend; every completed call is already durable, so this is not a flush."""
        ...
