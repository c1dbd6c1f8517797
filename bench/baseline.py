"""The crawls newscrawl is compared with: (a) bare Scrapy, (c) bare Scrapy plus trafilatura.

    python bench/baseline.py bare OUT.jsonl START_URL...
    python bench/baseline.py profile OUT.jsonl START_URL...
    python bench/baseline.py stock OUT.jsonl START_URL...
    python bench/baseline.py trafilatura OUT.jsonl MAX_ARTICLES START_URL...

Each follows exactly the links `scrapy crawl news` follows (the site profile's listing cards and next
page, the READ promos of article pages, same hosts, same priorities) under newscrawl's own Scrapy
settings (robots.txt, AutoThrottle, concurrency, limits), but with none of newscrawl's components:
no pipelines, state store, extensions, address guard or feed. They parse each page as a bare spider
does, with Scrapy's `response.selector` (the decoded text), and read its links with the site profile's
rules; `profile` parses as `scrapy crawl news` does (`Page.selector`, from the bytes) and reads every
field. `trafilatura` then extracts every article page with `trafilatura.extract` and writes its JSON
to OUT, as a user would instead of newscrawl; being about seven times slower, it stops after
MAX_ARTICLES (its rates are per page and per article).
`stock` is `bare` with Scrapy's own values for the settings newscrawl tunes only for speed
(`SCRAPY_TUNING`), as a user's bare spider would run: what a crawl costs without newscrawl at all.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.crawler import CrawlerProcess
from scrapy.http import TextResponse
from scrapy.settings import default_settings
from scrapy.utils.project import get_project_settings

from newscrawl.discovery.listing import LISTING
from newscrawl.page import Page
from newscrawl.sites.news24 import News24, News24Article
from newscrawl.spiders.news import REQUESTS

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator

    from scrapy.http import Response

# newscrawl/settings.py's "Operations" settings that change Scrapy's cost and nothing it fetches.
SCRAPY_TUNING = ("CONCURRENT_ITEMS", "WARN_ON_GENERATOR_RETURN_VALUE")


def newscrawl_page(response: Response) -> Page:
    """The `Page` of a response, as the news spider builds it; parsed on first use of `selector`."""
    assert isinstance(response, TextResponse)
    return Page(response.url, response.body, response.encoding, fetched_at=datetime.now(UTC))


class BareSpider(Spider):
    """Follows newscrawl's links and does nothing else."""

    name = "bare"
    custom_settings: ClassVar[dict[str, Any]] = {
        "ITEM_PIPELINES": {},
        "EXTENSIONS": {},
        "DOWNLOADER_MIDDLEWARES": {},
        "LOG_FORMATTER": "scrapy.logformatter.LogFormatter",
        "FEED_STORAGES": {},
        "FEED_EXPORT_FIELDS": None,
    }

    def __init__(self, start_urls: list[str]) -> None:
        super().__init__()
        self.starts = start_urls
        self.allowed_domains = sorted({urlsplit(url).hostname or "" for url in start_urls})
        self.site = News24()

    async def start(self) -> AsyncIterator[Request]:
        for url in self.starts:
            yield Request(url, self.parse_listing, priority=REQUESTS[LISTING].priority)

    def page(self, response: Response) -> Page:
        """The page as a bare spider reads it: parsed by Scrapy (`response.selector`, what `response.css`
        uses), from the decoded text; the profile's link rules then read that tree."""
        page = newscrawl_page(response)
        vars(page)["selector"] = response.selector  # fills Page.selector's cache, as its first use would
        return page

    def follow(self, urls: tuple[str, ...]) -> Iterator[Request]:
        for url in urls:
            if urlsplit(url).hostname in self.allowed_domains and self.site.is_article_url(url):
                yield Request(url, self.parse_article, priority=REQUESTS["article"].priority)

    def parse_listing(self, response: Response) -> Iterator[Request]:
        listing = self.site.discover(LISTING, self.page(response))
        yield from self.follow(listing.urls)
        if listing.next_page:
            yield Request(listing.next_page, self.parse_listing, priority=REQUESTS[LISTING].priority)

    def parse_article(self, response: Response) -> Iterator[Any]:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("bench/articles")
        yield from self.extract(response)
        yield from self.follow(self.related_urls(self.page(response)))

    def extract(self, response: TextResponse) -> Iterator[dict[str, Any]]:
        return iter(())

    def related_urls(self, page: Page) -> tuple[str, ...]:
        return News24Article(page, self.site).related_urls()


class TrafilaturaSpider(BareSpider):
    """The same crawl, with trafilatura reading every article page."""

    name = "trafilatura"

    def extract(self, response: TextResponse) -> Iterator[dict[str, Any]]:
        # Imported here so that (a)'s peak RSS does not carry trafilatura's modules.
        import trafilatura

        found = trafilatura.extract(response.text, url=response.url, output_format="json", with_metadata=True)
        if found:
            yield json.loads(found)


class ProfileSpider(BareSpider):
    """The same crawl, with newscrawl's site profile reading every article page and nothing after it."""

    name = "profile"

    def page(self, response: Response) -> Page:
        """The page as `scrapy crawl news` reads it: parsed by newscrawl, from the bytes."""
        return newscrawl_page(response)

    def related_urls(self, page: Page) -> tuple[str, ...]:
        """From the raw article, as `scrapy crawl news` does: the page is parsed once."""
        return self.site.article(page).related_urls


def main(kind: str, out: str, arguments: list[str]) -> None:
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "newscrawl.settings")
    settings = get_project_settings()
    start_urls = arguments
    if kind == "trafilatura":
        settings.set("FEEDS", {out: {"format": "jsonlines", "encoding": "utf-8"}})
        settings.set("CLOSESPIDER_ITEMCOUNT", int(arguments[0]))
        start_urls = arguments[1:]
    if kind == "stock":
        for name in SCRAPY_TUNING:
            settings.set(name, getattr(default_settings, name))
    process = CrawlerProcess(settings)
    spiders = {
        "bare": BareSpider,
        "stock": BareSpider,
        "profile": ProfileSpider,
        "trafilatura": TrafilaturaSpider,
    }
    process.crawl(spiders[kind], start_urls=start_urls)
    process.start()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
