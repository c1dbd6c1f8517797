"""Keep Python's garbage collector off the objects that live for the whole run, and run it less often.

By the time the spider opens, the process holds several hundred thousand objects (Scrapy, Twisted, lxml,
the settings, the site profiles) that live until exit. Every full collection walks all of them again:
on a 3 000-article crawl 16 full collections took 1.35 s of about 28 s of CPU, and 0.26 s once they
are frozen (bench/README.md). `gc.freeze()` moves them to a generation the collector never visits;
objects made later, the crawl's own, are collected as before.

Young collections are the other cost. Each walks whatever the page being processed holds at that
moment (0.3-0.4 ms here), so their cost follows their number, and at Python's default threshold (700
new container objects) there is one every 2.5 pages: on a 3 000-article crawl, 1 470 young and 135
middle collections took 0.79 s. With YOUNG_THRESHOLD they are 139 and 12, 0.06 s, and cyclic garbage
lives a little longer before it is freed (bench/README.md).
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from scrapy import signals

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

YOUNG_THRESHOLD = 10_000


class FreezeStartupObjects:
    """Enabled with `EXTENSIONS = {"newscrawl.extensions.gcfreeze.FreezeStartupObjects": 0}`."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FreezeStartupObjects:
        extension = cls()
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        return extension

    def spider_opened(self) -> None:
        """Collect first, so that no garbage is frozen with the survivors."""
        gc.collect()
        gc.freeze()
        gc.set_threshold(YOUNG_THRESHOLD, *gc.get_threshold()[1:])
