"""The byline a reader sees, where the page marks it up but declares no author in its head: microdata's
`itemprop="author"` (its `itemprop="name"` when it has one) and `<a rel="author">` links, the two
standard marks of an article's author that themes and CMSs write into the byline; else the element
whose class names it a byline or an author (`byline`, `c-byline__author-name`, `article-author`,
`td-post-author-name`, `author_name`, `author-line`), as nearly every news template names the one that
shows the reporter.

A comment's author and a photo's are marked the same way (schema.org `Comment` and `ImageObject` have an
`author`; comment templates sit in `comment`-named boxes, pictures in `<figure>`s), so marks inside a
comment or a picture are not the story's byline; nor are those inside a link, which is a card of another
story (its headline and its author's name, all one link). Last, a wire story's credit line names its
reporters ("(Reporting by ...; Editing by ...)").
"""

from __future__ import annotations

import copy
import re
from itertools import chain, takewhile
from typing import TYPE_CHECKING

from lxml import etree

from newscrawl.extract.content import text_of

if TYPE_CHECKING:
    from collections.abc import Iterator

    from lxml.html import HtmlElement

OTHER_ITEM = re.compile(r"(?:Comment|ImageObject|Photograph|VideoObject|MediaObject)$")
# A class or id token of comments: `comment`, `comments`, `comment-body`, `commentlist`, `user-comments`.
COMMENT = re.compile(r"(?:^|[\s/_-])comment(?:s|list)?(?:$|[\s_-])", re.IGNORECASE)
MICRODATA, REL_AUTHOR = '//*[@itemprop="author"]', '//a[contains(concat(" ", @rel, " "), " author ")]'
# A class token that is, or ends after `-` or `_` in, one of these words: the template's byline.
BYLINE_CLASS = re.compile(r"(?:^|(?<=[-_\s]))(?:byline|authors?|author[-_]?(?:name|link|line))(?=\s|$)", re.I)
# Elements that start a line of their own inside a byline.
LINE_TAGS = frozenset(
    ("br", "div", "p", "li", "ul", "ol", "dl", "dt", "dd", "h2", "h3", "h4", "h5", "h6", "section")
)
# A wire story's credit line, its last paragraph: "(Reporting by Jana Roe in Berlin and Tomas Example;
# Writing by Lena Probe; Editing by Max Mustermann)": the reporters and the writer, not the editors.
CREDITED = re.compile(
    r"^\s*\(?\s*(?:additional\s+)?(?:reporting|writing)\s+by\s+(.+?)\s*\)?\s*$", re.IGNORECASE
)
EDITING = re.compile(r"[;,]?\s*\b(?:editing|edited)\s+by\b.*$", re.IGNORECASE | re.DOTALL)  # what follows
IN_PLACE = re.compile(r"\s+in\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*")  # "in Berlin", "in New York"
MAX_CREDIT = 300
MAX_BYLINE = 80  # characters; longer text under an author mark is a bio or a whole author box


def marked_bylines(root: HtmlElement) -> tuple[str, ...]:
    """The texts of the page's author marks outside comments and pictures, microdata first, each once;
    not an author item typed as an organization (the newspaper, `<div itemprop="author" itemscope
    itemtype="https://schema.org/Organization">`), as in JSON-LD (sites/jsonld.py)."""
    marks = [*root.xpath(MICRODATA), *root.xpath(REL_AUTHOR)]
    people = (mark for mark in marks if "Organization" not in mark.get("itemtype", ""))
    texts = (byline_text(mark) for mark in people if not in_other_item(mark))
    return tuple(dict.fromkeys(text for text in texts if text and len(text) <= MAX_BYLINE))


def classed_bylines(root: HtmlElement) -> Iterator[str]:
    """The byline the page's template classes as one: the first classed element above the page's first
    `<h1>` in its block, else after it (from the page's top without one), then the classed elements
    inside it (`div.byline` holding `span.byline__author-name`), each text no longer than a byline.
    Only the first: later ones are sidebars and other stories' cards, and a story whose byline names an
    agency alone names nobody.
    A byline that also holds the date is read up to the date (`leading_lines`)."""
    headline = next(root.iter("h1"), None)
    following = headline.xpath("following::*") if headline is not None else root.iter()
    candidates = chain(above(headline) if headline is not None else (), following)
    group = next((element for element in candidates if is_classed_byline(element) and text_of(element)), None)
    if group is None:
        return
    inner = (element for element in group.iterdescendants() if is_classed_byline(element))
    texts = (leading_lines(lines_of(element)) for element in (group, *inner))
    yield from (text for text in texts if text)


