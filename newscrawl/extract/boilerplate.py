"""What pages put around a story, and how it is known: navigation, headers and footers, sidebars, figures
and captions, share and follow widgets, newsletter boxes, related-story teasers, adverts, comments,
bylines and paywall prompts, by their tag or by the words in their class, id or role (a `<form>` is not
one: ASP.NET pages wrap everything in one); widgets' labels ("Advertisement", "More:") and share bars by
their words, and the calls to follow, subscribe or tip off that end a story by theirs; metadata values
printed as blocks by their microdata property.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

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
     "cookie", "consent"}
)  # fmt: skip
TOKEN_PARTS = re.compile(r"[-_]+|(?<=[a-z])(?=[A-Z])")  # `related-posts`, `PromoSmall-description`
# How sites head a link to another of their stories, in the languages of the corpus ("Also read: ...",
# "Baca juga: ...", "Zie ook: ..."): alone, a block saying one is the label of a box of them; followed by
# `:` or `|` and a headline, it is a teaser written as a paragraph.
READ_ALSO = (
    "also read", "read also", "see also", "read more", "related", "zie ook", "lees ook", "lue myös",
    "lesen sie auch", "lire aussi", "à lire aussi", "leia também", "leia mais", "lee también",
    "lea también", "ver también", "te recomendamos", "baca juga", "lihat juga", "czytaj także",
    "czytaj też", "читайте также",
)  # fmt: skip
TEASER_LINE = re.compile(rf"(?:{'|'.join(map(re.escape, READ_ALSO))})\s*[:|]", re.I)
MAX_TEASER_LINE = 200  # characters: the label and one headline
# A block that says only one of these is a widget's label, not the story's prose ("Advertisement",
# "More:", "Tell us what you think..."); compared lowercased, without punctuation at either end.
LABEL_BLOCKS = frozenset(
    {"advertisement", "advert", "ad", "ads", "sponsored", "sponsored content", "more", "related articles",
     "related stories", "related news", "related topics", "related information", "more from", "comments",
     "comment", "share", "share this", "share this article", "explore further", "tell us what you think",
     "leave a comment", "this slideshow requires javascript", "loading", "continue reading", "like this",
     "like loading", "story continues", "mehr zum thema", "новости по теме", *READ_ALSO}
)  # fmt: skip
# Microdata properties whose element holds a value of the page's metadata (a date, the headline, its
# keywords), which some CMSs print as plain `<div>`s beside the story and hide with CSS.
METADATA_PROPS = frozenset(
    {"headline", "alternativeHeadline", "name", "url", "keywords", "datePublished", "dateCreated",
     "dateModified", "articleSection", "author", "publisher", "image", "thumbnailUrl", "width", "height",
     "inLanguage", "value"}
)  # fmt: skip
# Share services' names (and the buttons' verbs) as share bars print them, run together once spaces and
# punctuation are gone; the Arabic names are those of `فيسبوك تويتر` bars.
SHARE_BAR = re.compile(
    r"(?:facebook|twitter|tweet|linkedin|whatsapp|pininterest|pinterest|telegram|reddit|email|mail|print"
    r"|comments?|connect|share|more|فيسبوك|تويتر|لينكدين|طباعة)+",
    re.I,
)
NOT_WORD = re.compile(r"[\W_]+")
# What the lines after a story ask of its reader: to follow the site or its reporter somewhere, to get its
# newsletter, to send a tip or a donation, to agree to its terms, to get its app. Phrases, not words: a
# story's own sentence may say "subscribers" or "follow the money".
CALL_TO_ACTION = re.compile(
    r"\bfollow\b[^.!?]{0,40}\b(?:twitter|facebook|instagram|linkedin|youtube|telegram|tiktok)\b"
    r"|\bfollow and like us\b|\bs[i\u00ed]guenos\b|\bsuivez-nous\b|\bfolgen sie uns\b|\bsiga-nos\b"
    r"|\bseguici\b"
    r"|\bdelivered to your (?:inbox|mailbox)\b|\benter your e-?mail\b|^sign up\W*$"
    r"|\bsign up for (?:our|the)\b[^.!?]{0,30}\bnewsletter\b|\b(?:story tip|got a tip)\b"
    r"|\bplease consider (?:making a donation|donating|supporting)\b|\bconstitutes (?:acceptance|agreement)\b"
    r"|\bdownload (?:our|the)\b[^.!?]{0,30}\bapp\b",
    re.I,
)
MAX_CALL = 300  # characters: a longer block is a paragraph of prose that happens to say one of them
# A photo's credit, as captions written as paragraphs carry it ("... — Foto: Mayara Subtil/G1", "FILE
# PHOTO: ...", "(Credits: PTI)", "사진=세종시 제공", Chinese "圖/騰訊科技" and "(資料照)" with full-width
# marks): a block this short with one is a caption, not the story's prose.
CAPTION = re.compile(
    r"(?:^|[\s(\uff08\u2014\u2013|\u25b2])"
    r"(?:file photo|photo|foto|fotos|fot\u00f3|credits?|\u5716|\u56fe|\uc0ac\uc9c4)\s*[:\uff1a/\uff0f=]"
    r"|[(\uff08]\u8cc7\u6599\u7167[)\uff09]$",
    re.I,
)
MAX_CAPTION = 300
# The word a byline starts with, in the corpus's languages ("By Cristina Alonso", "Por FIDEL RENDÓN"), the
# words that join its names, and how many words it has at most.
BYLINE_WORDS = frozenset({"by", "por", "von", "par", "di", "oleh", "door"})
NAME_JOINS = frozenset({"and", "y", "e", "und", "et", "&", "dan", "en"})
MAX_BYLINE_WORDS = 7
# A date and time printed on their own line above a story ("January 18, 2020", "15.12.2020 - 14:49",
# "Christian Weisflog 15.06.2020, 12.11 Uhr"): a time (with a colon: `39.99` is a price), a date in
# figures, or a year and a day; among the first lines of a story (`HEAD_LINES`), where a page prints it.
CLOCK = re.compile(
    r"\b\d{1,2}[:\uff1a]\d{2}\b|\b\d{1,2}\.\d{2} ?uhr\b|\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b", re.I
)
YEAR = re.compile(r"(?<!\d)(?:1[3-4]|19|20)\d{2}(?!\d)")
DAY = re.compile(r"\b(?:0?[1-9]|[12]\d|3[01])\b")
MAX_DATELINE = 80
LONG_LINE = 80  # characters: a paragraph of prose, where a story's text has begun
HEAD_LINES = 4
SENTENCE_END = tuple(".!?\u3002")
# Punctuation around a label, and the arrows pointing down to a box of links ("Te recomendamos ⬇").
LABEL_EDGES = " .:;,!?\u2026-\u2013\u2014|>\u00bb\u2193\u2b07\ufe0f"
CLASS_DEPTH = 3  # ancestors whose class or id can mark a paragraph as boilerplate
# Elements whose classes describe the story they wrap (WordPress gives an `<article>` `tag-*`,
# `category-*` and `author-*` classes): never taken for boilerplate by class.
STORY_WRAPPERS = frozenset({"article", "main", "body", "html"})


def is_boilerplate(element: HtmlElement, *, by_class: bool = True) -> bool:
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
    return any(names_boilerplate(token) for token in marks.split())


def names_boilerplate(token: str) -> bool:
    parts = [part.lower() for part in TOKEN_PARTS.split(token) if part]
    return bool(parts) and (parts[0] in BOILERPLATE_WORDS or parts[-1] in BOILERPLATE_WORDS)


def in_boilerplate(element: HtmlElement, stop: HtmlElement) -> bool:
    """Whether `element` or one of its ancestors below `stop` is around the story, not in it. Classes
    count only on the element and its nearest ancestors: page-wide wrappers carry layout classes
    (`has-sidebar`, `nav-open`) that say nothing of the paragraph inside them."""
    node: HtmlElement | None = element
    depth = 0
    while node is not None and node is not stop:
        if is_boilerplate(node, by_class=depth <= CLASS_DEPTH):
            return True
        node, depth = node.getparent(), depth + 1
    return False


def is_label(text: str) -> bool:
    return len(text) <= 40 and text.strip(LABEL_EDGES).lower() in LABEL_BLOCKS


def is_widget_text(text: str) -> bool:
    """Whether a block's words are a widget's or the page's, not the story's, wherever it stands: a label,
    a share bar, a teaser written as a line ("Also read: ..."), a caption, a byline. (Not a copyright
    notice: `© 2019 Associated Press. All Rights Reserved.` is the story's text to aeb/'s annotators.)"""
    return is_label(text) or is_share_bar(text) or is_teaser_line(text) or is_caption(text) or is_byline(text)


def is_dateline(text: str) -> bool:
    """A dateline standing alone: short, not a sentence, and a date or a time is in it."""
    if len(text) > MAX_DATELINE or text.endswith(SENTENCE_END):
        return False
    return bool(CLOCK.search(text)) or (bool(YEAR.search(text)) and bool(DAY.search(YEAR.sub(" ", text))))


def is_byline(text: str) -> bool:
    """A byline printed as a paragraph: "By" (or its word in another language) and names, each
    capitalised, and nothing else ("By Monday, the quay was closed" goes on in lower case)."""
    words = text.replace(",", " ").split()
    names = [word for word in words[1:] if word.lower() not in NAME_JOINS]
    return (
        1 < len(words) <= MAX_BYLINE_WORDS
        and words[0].lower() in BYLINE_WORDS
        and bool(names)
        and all(name[0].isupper() for name in names)
    )


def is_caption(text: str) -> bool:
    """A photo's caption or credit written as a paragraph, known by the credit it carries."""
    return len(text) <= MAX_CAPTION and bool(CAPTION.search(text))


