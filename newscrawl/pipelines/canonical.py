"""A canonical link names another page's identity only when that page says the same.

The spider already ignores a canonical URL off the run's origins or its site's article filter (the
section page, another host) and fetches a named article before the page naming it. What is left is a page
whose canonical URL names an article this run, or an earlier one, holds with different content: an
impostor, or a template that points every story at one URL. Such a page keeps its own URL as its
identity, counted (`newscrawl/canonical/conflict`) and logged once with both URLs, so one article's text
is never written as a version of another's id.

Runs before dedupe (which drops a second page with the same id and content) and computes the content
hash the version pipeline compares.
"""

from __future__ import annotations

import hashlib
import logging
from typing import TYPE_CHECKING

from newscrawl.digests import DigestSet, digest64
from newscrawl.normalize.urls import article_id, strip_tracking
from newscrawl.pipelines.dedupe import id_digest
from newscrawl.pipelines.versions import content_hash
from newscrawl.state.owner import CrawlState

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

    from newscrawl.items import Article
    from newscrawl.state.owner import SiteState

logger = logging.getLogger(__name__)


def version_digest(article_id: str, content: str) -> int:
    """One id with one content, as a 64-bit digest: what this run has seen under an id."""
    return digest64(hashlib.sha256(f"{article_id} {content}".encode()).digest())


class CanonicalPipeline:
    def __init__(self, state: CrawlState, stats: StatsCollector) -> None:
        self.state, self.stats = state, stats
        self.ids, self.versions = DigestSet(), DigestSet()  # 8 bytes each per article of the run
        self.logged: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CanonicalPipeline:
        assert crawler.stats is not None
        return cls(CrawlState.of(crawler), crawler.stats)

    def process_item(self, item: Article) -> Article:
        state = self.state.site_state(item.site, item.url)
        item.content_hash = content_hash(item)
        if state.key(item.canonical_url) != state.key(item.url) and self.conflicts(item, state):
            self.keep_own_identity(item)
        self.ids.add(id_digest(item.id))
        self.versions.add(version_digest(item.id, item.content_hash))
        return item

    def conflicts(self, item: Article, state: SiteState) -> bool:
        """Whether the article its canonical URL names is held, by this run or the store, with other text."""
        if id_digest(item.id) in self.ids:
            return version_digest(item.id, item.content_hash) not in self.versions
        known = state.store.get(state.key(item.canonical_url)) if state.store is not None else None
        return known is not None and known.status == "exported" and known.content_hash != item.content_hash

    def keep_own_identity(self, item: Article) -> None:
        self.stats.inc_value("newscrawl/canonical/conflict")
        if item.url not in self.logged:
            self.logged.add(item.url)
            logger.warning(
                "Canonical URL %s of %s names an article with other content: the page keeps its own URL",
                item.canonical_url, item.url,
            )  # fmt: skip
        item.canonical_url = strip_tracking(item.url)
        item.id = article_id(item.canonical_url)
