"""Where a page shows readers its date: the text of its datelines, for the normalizer to read
(`newscrawl.normalize.datelines`).

CMSs print the story's date and time by the headline or the byline in an element named for it
(`ArticlePage-datePublished`, `publish-date`, `byline-date`, `posted-on`, `timestamp`, `entry-meta`) or
in a `<time>` whose text is what readers see (`10:01 pm PST, Tuesday, November 19, 2019`) while its
`datetime` may be UTC. The first few such texts that hold a year (or without one, a day and a clock:
`Posted Nov 18, 8:19 PM`, `Today 12:01 AM`) are candidates, in page order, from the page's first `<h1>`
(or a few elements before it in the same parent: a date above the headline) to the story's first block:
the story's header. A text outside it is a related story's, a comment's, or the site's "today" banner (a
page without an `<h1>` shows none); a text inside comments is not one either. Below the story, one text is
still a dateline when it says it is the publication's (`First published on Nov 20, 2019 01:38 pm`, in any
element: CMSs put it in a footer of their own): it comes last.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newscrawl.extract.content import text_of
from newscrawl.normalize.datelines import yearless_dateline

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from lxml.html import HtmlElement

DATELINE_CLASS = re.compile(r"date|time|posted|publish|byline|meta", re.I)
COMMENTS = re.compile(r"comment(?!ary)", re.I)
# Below the story, other stories' boxes too: their teasers may carry a label of their own.
ELSEWHERE = re.compile(r"comment(?!ary)|related|recirc|more-stories|read-?more|teaser", re.I)
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# The label of a publication time printed below the story; a related story's date carries none.
PUBLISHED_LABEL = re.compile(
    r"\W*(?:(?:first|originally)\s+published|published\s*(?:on|at|:)|publié\s+le|publicado\s+(?:em|el)"
    r"|veröffentlicht\s+am|pubblicato\s+il|опубликовано)",
    re.I,
)
MAX_TEXT, MAX_DATELINES = 100, 3  # a longer text is prose that mentions a date, not a dateline
# Elements before the `<h1>` that may still be the story's header, and after it when the story has no
# blocks to end the header.
ABOVE_HEADLINE, HEADER_WITHOUT_BLOCKS = 10, 100


def datelines(elements: list[HtmlElement], blocks: Sequence[HtmlElement]) -> tuple[str, ...]:
    """The texts of the datelines (`<time>` or a date's class) of the story's header, at most
    `MAX_DATELINES`; `elements` are the page's in document order, `blocks` the story's."""
    headline = next((index for index, element in enumerate(elements) if element.tag == "h1"), None)
    if headline is None:
        return ()
    first_block = blocks[0] if blocks else None
    end = next(
        (index for index in range(headline, len(elements)) if elements[index] is first_block),
        headline + HEADER_WITHOUT_BLOCKS,
    )
    header = elements[headline].getparent()
    above = [
        element
        for element in elements[max(headline - ABOVE_HEADLINE, 0) : headline]
        if header is not None and header in element.iterancestors()
    ]
    found: dict[str, None] = {}
    for text in dateline_texts([*above, *elements[headline : end + 1]]):
        found[text] = None
        if len(found) == MAX_DATELINES:
            break
    below = next(publication_footers(elements[end + 1 :]), None)
    return (*found, below) if below and below not in found else tuple(found)


def publication_footers(elements: Iterable[HtmlElement]) -> Iterator[str]:
    """The texts below the story that say they give its publication time (`PUBLISHED_LABEL`)."""
    for element in elements:
        if PUBLISHED_LABEL.match(element.text or "") and not in_comments(element, ELSEWHERE):
            text = words_of(element)
            if len(text) <= MAX_TEXT and YEAR.search(text):
                yield text


def dateline_texts(elements: Iterable[HtmlElement]) -> Iterator[str]:
    for element in elements:
        if element.tag != "time" and not DATELINE_CLASS.search(element.get("class", "")):
            continue
        text = words_of(element)
        dated = YEAR.search(text) or yearless_dateline(text)
        if len(text) <= MAX_TEXT and dated and not in_comments(element):
            yield text


def words_of(element: HtmlElement) -> str:
    """The element's text with its parts apart: CMSs print a dateline's day and time in elements of their
    own with nothing between (`<span>Nov 20 2019</span><span>4:29 AM EST</span>`), which the text of the
    whole glues into `Nov 20 20194:29 AM EST`."""
    if next(element.iterdescendants("script", "style"), None) is not None:
        return text_of(element)
    return " ".join(" ".join(element.itertext()).split())


def in_comments(element: HtmlElement, boxes: re.Pattern[str] = COMMENTS) -> bool:
    """Whether the element is in a comment thread (an element whose class or id names comments), or in
    another box `boxes` names."""
    return any(
        boxes.search(ancestor.get("class", "") + " " + ancestor.get("id", ""))
        for ancestor in element.iterancestors()
    )