def is_teaser_line(text: str) -> bool:
    """A line heading another story's headline with a "read also" label (`ALSO READ | Serena donates ...`)."""
    return len(text) <= MAX_TEASER_LINE and bool(TEASER_LINE.match(text))


def is_share_bar(text: str) -> bool:
    """A block of share services' names only, its buttons' words run together or not
    (`CONNECTTWEETLINKEDINCOMMENTEMAILMORE`, `Facebook Twitter WhatsApp Email`)."""
    return bool(SHARE_BAR.fullmatch(NOT_WORD.sub("", text)))


def is_call_to_action(text: str) -> bool:
    """A short block asking the reader to follow, subscribe, tip off, donate or get an app: what sites
    print after a story (`Síguenos en Facebook`, `Get local news delivered to your inbox!`)."""
    return len(text) <= MAX_CALL and bool(CALL_TO_ACTION.search(text))


def page_lines(texts: Sequence[str]) -> set[int]:
    """Which of `texts` (a story's blocks, a reader's lines) are the page's, not the story's, by where
    they stand: datelines standing alone in the first lines, above its first long paragraph (below it,
    or on a page of short lines only, a short line with a date is the text's: a table's row, a
    schedule), and the run of calls to act that ends it."""
    first = next((i for i, text in enumerate(texts) if len(text) >= LONG_LINE), 0)
    datelines = {i for i, text in enumerate(texts[: min(first, HEAD_LINES)]) if is_dateline(text)}
    return datelines | set(range(trailer_start(texts), len(texts)))


def trailer_start(texts: Sequence[str]) -> int:
    """Where the run of calls to act that ends `texts` (a story's blocks or a reader's lines) begins:
    the site's lines after the story. Only at the end: before it, a block that says so is more likely the
    story's own sentence about a newsletter or an account."""
    end = len(texts)
    while end and (not texts[end - 1].strip() or is_call_to_action(" ".join(texts[end - 1].split()))):
        end -= 1
    return end
