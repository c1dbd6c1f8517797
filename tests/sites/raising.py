"""A profile with a bug: the news24 layout, whose article pages raise, as a profile whose selector code
meets a page it did not expect does. Loaded with `NEWSCRAWL_SITE_MODULES=tests.sites.raising`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newscrawl.sites.news24 import News24
from newscrawl.sites.registry import register

if TYPE_CHECKING:
    from newscrawl.items import RawArticle
    from newscrawl.page import Page


@register
class RaisingNews(News24):
    name = "raisingnews"
    hosts = ()

    def article(self, page: Page) -> RawArticle:
        raise ValueError(f"no headline element on {page.url}")
