"""The one owner of a crawl's state: it opens each site's store, hands it out, and closes it.

Everything that needs the state (the spider's frontier, the version pipeline, the export ledger) asks
`CrawlState.of(crawler)` for a site's `SiteState`: the store (None in a stateless run) with the site's
rule for URL keys, which live with the state because they are what the store is indexed by. A store is
opened on first use and kept until the engine stops, after the last feed is stored and marked. Stores
are per site (`NEWSCRAWL_STATE_DIR/<site>.sqlite3`, or the site's keys in Redis), so runs of different
sites never contend for a lock.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from scrapy import signals

from newscrawl.normalize.urls import url_key
from newscrawl.sites.registry import site_named
from newscrawl.state import open_store

if TYPE_CHECKING:
    from collections.abc import Callable

    from scrapy.crawler import Crawler

    from newscrawl.sites.base import Site
    from newscrawl.state.base import StateStore


@dataclass(frozen=True, eq=False)
class SiteState:
    """One site's state: its store (None: the run remembers nothing) and the key its URLs are stored by."""

    site: Site
    store: StateStore | None
    partition: str = ""  # the store's name, when it is not the profile's (`Site.state_name`)

    @property
    def name(self) -> str:
        return self.partition or self.site.name

    def key(self, url: str) -> str:
        """The key under which two links count as the same article or page."""
        return url_key(url, fold_path_case=self.site.fold_path_case)


_OWNERS: WeakKeyDictionary[Crawler, CrawlState] = WeakKeyDictionary()


class CrawlState:
    """The crawler's state stores, by name; get it with `CrawlState.of(crawler)`."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.sites: dict[str, SiteState] = {}
        self.listeners: list[Callable[[SiteState], None]] = []
        crawler.signals.connect(self.close, signal=signals.engine_stopped)

    @classmethod
    def of(cls, crawler: Crawler) -> CrawlState:
        if crawler not in _OWNERS:
            _OWNERS[crawler] = cls(crawler)
        return _OWNERS[crawler]

    def site_state(self, site: str, url: str = "") -> SiteState:
        """The state that keeps the articles at `url` of the profile named `site`, its store opened on
        first use (one per profile, or per host for the generic profile: `Site.state_name`).

        Raises what opening raises: `StateBusyError` when another run holds the store."""
        profile = site_named(site)
        name = profile.state_name(url)
        state = self.sites.get(name)
        if state is None:
            store = open_store(self.crawler.settings, name)
            state = self.sites[name] = SiteState(profile, store, "" if name == profile.name else name)
            for listener in self.listeners:
                listener(state)
        return state

    def when_opened(self, listener: Callable[[SiteState], None]) -> None:
        """Call `listener` with every site state opened so far, and with each one opened later."""
        self.listeners.append(listener)
        for state in list(self.sites.values()):
            listener(state)

    def close(self) -> None:
        for state in self.sites.values():
            if state.store is not None:
                state.store.close()
