"""News24 (news24.com, 2020-2024 layout): the reference profile. Its contract is the README's "Adding a
site" fixture, `tests/fixtures/news24/`.

Quirks: article paths end in `-YYYYMMDD` or `-YYYYMMDD-HHMM`, and their case varies between links to the
same story (`/news24/World/News/...` vs `/news24/world/news/...`), so path case is folded for identity.
Sections live under `/news24/<section>`, which is how a copy of the layout on another host is known
before its first page arrives. Related stories are inline paragraphs starting `READ |` or `ALSO READ |`;
`WATCH |` and `LISTEN |` point at video and audio pages, which are not articles.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import TYPE_CHECKING

from newscrawl.discovery.listing import CardListing
from newscrawl.items import PUBLISHEDDATE_META, RELATIVE_TEXT, TIME_ELEMENT, VISIBLE_DATE, date_candidates
from newscrawl.sites.article import ArticlePage
from newscrawl.sites.base import Site
from newscrawl.sites.registry import register
from newscrawl.sites.select import (
    child_elements,
    css_elements,
    css_first_string,
    first_string,
    html_of,
    xpath_string,
)

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from newscrawl.items import DateCandidate

PROMO = re.compile(r"^\s*(?:(?:ALSO\s+)?READ|(?P<not_followed>WATCH|LISTEN))\s*\|", re.IGNORECASE)
BODY_TAGS = frozenset({"p", "h2", "h3", "h4", "blockquote"})


class News24Article(ArticlePage):
    # The title, date line, body and tags sit in `<article class="article">`.
    story_class = "article"

    @cached_property
    def body_children(self) -> list[HtmlElement]:
        bodies = self.in_story("div", "article__body")
        return child_elements(bodies[0]) if bodies else []

    def title(self) -> str | None:
        titles = self.in_story("h1", "article__title")
        return html_of(titles[0]) if titles else None

    def summary(self) -> tuple[str, ...]:
        """The bullet list that is a direct child of the body; absent on many stories."""
        lists = [child for child in self.body_children if child.tag == "ul"]
        return tuple(map(html_of, lists[0].iterchildren("li"))) if lists else ()

    @cached_property
    def promos(self) -> list[re.Match[str] | None]:
        """`PROMO` on the text of each body child (None for non-text children), shared by `body` and
        `related_urls` so each child's text is read once."""
        texts = (xpath_string(c, "string()") if c.tag in BODY_TAGS else "" for c in self.body_children)
        return [PROMO.match(text) for text in texts]

    def body(self) -> tuple[str, ...]:
        kept = zip(self.body_children, self.promos, strict=True)
        return tuple(html_of(c) for c, promo in kept if c.tag in BODY_TAGS and not promo)

    def related_urls(self) -> tuple[str, ...]:
        """Targets of READ / ALSO READ paragraphs, in page order, first occurrence only."""
        urls: list[str] = []
        for child, match in zip(self.body_children, self.promos, strict=True):
            if child.tag != "p" or match is None or match["not_followed"]:
                continue
            url = self.absolute(first_string(child, ".//a/@href"))
            if url and url not in urls:
                urls.append(url)
        return tuple(urls)

    def dates(self) -> tuple[DateCandidate, ...]:
        """The declared dates, then the date line: `<time datetime>`, `2022-02-16`, `49m ago`."""
        lines = self.in_story("p", "article__date")
        shown = (
            (TIME_ELEMENT, css_first_string(lines, "time::attr(datetime)")),
            (PUBLISHEDDATE_META, self.meta("name", "publisheddate")),
            (VISIBLE_DATE, css_first_string(lines, ".article__date-full::text")),
            (RELATIVE_TEXT, css_first_string(lines, ".article__date-ago::text")),
        )
        return super().dates() + date_candidates("published", shown)

    def section(self) -> str | None:
        """`article:section`, else the first breadcrumb below the site root (`News24 > World > News`)."""
        declared = super().section()
        if declared:
            return declared
        crumbs = [html_of(crumb) for crumb in css_elements(self.root, ".breadcrumb a.breadcrumb__link")]
        return next(iter(crumbs[1:] or crumbs), None)

    def tags(self) -> tuple[str, ...]:
        return tuple(map(html_of, self.in_story("a", "article__tag", holder="article__tags")))


@register
class News24(Site):
    name = "news24"
    hosts = ("www.news24.com", "news24.com")
    url_markers = (re.compile(r"^/news24(?:/|$)", re.IGNORECASE),)
    page_markers = (
        ("article.article-item", "a.article-item--url"),  # a listing's cards
        ("div.article__body", "h1.article__title"),  # an article
        ("div.article__body", "p.article__date"),  # an article whose title is missing
    )
    start_urls = tuple(
        f"https://www.news24.com/news24/{section}"
        for section in ("southafrica/news", "politics", "africa", "world/news", "opinions/columnists")
    )
    timezone = "Africa/Johannesburg"
    language = "en"
    fold_path_case = True
    article_path = re.compile(r"-\d{8}(?:-\d{4})?/?$")
    excluded_path_parts = ("/video/", "/partnercontent/")
    listing = CardListing(
        cards="article.article-item:not(.article-item--video) a.article-item--url",
        next_page="a.load-more__button::attr(href), link[rel=next]::attr(href)",
    )
    article_page = News24Article
