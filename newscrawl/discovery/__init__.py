"""Discovery sources: one module per way of finding articles (listing pages, feeds, sitemaps).

A source reads one `Page` and returns what it found there: links, each with what the source knows of
its target (`newscrawl.items.Link`), and the next page of the same kind to read. It decides nothing about
fetching (the spider does) and keeps no state, so one instance serves every page of a run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Callable

    from newscrawl.items import Link
    from newscrawl.page import Page


@dataclass(frozen=True)
class Discovered:
    """What a source found on one page: links in page order, and the next page to read, if any.

    `children` are sitemaps to read (those an index or a robots.txt names); `feeds` those a page declares
    (`<link rel="alternate">`); `counts` say how many entries were refused and why (`malformed`,
    `other_host`, ...), for the crawl's stats."""

    links: tuple[Link, ...]
    next_page: str | None = None
    children: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def urls(self) -> tuple[str, ...]:
        return tuple(link.url for link in self.links)

    def keeping(self, wanted: Callable[[str], bool]) -> Discovered:
        """The same finds with only the links whose URL is `wanted`."""
        links = tuple(link for link in self.links if wanted(link.url))
        return Discovered(links, self.next_page, self.children, self.feeds, self.counts)


class Source(Protocol):
    """Reads one kind of page; `newscrawl.sites.base.Site.sources` names the source of each kind."""

    def read(self, page: Page) -> Discovered:
        """The links on `page`, absolute, and the absolute URL of the next page of the same kind."""
        ...
