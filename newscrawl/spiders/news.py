"""The `news` spider decides what to fetch next; it holds no selector and normalizes nothing.

Every request has a kind, and `REQUESTS` maps each kind to its priority and callback: a listing page,
feed or sitemap (read by its site's source for that kind; a start URL may be any of them), an article,
or the revalidation of an exported article (a conditional GET). Listing pages are read section by
section to their last page, or until K consecutive cards are already exported (an incremental run has
caught up); every new link becomes one article request. A site's backlog (work an earlier run left, and
young exported articles) is queued once its profile is known: at start for a profile chosen by host or
URL, else with the first page of its origin. Articles outrank listings so found work finishes first.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError

from newscrawl import config
from newscrawl.discovery.listing import LISTING
from newscrawl.discovery.recognize import FEED, ROBOTS, SITEMAP
from newscrawl.distributed.profile import apply_distributed_profile
from newscrawl.items import Article
from newscrawl.normalize.urls import strip_tracking
from newscrawl.page import fetch_of, page_of
from newscrawl.sites.registry import FALLBACK_SITE, SiteChooser, load_site_modules, site_named
from newscrawl.spiders.arguments import parse_arguments
from newscrawl.spiders.frontier import Frontier
from newscrawl.spiders.sources import SourceRequests, link_hints, report_source_page, with_link_hints
from newscrawl.state.owner import CrawlState

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Iterable, Iterator

    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.settings import BaseSettings
    from twisted.python.failure import Failure

    from newscrawl.items import Link
    from newscrawl.page import Page
    from newscrawl.sites.base import Site
    from newscrawl.state.base import ArticleState
    from newscrawl.state.owner import SiteState

logger = logging.getLogger(__name__)

T = TypeVar("T")
ARTICLE, REVALIDATION = "article", "revalidation"


@dataclass(frozen=True)
class RequestKind:
    priority: int
    callback: str  # a method of the spider: requests travel by name through a distributed queue


# A kind of source page without a row of its own (a source a profile adds) is routed as listing pages are.
REQUESTS = {
    LISTING: RequestKind(priority=0, callback="parse_source"),
    **{kind: RequestKind(priority=5, callback="parse_source") for kind in (FEED, SITEMAP, ROBOTS)},
    ARTICLE: RequestKind(priority=10, callback="parse_article"),
    REVALIDATION: RequestKind(priority=10, callback="parse_article"),
}


class NewsSpider(Spider):
    name = "news"
    state: CrawlState
    frontier: Frontier

    def __init__(self, **arguments: Any) -> None:
        super().__init__()
        self.args = parse_arguments(arguments)
        self.allowed_domains = list(self.args.allowed_hosts)
        self.sites = SiteChooser(self.args.site)
        self.backlogs_queued: set[str] = set()
        self.discovery = SourceRequests(self)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        """The stores of the profiles known from the start URLs open here, so a state in use by another
        run stops this one before anything is fetched."""
        load_site_modules(config.get_list(crawler.settings, "NEWSCRAWL_SITE_MODULES"))
        spider: NewsSpider = super().from_crawler(crawler, *args, **kwargs)
        spider.state = CrawlState.of(crawler)
        spider.frontier = Frontier(spider.state_of, spider.args.max_articles)
        for url in spider.args.start_urls:
            site = spider.sites.for_url(url)
            if site is not None:
                spider.state.site_state(site.name, url)
        return spider

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        """Apply the distributed profile when asked; write the default feed only when the run names none
        (`-o`/`-O` add to FEEDS, not replace)."""
        super().update_settings(settings)
        apply_distributed_profile(settings)
        if not settings.getdict("FEEDS"):
            settings.set("FEEDS", config.get_dict(settings, "NEWSCRAWL_DEFAULT_FEEDS"), priority="spider")

    @staticmethod
    def check_arguments(settings: BaseSettings, arguments: dict[str, Any]) -> None:
        """Called by `scrapy crawl` before the crawl starts; raises ValueError on a bad argument or
        `NEWSCRAWL_*` setting."""
        config.check_settings(settings)
        load_site_modules(config.get_list(settings, "NEWSCRAWL_SITE_MODULES"))
        parse_arguments(arguments)

    async def start(self) -> AsyncIterator[Request]:
        for url in self.args.start_urls:
            for request in self.discovery.start(url):
                yield request
        for url in self.args.start_urls:
            site = self.sites.for_url(url)
            for request in self.backlog(site, url) if site is not None else ():
                yield request

    def request(self, kind: str, url: str, **options: Any) -> Request:
        route = REQUESTS.get(kind, REQUESTS[LISTING])
        callback = getattr(self, route.callback)
        return Request(url, callback, errback=self.on_error, priority=route.priority, **options)

    def listing_request(self, url: str, page_number: int, known_streak: int) -> Request:
        position = {"kind": LISTING, "page_number": page_number, "known_streak": known_streak}
        return self.request(LISTING, url, cb_kwargs=position)

    def article_request(
        self, url: str, headers: dict[str, str] | None = None, link: Link | None = None
    ) -> Request:
        """`link`'s dates (a feed's `pubDate`, say) travel with the request to the article's candidates,
        and its title stands in for a page that shows none."""
        meta: dict[str, Any] = {"handle_httpstatus_list": [304]}
        if link is not None:
            meta.update(link_hints(link))
        return self.request(ARTICLE, url, headers=headers, meta=meta)

    def revalidation_request(self, known: ArticleState) -> Request:
        """A conditional GET: an unchanged article costs a 304 and writes nothing."""
        validators = {"If-None-Match": known.etag, "If-Modified-Since": known.last_modified}
        assert known.canonical_url is not None
        headers = {name: value for name, value in validators.items() if value}
        meta = {"handle_httpstatus_list": [304], REVALIDATION: True}
        return self.request(REVALIDATION, known.canonical_url, headers=headers, meta=meta)

    def site_of(self, url: str) -> Site:
        """The profile of the URL's origin; before its first page is read, the fallback's rules."""
        return self.sites.for_url(url) or site_named(FALLBACK_SITE)

    def state_of(self, url: str) -> SiteState:
        return self.state.site_state(self.site_of(url).name, url)

    def is_allowed_host(self, url: str) -> bool:
        return urlsplit(url).hostname in self.allowed_domains

    def is_wanted(self, url: str) -> bool:
        """An article of this run: on a start URL's host, and an article URL for its site."""
        return self.is_allowed_host(url) and self.site_of(url).is_article_url(url)

    def backlog(self, site: Site, url: str) -> Iterator[Request]:
        """Once per run and state store (the one keeping `url`): the URLs an earlier run found and did
        not export, then the exported articles young enough to check for edits."""
        state = self.state.site_state(site.name, url)
        if state.name in self.backlogs_queued:
            return
        self.backlogs_queued.add(state.name)
        yield from self.article_requests(self.frontier.resume(state))
        refetch_age = timedelta(days=config.get_float(self.settings, "NEWSCRAWL_REFETCH_DAYS"))
        for known in self.frontier.revalidations(state, refetch_age, self.is_wanted):
            yield self.revalidation_request(known)

    def article_requests(
        self, urls: Iterable[str], exported: set[str] | None = None, links: Iterable[Link] = ()
    ) -> Iterator[Request]:
        """Requests for the wanted, admitted `urls`; `links` are the ones a source found, with hints."""
        admitted = self.frontier.admit([url for url in urls if self.is_wanted(url)], exported)
        hinted = {strip_tracking(link.url): link for link in links if link.dates or link.title}
        return (self.article_request(url, link=hinted.get(url)) for url in admitted)

    def known_streak(self, urls: tuple[str, ...], exported: set[str], streak: int) -> int:
        """Consecutive already-exported cards so far in this section, carried across its pages."""
        for url in urls:
            streak = streak + 1 if self.state_of(url).key(url) in exported else 0
        return streak

    def next_listing_request(
        self, response: Response, url: str | None, page_number: int, streak: int
    ) -> Request | None:
        """The next listing page, unless the section is done, bounded, caught up, off-site, or a loop."""
        if url is None or self.frontier.at_limit():
            return None
        if page_number >= self.max_pages():
            self.count("newscrawl/listing/page_limit")
            level = logging.INFO if self.args.max_pages else logging.WARNING  # asked for, or a guard
            logger.log(
                level, "Stopped after %d listing pages (raise -a max_pages): %s", page_number, response.url
            )
            return None
        streak_limit = config.get_int(self.settings, "NEWSCRAWL_KNOWN_STREAK")
        if streak >= streak_limit and not self.args.backfill:
            logger.info("Section caught up after %d exported articles in a row: %s", streak, response.url)
            return None
        state = self.state_of(response.url)
        if not self.is_allowed_host(url) or state.key(url) == state.key(response.url):
            return None
        return self.listing_request(url, page_number + 1, streak)

    def max_pages(self) -> float:
        """Listing pages per section: `-a max_pages`, else NEWSCRAWL_MAX_PAGES (0: no bound)."""
        return self.args.max_pages or config.get_int(self.settings, "NEWSCRAWL_MAX_PAGES") or float("inf")

    def parse_source(
        self, response: Response, kind: str, page_number: int, known_streak: int, depth: int = 0
    ) -> Iterator[Request]:
        """A listing page, feed or sitemap: its article links, the sitemaps it names, then its next page."""
        if (read_as := self.discovery.kind_of(response, kind)) is None:
            return
        read = self.read(response, lambda site, page: site.discover(read_as, page))
        if read is None:
            return
        site, found = read
        report_source_page(self.crawler, read_as, found, response.url)
        yield from self.discovery.named(found, response.url, depth, page_number)
        wanted = [url for url in found.urls if self.is_wanted(url)]  # other hosts' stores are not opened
        exported = self.frontier.exported_keys(wanted)
        wanted = self.discovery.unless_caught_up(read_as, wanted, exported, response.url)
        streak = self.known_streak(tuple(wanted), exported, known_streak)
        yield from self.article_requests(wanted, exported, found.links)
        yield from self.discovery.edited(found.links, exported)
        yield from self.backlog(site, response.url)
        next_request = self.next_listing_request(response, found.next_page, page_number, streak)
        if next_request:
            yield next_request

    def parse_article(self, response: Response) -> Iterator[Article | Request]:
        self.count(f"newscrawl/fetched/{REVALIDATION if response.meta.get(REVALIDATION) else ARTICLE}")
        if response.status == 304:
            self.count("newscrawl/articles/unchanged")
            return
        self.frontier.remember(response.url)
        read = self.read(response, lambda site, page: site.article(page))
        if read is None:
            return
        site, raw = read
        raw = with_link_hints(raw, response.meta)
        yield Article(raw=raw, fetch=fetch_of(response))
        yield from self.backlog(site, response.url)
        yield from self.article_requests(raw.related_urls)

    def read(self, response: Response, reader: Callable[[Site, Page], T]) -> tuple[Site, T] | None:
        """What the page's profile reads from it, or None when the response is not HTML. The parsed
        page (a tree several times the page's size) is freed on return, before the item's pipelines
        run, rather than when the callback's generator ends."""
        page = self.page(response)
        if page is None:
            return None
        site = self.sites.for_page(page)
        self.count(f"newscrawl/site/{site.name}")
        return site, reader(site, page)

    def page(self, response: Response) -> Page | None:
        """The page a site profile reads, or None (counted, logged) when the response is not HTML."""
        page = page_of(response)
        if page is None:
            self.count("newscrawl/skipped/not_html")
            content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
            logger.warning("Skipped non-HTML response (%s): %s", content_type or "no type", response.url)
        return page

    def on_error(self, failure: Failure) -> None:
        """Count and log a request that produced no page: HTTP errors, network errors, filtered requests."""
        error = failure.value
        request: Request = failure.request  # type: ignore[attr-defined]
        url = request.url
        status = error.response.status if isinstance(error, HttpError) else None
        if status in (404, 410) and request.meta.get(REVALIDATION):
            self.count("newscrawl/articles/removed")
            logger.info("Exported article is gone (HTTP %s): %s", status, url)
        elif isinstance(error, HttpError):
            if status in (404, 410) and request.callback == self.parse_article:
                self.frontier.forget(url)
            self.count(f"newscrawl/failed/http_{error.response.status}")
            logger.warning("Failed with HTTP %s: %s", error.response.status, url)
        elif isinstance(error, IgnoreRequest):
            self.count("newscrawl/skipped/ignored")
            logger.info("Ignored %s: %s", url, error)
        else:
            self.count(f"newscrawl/failed/{type(error).__name__}")
            logger.warning("Failed with %s: %s (%s)", type(error).__name__, url, error)

    def count(self, key: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(key)
