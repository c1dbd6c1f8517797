"""The spider's requests for feeds, sitemaps and robots.txt, what it tells of them beyond their links,
and what their links tell of the articles (`link_hints`: dates and titles, carried in request meta).

Discovery (`-a discover`, on by default for a start host the generic profile reads): once per start
origin, its robots.txt (for its `Sitemap:` lines) and the conventional paths, and on its start pages the
feeds they declare. Each is fetched through Scrapy, so the robots middleware refuses what robots.txt
disallows, and the dupefilter fetches each URL once a run (an index naming itself or an ancestor ends
there). A guessed path that is not there (404, 410) is counted as `newscrawl/discovery/absent`, not as a
failure of the run.

Incremental: how each feed, sitemap and robots.txt answered is kept in its site's state store, so the
next run asks for it with a conditional GET (a 304 is counted as `newscrawl/<kind>/unchanged` and read no
further: an unchanged sitemap index names no sitemap to fetch), and a start URL that was a feed or a
sitemap is asked for as one. An exported article is not fetched again for being in a feed or sitemap,
unless its sitemap `lastmod` is later than its export: then it is revalidated (a conditional GET), counted
as `newscrawl/sitemap/edited`. A feed or sitemap whose first NEWSCRAWL_KNOWN_STREAK articles are all
exported has caught up, as a listing section has: the rest of it is not requested (`-a backfill=1` does).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from newscrawl import config
from newscrawl.discovery.recognize import FEED, ROBOTS, SITEMAP, kind_read
from newscrawl.items import dates_from_rows, dates_to_rows
from newscrawl.normalize.dateformats import Reading, iso_naive_local
from newscrawl.page import fetch_of
from newscrawl.sites.registry import FALLBACK_SITE, origin
from newscrawl.state import SourceFetch

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

    from newscrawl.discovery import Discovered
    from newscrawl.items import Link, RawArticle
    from newscrawl.spiders.news import NewsSpider

logger = logging.getLogger(__name__)

CONVENTIONAL_PATHS = (
    (SITEMAP, "/sitemap.xml"), (SITEMAP, "/sitemap_index.xml"), (SITEMAP, "/news-sitemap.xml"),
    (FEED, "/feed"), (FEED, "/rss"),
)  # fmt: skip
ABSENT = (404, 410)
SOURCE_KINDS = (FEED, SITEMAP, ROBOTS)


class SourceRequests:
    def __init__(self, spider: NewsSpider) -> None:
        self.spider = spider
        self.origins_discovered: set[str] = set()

    def discovers(self, url: str) -> bool:
        """`-a discover`, else whether the generic profile reads `url` (no profile claims its host)."""
        if self.spider.args.discover is not None:
            return self.spider.args.discover
        site = self.spider.sites.for_url(url)
        return site is None or site.name == FALLBACK_SITE

    def known(self, url: str) -> SourceFetch | None:
        store = self.spider.state_of(url).store
        return None if store is None else store.source(url)

    def request(self, kind: str, url: str, depth: int, guessed: bool = False) -> Request:
        """`depth`: the sitemap indexes above this one (robots.txt, which names the first ones, is -1);
        conditional when the URL answered with validators before."""
        position = {"kind": kind, "page_number": 1, "known_streak": 0, "depth": depth}
        meta = {"handle_httpstatus_list": [304, *(ABSENT if guessed else ())]}
        known = self.known(url)
        validators = {"If-None-Match": known.etag, "If-Modified-Since": known.last_modified} if known else {}
        headers = {name: value for name, value in validators.items() if value}
        return self.spider.request(kind, url, cb_kwargs=position, meta=meta, headers=headers)

    def start(self, url: str) -> list[Request]:
        """A start URL (as the feed or sitemap it was last run, else as a listing page), then what its
        origin is asked for first."""
        known = self.known(url)
        first = self.request(known.kind, url, 0) if known else self.spider.listing_request(url, 1, 0)
        return [first, *self.first(url)]

    def first(self, url: str) -> list[Request]:
        """What a start URL's origin is asked for first, once a run, when discovering."""
        base = origin(url)
        if base in self.origins_discovered or not self.discovers(url):
            return []
        self.origins_discovered.add(base)
        guesses = (self.request(kind, base + path, 0, guessed=True) for kind, path in CONVENTIONAL_PATHS)
        return [self.request(ROBOTS, f"{base}/robots.txt", -1, guessed=True), *guesses]

    def kind_of(self, response: Response, asked: str) -> str | None:
        """The kind of source that reads the response (counted as fetched), or None for a guess that
        is not there."""
        crawler = self.spider.crawler
        assert crawler.stats is not None
        if response.status in ABSENT:
            crawler.stats.inc_value("newscrawl/discovery/absent")
            logger.info("Not there (HTTP %s): %s", response.status, response.url)
            return None
        if response.status == 304:
            crawler.stats.inc_value(f"newscrawl/{asked}/unchanged")
            logger.info("Unchanged since the last run (HTTP 304): %s", response.url)
            return None
        kind = kind_read(asked, response.body)
        crawler.stats.inc_value(f"newscrawl/fetched/{kind}")
        if kind in SOURCE_KINDS:
            self.keep(kind, response)
        return kind

    def keep(self, kind: str, response: Response) -> None:
        """How the source answered, for the next run; its first URL (before redirects) is the one asked."""
        store = self.spider.state_of(response.url).store
        if store is not None:
            got = fetch_of(response)
            fetch = SourceFetch(
                url=got.requested_url, kind=kind, etag=got.etag, last_modified=got.last_modified
            )
            store.keep_source(fetch, datetime.now(UTC))

    def named(self, found: Discovered, url: str, depth: int, page_number: int) -> Iterator[Request]:
        """The sitemaps `found` names (an index, a robots.txt), and the feeds a start page declares."""
        for sitemap in sitemaps_within(self.spider.crawler, found.children, depth):
            yield self.request(SITEMAP, sitemap, depth + 1)
        if page_number == 1 and found.feeds and self.discovers(url):
            yield from (self.request(FEED, feed, 0) for feed in found.feeds)

    def edited(self, links: tuple[Link, ...], exported: set[str]) -> Iterator[Request]:
        """Revalidations of the exported articles among `links` whose `lastmod` is after their export."""
        for link in links:
            lastmod = next((d.raw for d in link.dates if d.source == SITEMAP and d.role == "modified"), None)
            if lastmod is None or not self.spider.scope.admits(link.url):  # no other host's store opened
                continue
            state = self.spider.state_of(link.url)
            if state.store is None or state.key(link.url) not in exported:
                continue
            known = state.store.get(state.key(link.url))
            modified = iso_naive_local(lastmod, SITEMAP, Reading(None, None, ()))
            if known and known.exported_at and modified and modified.instant() > known.exported_at:
                self.spider.count("newscrawl/sitemap/edited")
                yield self.spider.revalidation_request(known)

    def unless_caught_up(self, kind: str, wanted: list[str], exported: set[str], url: str) -> list[str]:
        """`wanted`, the article URLs of a page in order; none of them for a feed or sitemap that has
        caught up (counted as `newscrawl/<kind>/caught_up`, logged)."""
        streak = config.get_int(self.spider.settings, "NEWSCRAWL_KNOWN_STREAK")
        if kind not in (FEED, SITEMAP) or self.spider.args.backfill or not streak or len(wanted) < streak:
            return wanted
        if not exported.issuperset(self.spider.state_of(link).key(link) for link in wanted[:streak]):
            return wanted
        self.spider.count(f"newscrawl/{kind}/caught_up")
        logger.info("Caught up: the first %d articles of %s are exported; the rest is not read", streak, url)
        return []


