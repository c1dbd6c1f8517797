"""Log lines that name the page, not the whole item: a dropped article's body helps nobody in a log.

The per-item "Scraped" line is DEBUG; below that level it is not built at all (Scrapy skips an action
whose formatter returns None), since Scrapy's root handler would discard the record only after it was
made, for every article.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy.logformatter import LogFormatter, LogFormatterResult

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from twisted.python.failure import Failure


def item_url(item: Any) -> str:
    return str(getattr(item, "url", "") or getattr(getattr(item, "raw", None), "url", "?"))


def logs_debug(crawler: Crawler) -> bool:
    """Whether the run's log shows DEBUG lines (LOG_LEVEL is a level name or number)."""
    level = crawler.settings.get("LOG_LEVEL")
    number = level if isinstance(level, int) else logging.getLevelName(str(level).upper())
    return crawler.settings.getbool("LOG_ENABLED") and isinstance(number, int) and number <= logging.DEBUG


class NewsLogFormatter(LogFormatter):
    def __init__(self, log_scraped: bool = True) -> None:
        self.log_scraped = log_scraped

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(log_scraped=logs_debug(crawler))

    def scraped(  # type: ignore[override]  # None omits the line, as Scrapy's LogFormatter documents
        self, item: Any, response: Response | Failure | None, spider: Spider
    ) -> LogFormatterResult | None:
        if not self.log_scraped:
            return None
        return {"level": logging.DEBUG, "msg": "Scraped %(url)s", "args": {"url": item_url(item)}}

    def dropped(
        self,
        item: Any,
        exception: BaseException,
        response: Response | Failure | None,
        spider: Spider,
    ) -> LogFormatterResult:
        result = super().dropped(item, exception, response, spider)
        return {**result, "msg": "Dropped article: %(exception)s", "args": {"exception": exception}}

    def item_error(
        self,
        item: Any,
        exception: BaseException,
        response: Response | Failure | None,
        spider: Spider,
    ) -> LogFormatterResult:
        return {
            "level": logging.ERROR,
            "msg": "Error processing article %(url)s",
            "args": {"url": item_url(item)},
        }
