"""The article page object every profile builds on: one method per raw field, named like the field.

A profile subclasses `ArticlePage` and overrides the fields its layout shows its own way; what most news
pages declare the same way (a canonical link, JSON-LD and `article:` dates, `article:section`, authors,
`<html lang>`) is read here once. Methods return strings as published (HTML fragments keep their markup
and entities); cleaning is the pipelines' job, so a page object never computes "now" or normalizes.
"""

from __future__ import annotations

import re
from functools import cached_property
from itertools import chain
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urljoin, urlsplit

from newscrawl.extract.bylines import classed_bylines, credited_bylines, marked_bylines
from newscrawl.extract.titles import is_the_site
from newscrawl.items import ARTICLE_META, JSONLD, DateCandidate, RawArticle, date_candidates
from newscrawl.normalize.bylines import names_more, people_in, without_by
from newscrawl.sites.jsonld import (
    declared_authors,
    first_article,
    json_ld_objects,
    string_value,
)
from newscrawl.sites.select import Declarations, declarations, has_class, with_class

if TYPE_CHECKING:
    from collections.abc import Iterator

    from lxml.html import HtmlElement

    from newscrawl.page import Page
    from newscrawl.sites.base import Site

# The metas that hold a byline, in any case: the usual `author`, Parse.ly's and Sailthru's (Dublin Core's
# `dc.creator` names the publisher as often as a person).
BYLINE_METAS = ("author", "parsely-author", "sailthru.author")
# Where pages declare their language besides `<html lang>`, and the shape of a tag (`uk`, `pt-BR`, `en_US`)
# as opposed to a language's name (`<meta name="language" content="Dutch">`).
LANGUAGE_METAS = (("property", "og:locale"), ("http-equiv", "content-language"), ("name", "language"),
                  ("property", "og:language"), ("name", "dc.language"))  # fmt: skip
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$", re.I)


class ArticlePage:
    """Raw fields of one article page; subclasses override the field methods their layout needs."""

    # The class of the `<article>` element that holds the story, where a layout has one: fields are
    # looked up inside it first (`in_story`), so menus and sidebars cannot lend theirs.
    story_class: ClassVar[str | None] = None

    def __init__(self, page: Page, site: Site) -> None:
        self.page, self.site = page, site
        self.root: HtmlElement = page.selector.root

    @cached_property
    def declared(self) -> Declarations:
        return declarations(self.root)

    @cached_property
    def jsonld(self) -> dict[str, Any]:
        """Parsed on first use: reading only the links (`related_urls`) needs no JSON."""
        return first_article(self.declared.json_ld)

    def meta(self, attribute: str, name: str) -> str | None:
        return self.declared.metas.get((attribute, name))

    def site_names(self) -> tuple[str, ...]:
        """The names the page gives its site: `og:site_name`, `application-name`, the JSON-LD publisher."""
        publisher = self.jsonld.get("publisher")
        declared = string_value(publisher, "name") if isinstance(publisher, dict) else None
        names = (self.meta("property", "og:site_name"), self.meta("name", "application-name"), declared)
        return tuple(name for name in names if name)

    def named_meta(self, name: str) -> str | None:
        """The first `<meta name>` of `name` in any case (`Author`, `author`), as a browser reads it."""
        metas = self.declared.metas.items()
        return next(
            (content for (kind, key), content in metas if kind == "name" and key.lower() == name), None
        )

    def absolute(self, href: str | None) -> str | None:
        return urljoin(self.page.url, href.strip()) if href and href.strip() else None

    @cached_property
    def story(self) -> HtmlElement:
        """The story's `<article class="{story_class}">`, else the whole page.

        A 100 kB page spends most of its elements on menus and sidebars, and each page-wide lookup
        walks them all again."""
        articles = self.declared.articles if self.story_class else []
        stories = (element for element in articles if has_class(element, self.story_class or ""))
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

    def canonical_url(self) -> str | None:
        return self.absolute(self.declared.canonical)

    def title(self) -> str | None:
        return None

    def summary(self) -> tuple[str, ...]:
        return ()

    def body(self) -> tuple[str, ...]:
        return ()

    def dates(self) -> tuple[DateCandidate, ...]:
        """The machine-readable dates most pages declare, in the order their sources are trusted."""
        published = date_candidates(
            "published",
            (
                (JSONLD, string_value(self.jsonld, "datePublished")),
                (ARTICLE_META, self.meta("property", "article:published_time")),
            ),
        )
        modified = date_candidates(
            "modified",
            (
                (JSONLD, string_value(self.jsonld, "dateModified")),
                (ARTICLE_META, self.meta("property", "article:modified_time")),
            ),
        )
        return published + modified

    def section(self) -> str | None:
        return self.meta("property", "article:section")

    def tags(self) -> tuple[str, ...]:
        return ()

    def related_urls(self) -> tuple[str, ...]:
        return ()

    def authors(self) -> tuple[str, ...]:
        """The first of the page's bylines that names a person (normalize/bylines.py) once the site's
        own name is left out (extract/titles.py), also after "Posted by": a page often declares its
        publisher or an agency in one place and shows the reporter in another; and the byline it shows
        when that names the same people and more (its JSON-LD listing only the first reporter)."""
        names, host = self.site_names(), urlsplit(self.page.url).hostname or ""
        without_site = (
            tuple(name for name in byline if not is_the_site(without_by(name), names, host))
            for byline in self.bylines()
        )
        declared = next((byline for byline in without_site if people_in(list(byline))), ())
        shown = next(classed_bylines(self.root), "")
        return (shown,) if names_more(shown, declared) else declared

    def bylines(self) -> Iterator[tuple[str, ...]]:
        """The page's bylines, most trusted first, each read only when those before it name nobody: the
        JSON-LD authors, the byline metas, the author marks in its markup, each element classed as a
        byline, then a wire story's credit line (extract/bylines.py)."""
        yield declared_authors(self.declared.json_ld)
        yield tuple(filter(None, map(self.named_meta, BYLINE_METAS)))
        yield marked_bylines(self.root)
        yield from ((text,) for text in classed_bylines(self.root))
        yield credited_bylines(self.root)

    def language(self) -> str | None:
        """`/html/@lang` (XHTML's `xml:lang`), else the JSON-LD's `inLanguage` (its article's, else another
        item's: a `WebPage`'s), else the `og:locale`, `Content-Language` or `language` the page declares
        as a tag (`en_US`, `de`; not "Dutch"), else the site's language."""
        html = self.root.getroottree().getroot()
        declared = html.get("lang") or html.get("xml:lang") if html.tag == "html" else None
        items = chain((self.jsonld,), json_ld_objects(self.declared.json_ld))
        in_language = (value for item in items if (value := string_value(item, "inLanguage")))
        metas = (self.meta(*key) for key in LANGUAGE_METAS)
        tags = (meta for meta in metas if meta and LANGUAGE_TAG.match(meta.strip()))
        return declared or next(in_language, None) or next(tags, self.site.language)

    def raw_article(self) -> RawArticle:
        page, site = self.page, self.site
        return RawArticle(
            site=site.name, url=page.url, fetched_at=page.fetched_at, http_date=page.http_date,
            timezone=site.timezone, language=self.language(), canonical_url=self.canonical_url(),
            title=self.title(), summary=self.summary(), body=self.body(), dates=self.dates(),
            section=self.section(), tags=self.tags(), related_urls=self.related_urls(),
            authors=self.authors(),
        )  # fmt: skip
