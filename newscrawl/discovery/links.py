"""Listing pages of layouts no profile knows: the article links in the page's content, and its next page.

Links inside navigation, headers, footers, sidebars, share, login, comment and print widgets or tag
clouds (`newscrawl.extract.content.is_boilerplate`) are not read. Of the rest, a link is a card when its
URL is shaped like an article's (`newscrawl.extract.urlshape`) and its text reads like a headline (three
words or more, or a heading inside it). The next page is `rel=next`, else a link whose text says next or
older, else the link to the page numbered one more than this one (`?page=2`, `/page/2/`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from newscrawl.discovery import Discovered
from newscrawl.extract.boilerplate import BOILERPLATE_WORDS, in_boilerplate
from newscrawl.extract.content import text_of
from newscrawl.extract.urlshape import looks_like_article
from newscrawl.items import Link

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from newscrawl.page import Page

LINKS = "links"
# "Next", "older", "more" in a few languages, or an arrow: single and double angle quotes, right arrow.
NEXT_TEXT = re.compile(
    "^(?:next|older|more|weiter|n\u00e4chste|suivant|siguiente|pr\u00f3xima|successivo|volgende|"
    "\u203a|\u00bb|\u2192|>)(?:\\W|$)",
    re.IGNORECASE,
)
PAGE_NUMBER = re.compile(r"(?:[?&](?:page|p|pg|pageNumber)=|/page/)(\d+)", re.IGNORECASE)


def is_headline(anchor: HtmlElement) -> bool:
    return (
        len(text_of(anchor).split()) >= 3
        or anchor.find(".//h2") is not None
        or anchor.find(".//h3") is not None
    )


def page_number(url: str) -> int:
    found = PAGE_NUMBER.search(url)
    return int(found[1]) if found else 1


@dataclass(frozen=True)
class LinkListing:
    """The generic profile's listing source; it holds no selector of any site."""

    def read(self, page: Page) -> Discovered:
        root = page.selector.root
        anchors = [
            a
            for a in root.iter("a")
            if a.get("href") and not in_boilerplate(a, root, words=BOILERPLATE_WORDS)
        ]
        urls = dict.fromkeys(
            url
            for a in anchors
            if is_headline(a) and looks_like_article(url := urljoin(page.url, a.get("href", "").strip()))
        )
        links = tuple(Link(url, LINKS) for url in urls)
        return Discovered(links, next_page(page, root))


def next_page(page: Page, root: HtmlElement) -> str | None:
    """`rel=next`, else the link to this page's number plus one, else a short link saying next/older."""
    declared = [str(href) for href in root.xpath("//link[@rel='next']/@href | //a[@rel='next']/@href")]
    if declared:
        return urljoin(page.url, declared[0].strip())
    wanted = page_number(page.url) + 1
    anchors = [
        (urljoin(page.url, str(a.get("href")).strip()), text_of(a)) for a in root.iter("a") if a.get("href")
    ]
    numbered = (url for url, _ in anchors if PAGE_NUMBER.search(url) and page_number(url) == wanted)
    worded = (url for url, text in anchors if len(text.split()) <= 3 and NEXT_TEXT.match(text))
    return next(numbered, None) or next(worded, None)
