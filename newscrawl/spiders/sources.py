"""What the spider tells of a discovery source's page beyond its links: what the source refused on it,
and which of the sitemaps an index names are within the depth a run follows."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from newscrawl import config

if TYPE_CHECKING:
    from collections.abc import Iterable

    from scrapy.crawler import Crawler

    from newscrawl.discovery import Discovered

logger = logging.getLogger(__name__)


def report_source_page(crawler: Crawler, kind: str, found: Discovered, url: str) -> None:
    """Each refusal counted as `newscrawl/<kind>/<reason>` with one log line for the page, and a page
    that found nothing to read as `newscrawl/<kind>/empty`."""
    stats = crawler.stats
    assert stats is not None
    for reason, count in found.counts.items():
        stats.inc_value(f"newscrawl/{kind}/{reason}", count)
    if found.counts:
        reasons = ", ".join(f"{count} {reason}" for reason, count in sorted(found.counts.items()))
        logger.warning("Refused in %s %s: %s", kind, url, reasons)
    if not found.links and not found.children:
        stats.inc_value(f"newscrawl/{kind}/empty")
        logger.warning("%s page without article links: %s", kind.capitalize(), url)


def sitemaps_within(crawler: Crawler, urls: Iterable[str], depth: int) -> list[str]:
    """`urls`, named by an index `depth` indexes below the first, unless that is NEWSCRAWL_SITEMAP_DEPTH
    already (counted as `newscrawl/sitemap/too_deep`, logged). An index's sitemaps are on its own host (the
    source's rule), and Scrapy's dupefilter fetches each once a run: an index naming itself or an
    ancestor ends there."""
    wanted = list(urls)
    if wanted and depth >= config.get_int(crawler.settings, "NEWSCRAWL_SITEMAP_DEPTH"):
        assert crawler.stats is not None
        crawler.stats.inc_value("newscrawl/sitemap/too_deep", len(wanted))
        logger.warning("Not read: %d sitemaps below %d indexes (NEWSCRAWL_SITEMAP_DEPTH)", len(wanted), depth)
        return []
    return wanted
