"""Section listing pages: a list of article cards and a link to the next page.

Each layout names its card links and its next-page link with CSS; what the source finds is the same on
every site: the cards' links in page order (made absolute against the page), and the first next-page
link. Which links are articles is the site profile's rule, applied to what this returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from newscrawl.discovery import Discovered
from newscrawl.items import Link

if TYPE_CHECKING:
    from newscrawl.page import Page

LISTING = "listing"


@dataclass(frozen=True)
class CardListing:
    """`cards` selects each card's link element (its `href` is read); `next_page` selects the next
    page's URL as a string (`a.more::attr(href)`), the first match winning."""

    cards: str
    next_page: str

    def read(self, page: Page) -> Discovered:
        selector = page.selector
        hrefs = selector.css(self.cards).xpath("@href").getall()
        links = tuple(Link(urljoin(page.url, href.strip()), LISTING) for href in hrefs)
        next_href = selector.css(self.next_page).get()
        return Discovered(links, urljoin(page.url, next_href.strip()) if next_href else None)
