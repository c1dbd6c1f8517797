"""Versions across runs: a re-fetched article is written again only when its content changed.

The content hash covers what a reader would call the article (not where or when it was fetched), so a
new tracking parameter or a later crawl time never makes a new version. Without a state store
(`NEWSCRAWL_STATE_DIR` empty) every article is version 1 of a run that remembers nothing.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

from scrapy.exceptions import DropItem

from newscrawl.state import Revalidation

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

    from newscrawl.items import Article
    from newscrawl.state import ArticleState, StateStore

UTC_SECONDS = "%Y-%m-%dT%H:%M:%SZ"
CONTENT_FIELDS = (
    "title", "summary", "body", "published_at", "modified_at", "section", "tags", "related_urls",
    "authors", "language",
)  # fmt: skip


def state_key(crawler: Crawler, article: Article) -> str:
    """The state store's key of an article: its canonical URL under the site's URL-key rule."""
    return str(crawler.spider.site.url_key(article.canonical_url))  # type: ignore[union-attr]


def content_hash(article: Article) -> str:
    """32 hex digits of SHA-256 over the content fields, serialized canonically."""
    content = {name: getattr(article, name) for name in CONTENT_FIELDS}
    encoded = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()[:32]


class VersionPipeline:
    def __init__(self, crawler: Crawler, stats: StatsCollector) -> None:
        self.crawler, self.stats = crawler, stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> VersionPipeline:
        assert crawler.stats is not None
        return cls(crawler, crawler.stats)

    @property
    def store(self) -> StateStore | None:
        return getattr(self.crawler.spider, "store", None)

    def known(self, item: Article) -> ArticleState | None:
        """What the store knows of the article: by canonical URL, else by the URL that was requested (one
        lookup when both give the same key, as for every article reached without a redirect)."""
        if self.store is None:
            return None
        site = self.crawler.spider.site  # type: ignore[union-attr]
        keys = dict.fromkeys(
            (state_key(self.crawler, item), site.url_key(item.fetch.requested_url or item.url))
        )
        return next((state for state in map(self.store.get, keys) if state), None)

    def process_item(self, item: Article) -> Article:
        item.content_hash = content_hash(item)
        previous = self.known(item)
        item.first_seen = previous.first_seen.strftime(UTC_SECONDS) if previous else item.crawled_at
        if previous is None or previous.status != "exported":
            self.stats.inc_value("newscrawl/articles/new")
            return item
        if previous.content_hash == item.content_hash:
            self.mark_unchanged(item)
            raise DropItem(f"unchanged since version {previous.version}: {item.url}", log_level="DEBUG")
        self.stats.inc_value("newscrawl/articles/updated")
        item.version = previous.version + 1
        item.previous_content_hash = previous.content_hash
        return item

    def mark_unchanged(self, item: Article) -> None:
        assert self.store is not None
        validators = Revalidation(
            url_key=state_key(self.crawler, item),
            etag=item.fetch.etag,
            last_modified=item.fetch.last_modified,
        )
        self.store.touch([validators], now=item.raw.fetched_at)
        self.stats.inc_value("newscrawl/articles/unchanged")
