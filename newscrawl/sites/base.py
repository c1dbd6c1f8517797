"""What a site profile declares, in plain Python: no Scrapy type crosses this boundary.

A profile says which hosts and layouts it serves, its time zone and language, which of its URLs are
articles, which discovery source reads its listing pages (`listing`; `sources` maps every kind of page
the spider may ask it to read to its source), and how an article page turns into raw strings
(`article_page`, a page object in `newscrawl.sites.article`). Deciding what to fetch next stays in the
spider and normalizing stays in the pipelines, so a new layout is one small module.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import urlsplit

from newscrawl.discovery.feeds import FeedSource, declared_feeds
from newscrawl.discovery.listing import LISTING
from newscrawl.discovery.recognize import FEED, ROBOTS, SITEMAP
from newscrawl.discovery.robots import RobotsSource
from newscrawl.discovery.sitemaps import SitemapSource
from newscrawl.sites.article import ArticlePage

if TYPE_CHECKING:
    import re
    from collections.abc import Mapping

    from newscrawl.discovery import Discovered, Source
    from newscrawl.items import RawArticle
    from newscrawl.page import Page

FEEDS, SITEMAPS, ROBOTS_TXT = FeedSource(), SitemapSource(), RobotsSource()


class Site:
    """A site layout. Subclasses set the class attributes; `sites/news24.py` is the model.

    How a profile is chosen for a URL (`newscrawl.sites.registry.SiteChooser`): by `hosts`, then by
    `url_markers` on the URL's path, then by `page_markers` on the first page fetched from its origin.
    """

    name: ClassVar[str]
    # Hosts this profile serves, exactly as in URLs (lowercase; list `www.` variants too).
    hosts: ClassVar[tuple[str, ...]] = ()
    # Path patterns only this layout's URLs have: a start URL matching one is read by this profile
    # before anything is fetched, so its state is opened (and its backlog queued) at start.
    url_markers: ClassVar[tuple[re.Pattern[str], ...]] = ()
    # Groups of CSS selectors: a page in which every selector of one group matches is in this layout.
    page_markers: ClassVar[tuple[tuple[str, ...], ...]] = ()
    start_urls: ClassVar[tuple[str, ...]] = ()
    # The site's IANA time zone, for dates the pages give without an offset; None: offsets come from
    # the page, and a date without one is not believed.
    timezone: ClassVar[str | None] = None
    language: ClassVar[str | None] = None
    # Whether two links whose paths differ only in case name the same article (their state key).
    fold_path_case: ClassVar[bool] = False
    article_path: ClassVar[re.Pattern[str]]
    excluded_path_parts: ClassVar[tuple[str, ...]] = ()
    # The source that reads this site's listing pages (its start URLs and their next pages).
    listing: ClassVar[Source]
    article_page: ClassVar[type[ArticlePage]] = ArticlePage

    @property
    def sources(self) -> Mapping[str, Source]:
        """The discovery source that reads each kind of page the spider asks this site for: feeds and
        sitemaps are the same on every site."""
        return {LISTING: self.listing, FEED: FEEDS, SITEMAP: SITEMAPS, ROBOTS: ROBOTS_TXT}

    def article(self, page: Page) -> RawArticle:
        """The raw fields of an article page."""
        return self.article_page(page, self).raw_article()

    def discover(self, kind: str, page: Page) -> Discovered:
        """What the `kind` source finds on `page`, keeping only the links to this site's articles; on a
        listing page also the feeds it declares."""
        found = self.sources[kind].read(page)
        if kind == LISTING:
            found = replace(found, feeds=declared_feeds(page))
        return found.keeping(self.is_article_url)

    def is_article_url(self, url: str) -> bool:
        """Whether a link on this site's pages names an article (host checks belong to the spider)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return False
        path = parts.path.lower()
        if any(part in path for part in self.excluded_path_parts):
            return False
        return bool(self.article_path.search(parts.path))

    def state_name(self, url: str) -> str:
        """The name of the state store that keeps this profile's articles of `url`: one per profile."""
        return self.name

    def claims(self, host: str, path: str) -> bool:
        """Whether a URL with this host and path is this profile's without looking at the page."""
        return host in self.hosts or any(marker.search(path) for marker in self.url_markers)

    def recognizes(self, page: Page) -> bool:
        """Whether the page shows this profile's layout (every selector of one `page_markers` group)."""
        selector = page.selector
        return any(all(selector.css(css) for css in group) for group in self.page_markers)
