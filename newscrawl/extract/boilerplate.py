"""What pages put around a story, and how it is known: navigation, headers and footers, sidebars, figures
and captions, share and follow widgets, newsletter boxes, related-story teasers, adverts, comments,
bylines and paywall prompts, by their tag or by the words in their class, id or role (a `<form>` is not
one: ASP.NET pages wrap everything in one); widgets' labels ("Advertisement", "More:") by their words;
metadata values printed as blocks by their microdata property. Other lines known by their words alone
(share bars, captions, bylines, calls to act) are `pagelines`'.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.html import HtmlElement

BOILERPLATE_TAGS = frozenset(
    {"nav", "header", "footer", "aside", "figure", "figcaption", "script", "style", "noscript",
     "iframe", "button", "svg", "select", "template", "dialog"}
)  # fmt: skip
# Words that name what is around a story, as a class, id or role token or as the first or last part of
# one (`related-posts`, `post-tags`, `ad-slot`); a word inside a token (`non-ad-column`,
# `l-sidebar-fixed`) names a layout, not a widget.
BOILERPLATE_WORDS = frozenset(
    {"nav", "navbar", "menu", "footer", "sidebar", "breadcrumb", "breadcrumbs", "share", "sharing", "social",
     "follow", "newsletter", "signup", "subscribe", "subscription", "paywall", "related", "recommended",
     "promo", "teaser", "advert", "advertisement", "ad", "ads", "sponsor", "sponsored", "outbrain", "taboola",
     "comment", "comments", "disqus", "byline", "author", "caption", "credit", "tag", "tags", "toolbar",
     "cookie", "consent", "modal", "popup"}
)  # fmt: skip
# Words of widgets that show items in turn, around a story (a carousel of obituaries beside it:
# sonline.hu, baon.hu) but not around a listing's links: its carousel holds the headlines that
# discovery wants (`discovery/links.py` asks with `BOILERPLATE_WORDS` alone).
CAROUSEL_WORDS = frozenset({"carousel", "slider", "swiper", "slick"})
AROUND_STORY = BOILERPLATE_WORDS | CAROUSEL_WORDS
TOKEN_PARTS = re.compile(r"[-_]+|(?<=[a-z])(?=[A-Z])")  # `related-posts`, `PromoSmall-description`
# How sites head a link to another of their stories, in the languages of the corpus ("Also read: ...",
# "Baca juga: ...", "Zie ook: ..."): alone, a block saying one is the label of a box of them (followed by a
# headline, a teaser: `pagelines`).
READ_ALSO = (
    "also read", "read also", "see also", "read more", "related", "zie ook", "lees ook", "lue myös",
    "lesen sie auch", "lire aussi", "à lire aussi", "leia também", "leia mais", "lee también",
    "lea también", "ver también", "te recomendamos", "baca juga", "lihat juga", "czytaj także",
    "czytaj też", "читайте также",
)  # fmt: skip
# A block that says only one of these is a widget's label, not the story's prose ("Advertisement",
# "More:", "Tell us what you think...", a photo gallery's "Caption" and "Close", WordPress's "Sharing is
# caring!" and its Indonesian "Sukai ini:"); compared lowercased, without punctuation at either end.
LABEL_BLOCKS = frozenset(
    {"advertisement", "advert", "ad", "ads", "sponsored", "sponsored content", "more", "related articles",
     "related stories", "related news", "related topics", "related information", "more from", "comments",
     "comment", "share", "share this", "share this article", "explore further", "tell us what you think",
     "leave a comment", "this slideshow requires javascript", "loading", "continue reading", "like this",
     "like loading", "story continues", "mehr zum thema", "новости по теме", "caption", "close",
     "back to gallery", "sharing is caring", "sukai ini", "suka memuat", "terkait", "topics", "trending",
     "places in this story", "organizations in this story", "people in the story", "you may also like",
     *READ_ALSO}
)  # fmt: skip
# Microdata properties whose element holds a value of the page's metadata (a date, the headline, its
# keywords), which some CMSs print as plain `<div>`s beside the story and hide with CSS.
METADATA_PROPS = frozenset(
    {"headline", "alternativeHeadline", "name", "url", "keywords", "datePublished", "dateCreated",
     "dateModified", "articleSection", "author", "publisher", "image", "thumbnailUrl", "width", "height",
     "inLanguage", "value"}
)  # fmt: skip
# Punctuation around a label, and the arrows pointing down to a box of links ("Te recomendamos ⬇").
LABEL_EDGES = " .:;,!?\u2026-\u2013\u2014|>\u00bb\u2193\u2b07\ufe0f"
CLASS_DEPTH = 3  # ancestors whose class or id can mark a paragraph as boilerplate
# Elements whose classes describe the story they wrap (WordPress gives an `<article>` `tag-*`,
# `category-*` and `author-*` classes): never taken for boilerplate by class.
STORY_WRAPPERS = frozenset({"article", "main", "body", "html"})


def is_boilerplate(
    element: HtmlElement, *, by_class: bool = True, words: frozenset[str] = AROUND_STORY
) -> bool:
    """Around the story by its tag, or (`by_class`) by its class, id or role; a `<header>` only when it
    holds no paragraph (an article's header may hold its standfirst)."""
    tag = element.tag
    if not isinstance(tag, str):  # comments, processing instructions
        return True
    if tag == "header":
        return element.find(".//p") is None
    if tag in BOILERPLATE_TAGS:
        return True
    if not by_class or tag in STORY_WRAPPERS:
        return False
    marks = " ".join(filter(None, (element.get("class"), element.get("id"), element.get("role"))))
    return any(names_boilerplate(token, words) for token in marks.split())


def names_boilerplate(token: str, words: frozenset[str] = AROUND_STORY) -> bool:
    parts = [part.lower() for part in TOKEN_PARTS.split(token) if part]
    return bool(parts) and (parts[0] in words or parts[-1] in words)


def in_boilerplate(element: HtmlElement, stop: HtmlElement, *, words: frozenset[str] = AROUND_STORY) -> bool:
    """Whether `element` or one of its ancestors below `stop` is around the story, not in it. Classes
    count only on the element and its nearest ancestors: page-wide wrappers carry layout classes
    (`has-sidebar`, `nav-open`) that say nothing of the paragraph inside them."""
    node: HtmlElement | None = element
    depth = 0
    while node is not None and node is not stop:
        if is_boilerplate(node, by_class=depth <= CLASS_DEPTH, words=words):
            return True
        node, depth = node.getparent(), depth + 1
    return False


def is_label(text: str) -> bool:
    return len(text) <= 40 and text.strip(LABEL_EDGES).lower() in LABEL_BLOCKS
