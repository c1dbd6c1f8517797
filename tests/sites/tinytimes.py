"""A deliberately different layout ("The Tiny Times", a Berlin weblog) to prove a new site is one module.

Quirks: stories live at `/story/<id>-<slug>` with no date in the path; the only date is
`<meta name="date">`; the lede paragraph is the summary; "See also" links are the related stories.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from newscrawl.items import RawArticle, RawDates
from newscrawl.sites.base import Listing, Page, Site
from newscrawl.sites.registry import register


@register
class TinyTimes(Site):
    name = "tinytimes"
    start_urls = ("https://tiny.example/",)
    timezone = "Europe/Berlin"
    language = "de"
    article_path = re.compile(r"^/story/\d+-[a-z0-9-]+$")

    def listing(self, page: Page) -> Listing:
        sel = page.selector
        links = [urljoin(page.url, href) for href in sel.css("ol.stories a.story-link::attr(href)").getall()]
        older = sel.css("a.older::attr(href)").get()
        return Listing(
            article_urls=tuple(url for url in links if self.is_article_url(url)),
            next_page_url=urljoin(page.url, older) if older else None,
        )

    def article(self, page: Page) -> RawArticle:
        sel = page.selector
        story = sel.css("article.story")
        return RawArticle(
            site=self.name, url=page.url, fetched_at=page.fetched_at, http_date=page.http_date,
            timezone=self.timezone, language=sel.xpath("/html/@lang").get() or self.language,
            canonical_url=None, title=story.css("h2.story-title").get(),
            summary=tuple(story.css("p.lede").getall()),
            body=tuple(story.css("div.story-text > p").getall()),
            dates=RawDates(meta_published=sel.css('meta[name="date"]::attr(content)').get()),
            section=story.attrib.get("data-desk"), tags=(),
            related_urls=tuple(urljoin(page.url, u) for u in sel.css(".see-also a::attr(href)").getall()),
            authors=tuple(story.css(".byline .author").getall()),
        )  # fmt: skip
