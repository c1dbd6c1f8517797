"""Where an article lives: fetched URL, canonical URL, related URLs, and the id derived from them."""

from __future__ import annotations

from datetime import UTC
from typing import TYPE_CHECKING

from newscrawl.normalize.urls import article_id, strip_tracking

if TYPE_CHECKING:
    from newscrawl.items import Article


class IdentityPipeline:
    """Runs first: dedupe and every later run key on `id`, so it must come from the canonical URL."""

    def process_item(self, item: Article) -> Article:
        raw = item.raw
        item.url = raw.url
        item.canonical_url = strip_tracking(raw.canonical_url or raw.url)
        item.id = article_id(item.canonical_url)
        item.related_urls = list(dict.fromkeys(map(strip_tracking, raw.related_urls)))
        item.site = raw.site
        item.crawled_at = raw.fetched_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return item
