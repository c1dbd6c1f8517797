"""The standfirst (dek) of a page of unknown layout: what the page shows between its headline and its
story to sum the story up, as one sentence or two, or as a list of key points.

It is looked for there only: the same class names mark the teasers of other stories in the page's rails
and footers (`item__dek`, `top-stories-promo-story__summary`), a cookie banner's text or a comment form's
subtitle, and the first of those on the page is not this story's. Between the headline and the story it
is marked by a class name publishers give standfirsts, by showing the very description the page declares
(`og:description`) under a class of no known name (`sub-head`, `article-subline`), or the text that
description was cut from under a `lead` class, or as the subheading right after the headline; key
points by their list's class or the label shown above it ("Key points").
A sentence the story begins with is its first paragraph, not a summary of it, and so is one that opens
with a dateline or that the CMS cut short; a hidden one is not shown.
"""

from __future__ import annotations

import re
from itertools import takewhile
from typing import TYPE_CHECKING

from newscrawl.extract.content import is_sentence, text_of

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from lxml.html import HtmlElement

# A class token that is one of these words or ends in one after `-` or `_` (`story__standfirst`,
# `article-dek`, `post-chapo`): searched in the whole class attribute, a token ends before whitespace.
# Drupal's body field (`field-type-text-with-summary`) is the story, not a summary of it; `lead`, `subhead`
# and `subline` are not here: as many pages give them to the lead picture, a font or the byline.
# `blurb` and `teaser` only as a whole class (`<p class="blurb">`): `group-blog-blurb` holds a disclaimer,
# `node-teaser` another story's card. `podtitle` (Bosnian, Serbian), `chamada` and `linha-fina`
# (Portuguese) are the standfirst's name in other newsrooms.
STANDFIRST = re.compile(
    r"(?:^|(?<=[-_\s]))(?:standfirst|dek|deck|subtitle|sub-title|subheadline|sub-headline|strapline"
    r"|(?<!with-)summary|lede|intro|ingress|chapo|entradilla|sottotitolo|podtitle|chamada|linha-fina"
    r"|excerpt)(?=\s|$)|(?:^|\s)(?:blurb|teaser)(?=\s|$)",
    re.I,
)
# An excerpt cut short by the CMS (`…plague,...`, `…the […]`): the start of the story, not a summary of it.
CUT_SHORT = re.compile(r"[\w,;](?:\.{3}|\u2026)$|\[(?:\.{3}|\u2026)\]$")
# A place, maybe an agency, and a full stop or a dash the text opens with ("Westerkappeln. „Der…",
# "Londres - Manchester United…", "WASHINGTON (AP) — "): a story's first paragraph opens with its
# dateline, a summary of the story does not. Five letters or more: "Prof. ", "Dr. " open a sentence.
DATELINE = re.compile(r"^[A-Z\u00c0-\u00de][\w-]{4,}(?: \([A-Z]{2,5}\))?(?:\.| [-\u2013\u2014]) ")
# A list of the story's key points (`summary-list`, `RenderKeyPoints-wrapper`, Drupal's
# `field--name-field-highlights`): each item of it is one point of the summary.
KEY_POINTS = re.compile(r"summary-list|key-?points|highlights|takeaways", re.I)
# The label a list of key points is shown under, in the languages of the pages read, its whole text.
KEY_POINTS_LABEL = re.compile(
    r"(?:key (?:points|takeaways|facts)|in brief|highlights|at a glance|das wichtigste in k\u00fcrze"
    r"|auf einen blick|en bref|l'essentiel|lo m\u00e1s importante|en resumen|in sintesi|em resumo"
    r"|in het kort)\s*:?",
    re.I,
)
LEAD = re.compile(r"(?:^|[-_\s])lead(?=\s|$)", re.I)
HIDDEN = re.compile(r"(?:^|\s)(?:hide|hidden|d-none|sr-only|visually-hidden)(?:\s|$)|display:\s*none", re.I)
# Where a sentence under a standfirst's class name is the page's, not the story's: a cookie banner
# (`alert-summary`), a newsletter box, a comment form's dialog.
NOT_STORY = re.compile(r"cookie|consent|gdpr|alert|modal|newsletter|subscri", re.I)
BYLINE = re.compile(r"byline|author|date", re.I)
WORD = re.compile(r"\w+")
MIN_WORDS = 6  # words of a standfirst; fewer make a label ("Daily Legal News - New Corporations")
ENDINGS = ".…"  # what an excerpt cut short ends with


