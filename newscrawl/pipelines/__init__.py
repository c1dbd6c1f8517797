"""Item pipelines, one concern per module; their order is set once, in `newscrawl.settings`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.exceptions import NotConfigured
from scrapy.utils.misc import build_from_crawler, load_object

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from newscrawl.items import Article


def run_pipelines(crawler: Crawler, item: Article, below: int | None = None) -> Article:
    """`item` through the crawler's `ITEM_PIPELINES` (those ordered under `below`), in order, outside a
    crawl: for `scrapy extract`, which prints what a crawl would export. Pipelines that switch
    themselves off (NotConfigured) are skipped, as Scrapy skips them; a drop raises DropItem."""
    enabled = {path: n for path, n in crawler.settings.getwithbase("ITEM_PIPELINES").items() if n is not None}
    for path, number in sorted(enabled.items(), key=lambda entry: entry[1]):
        if below is not None and number >= below:
            continue
        try:
            pipeline = build_from_crawler(load_object(path), crawler)
        except NotConfigured:
            continue
        item = pipeline.process_item(item)
    return item
