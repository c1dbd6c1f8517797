"""News24 (news24.com, 2020-2024 layout): the reference profile. Contract: shared/site/README.md.

Quirks: article paths end in `-YYYYMMDD` or `-YYYYMMDD-HHMM`, and their case varies between links to the
same story (`/news24/World/News/...` vs `/news24/world/news/...`), so path case is folded for identity.
Related stories are inline paragraphs starting `READ |` or `ALSO READ |`; `WATCH |` and `LISTEN |` point
at video and audio pages, which are not articles.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from newscrawl.items import RawArticle, RawDates
from newscrawl.sites.base import Listing, Page, Site
from newscrawl.sites.jsonld import first_article, person_names, string_value
from newscrawl.sites.registry import register
from newscrawl.sites.select import (
    Declarations,
    child_elements,
    css_elements,
    css_first_string,
    declarations,
    first_string,
    has_class,
    html_of,
    with_class,
    xpath_string,
)

if TYPE_CHECKING:
    from lxml.html import HtmlElement

PROMO = re.compile(r"^\s*(?:(?:ALSO\s+)?READ|(?P<not_followed>WATCH|LISTEN))\s*\|", re.IGNORECASE)
BODY_TAGS = frozenset({"p", "h2", "h3", "h4", "blockquote"})


class News24ArticlePage:
    """Raw fields of one article page; each method is named after the field it returns."""

    def __init__(self, page: Page, site: Site) -> None:
        self.page, self.site = page, site
        self.root: HtmlElement = page.selector.root

    @cached_property
    def story(self) -> HtmlElement:
        """The story's `<article class="article">`, else the whole page.

        The title, date line, body and tags are looked up inside it first: a 100 kB page spends most of
        its elements on menus and sidebars, and each page-wide lookup walks them all again.
        """
        stories = (element for element in self.declared.articles if has_class(element, "article"))
        return next(stories, self.root)

    def in_story(self, tag: str, name: str, holder: str | None = None) -> list[HtmlElement]:
        """`tag.name` inside the story, else anywhere on the page (a layout that moved it out).

        `holder` is the class of the story's element that lists them (`article__tags`): a story that has
        it, even empty, has what it holds and nothing else, so an untagged story neither takes a
        sidebar's tags nor walks the whole 100 kB page (~130 us) for them."""
        found = with_class(self.story, tag, name)
        if found or self.story is self.root or (holder and with_class(self.story, "*", holder)):
            return found
        return with_class(self.root, tag, name)

    @cached_property
    def declared(self) -> Declarations:
        return declarations(self.root)

    @cached_property
    def jsonld(self) -> dict[str, Any]:
        """Parsed on first use: reading only the links (`related_urls`) needs no JSON."""
        return first_article(self.declared.json_ld)

    def absolute(self, href: str | None) -> str | None:
        return urljoin(self.page.url, href.strip()) if href and href.strip() else None

    def meta(self, attribute: str, name: str) -> str | None:
        return self.declared.metas.get((attribute, name))

    @cached_property
    def body_children(self) -> list[HtmlElement]:
        bodies = self.in_story("div", "article__body")
        return child_elements(bodies[0]) if bodies else []

    def canonical_url(self) -> str | None:
        return self.absolute(self.declared.canonical)

    def title(self) -> str | None:
        titles = self.in_story("h1", "article__title")
        return html_of(titles[0]) if titles else None

    def summary(self) -> tuple[str, ...]:
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

    @cached_property
    def date_lines(self) -> list[HtmlElement]:
        return self.in_story("p", "article__date")

    def dates(self) -> RawDates:
        return RawDates(
            jsonld_published=string_value(self.jsonld, "datePublished"),
            jsonld_modified=string_value(self.jsonld, "dateModified"),
            meta_published=self.meta("property", "article:published_time"),
            meta_modified=self.meta("property", "article:modified_time"),
            time_datetime=css_first_string(self.date_lines, "time::attr(datetime)"),
            publisheddate=self.meta("name", "publisheddate"),
            visible_date=css_first_string(self.date_lines, ".article__date-full::text"),
            relative_text=css_first_string(self.date_lines, ".article__date-ago::text"),
        )

    def section(self) -> str | None:
        """`article:section`, else the first breadcrumb below the site root (`News24 > World > News`)."""
        declared = self.meta("property", "article:section")
        if declared:
            return declared
        crumbs = [html_of(crumb) for crumb in css_elements(self.root, ".breadcrumb a.breadcrumb__link")]
        return next(iter(crumbs[1:] or crumbs), None)

    def tags(self) -> tuple[str, ...]:
        return tuple(map(html_of, self.in_story("a", "article__tag", holder="article__tags")))

    def authors(self) -> tuple[str, ...]:
        byline = self.meta("name", "author")
        return person_names(self.jsonld.get("author")) or ((byline,) if byline else ())

    def language(self) -> str:
        """`/html/@lang`, else the JSON-LD's `inLanguage`, else the site's language."""
        html = self.root.getroottree().getroot()
        declared = html.get("lang") if html.tag == "html" else None
        return declared or string_value(self.jsonld, "inLanguage") or self.site.language

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
        sel = page.selector
        cards = sel.css("article.article-item:not(.article-item--video) a.article-item--url")
        links = (urljoin(page.url, href.strip()) for href in cards.xpath("@href").getall())
        next_href = sel.css("a.load-more__button::attr(href), link[rel=next]::attr(href)").get()
        return Listing(
            article_urls=tuple(url for url in links if self.is_article_url(url)),
            next_page_url=urljoin(page.url, next_href.strip()) if next_href else None,
        )

    def article(self, page: Page) -> RawArticle:
        return News24ArticlePage(page, self).raw_article()