def standfirst(
    elements: list[HtmlElement], headline: str, blocks: list[HtmlElement], declared: Iterable[str]
) -> list[HtmlElement]:
    """The standfirst's element, or each item of its list of key points; none when the page shows none.

    `elements` are the page's in document order, `headline` its headline, `blocks` the story's and
    `declared` the descriptions the page declares."""
    descriptions = {words_of(text) for text in declared if len(WORD.findall(text)) >= MIN_WORDS}
    # What a standfirst may not repeat: the headline, the story's start (three blocks hold any dek).
    starts = (words_of(headline), words_of(" ".join(map(text_of, blocks[:3]))))
    shown = headline_element(elements, headline)
    subheading = next_heading(shown)
    for element in between(elements, shown, blocks):
        listed = key_points(element)
        if listed is not None:
            points = [item for item in items_of(listed) if is_point(item, text_of(item), starts)]
            if points:
                return points
        marks = element.get("class", "")
        text = text_of(element)
        words = words_of(text)
        # A `lead` opened by a description, which may be cut short ("…who combines her..."): the lead
        # set apart before the story (`b-article__lead`), not the lead picture (`ArticlePage-lead`).
        described = words in descriptions or (LEAD.search(marks) and words.startswith(tuple(descriptions)))
        marked = STANDFIRST.search(marks) or described or element is subheading
        if marked and is_point(element, text, starts):
            return [element]
    return []


def key_points(element: HtmlElement) -> HtmlElement | None:
    """The list of key points the element is (by its class), or the `<ul>`/`<ol>` right after it that it
    labels ("Key points", "Das Wichtigste in Kürze", "En bref"): a label of no known class."""
    if KEY_POINTS.search(element.get("class", "")):
        return element
    after = element.getnext()
    labelled = after is not None and after.tag in ("ul", "ol")
    return after if labelled and KEY_POINTS_LABEL.fullmatch(text_of(element)) else None


def next_heading(headline: HtmlElement | None) -> HtmlElement | None:
    """The `<h2>` or `<h3>` right after the headline, of no byline's class: a standfirst set as a
    subheading, whatever its class (`news-stit`, none)."""
    after = headline.getnext() if headline is not None else None
    while after is not None and not isinstance(after.tag, str):  # a comment
        after = after.getnext()
    if after is None or after.tag not in ("h2", "h3") or BYLINE.search(after.get("class", "")):
        return None
    return after


def between(
    elements: list[HtmlElement], headline: HtmlElement | None, blocks: list[HtmlElement]
) -> Iterator[HtmlElement]:
    """The elements after the headline and before the story's first block, without those that hold the
    story (its container and theirs), and without hidden ones: where a page puts its standfirst."""
    if headline is None or not blocks:
        return
    first = blocks[0]
    holders = set(first.iterancestors())
    started = False
    for element in elements:
        if element is first:
            return
        if started and element not in holders and not HIDDEN.search(visibility(element)):
            yield element
        started = started or element is headline


def visibility(element: HtmlElement) -> str:
    return f"{element.get('class', '')} {element.get('style', '')}"


def items_of(element: HtmlElement) -> list[HtmlElement]:
    """A list's items: its `<li>`s, else the elements its CMS classes as items (`field--item`)."""
    items = list(element.iter("li"))
    return items or [item for item in element.iter() if re.search(r"[-_]item(?:\s|$)", item.get("class", ""))]


def is_point(element: HtmlElement, text: str, starts: tuple[str, ...]) -> bool:
    """A sentence of prose (not a label, not a list of links) that neither the headline nor the story
    begins with (a key point may quote a later sentence of the story), not cut short nor opening with a
    dateline, outside a banner or a form."""
    return (
        len(WORD.findall(text)) >= MIN_WORDS
        and not CUT_SHORT.search(text)
        and not DATELINE.match(text)
        and is_sentence(element, text)
        and not any(start.startswith(words_of(text)) for start in starts)
        and not any(NOT_STORY.search(box.get("class", "")) for box in boxes_of(element))
    )


def boxes_of(element: HtmlElement) -> Iterator[HtmlElement]:
    """The element and those around it inside `<body>` (whose classes name the page's state: a
    `subType-unsubscribed` reader, `consent-management-enabled`)."""
    yield element
    yield from takewhile(lambda box: box.tag != "body", element.iterancestors())


def words_of(text: str) -> str:
    """Text compared without its spacing, which markup changes (`oldu.Olay` in a dek, `oldu. Olay` in
    the story's first paragraph), nor an excerpt's closing dots."""
    return "".join(text.split()).rstrip(ENDINGS)


def headline_element(elements: list[HtmlElement], headline: str) -> HtmlElement | None:
    """The `<h1>` that shows the headline (a page may hold others: a sign-up form's), else the first."""
    h1s = [element for element in elements if element.tag == "h1"]
    shown = (h1 for h1 in h1s if (text := text_of(h1)) and (text in headline or headline in text))
    return next(shown, h1s[0] if h1s else None)
