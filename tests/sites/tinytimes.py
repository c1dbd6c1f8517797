"""A deliberately different layout ("The Tiny Times", a Berlin weblog) to prove a new site is one module.

Quirks: stories live at `/story/<id>-<slug>` with no date in the path; the only date is
`<meta name="date">`; the lede paragraph is the summary; "See also" links are the related stories.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from newscrawl.discovery.listing import CardListing
from newscrawl.items import ARTICLE_META, DateCandidate
from newscrawl.sites.article import ArticlePage
from newscrawl.sites.base import Site
from newscrawl.sites.registry import register


class TinyTimesStory(ArticlePage):
    def canonical_url(self) -> str | None:
        return None

    def title(self) -> str | None:
        return self.page.selector.css("article.story h2.story-title").get()

    def summary(self) -> tuple[str, ...]:
        return tuple(self.page.selector.css("article.story p.lede").getall())

    def body(self) -> tuple[str, ...]:
        return tuple(self.page.selector.css("article.story div.story-text > p").getall())

    def dates(self) -> tuple[DateCandidate, ...]:
        declared = self.meta("name", "date")
        return (DateCandidate(ARTICLE_META, declared),) if declared else ()

    def section(self) -> str | None:
        return self.page.selector.css("article.story").attrib.get("data-desk")

    def related_urls(self) -> tuple[str, ...]:
        hrefs = self.page.selector.css(".see-also a::attr(href)").getall()
        return tuple(urljoin(self.page.url, href) for href in hrefs)

    def authors(self) -> tuple[str, ...]:
        return tuple(self.page.selector.css("article.story .byline .author").getall())


@register
class TinyTimes(Site):
    name = "tinytimes"
    hosts = ("tiny.example",)
    page_markers = (("ol.stories", "a.story-link"), ("article.story", "h2.story-title"))
    start_urls = ("https://tiny.example/",)
    timezone = "Europe/Berlin"
    language = "de"
    article_path = re.compile(r"^/story/\d+-[a-z0-9-]+$")
    listing = CardListing(cards="ol.stories a.story-link", next_page="a.older::attr(href)")
    article_page = TinyTimesStory
