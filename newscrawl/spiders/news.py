"""The `news` spider decides what to fetch next; it holds no selector and normalizes nothing.

Listing pages are read section by section to their last page; every article card and every followed
promo of an article becomes one article request. Articles outrank listings so found work finishes first.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response
from scrapy.spidermiddlewares.httperror import HttpError

from newscrawl.items import Article
from newscrawl.normalize.urls import strip_tracking
from newscrawl.sites.base import Page
from newscrawl.sites.registry import load_site_modules
from newscrawl.spiders.arguments import parse_arguments

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator

    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings
    from twisted.python.failure import Failure

logger = logging.getLogger(__name__)

PRIORITY = {"listing": 0, "article": 10}


class NewsSpider(Spider):
    name = "news"

    def __init__(self, **arguments: Any) -> None:
        super().__init__()
        self.args = parse_arguments(arguments)
        self.site = self.args.site
        self.allowed_domains = list(self.args.allowed_hosts)
        self.requested_articles: set[str] = set()
        self.article_request_count = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        load_site_modules(crawler.settings.getlist("NEWSCRAWL_SITE_MODULES"))
        spider: NewsSpider = super().from_crawler(crawler, *args, **kwargs)
        return spider

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        """Write the default feed only when the run names none (`-o`/`-O` add to FEEDS, not replace)."""
        super().update_settings(settings)
        if not settings.getdict("FEEDS"):
            settings.set("FEEDS", settings.getdict("NEWSCRAWL_DEFAULT_FEEDS"), priority="spider")

    @staticmethod
    def check_arguments(settings: BaseSettings, arguments: dict[str, Any]) -> None:
        """Called by `scrapy crawl` before the crawl starts; raises ValueError on a bad argument."""
        load_site_modules(settings.getlist("NEWSCRAWL_SITE_MODULES"))
        parse_arguments(arguments)

    async def start(self) -> AsyncIterator[Request]:
        for url in self.args.start_urls:
            yield self.listing_request(url, page_number=1)

    def listing_request(self, url: str, page_number: int) -> Request:
        return Request(
            url, callback=self.parse_listing, errback=self.on_error,
            priority=PRIORITY["listing"], cb_kwargs={"page_number": page_number},
        )  # fmt: skip

    def is_allowed_host(self, url: str) -> bool:
        return urlsplit(url).hostname in self.allowed_domains

    def at_article_limit(self) -> bool:
        limit = self.args.max_articles
        return limit is not None and self.article_request_count >= limit

    def article_request(self, url: str) -> Request | None:
        """A request for an article link, or None if it is off-site, not an article, or already asked."""
        url = strip_tracking(url)
        key = self.site.url_key(url)
        wanted = self.is_allowed_host(url) and self.site.is_article_url(url)
        if not wanted or key in self.requested_articles or self.at_article_limit():
            return None
        self.requested_articles.add(key)
        self.article_request_count += 1
        return Request(url, callback=self.parse_article, errback=self.on_error, priority=PRIORITY["article"])

    def article_requests(self, urls: tuple[str, ...]) -> Iterator[Request]:
        return (request for request in map(self.article_request, urls) if request)

    def next_listing_request(self, response: Response, url: str | None, page_number: int) -> Request | None:
        """The next listing page, unless the section is done, bounded, off-site, or points to itself."""
        max_pages = self.args.max_pages
        if url is None or (max_pages is not None and page_number >= max_pages) or self.at_article_limit():
            return None
        if not self.is_allowed_host(url) or self.site.url_key(url) == self.site.url_key(response.url):
            return None
        return self.listing_request(url, page_number + 1)

    def parse_listing(self, response: Response, page_number: int) -> Iterator[Request]:
        page = self.page(response)
        if page is None:
            return
        listing = self.site.listing(page)
        if not listing.article_urls:
            self.count("newscrawl/listing/empty")
            logger.warning("Listing page without article links: %s", response.url)
        yield from self.article_requests(listing.article_urls)
        next_request = self.next_listing_request(response, listing.next_page_url, page_number)
        if next_request:
            yield next_request

    def parse_article(self, response: Response) -> Iterator[Article | Request]:
        page = self.page(response)
        if page is None:
            return
        self.requested_articles.add(self.site.url_key(response.url))  # a redirect's target
        raw = self.site.article(page)
        yield Article(raw=raw)
        yield from self.article_requests(raw.related_urls)

    def page(self, response: Response) -> Page | None:
        """The page a site profile reads, or None (counted, logged) when the response is not HTML."""
        if not isinstance(response, HtmlResponse):
            self.count("newscrawl/skipped/not_html")
            content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
            logger.warning("Skipped non-HTML response (%s): %s", content_type or "no type", response.url)
            return None
        date = response.headers.get(b"Date")
        return Page(
            url=response.url, html=response.text, fetched_at=datetime.now(UTC),
            http_date=date.decode("latin-1") if date else None,
        )  # fmt: skip

    def on_error(self, failure: Failure) -> None:
        """Count and log a request that produced no page: HTTP errors, network errors, filtered requests."""
        error = failure.value
        url = failure.request.url  # type: ignore[attr-defined]
        if isinstance(error, HttpError):
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
