"""What a page's canonical link may do: name the page's identity, and be read before the page naming it.

A canonical link is the page's claim about itself, and a hostile or careless page claims what it likes:
the section page (so that every story collides on one id), an admin page, another host, or another story
(whose text it would then replace). The link is trusted only when it is an article URL of this run (an
admitted origin and its site's article filter), else the page keeps its own URL. A page naming another
article is read again after that article, so that the canonical pipeline knows the named article's text
when it judges the claim, whichever page a listing linked first.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING
from urllib.parse import urljoin

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.http import Response

    from newscrawl.items import RawArticle
    from newscrawl.spiders.news import NewsSpider

logger = logging.getLogger(__name__)

# Meta flag of a page read again after the article its canonical link names.
AFTER_CANONICAL = "after_canonical"


class CanonicalLinks:
    def __init__(self, spider: NewsSpider, priority: int) -> None:
        """`priority`: of the request that reads a page again after the article it names."""
        self.spider, self.priority = spider, priority

    def settled(self, response: Response, raw: RawArticle) -> tuple[RawArticle, list[Request]]:
        """The article with the canonical URL it may keep, and the requests that must come first (the
        named article, then this page again): when there are any, the page is not emitted now."""
        raw = replace(raw, canonical_url=self.trusted(response.url, raw.canonical_url))
        return raw, self.read_first(response, raw.canonical_url)

    def names_elsewhere(self, url: str, canonical: str | None) -> bool:
        state = self.spider.state_of(url)
        return canonical is not None and state.key(canonical) != state.key(url)

    def trusted(self, url: str, canonical: str | None) -> str | None:
        """`canonical`, made absolute against `url` (a profile may return the link as the page wrote it),
        when it may name the page at `url`: itself, or an article URL of this run."""
        if canonical is None:
            return None
        canonical = urljoin(url, canonical)
        if not self.names_elsewhere(url, canonical) or self.spider.is_wanted(canonical):
            return canonical
        self.spider.count("newscrawl/canonical/ignored")
        logger.info("Ignored canonical URL %s of %s: not an article URL of this run", canonical, url)
        return None

    def read_first(self, response: Response, canonical: str | None) -> list[Request]:
        """The requests for the article `canonical` names, unless already read, and for this page again;
        none when the page names itself or is already read after it."""
        request = response.request
        if (
            request is None
            or response.meta.get(AFTER_CANONICAL)
            or not self.names_elsewhere(response.url, canonical)
        ):
            return []
        assert canonical is not None
        self.spider.count("newscrawl/canonical/deferred")
        fetched = self.spider.frontier.was_fetched(canonical)
        first = [] if fetched else list(self.spider.article_requests([canonical]))
        again = {**response.meta, AFTER_CANONICAL: True}
        return [*first, request.replace(dont_filter=True, priority=self.priority, meta=again)]
