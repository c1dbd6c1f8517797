"""Which article URLs a run still has to fetch: remembered for the run, and across runs when a store is set.

Every URL is recorded as discovered in the store before it is requested, so a run killed at any moment
leaves its unfinished work for the next run (`resume`). Exported articles are not fetched again, except
young ones, which get a conditional GET (`revalidations`) to catch edits.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import islice
from typing import TYPE_CHECKING

from newscrawl.digests import DigestSet, digest64
from newscrawl.normalize.urls import key_digest, strip_tracking

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from newscrawl.sites.base import Site
    from newscrawl.state import ArticleState, StateStore


class Frontier:
    def __init__(self, site: Site, store: StateStore | None, max_articles: int | None) -> None:
        self.site, self.store, self.max_articles = site, store, max_articles
        # Digests, not keys: the set grows with every URL of the run (8 bytes each here, ~150 as a key).
        self.requested = DigestSet()
        self.request_count = 0

    def at_limit(self) -> bool:
        return self.max_articles is not None and self.request_count >= self.max_articles

    def exported_keys(self, urls: Iterable[str]) -> set[str]:
        """The URL keys among `urls` whose article the store has exported, from one query."""
        return self.exported_among({self.site.url_key(url) for url in urls})

    def exported_among(self, keys: set[str]) -> set[str]:
        return self.store.exported_keys(keys) if self.store is not None and keys else set()

    def admit(self, urls: Iterable[str], exported: set[str] | None = None) -> list[str]:
        """The URLs (tracking removed) to request now: not yet asked this run, not exported, within limit.

        `exported` is what `exported_keys` said of these URLs, when the caller already asked it."""
        candidates: dict[str, str] = {}
        for url in map(strip_tracking, urls):
            key = self.site.url_key(url)
            if key not in candidates and requested_digest(key) not in self.requested:
                candidates[key] = url
        if exported is None:
            exported = self.exported_among(set(candidates))
        fresh = ((key, url) for key, url in candidates.items() if key not in exported)
        room = None if self.max_articles is None else max(self.max_articles - self.request_count, 0)
        return self.claim(dict(islice(fresh, room)))

    def claim(self, admitted: dict[str, str]) -> list[str]:
        if self.store is not None and admitted:
            self.store.discover(admitted.items(), now=datetime.now(UTC))
        self.requested.update(map(requested_digest, admitted))
        self.request_count += len(admitted)
        return list(admitted.values())

    def remember(self, url: str) -> None:
        """A URL fetched without being admitted (a redirect's target) is not to be requested again."""
        self.requested.add(requested_digest(self.site.url_key(url)))

    def forget(self, url: str) -> None:
        """The URL is gone for good (404/410): the next run should not queue it again."""
        if self.store is not None:
            self.store.forget([self.site.url_key(url)])

    def resume(self) -> list[str]:
        """URLs an earlier run discovered but never exported; the spider filters and admits them."""
        return [url for _, url in self.store.pending()] if self.store else []

    def revalidations(self, max_age: timedelta, wanted: Callable[[str], bool]) -> list[ArticleState]:
        """Exported articles young enough to re-check for edits, among `wanted` URLs; claimed for the run."""
        if self.store is None:
            return []
        candidates = self.store.refetch_candidates(datetime.now(UTC), max_age)
        young = [s for s in candidates if s.canonical_url and wanted(s.canonical_url)]
        self.requested.update(requested_digest(s.url_key) for s in young)
        return young


def requested_digest(url_key: str) -> int:
    return digest64(key_digest(url_key))
