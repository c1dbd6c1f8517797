"""A test-only Scrapy extension: when the spider closes, writes which of `WATCHED` the crawl imported."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy import signals

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

WATCHED = ("redis", "scrapy_redis")
OUTPUT = "loaded-modules.json"  # in the crawl's working directory


class LoadedModules:
    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LoadedModules:
        extension = cls()
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self) -> None:
        Path(OUTPUT).write_text(json.dumps([name for name in WATCHED if name in sys.modules]))
