"""The generic profile: any news site, no code. `SiteChooser` gives it every origin no profile claims or
recognizes (and `-a site=generic` forces it).

It holds no selector of any site. Fields come first from what the page declares (JSON-LD, microdata,
OpenGraph and `article:` metas, `<link rel=canonical>`, `<html lang>`), then from the page's own structure:
the story's container and blocks (`newscrawl.extract.content`), its headline, its standfirst. It knows no
time zone: dates keep the page's own offsets, or stay wall-clock time (`normalize/dateformats.py`).
Whether the page is an article at all is `newscrawl.extract.pagetype`'s call, from the page itself.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cached_property
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from newscrawl.discovery.links import LinkListing
from newscrawl.extract.content import (
    LONG_PARAGRAPH,
    in_other_article,
    line_lengths,
    main_container,
    story_article,
    story_blocks,
    text_of,
)
from newscrawl.extract.datelines import datelines
from newscrawl.extract.pagetype import MIN_BODY, PageSignals, not_article_reason
from newscrawl.extract.plaintext import declared_text, paragraphs, reader_text
from newscrawl.extract.standfirst import standfirst
from newscrawl.extract.titles import undeclared_headline, without_site_name
from newscrawl.extract.urlshape import looks_like_article
from newscrawl.items import (
    HTMLDATE,
    JSONLD,
    MICRODATA,
    OTHER_META,
    TIME_ELEMENT,
    URL_PATH,
    VISIBLE_DATE,
    date_candidates,
)
from newscrawl.normalize.timestamps import ranked
from newscrawl.sites.article import ArticlePage
from newscrawl.sites.base import Site
from newscrawl.sites.jsonld import ARTICLE_TYPES, json_ld_objects, string_value
from newscrawl.sites.registry import register
from newscrawl.sites.select import html_of
from newscrawl.sites.taxonomy import section_of, sections_of, shown_tags, tags_of

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from newscrawl.items import DateCandidate, RawArticle

# Where a story lists its related stories: their article links are `related_urls`.
RELATED = re.compile(r"(?:^|[-_\s])(?:related|read-?more|more-stories|also-read)(?:$|[-_\s])", re.I)
UNSAFE = re.compile(r"[^a-z0-9_-]+")  # what a host may not bring into a state file's name
MIN_BLOCKS_TEXT = 200  # characters of story blocks below which a declared articleBody is read instead
# Story blocks this short, or this share of the page's long paragraphs, may be the wrong container: a
# second reader (trafilatura) is asked, and its text kept when it is `SECOND_READER_GAIN` times longer.
# Measured on aeb/ (bench/generic.py): 48 of 181 pages ask, body F1 0.909 -> 0.95; with the reader of
# lists, tables and split stories (2026-12-02), 39 ask and 13 keep its text.
SECOND_READER_BELOW, SECOND_READER_SHARE, SECOND_READER_GAIN = 1000, 0.7, 1.5
# The usual date metas, most exact first: `article:published_time` also comes as a `name` (which the base
# profile's `property` lookup misses) on pages whose `date` meta holds the day alone.
DATE_METAS = ("article:published_time", "date", "pubdate", "publishdate", "publish-date", "publish_date",
              "dc.date", "dc.date.issued", "dcterms.created", "dcterms.date", "sailthru.date",
              "parsely-pub-date", "article.published", "og:published_time", "article:published",
              "datepublished", "datecreated")  # fmt: skip


class GenericArticle(ArticlePage):
    @cached_property
    def declared_items(self) -> list[dict[str, Any]]:
        return list(json_ld_objects(self.declared.json_ld))

    @cached_property
    def elements(self) -> list[HtmlElement]:
        """Every element of the page, walked once for the rules that read each one's attributes (the
        standfirst, related boxes, microdata dates): a walk over a 100 kB page makes a Python object of
        each of its ~800 elements, ~0.3 ms of the ~0.5 ms a walk costs, which this list pays once."""
        return [element for element in self.root.iter() if isinstance(element.tag, str)]

    @cached_property
    def container(self) -> HtmlElement:
        return main_container(self.root)

    @cached_property
    def blocks(self) -> list[HtmlElement]:
        return story_blocks(self.container)

    @cached_property
    def headline(self) -> str | None:
        """The declared headline, else the page's first `<h1>`, else its `<title>` without its last part;
        without the site's name glued on (`Story | Site`, extract/titles.py)."""
        headings = [text for h1 in self.root.iter("h1") if (text := text_of(h1))]
        titles = [text for title in self.root.iter("title") if (text := text_of(title))]
        declared = string_value(self.jsonld, "headline") or self.meta("property", "og:title")
        found = declared or undeclared_headline(headings, titles)
        host = urlsplit(self.page.url).hostname or ""
        return found and without_site_name(found, self.site_names(), host, headings)

    def title(self) -> str | None:
        return self.headline

    def summary(self) -> tuple[str, ...]:
        """The standfirst shown between the headline and the story (`extract/standfirst.py`), else none:
        the first paragraph is not a summary."""
        descriptions = (self.meta("property", "og:description"), self.meta("name", "description"))
        declared = (*descriptions, self.declared_item_value("description"))
        found = standfirst(self.elements, self.headline or "", self.blocks, filter(None, declared))
        return tuple(map(html_of, found))

    def related_urls(self) -> tuple[str, ...]:
        """Article links in the story's related-stories boxes, in page order."""
        boxes = (element for element in self.elements if RELATED.search(element.get("class", "")))
        hrefs = (link.get("href") for box in boxes for link in box.iter("a"))
        urls = (url for href in hrefs if (url := self.absolute(href)) and looks_like_article(url))
        return tuple(dict.fromkeys(urls))

    def body(self) -> tuple[str, ...]:
        """The story's blocks; when they hold less than a short brief, the JSON-LD `articleBody` the page
        declares, a paragraph a line (pages that build their text with scripts still declare it); when
        they look like the wrong part of the page, the second reader's text if it found much more."""
        declared = self.declared_item_value("articleBody")
        if declared and self.body_chars < MIN_BLOCKS_TEXT <= len(declared):
            return paragraphs(declared_text(declared))
        if self.second_reading:
            return paragraphs(self.second_reading)
        return tuple(html_of(block) for block in self.blocks)

    @cached_property
    def body_chars(self) -> int:
        return sum(len(text_of(block)) for block in self.blocks)

    @cached_property
    def second_reading(self) -> str | None:
        """trafilatura's text of the page, asked only when the blocks are short for the page (few
        characters, or little of its long paragraphs), and kept only when it is much longer once the
        headline it repeats and the lines of other stories' cards are left out."""
        if (
            self.body_chars >= SECOND_READER_BELOW
            and self.body_chars >= SECOND_READER_SHARE * self.prose_chars()
        ):
            return None
        from trafilatura import extract  # here, not at the top: its imports cost most runs nothing

        text = extract(self.page_text, url=self.page.url, include_comments=False, include_tables=False)
        text = reader_text(text or "", self.headline or "", self.card_paragraphs())
        return text if text and len(text) > SECOND_READER_GAIN * self.body_chars else None

    def card_paragraphs(self) -> set[str]:
        """The texts of paragraphs in other stories' cards (`content.in_other_article`), which a reader
        that does not know the story's article may take for its text."""
        story = story_article(self.root)
        return {text_of(p) for p in self.root.iter("p") if in_other_article(p, story)}

    def prose_chars(self) -> int:
        """Characters in the page's long paragraphs, wherever they are: `<p>`s, and the runs of text
        between the `<br>`s of an element (blogs and older CMSs write a story as one `<div>` of lines)."""
        paragraphs = (len(text_of(p)) for p in self.root.iter("p"))
        return sum(size for size in (*paragraphs, *line_lengths(self.root)) if size >= LONG_PARAGRAPH)

    @cached_property
    def page_text(self) -> str:
        """The page decoded, for the readers that parse their own copy (and clean it as they go)."""
        return self.page.body.decode(self.page.encoding, errors="replace")

    def dates(self) -> tuple[DateCandidate, ...]:
        """The base's, then any JSON-LD item's dates (a `WebPage` often carries them), microdata, the
        first `<time datetime>`, the first of the usual date metas (any case), the text of a publication
        date marked without a machine-readable value, the header's datelines (extract/datelines.py), the
        date of the URL, else of the canonical URL (a syndicated copy links the story's own address);
        when none of them can be read (by the normalizer's own parsers, in no zone), htmldate's, which
        ranks below a URL's date and would not be used beside one."""
        marked = [
            (prop, element)
            for element in self.elements
            if (prop := element.get("itemprop")) in ("datePublished", "dateModified")
        ]
        # The first marked with a value, the story's: related stories' and comments' come after.
        microdata = {p: v for p, e in reversed(marked) if (v := e.get("content") or e.get("datetime"))}
        times = [time.get("datetime") for time in self.root.iter("time") if time.get("datetime")]
        metas = {name.lower(): content for (_, name), content in self.declared.metas.items()}
        declared = (self.declared_item_value("datePublished"), self.declared_item_value("dateModified"))
        published = date_candidates(
            "published",
            (
                (JSONLD, declared[0]),
                (MICRODATA, microdata.get("datePublished")),
                (TIME_ELEMENT, times[0] if times else None),
                (OTHER_META, next((metas[name] for name in DATE_METAS if metas.get(name)), None)),
                (VISIBLE_DATE, shown_date(marked)),
                *((VISIBLE_DATE, text) for text in datelines(self.elements, self.blocks)),
                (URL_PATH, self.page.url),
                (URL_PATH, self.canonical_url()),
            ),
        )
        modified = date_candidates(
            "modified", ((JSONLD, declared[1]), (MICRODATA, microdata.get("dateModified")))
        )
        found = super().dates() + published + modified
        if next(ranked(found, "published", None), None) is not None:
            return found
        return found + date_candidates("published", ((HTMLDATE, self.visible_date()),))

    def visible_date(self) -> str | None:
        """htmldate's day for a page that declares no date it can be read by (none, or one in a format
        of no standard: `الأربعاء، 07 أكتوبر 2020 - 12:09 م`): its text, in any language and format. It
        reads its own copy of the page, which it cleans as it goes."""
        from htmldate import find_date  # here, not at the top: ~100 ms of imports most runs never need

        found = find_date(self.page_text, url=self.page.url, original_date=True)
        return str(found) if found else None

    def declared_item_value(self, key: str) -> str | None:
        """`key` of the first JSON-LD item that has it, whatever its type."""
        return next((value for item in self.declared_items if (value := string_value(item, key))), None)

    def section(self) -> str | None:
        """The declared section, else the breadcrumb trail's, declared or shown (`sites/taxonomy.py`)."""
        return section_of(sections_of(self), self.site_names(), self.page.url)

    def tags(self) -> tuple[str, ...]:
        declared = self.page.selector.css('meta[property="article:tag"]::attr(content)').getall()
        found = tags_of(declared, self.jsonld.get("keywords"), self.headline)
        return found or tags_of(shown_tags(self.root), None, self.headline)

    def not_article(self) -> str | None:
        types = {str(kind) for item in self.declared_items for kind in listify(item.get("@type"))}
        og_type = self.meta("property", "og:type") or ""
        signals = PageSignals(
            url=self.page.url,
            types=frozenset(types),
            title=self.headline or "",
            body_chars=max(
                self.body_chars,
                len(self.declared_item_value("articleBody") or ""),
                len(self.second_reading or ""),
            ),
            declares_article=bool(types & ARTICLE_TYPES) or og_type == "article",
            cards=self.cards() if self.body_chars < MIN_BODY else 0,
        )
        return not_article_reason(signals)

    def cards(self) -> int:
        """Links to articles in the page's content, read as a listing page's are: asked only of a page
        with little prose, which may be an index."""
        return len(self.site.listing.read(self.page).links)

    def raw_article(self) -> RawArticle:
        return replace(super().raw_article(), not_article=self.not_article())


def shown_date(marked: list[tuple[str, HtmlElement]]) -> str | None:
    """The text of the first element marked as the publication date that gives no `content` or
    `datetime` (`<p itemprop="datePublished">06 Dicembre 2020</p>`): microdata's value of such an element
    is its text, the date as readers see it."""
    return next(
        (
            text
            for prop, element in marked
            if prop == "datePublished" and not element.get("content") and not element.get("datetime")
            if (text := text_of(element))
        ),
        None,
    )


def listify(value: object) -> list[object]:
    return value if isinstance(value, list) else [value]


@register
class Generic(Site):
    # No hosts and no markers: never chosen by URL or layout, only as what no other profile knows.
    name = "generic"
    listing = LinkListing()
    article_page = GenericArticle

    def is_article_url(self, url: str) -> bool:
        return looks_like_article(url)

    def state_name(self, url: str) -> str:
        """One store per host (`generic-www_example_com`): the sites it reads are run by separate jobs,
        and one shared store would let only one of them run at a time. Host names hold no `_`, so writing
        their dots as `_` keeps two hosts apart."""
        host = UNSAFE.sub("-", (urlsplit(url).hostname or "").lower().replace(".", "_"))
        return f"{self.name}-{host}" if host else self.name
