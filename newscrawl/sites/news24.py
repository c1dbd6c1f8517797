"""News24 (news24.com, 2020-2024 layout): the reference profile. Contract: shared/site/README.md.

Quirks: article paths end in `-YYYYMMDD` or `-YYYYMMDD-HHMM`, and their case varies between links to the
same story (`/news24/World/News/...` vs `/news24/world/news/...`), so path case is folded for identity.
Related stories are inline paragraphs starting `READ |` or `ALSO READ |`; `WATCH |` and `LISTEN |` point
at video and audio pages, which are not articles.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any
from urllib.parse import urljoin

from parsel import Selector, SelectorList

from newscrawl.items import RawArticle, RawDates
from newscrawl.sites.base import Listing, Page, Site
from newscrawl.sites.jsonld import first_article, person_names, string_value
from newscrawl.sites.registry import register
from newscrawl.sites.select import Declarations, declarations, with_class

PROMO = re.compile(r"^\s*(?:(?:ALSO\s+)?READ|(?P<not_followed>WATCH|LISTEN))\s*\|", re.IGNORECASE)
BODY_TAGS = frozenset({"p", "h2", "h3", "h4", "blockquote"})


class News24ArticlePage:
    """Raw fields of one article page; each method is named after the field it returns."""

    def __init__(self, page: Page, site: Site) -> None:
        self.page, self.site = page, site
        self.sel = Selector(text=page.html)

    @cached_property
    def story(self) -> Selector:
        """The story's `<article class="article">`, else the whole page.

        The title, date line, body and tags are looked up inside it first: a 100 kB page spends most of
        its elements on menus and sidebars, and each page-wide lookup walks them all again.
        """
        found = with_class(self.sel, "article", "article")
        return found[0] if found else self.sel

    def in_story(self, tag: str, name: str) -> SelectorList[Selector]:
        """`tag.name` inside the story, else anywhere on the page (a layout that moved it out)."""
        found = with_class(self.story, tag, name)
        return found if found or self.story is self.sel else with_class(self.sel, tag, name)

    @cached_property
    def declared(self) -> Declarations:
        return declarations(self.sel)

    @cached_property
    def jsonld(self) -> dict[str, Any]:
        """Parsed on first use: reading only the links (`related_urls`) needs no JSON."""
        return first_article(self.declared.json_ld)

    def absolute(self, href: str | None) -> str | None:
        return urljoin(self.page.url, href.strip()) if href and href.strip() else None

    def meta(self, attribute: str, name: str) -> str | None:
        return self.declared.metas.get((attribute, name))

    @cached_property
    def body_children(self) -> list[Selector]:
        return self.in_story("div", "article__body")[:1].xpath("./*")

    def canonical_url(self) -> str | None:
        return self.absolute(self.declared.canonical)

    def title(self) -> str | None:
        return self.in_story("h1", "article__title").get()

    def summary(self) -> tuple[str, ...]:
        lists = [child for child in self.body_children if child.root.tag == "ul"]
        return tuple(lists[0].xpath("./li").getall()) if lists else ()

    @cached_property
    def promos(self) -> list[re.Match[str] | None]:
        """`PROMO` on the text of each body child (None for non-text children), shared by `body` and
        `related_urls` so each child's text is read once."""
        texts = (c.xpath("string()").get("") if c.root.tag in BODY_TAGS else "" for c in self.body_children)
        return [PROMO.match(text) for text in texts]

    def body(self) -> tuple[str, ...]:
        kept = zip(self.body_children, self.promos, strict=True)
        return tuple(c.get() for c, promo in kept if c.root.tag in BODY_TAGS and not promo)

    def related_urls(self) -> tuple[str, ...]:
        """Targets of READ / ALSO READ paragraphs, in page order, first occurrence only."""
        urls: list[str] = []
        for child, match in zip(self.body_children, self.promos, strict=True):
            if child.root.tag != "p" or match is None or match["not_followed"]:
                continue
            url = self.absolute(child.xpath(".//a/@href").get())
            if url and url not in urls:
                urls.append(url)
        return tuple(urls)

    @cached_property
    def date_lines(self) -> SelectorList[Selector]:
        return self.in_story("p", "article__date")

    def dates(self) -> RawDates:
        return RawDates(
            jsonld_published=string_value(self.jsonld, "datePublished"),
            jsonld_modified=string_value(self.jsonld, "dateModified"),
            meta_published=self.meta("property", "article:published_time"),
            meta_modified=self.meta("property", "article:modified_time"),
            time_datetime=self.date_lines.css("time::attr(datetime)").get(),
            publisheddate=self.meta("name", "publisheddate"),
            visible_date=self.date_lines.css(".article__date-full::text").get(),
            relative_text=self.date_lines.css(".article__date-ago::text").get(),
        )

    def section(self) -> str | None:
        """`article:section`, else the first breadcrumb below the site root (`News24 > World > News`)."""
        declared = self.meta("property", "article:section")
        if declared:
            return declared
        crumbs = self.sel.css(".breadcrumb a.breadcrumb__link").getall()
        return next(iter(crumbs[1:] or crumbs), None)

    def tags(self) -> tuple[str, ...]:
        return tuple(self.in_story("a", "article__tag").getall())

    def authors(self) -> tuple[str, ...]:
        byline = self.meta("name", "author")
        return person_names(self.jsonld.get("author")) or ((byline,) if byline else ())

    def language(self) -> str:
        declared = self.sel.xpath("/html/@lang").get() or string_value(self.jsonld, "inLanguage")
        return declared or self.site.language

    def raw_article(self) -> RawArticle:
        return RawArticle(
            site=self.site.name, url=self.page.url, fetched_at=self.page.fetched_at,
            http_date=self.page.http_date, timezone=self.site.timezone, language=self.language(),
            canonical_url=self.canonical_url(), title=self.title(), summary=self.summary(),
            body=self.body(), dates=self.dates(), section=self.section(), tags=self.tags(),
            related_urls=self.related_urls(), authors=self.authors(),
        )  # fmt: skip


@register
class News24(Site):
    name = "news24"
    start_urls = tuple(
        f"https://www.news24.com/news24/{section}"
        for section in (
            "southafrica/news",
            "politics",
            "africa",
            "world/news",
            "opinions/columnists",
        )
    )
    timezone = "Africa/Johannesburg"
    language = "en"
    fold_path_case = True
    article_path = re.compile(r"-\d{8}(?:-\d{4})?/?$")
    excluded_path_parts = ("/video/", "/partnercontent/")

    def listing(self, page: Page) -> Listing:
        sel = Selector(text=page.html)
        cards = sel.css("article.article-item:not(.article-item--video) a.article-item--url")
        links = (urljoin(page.url, href.strip()) for href in cards.xpath("@href").getall())
        next_href = sel.css("a.load-more__button::attr(href), link[rel=next]::attr(href)").get()
        return Listing(
            article_urls=tuple(url for url in links if self.is_article_url(url)),
            next_page_url=urljoin(page.url, next_href.strip()) if next_href else None,
        )

    def article(self, page: Page) -> RawArticle:
        return News24ArticlePage(page, self).raw_article()
