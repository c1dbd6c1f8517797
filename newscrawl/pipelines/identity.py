"""Where an article lives: fetched URL, canonical URL, related URLs, and the id derived from them.

A profile may return links as the page wrote them (`<link rel=canonical href="/world/x">`): they are
made absolute against the page's URL here, and related links that are not http(s) after that
(`javascript:`, `mailto:`) are left out, so every URL field is the absolute URL the schema promises.
"""

from __future__ import annotations

from datetime import UTC
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from newscrawl.normalize.urls import article_id, strip_tracking

if TYPE_CHECKING:
    from newscrawl.items import Article


def is_web_url(url: str) -> bool:
    return url.startswith(("http://", "https://"))


class IdentityPipeline:
    """Runs first: dedupe and every later run key on `id`, so it must come from the canonical URL."""

    def process_item(self, item: Article) -> Article:
        raw = item.raw
        item.url = raw.url
        item.canonical_url = strip_tracking(urljoin(raw.url, raw.canonical_url or raw.url))
        item.id = article_id(item.canonical_url)
        related = (urljoin(raw.url, url) for url in raw.related_urls)
        item.related_urls = list(dict.fromkeys(strip_tracking(url) for url in related if is_web_url(url)))
        item.site = raw.site
        item.crawled_at = raw.fetched_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return item
