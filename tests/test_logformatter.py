"""The per-article log lines: built only when the run's log would show them."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
from scrapy import Spider
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from newscrawl.items import Article, RawArticle
from newscrawl.logformatter import NewsLogFormatter

URL = "https://www.news24.com/news24/world/news/a-20220216"


def article() -> Article:
    raw = RawArticle(
        site="news24", url=URL, fetched_at=datetime(2022, 2, 16, tzinfo=UTC), http_date=None,
        timezone="UTC", language=None, canonical_url=None, title=None, summary=(), body=("x" * 10_000,),
        dates=(), section=None, tags=(), related_urls=(), authors=(),
    )  # fmt: skip
    return Article(raw=raw)


def formatter(**settings: object) -> tuple[NewsLogFormatter, Spider]:
    crawler = get_crawler(Spider, settings_dict=settings)
    return NewsLogFormatter.from_crawler(crawler), Spider.from_crawler(crawler, name="news")


@pytest.mark.parametrize("level", ["DEBUG", "debug", logging.DEBUG, 5])
def test_scraped_names_the_url_when_the_log_shows_debug(level: object) -> None:
    log, spider = formatter(LOG_LEVEL=level)
    line = log.scraped(article(), None, spider)
    assert line == {"level": logging.DEBUG, "msg": "Scraped %(url)s", "args": {"url": URL}}


QUIET = [{"LOG_LEVEL": "INFO"}, {"LOG_LEVEL": logging.WARNING}, {"LOG_LEVEL": "DEBUG", "LOG_ENABLED": False}]


@pytest.mark.parametrize("settings", QUIET)
def test_scraped_is_not_built_when_the_log_would_drop_it(settings: dict[str, object]) -> None:
    log, spider = formatter(**settings)
    assert log.scraped(article(), None, spider) is None


def test_drops_and_errors_are_logged_at_any_level_without_the_body() -> None:
    log, spider = formatter(LOG_LEVEL="INFO")
    dropped = log.dropped(article(), DropItem("unchanged"), None, spider)
    assert (dropped["level"], dropped["msg"] % dropped["args"]) == (
        logging.WARNING,
        "Dropped article: unchanged",
    )
    error = log.item_error(article(), ValueError("bad"), None, spider)
    assert (error["level"], error["msg"] % error["args"]) == (
        logging.ERROR,
        f"Error processing article {URL}",
    )
