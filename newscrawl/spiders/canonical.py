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
from typing import TYPE_CHECKING
from urllib.parse import urljoin

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from scrapy import Request
    from scrapy.http import Response

    from newscrawl.state.owner import SiteState

logger = logging.getLogger(__name__)

# Meta flag of a page read again after the article its canonical link names.
AFTER_CANONICAL = "after_canonical"


class CanonicalLinks:
    def __init__(
        self,
        is_wanted: Callable[[str], bool],
        state_of: Callable[[str], SiteState],
        fetched: Callable[[str], bool],
        requests_for: Callable[[list[str]], Iterable[Request]],
        count: Callable[[str], None],
    ) -> None:
        """`fetched(url)`: read in this run; `requests_for(urls)`: the article requests the spider admits."""
        self.is_wanted, self.state_of, self.count = is_wanted, state_of, count
        self.fetched, self.requests_for = fetched, requests_for

    def names_elsewhere(self, url: str, canonical: str | None) -> bool:
        state = self.state_of(url)
        return canonical is not None and state.key(canonical) != state.key(url)

    def trusted(self, url: str, canonical: str | None) -> str | None:
        """`canonical`, made absolute against `url` (a profile may return the link as the page wrote it),
        when it may name the page at `url`: itself, or an article URL of this run."""
        if canonical is None:
            return None
        canonical = urljoin(url, canonical)
        if not self.names_elsewhere(url, canonical) or self.is_wanted(canonical):
            return canonical
        self.count("newscrawl/canonical/ignored")
        logger.info("Ignored canonical URL %s of %s: not an article URL of this run", canonical, url)
        return None

    def read_first(self, response: Response, canonical: str | None, priority: int) -> list[Request]:
        """The requests for the article `canonical` names, unless already read, and for this page again at
        `priority`; none when the page names itself or is already read after it."""
        request = response.request
        if (
            request is None
            or response.meta.get(AFTER_CANONICAL)
            or not self.names_elsewhere(response.url, canonical)
        ):
            return []
        assert canonical is not None
        self.count("newscrawl/canonical/deferred")
        first = [] if self.fetched(canonical) else list(self.requests_for([canonical]))
        again = {**response.meta, AFTER_CANONICAL: True}
        return [*first, request.replace(dont_filter=True, priority=priority, meta=again)]
