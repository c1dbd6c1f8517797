"""Which article URLs a run still has to fetch: in memory for the run, and in each site's state store.

Every URL is looked up and recorded under its site's state (`SiteState`, chosen per URL by the spider):
the key that decides whether two links are one article, and the store that remembers what earlier runs
found and exported. `max_articles` bounds the run as a whole, across sites. A URL whose page was dropped
as no article is set aside in its store and not requested again until `set_aside_for` has passed.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import islice
from typing import TYPE_CHECKING

from newscrawl.digests import DigestSet, digest64
from newscrawl.normalize.urls import key_digest, strip_tracking

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from newscrawl.state.base import ArticleState
    from newscrawl.state.owner import SiteState


class Frontier:
    def __init__(
        self,
        state_of: Callable[[str], SiteState],
        max_articles: int | None,
        set_aside_for: timedelta = timedelta(0),
    ) -> None:
        """`state_of(url)` is the state the URL's site keeps it in."""
        self.state_of, self.max_articles, self.set_aside_for = state_of, max_articles, set_aside_for
        # Digests, not keys: the set grows with every URL of the run (8 bytes each here, ~150 as a key).
        self.requested = DigestSet()
        self.fetched = DigestSet()
        self.request_count = 0

    def at_limit(self) -> bool:
        return self.max_articles is not None and self.request_count >= self.max_articles

    def keyed(self, urls: Iterable[str]) -> dict[SiteState, dict[str, str]]:
        """`{site state: {key: url}}` of `urls` (first URL of each key), in their order."""
        groups: dict[SiteState, dict[str, str]] = {}
        for url in urls:
            state = self.state_of(url)
            groups.setdefault(state, {}).setdefault(state.key(url), url)
        return groups

    def settled_keys(self, urls: Iterable[str]) -> set[str]:
        """The URL keys among `urls` a store has settled: exported, or set aside and still resting."""
        return self.settled_among(self.keyed(urls))

    def settled_among(self, groups: dict[SiteState, dict[str, str]]) -> set[str]:
        found: set[str] = set()
        resting_since = datetime.now(UTC) - self.set_aside_for
        for state, keyed in groups.items():
            if state.store is not None and keyed:
                found |= state.store.exported_keys(set(keyed))
                found |= state.store.resting_keys(set(keyed) - found, resting_since)
        return found

    def admit(self, urls: Iterable[str], settled: set[str] | None = None) -> list[str]:
        """The URLs (tracking removed) to request now: not yet asked this run, not settled, within limit.

        `settled` is what `settled_keys` said of these URLs, when the caller already asked it."""
        groups = self.keyed(map(strip_tracking, urls))
        for keyed in groups.values():
            for key in [key for key in keyed if requested_digest(key) in self.requested]:
                del keyed[key]
        if settled is None:
            settled = self.settled_among(groups)
        admitted: list[str] = []
        for state, keyed in groups.items():
            fresh = ((key, url) for key, url in keyed.items() if key not in settled)
            room = None if self.max_articles is None else max(self.max_articles - self.request_count, 0)
            admitted += self.claim(state, dict(islice(fresh, room)))
        return admitted

    def claim(self, state: SiteState, admitted: dict[str, str]) -> list[str]:
        if state.store is not None and admitted:
            state.store.discover(admitted.items(), now=datetime.now(UTC))
        self.requested.update(map(requested_digest, admitted))
        self.request_count += len(admitted)
        return list(admitted.values())

    def remember(self, url: str) -> None:
        """A fetched URL, admitted or not (a redirect's target), is not to be requested again."""
        digest = requested_digest(self.state_of(url).key(url))
        self.requested.add(digest)
        self.fetched.add(digest)

    def was_fetched(self, url: str) -> bool:
        return requested_digest(self.state_of(url).key(url)) in self.fetched

    def forget(self, url: str) -> None:
        """The URL is gone for good (404/410): the next run should not queue it again."""
        state = self.state_of(url)
        if state.store is not None:
            state.store.forget([state.key(url)])

    def set_aside(self, urls: Iterable[str]) -> None:
        """The URLs' pages were dropped as no article (or redirected to one): rest them in their stores."""
        for state, keyed in self.keyed(urls).items():
            if state.store is not None:
                state.store.set_aside(keyed.items(), now=datetime.now(UTC))

    @staticmethod
    def resume(state: SiteState) -> list[str]:
        """URLs an earlier run discovered but never exported; the spider filters and admits them."""
        return [url for _, url in state.store.pending()] if state.store else []

    def revalidations(
        self, state: SiteState, max_age: timedelta, wanted: Callable[[str], bool]
    ) -> list[ArticleState]:
        """Exported articles young enough to re-check for edits, among `wanted` URLs; claimed for the run."""
        if state.store is None:
            return []
        candidates = state.store.refetch_candidates(datetime.now(UTC), max_age)
        young = [s for s in candidates if s.canonical_url and wanted(s.canonical_url)]
        self.requested.update(requested_digest(s.url_key) for s in young)
        return young


def requested_digest(url_key: str) -> int:
    return digest64(key_digest(url_key))