def above(headline: HtmlElement) -> Iterator[HtmlElement]:
    """The elements before the headline in its own block (not the whole page above an `<h1>` placed in
    `<body>`), in document order: a template that prints "By Jana Roe" above the headline. Walked here,
    not by XPath (`preceding-sibling::*/descendant-or-self::*`): libxml2 merges each sibling's node-set
    into the result in quadratic time (20 000 spans before an `<h1>` took 2.4 s), and only the first
    byline is wanted."""
    parent = headline.getparent()
    if parent is None or parent.tag == "body":
        return iter(())
    siblings = reversed(list(headline.itersiblings(etree.Element, preceding=True)))
    return (element for sibling in siblings for element in sibling.iter(etree.Element))


def leading_lines(byline: str) -> str:
    """The byline's lines before the first that holds a digit, when the whole is too long for a byline:
    a template that prints the date, the time and its update under the names ("By Jana Roe and Tomas
    Example | Monday, November 18, 2019, 04:05 pm PT (07:05 pm ET)"); what follows the date is a
    section or a prompt ("Filed under | Health | Comment"). One long line is a bio."""
    if len(byline) <= MAX_BYLINE:
        return byline
    lines = byline.split(" | ")
    names = " | ".join(takewhile(lambda line: not any(char.isdigit() for char in line), lines))
    return names if len(names) <= MAX_BYLINE else ""


def is_classed_byline(element: HtmlElement) -> bool:
    """Whether the element's class names it a byline or an author, outside comments (a `comment-author`
    names a reader), pictures and links."""
    marks = element.get("class", "") if isinstance(element.tag, str) else ""
    if not BYLINE_CLASS.search(marks) or COMMENT.search(marks):
        return False
    return next(element.iterancestors("a"), None) is None and not in_other_item(element)


def lines_of(element: HtmlElement) -> str:
    """The element's words, its lines apart as a byline's parts are: a `<br>` or a block (`<div>`,
    `<p>`, `<li>`) inside it starts a new part ("by Jane Roe<br>Monday, May 4" is "by Jane Roe |
    Monday, May 4", not a name ending in "Monday"; "<div>By ERIC TUCKER</div><div>Associated Press
    </div>" is two parts), and its inline elements are words apart ("Jane Roe</a><span>Example")."""
    if next(element.iterdescendants(), None) is None:
        return text_of(element)
    element = copy.deepcopy(element)
    etree.strip_elements(element, "script", "style", with_tail=False)
    for inner in element.iterdescendants():
        apart = "\n" if inner.tag in LINE_TAGS else " "
        inner.text, inner.tail = apart + (inner.text or ""), apart + (inner.tail or "")
    lines = str(etree.tostring(element, method="text", encoding="unicode", with_tail=False)).splitlines()
    return " | ".join(" ".join(line.split()) for line in lines if line.strip())


def credited_bylines(root: HtmlElement) -> tuple[str, ...]:
    """The reporters and writers a wire story's credit line names (Reuters' "(Reporting by ...; Editing
    by ...)", as the papers that print its copy keep it), each without the place they reported from."""
    texts = (text_of(paragraph) for paragraph in root.iter("p"))
    credit = next(
        (text for text in texts if len(text) <= MAX_CREDIT and CREDITED.match(text.split(";")[0])), ""
    )
    found = (CREDITED.match(part) for part in EDITING.sub("", credit).split(";"))
    return tuple(IN_PLACE.sub("", match[1]) for match in found if match)


def byline_text(mark: HtmlElement) -> str:
    """What an author mark names: the `content` or text of its `itemprop="name"` (a `<meta>` in a
    `Person` item), else its own `content` (`<meta itemprop="author" content=...>`) or text."""
    names = mark.xpath('.//*[@itemprop="name"]')
    named = names[0] if names else mark
    content: str | None = named.get("content")
    return content.strip() if content else text_of(named)


def in_other_item(element: HtmlElement) -> bool:
    """Whether `element` marks the author of something else than the story: a comment (an item typed
    `Comment`, a box named for comments) or a picture, whose credit is its photographer."""
    for ancestor in element.iterancestors():
        if ancestor.tag in ("figure", "figcaption") or OTHER_ITEM.search(ancestor.get("itemtype", "")):
            return True
        if COMMENT.search(" ".join((ancestor.get("class", ""), ancestor.get("id", "")))):
            return True
    return False
