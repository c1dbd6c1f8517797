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
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from scrapy import Request, Spider, signals

from newscrawl import config
from newscrawl.discovery.listing import LISTING
from newscrawl.discovery.recognize import FEED, ROBOTS, SITEMAP
from newscrawl.distributed.profile import apply_distributed_profile
from newscrawl.items import Article
from newscrawl.normalize.urls import strip_tracking
from newscrawl.page import fetch_of, readable_page
from newscrawl.pipelines.validation import NotAnArticle
from newscrawl.scope import OriginScope
from newscrawl.sites.registry import FALLBACK_SITE, SiteChooser, load_site_modules, site_named
from newscrawl.spiders.arguments import parse_arguments
from newscrawl.spiders.canonical import AFTER_CANONICAL, CanonicalLinks
from newscrawl.spiders.failures import is_wanted_target, note_failure, note_redirect_loop
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
    AFTER_CANONICAL: RequestKind(priority=5, callback="parse_article"),
}


class NewsSpider(Spider):
    name = "news"
    stores: CrawlState  # not `state`: Scrapy's SpiderState extension sets that with JOBDIR
    frontier: Frontier
    scope: OriginScope
    canonicals: CanonicalLinks

    def __init__(self, **arguments: Any) -> None:
        super().__init__()
        self.args = parse_arguments(arguments)
        self.allowed_domains = list(self.args.allowed_hosts)
        self.start_urls = list(self.args.start_urls)  # Scrapy's attribute: the address guard reads it
        self.sites = SiteChooser(self.args.site)
        self.backlogs_queued: set[str] = set()
        self.discovery = SourceRequests(self)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        """The start URLs' profiles open their stores here: a state another run holds stops this one early."""
        load_site_modules(config.get_list(crawler.settings, "NEWSCRAWL_SITE_MODULES"))
        spider: NewsSpider = super().from_crawler(crawler, *args, **kwargs)
        spider.stores = CrawlState.of(crawler)
        set_aside_for = timedelta(days=config.get_float(crawler.settings, "NEWSCRAWL_SET_ASIDE_DAYS"))
        spider.frontier = Frontier(spider.state_of, spider.args.max_articles, set_aside_for)
        crawler.signals.connect(spider.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(note_redirect_loop, signal=signals.request_dropped)
        spider.canonicals = CanonicalLinks(spider, REQUESTS[AFTER_CANONICAL].priority)
        allowed = config.get_list(crawler.settings, "NEWSCRAWL_ALLOWED_ORIGINS")
        spider.scope = OriginScope(spider.args.start_urls, allowed)
        for url in spider.args.start_urls:
            site = spider.sites.for_url(url)
            if site is not None:
                spider.stores.site_state(site.name, url)
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
        OriginScope((), config.get_list(settings, "NEWSCRAWL_ALLOWED_ORIGINS"))
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
        return self.stores.site_state(self.site_of(url).name, url)

    def is_wanted(self, url: str, *, subdomains: bool = False) -> bool:
        """An article of this run: on a start URL's origin, and an article URL for its site. With
        `subdomains`, as for the target of a redirect, on a subdomain of a start host too."""
        return self.scope.admits(url, subdomains=subdomains) and self.site_of(url).is_article_url(url)

    def backlog(self, site: Site, url: str) -> Iterator[Request]:
        """Once per run and state store (the one keeping `url`): the URLs an earlier run found and did
        not export, then the exported articles young enough to check for edits."""
        state = self.stores.site_state(site.name, url)
        if state.name in self.backlogs_queued:
            return
        self.backlogs_queued.add(state.name)
        yield from self.article_requests(self.frontier.resume(state))
        refetch_age = timedelta(days=config.get_float(self.settings, "NEWSCRAWL_REFETCH_DAYS"))
        for known in self.frontier.revalidations(state, refetch_age, self.is_wanted):
            yield self.revalidation_request(known)

    def article_requests(
        self, urls: Iterable[str], settled: set[str] | None = None, links: Iterable[Link] = ()
    ) -> Iterator[Request]:
        """Requests for the wanted, admitted `urls`; `links` are the ones a source found, with hints."""
        admitted = self.frontier.admit([url for url in urls if self.is_wanted(url)], settled)
        hinted = {strip_tracking(link.url): link for link in links if link.dates or link.title}
        return (self.article_request(url, link=hinted.get(url)) for url in admitted)

    def known_streak(self, urls: tuple[str, ...], settled: set[str], streak: int) -> int:
        """Consecutive already-settled cards (exported, or set aside) in this section, across its pages."""
        for url in urls:
            streak = streak + 1 if self.state_of(url).key(url) in settled else 0
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
        if not self.scope.admits(url) or state.key(url) == state.key(response.url):
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
        wanted = [url for url in found.urls if self.is_wanted(url)]  # other hosts' stores are not opened
        settled = self.frontier.settled_keys(wanted)
        report_source_page(self.crawler, read_as, found, response.url, len(settled))
        yield from self.discovery.named(found, response.url, depth, page_number)
        wanted = self.discovery.unless_caught_up(read_as, wanted, settled, response.url)
        streak = self.known_streak(tuple(wanted), settled, known_streak)
        yield from self.article_requests(wanted, settled, found.links)
        yield from self.discovery.edited(found.links, settled)
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
        if not is_wanted_target(
            response, partial(self.is_wanted, subdomains=True), self.frontier, self.count
        ):
            return
        read = self.read(response, lambda site, page: site.article(page))
        if read is None:
            return
        site, raw = read
        raw, deferred = self.canonicals.settled(response, raw)
        if deferred:
            yield from deferred
            return
        raw = with_link_hints(raw, response.meta)
        yield Article(raw=raw, fetch=fetch_of(response))
        yield from self.backlog(site, response.url)
        yield from self.article_requests(raw.related_urls)

    def item_dropped(self, item: Article, exception: BaseException) -> None:
        """A page that holds no article is set aside, under the URL asked for and the one answered."""
        if isinstance(exception, NotAnArticle):
            self.frontier.set_aside(dict.fromkeys((item.fetch.requested_url or item.url, item.url)))

    def read(self, response: Response, reader: Callable[[Site, Page], T]) -> tuple[Site, T] | None:
        """What the page's profile reads from it, or None when the response is not HTML. The parsed
        page (a tree several times the page's size) is freed on return, before the item's pipelines
        run, rather than when the callback's generator ends."""
        page = readable_page(response, self.count)
        if page is None:
            return None
        site = self.sites.for_page(page)
        self.count(f"newscrawl/site/{site.name}")
        return site, reader(site, page)

    def on_error(self, failure: Failure) -> None:
        """Count and log a request that produced no page: HTTP errors, network errors, filtered requests."""
        request: Request = failure.request  # type: ignore[attr-defined]
        article, revalidation = request.callback == self.parse_article, bool(request.meta.get(REVALIDATION))
        note_failure(
            failure.value, request, self.frontier, self.count, article=article, revalidation=revalidation
        )

    def count(self, key: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(key)
