"""The spider's callbacks on their own, without an engine: what they yield and what they keep alive."""

from __future__ import annotations

import gc

from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.request import request_from_dict
from scrapy.utils.test import get_crawler

from newscrawl.distributed import serializer
from newscrawl.items import Article, DateCandidate, Link
from newscrawl.page import Page
from newscrawl.spiders.news import NewsSpider
from tests.support import FIXTURES

URL = "https://www.news24.com/news24/world/news/nato-says-russia-still-adding-troops-to-ukraine-build-up-20220216"


def live_pages() -> int:
    gc.collect()
    return sum(isinstance(obj, Page) for obj in gc.get_objects())


def test_the_parsed_page_is_freed_before_the_item_goes_to_the_pipelines() -> None:
    """A 100 kB page's tree is about 1 MB; pipelines and exports run while the callback is suspended
    at its `yield`, so a tree its generator still held would stay alive through them."""
    crawler = get_crawler(NewsSpider, {"NEWSCRAWL_STATE_DIR": ""})
    spider = NewsSpider.from_crawler(crawler)
    body = (FIXTURES / "news24" / "article.html").read_bytes()
    response = HtmlResponse(URL, body=body, encoding="utf-8", request=Request(URL))
    before = live_pages()
    outputs = spider.parse_article(response)
    article = next(outputs)
    assert isinstance(article, Article)
    assert article.raw.title is not None
    assert live_pages() == before


def test_what_a_source_knows_of_a_link_reaches_the_article_through_the_queue() -> None:
    """A feed's date travels with the request, also as JSON through a distributed crawl's queue."""
    crawler = get_crawler(NewsSpider, {"NEWSCRAWL_STATE_DIR": ""})
    spider = NewsSpider.from_crawler(crawler)
    feed_date = DateCandidate("feed", "Wed, 16 Feb 2022 12:56:00 +0000", "published")
    link = Link(URL + "?utm_source=rss", "feed", title="Ukraine crisis", dates=(feed_date,))
    (request,) = spider.article_requests([link.url], links=[link])
    assert request.meta["dates"] == [["feed", "Wed, 16 Feb 2022 12:56:00 +0000", "published"]]
    queued = request_from_dict(
        serializer.loads(serializer.dumps(request.to_dict(spider=spider))), spider=spider
    )
    body = (FIXTURES / "news24" / "article.html").read_bytes()
    response = HtmlResponse(URL, body=body, encoding="utf-8", request=queued)
    article = next(spider.parse_article(response))
    assert isinstance(article, Article)
    assert article.raw.dates[-1] == feed_date
    assert [date.source for date in article.raw.dates[:-1]] == [
        "jsonld", "article_meta", "jsonld", "article_meta", "time_element", "publisheddate_meta",
        "visible_date", "relative_text",
    ]  # fmt: skip
