"""The spider's callbacks on their own, without an engine: what they yield and what they keep alive."""

from __future__ import annotations

import gc

from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from newscrawl import settings
from newscrawl.items import Article
from newscrawl.sites.base import Page
from newscrawl.spiders.news import NewsSpider
from tests.support import FIXTURES

URL = "https://www.news24.com/news24/world/news/ukraine-crisis-20220216"


def live_pages() -> int:
    gc.collect()
    return sum(isinstance(obj, Page) for obj in gc.get_objects())


def test_the_parsed_page_is_freed_before_the_item_goes_to_the_pipelines() -> None:
    """A 100 kB page's tree is about 1 MB; pipelines and exports run while the callback is suspended
    at its `yield`, so a tree its generator still held would stay alive through them."""
    crawler = get_crawler(NewsSpider, {"NEWSCRAWL_SITE_MODULES": settings.NEWSCRAWL_SITE_MODULES})
    spider = NewsSpider.from_crawler(crawler)
    body = (FIXTURES / "news24" / "article.html").read_bytes()
    response = HtmlResponse(URL, body=body, encoding="utf-8", request=Request(URL))
    before = live_pages()
    outputs = spider.parse_article(response)
    article = next(outputs)
    assert isinstance(article, Article)
    assert article.raw.title is not None
    assert live_pages() == before
