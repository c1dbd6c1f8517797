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

from newscrawl.items import CONTENT_FIELDS
from newscrawl.state import Revalidation
from newscrawl.state.owner import CrawlState

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

    from newscrawl.items import Article
    from newscrawl.state import ArticleState
    from newscrawl.state.owner import SiteState

UTC_SECONDS = "%Y-%m-%dT%H:%M:%SZ"


def content_hash(article: Article) -> str:
    """32 hex digits of SHA-256 over the content fields, serialized canonically."""
    content = {name: getattr(article, name) for name in CONTENT_FIELDS}
    encoded = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()[:32]


def requested_url(article: Article) -> str:
    """The URL the spider asked for, before redirects: its frontier entry is the article's too."""
    return article.fetch.requested_url or article.url


class VersionPipeline:
    def __init__(self, state: CrawlState, stats: StatsCollector) -> None:
        self.state, self.stats = state, stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> VersionPipeline:
        assert crawler.stats is not None
        return cls(CrawlState.of(crawler), crawler.stats)

    def known(self, item: Article, state: SiteState) -> ArticleState | None:
        """What the store knows of the article: by canonical URL, else by the URL that was requested (one
        lookup when both give the same key, as for every article reached without a redirect)."""
        if state.store is None:
            return None
        keys = dict.fromkeys((state.key(item.canonical_url), state.key(requested_url(item))))
        return next((known for known in map(state.store.get, keys) if known), None)

    def process_item(self, item: Article) -> Article:
        state = self.state.site_state(item.site, item.url)
        item.content_hash = item.content_hash or content_hash(item)  # CanonicalPipeline's, if it ran
        previous = self.known(item, state)
        item.first_seen = previous.first_seen.strftime(UTC_SECONDS) if previous else item.crawled_at
        if previous is None or previous.status != "exported":
            self.stats.inc_value("newscrawl/articles/new")
            return item
        if previous.content_hash == item.content_hash:
            self.mark_unchanged(item, state)
            raise DropItem(f"unchanged since version {previous.version}: {item.url}", log_level="DEBUG")
        self.stats.inc_value("newscrawl/articles/updated")
        item.version = previous.version + 1
        item.previous_content_hash = previous.content_hash
        return item

    def mark_unchanged(self, item: Article, state: SiteState) -> None:
        assert state.store is not None
        validators = Revalidation(
            url_key=state.key(item.canonical_url),
            etag=item.fetch.etag,
            last_modified=item.fetch.last_modified,
        )
        state.store.touch([validators], now=item.raw.fetched_at)
        self.stats.inc_value("newscrawl/articles/unchanged")