def report_source_page(crawler: Crawler, kind: str, found: Discovered, url: str, known: int) -> None:
    """Each refusal counted as `newscrawl/<kind>/<reason>` with one log line for the page, and a page
    that found nothing to read as `newscrawl/<kind>/empty` (a robots.txt without sitemaps is no news), and
    one that found only further pages (a sitemap index) as `newscrawl/<kind>/index_only`; its `known`
    links, settled by an earlier run (exported or set aside), as `newscrawl/links/known`."""
    stats = crawler.stats
    assert stats is not None
    if known:
        stats.inc_value("newscrawl/links/known", known)
    for reason, count in found.counts.items():
        stats.inc_value(f"newscrawl/{kind}/{reason}", count)
    if found.counts:
        reasons = ", ".join(f"{count} {reason}" for reason, count in sorted(found.counts.items()))
        logger.warning("Refused in %s %s: %s", kind, url, reasons)
    if not found.links and kind != ROBOTS:
        # A sitemap index or a listing page of only further pages holds no article link either.
        stats.inc_value(f"newscrawl/{kind}/index_only" if found.children else f"newscrawl/{kind}/empty")
        if not found.children:
            logger.warning("%s page without article links: %s", kind.capitalize(), url)


def sitemaps_within(crawler: Crawler, urls: tuple[str, ...], depth: int) -> tuple[str, ...]:
    """`urls`, named `depth` indexes below the first, unless that is NEWSCRAWL_SITEMAP_DEPTH already
    (counted as `newscrawl/sitemap/too_deep`, logged)."""
    if urls and depth >= config.get_int(crawler.settings, "NEWSCRAWL_SITEMAP_DEPTH"):
        assert crawler.stats is not None
        crawler.stats.inc_value("newscrawl/sitemap/too_deep", len(urls))
        logger.warning("Not read: %d sitemaps below %d indexes (NEWSCRAWL_SITEMAP_DEPTH)", len(urls), depth)
        return ()
    return urls


def link_hints(link: Link) -> dict[str, Any]:
    """What a source says of an article, as request meta: plain JSON, so it crosses a distributed queue."""
    return {"dates": dates_to_rows(link.dates), "link_title": link.title}


def with_link_hints(raw: RawArticle, meta: Mapping[str, Any]) -> RawArticle:
    """The page's own dates, then its link's (ranked below them); the link's title for a page without one."""
    dates = raw.dates + dates_from_rows(meta.get("dates") or ())
    return replace(raw, dates=dates, title=raw.title or meta.get("link_title"))
