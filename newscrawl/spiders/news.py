"""The `news` spider decides what to fetch next; it holds no selector and normalizes nothing.

Listing pages are read section by section to their last page, or until K consecutive cards are already
exported (an incremental run has caught up); every new article card and every followed promo becomes one
article request. Work left by an earlier run and young exported articles (conditional GET) are queued
first. Articles outrank listings so found work finishes first.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response
from scrapy.spidermiddlewares.httperror import HttpError

from newscrawl.distributed.profile import apply_distributed_profile
from newscrawl.items import Article, Fetch
from newscrawl.sites.base import Page
from newscrawl.sites.registry import load_site_modules
from newscrawl.spiders.arguments import parse_arguments
from newscrawl.spiders.frontier import Frontier
from newscrawl.state import open_store

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Iterator

    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings
    from twisted.python.failure import Failure

    from newscrawl.state import ArticleState, StateStore

logger = logging.getLogger(__name__)

PRIORITY = {"listing": 0, "article": 10}
T = TypeVar("T")


class NewsSpider(Spider):
    name = "news"

    def __init__(self, **arguments: Any) -> None:
        super().__init__()
        self.args = parse_arguments(arguments)
        self.site = self.args.site
        self.allowed_domains = list(self.args.allowed_hosts)
        self.store: StateStore | None = None
        self.frontier = Frontier(self.site, None, self.args.max_articles)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        load_site_modules(crawler.settings.getlist("NEWSCRAWL_SITE_MODULES"))
        spider: NewsSpider = super().from_crawler(crawler, *args, **kwargs)
        spider.store = open_store(crawler.settings, spider.site.name)
        spider.frontier = Frontier(spider.site, spider.store, spider.args.max_articles)
        return spider

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        """Apply the distributed profile when asked; write the default feed only when the run names none
        (`-o`/`-O` add to FEEDS, not replace)."""
        super().update_settings(settings)
        apply_distributed_profile(settings)
        if not settings.getdict("FEEDS"):
            settings.set("FEEDS", settings.getdict("NEWSCRAWL_DEFAULT_FEEDS"), priority="spider")

    @staticmethod
    def check_arguments(settings: BaseSettings, arguments: dict[str, Any]) -> None:
        """Called by `scrapy crawl` before the crawl starts; raises ValueError on a bad argument."""
        load_site_modules(settings.getlist("NEWSCRAWL_SITE_MODULES"))
        parse_arguments(arguments)

    async def start(self) -> AsyncIterator[Request]:
        for url in self.args.start_urls:
            yield self.listing_request(url, page_number=1, known_streak=0)
        for request in self.article_requests(tuple(self.frontier.resume())):
            yield request
        refetch_age = timedelta(days=self.settings.getfloat("NEWSCRAWL_REFETCH_DAYS"))
        for known in self.frontier.revalidations(refetch_age, self.is_wanted):
            yield self.revalidation_request(known)

    def listing_request(self, url: str, page_number: int, known_streak: int) -> Request:
        return Request(
            url, callback=self.parse_listing, errback=self.on_error, priority=PRIORITY["listing"],
            cb_kwargs={"page_number": page_number, "known_streak": known_streak},
        )  # fmt: skip

    def article_request(self, url: str, headers: dict[str, str] | None = None) -> Request:
        return Request(
            url, callback=self.parse_article, errback=self.on_error, priority=PRIORITY["article"],
            headers=headers, meta={"handle_httpstatus_list": [304]},
        )  # fmt: skip

    def revalidation_request(self, known: ArticleState) -> Request:
        """A conditional GET: an unchanged article costs a 304 and writes nothing."""
        validators = {"If-None-Match": known.etag, "If-Modified-Since": known.last_modified}
        assert known.canonical_url is not None
        request = self.article_request(known.canonical_url, {k: v for k, v in validators.items() if v})
        request.meta["revalidation"] = True
        return request

    def is_allowed_host(self, url: str) -> bool:
        return urlsplit(url).hostname in self.allowed_domains

    def is_wanted(self, url: str) -> bool:
        """An article of this run: on a start URL's host, and an article path for the site."""
        return self.is_allowed_host(url) and self.site.is_article_url(url)

    def article_requests(self, urls: tuple[str, ...], exported: set[str] | None = None) -> Iterator[Request]:
        admitted = self.frontier.admit([url for url in urls if self.is_wanted(url)], exported)
        return map(self.article_request, admitted)

    def known_streak(self, urls: tuple[str, ...], exported: set[str], streak: int) -> int:
        """Consecutive already-exported cards so far in this section, carried across its pages."""
        for url in urls:
            streak = streak + 1 if self.site.url_key(url) in exported else 0
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
        if streak >= self.settings.getint("NEWSCRAWL_KNOWN_STREAK") and not self.args.backfill:
            logger.info("Section caught up after %d exported articles in a row: %s", streak, response.url)
            return None
        if not self.is_allowed_host(url) or self.site.url_key(url) == self.site.url_key(response.url):
            return None
        return self.listing_request(url, page_number + 1, streak)

    def max_pages(self) -> float:
        """Listing pages per section: `-a max_pages`, else NEWSCRAWL_MAX_PAGES (0: no bound)."""
        return self.args.max_pages or self.settings.getint("NEWSCRAWL_MAX_PAGES") or float("inf")

    def parse_listing(self, response: Response, page_number: int, known_streak: int) -> Iterator[Request]:
        self.count("newscrawl/fetched/listing")
        listing = self.read(response, self.site.listing)
        if listing is None:
            return
        if not listing.article_urls:
            self.count("newscrawl/listing/empty")
            logger.warning("Listing page without article links: %s", response.url)
        exported = self.frontier.exported_keys(listing.article_urls)
        streak = self.known_streak(listing.article_urls, exported, known_streak)
        yield from self.article_requests(listing.article_urls, exported)
        next_request = self.next_listing_request(response, listing.next_page_url, page_number, streak)
        if next_request:
            yield next_request

    def parse_article(self, response: Response) -> Iterator[Article | Request]:
        kind = "revalidation" if response.meta.get("revalidation") else "article"
        self.count(f"newscrawl/fetched/{kind}")
        if response.status == 304:
            self.count("newscrawl/articles/unchanged")
            return
        self.frontier.remember(response.url)
        raw = self.read(response, self.site.article)
        if raw is None:
            return
        yield Article(raw=raw, fetch=self.fetch(response))
        yield from self.article_requests(raw.related_urls)

    @staticmethod
    def fetch(response: Response) -> Fetch:
        etag, modified = response.headers.get(b"ETag"), response.headers.get(b"Last-Modified")
        return Fetch(
            requested_url=response.meta.get("redirect_urls", [response.url])[0],
            etag=etag.decode("latin-1") if etag else None,
            last_modified=modified.decode("latin-1") if modified else None,
        )

    def read(self, response: Response, reader: Callable[[Page], T]) -> T | None:
        """What the site profile reads from the page, or None when the response is not HTML. The parsed
        page (a tree several times the page's size) is freed on return, before the item's pipelines
        run, rather than when the callback's generator ends."""
        page = self.page(response)
        return None if page is None else reader(page)

    def page(self, response: Response) -> Page | None:
        """The page a site profile reads, or None (counted, logged) when the response is not HTML."""
        if not isinstance(response, HtmlResponse):
            self.count("newscrawl/skipped/not_html")
            content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
            logger.warning("Skipped non-HTML response (%s): %s", content_type or "no type", response.url)
            return None
        date = response.headers.get(b"Date")
        return Page(
            url=response.url, body=response.body, encoding=response.encoding,
            fetched_at=datetime.now(UTC), http_date=date.decode("latin-1") if date else None,
        )  # fmt: skip

    def on_error(self, failure: Failure) -> None:
        """Count and log a request that produced no page: HTTP errors, network errors, filtered requests."""
        error = failure.value
        request: Request = failure.request  # type: ignore[attr-defined]
        url = request.url
        status = error.response.status if isinstance(error, HttpError) else None
        if status in (404, 410) and request.meta.get("revalidation"):
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
