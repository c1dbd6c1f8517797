"""A profile that returns the canonical link as the page wrote it (`<link rel=canonical href="x">`), as
a hand-written profile easily does: the news24 layout otherwise. Loaded with
`NEWSCRAWL_SITE_MODULES=tests.sites.relative` and chosen with `-a site=relativenews`."""

from __future__ import annotations

from newscrawl.sites.news24 import News24, News24Article
from newscrawl.sites.registry import register


class RelativeCanonicalArticle(News24Article):
    def canonical_url(self) -> str | None:
        return self.declared.canonical


@register
class RelativeNews(News24):
    name = "relativenews"
    hosts = ()
    article_page = RelativeCanonicalArticle
