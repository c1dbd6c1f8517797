"""Where the story is on a page of unknown layout, and its blocks in reading order.

The container is the element holding the most paragraph text of its own (readability's idea, scored on
the paragraphs' parents and, at half weight, grandparents), outside what pages put around a story
(`boilerplate`), widened to the sections of the story it is one of. Its blocks are the paragraphs (and
`<div>`s used as paragraphs), list items, table rows, subheads and quotes inside it, minus those that
are mostly links (a list of teasers) or inside such an element.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from lxml import etree

from newscrawl.extract.boilerplate import METADATA_PROPS, in_boilerplate, is_boilerplate
from newscrawl.extract.pagelines import is_widget_text, page_lines

if TYPE_CHECKING:
    from collections.abc import Iterator

    from lxml.html import HtmlElement

BLOCK_TAGS = frozenset({"p", "h2", "h3", "h4", "blockquote", "pre"})
# Elements that are a block only when they hold no block of their own: a `<div>` used as a paragraph, a
# list item, a table row (a story's list of steps or table of results reads as its text).
LEAF_TAGS = frozenset({"div", "li", "tr"})
MIN_PARAGRAPH = 25  # characters: shorter paragraphs (datelines, "Advertisement") score nothing
BLOCK_CHILDREN = frozenset(
    {"p", "div", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article",
     "header", "footer", "nav", "aside", "figure", "form", "pre", "main"}
)  # fmt: skip
LINK_HEAVY = 0.5  # a block whose text is mostly link text is a teaser list or a menu
MIN_SENTENCE_WORDS = 6  # fewer words make a label ("Trending Now on NYPost.com"), not a standfirst
# A list of at least this many items, each with a link, the links this share of its text, is a list of
# related stories written as sentences ("YouTubers must unionize, <a>no matter what Google says</a>").
TEASER_ITEMS, TEASER_LINKS = 3, 0.4
# How far above the densest element a story split into sibling sections of one kind is looked for, and
# how much paragraph text those sections hold together, as a share of the densest one's.
TWIN_LEVELS, TWIN_SHARE = 2, 0.5
# Paragraphs of prose beside the densest element that make it part of the story, not all of it, and what
# makes a paragraph prose: at least this long (shorter ones are captions, datelines, links), at most this
# share of it in links.
LEAD_PARAGRAPHS, LONG_PARAGRAPH, PROSE_LINKS = 2, 80, 0.25


def text_of(element: HtmlElement) -> str:
    """The element's words; a script's or style sheet's text inside it is code, not prose."""
    if next(element.iterdescendants("script", "style"), None) is not None:
        element = copy.deepcopy(element)
        etree.strip_elements(element, "script", "style", with_tail=False)
    return " ".join(etree.tostring(element, method="text", encoding="unicode", with_tail=False).split())


def link_text_share(element: HtmlElement, text: str) -> float:
    linked = sum(len(text_of(link)) for link in element.iter("a"))
    return linked / max(len(text), 1)


def is_sentence(element: HtmlElement, text: str) -> bool:
    """Whether `text` reads as a sentence of prose: six words or more, and not mostly link text."""
    return len(text.split()) >= MIN_SENTENCE_WORDS and link_text_share(element, text) <= LINK_HEAVY


def is_text_div(element: HtmlElement) -> bool:
    """A `<div>` used as a paragraph (some sites write no `<p>`), or a list item or table row of text: it
    holds no block of its own (nor, for a row, in its cells: a layout table's rows hold whole pages). A
    custom element (`<ps-promo>`) counts as a block: a web component is a widget, not a word."""
    inside = [part for cell in element for part in cell] if element.tag == "tr" else list(element)
    return not any(
        isinstance(child.tag, str) and (child.tag in BLOCK_CHILDREN or "-" in child.tag) for child in inside
    )


def main_container(root: HtmlElement) -> HtmlElement:
    """The element that holds the story's paragraphs; the page itself when none stands out."""
    return whole_story(densest_element(root))


def whole_story(container: HtmlElement) -> HtmlElement:
    """The element holding the container and its twins when the story is split into sibling sections of
    one kind (a `div.StoryBodyCompanionColumn` between each pair of ad slots): the one with the most
    paragraph text holds only part of it. Its parent too when paragraphs of prose stand beside it: the
    story's lead, written before the element holding the rest."""
    parent = container.getparent()
    if parent is not None and sum(map(is_prose, parent)) >= LEAD_PARAGRAPHS + is_prose(container):
        return parent
    node = container
    for _ in range(TWIN_LEVELS):
        parent = node.getparent()
        if parent is None:
            break
        if has_twins(node):
            return parent
        node = parent
    return container


def has_twins(node: HtmlElement) -> bool:
    """Whether sections of the node's tag and class beside it hold the rest of the story: together at
    least `TWIN_SHARE` of its paragraph text, or one before it a paragraph's worth (the story's lead). A
    section after it holding much less is not a twin but an appendix (a company's "About us" after its
    press release)."""
    before = [twin for twin in node.itersiblings(preceding=True) if is_twin(twin, node)]
    after = [twin for twin in node.itersiblings() if is_twin(twin, node)]
    if not before and not after:
        return False
    if sum(map(prose_chars, before + after)) >= TWIN_SHARE * prose_chars(node):
        return True
    return any(prose_chars(twin) >= LONG_PARAGRAPH for twin in before)


def is_prose(element: HtmlElement) -> bool:
    """A paragraph (or a `<div>` used as one) of prose: long, few links, not a widget by its class."""
    if element.tag != "p" and (element.tag != "div" or not is_text_div(element)):
        return False
    text = text_of(element)
    return (
        len(text) >= LONG_PARAGRAPH
        and link_text_share(element, text) < PROSE_LINKS
        and not is_boilerplate(element)
    )


def is_twin(element: HtmlElement, node: HtmlElement) -> bool:
    return element.tag == node.tag and bool(node.get("class")) and element.get("class") == node.get("class")


def prose_chars(element: HtmlElement) -> int:
    """Characters of the paragraphs long enough to score, inside `element` and not around a story."""
    paragraphs = (paragraph for paragraph in element.iter("p") if not in_boilerplate(paragraph, element))
    return sum(size for paragraph in paragraphs if (size := len(text_of(paragraph))) >= MIN_PARAGRAPH)


def densest_element(root: HtmlElement) -> HtmlElement:
    """The element with the most paragraph text of its own; the page itself when none has any."""
    scores: dict[HtmlElement, float] = {}
    story = story_article(root)
    for paragraph in root.iter("p", "div"):
        if paragraph.tag == "div" and not is_text_div(paragraph):
            continue
        text = text_of(paragraph)
        if len(text) < MIN_PARAGRAPH or in_boilerplate(paragraph, root):
            continue
        if in_other_article(paragraph, story):
            continue
        weight = len(text) * (1 - link_text_share(paragraph, text))
        parent = paragraph.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0) + weight
            grandparent = parent.getparent()
            if grandparent is not None:
                scores[grandparent] = scores.get(grandparent, 0) + weight / 2
    return max(scores, key=scores.__getitem__) if scores else root


def story_article(root: HtmlElement) -> HtmlElement | None:
    """The `<article>` that holds the page's `<h1>` and the most paragraph text of the page's articles
    (each counting the paragraphs of its own, not of articles inside it); none when the `<h1>` is
    elsewhere or heads a card (a featured story's teaser above the story)."""
    own: dict[HtmlElement, int] = {}
    for paragraph in root.iter("p"):
        article = next(paragraph.iterancestors("article"), None)
        if article is not None:
            own[article] = own.get(article, 0) + len(text_of(paragraph))
    fullest = max(own, key=own.__getitem__, default=None)
    headed = (article for h1 in root.iter("h1") for article in h1.iterancestors("article"))
    return fullest if fullest is not None and fullest in headed else None


def in_other_article(paragraph: HtmlElement, story: HtmlElement | None) -> bool:
    """Whether the paragraph is inside an `<article>` but not the story's: a card of another story (a
    related post with its first paragraph)."""
    articles = list(paragraph.iterancestors("article"))
    return story is not None and bool(articles) and story not in articles


def story_blocks(container: HtmlElement) -> list[HtmlElement]:
    """The container's paragraphs, subheads and quotes in reading order, without nested repeats (a `p`
    inside a kept `blockquote`), boilerplate, blocks that are mostly links, or what is in the items of a
    list of other stories (their headlines as `<h4>`s)."""
    kept: dict[HtmlElement, None] = {}  # in reading order
    teasers: dict[HtmlElement, bool] = {}  # each list's verdict, asked by each of its items
    for element in container.iter(*BLOCK_TAGS, *LEAF_TAGS):
        if element.tag in LEAF_TAGS and (element is container or not is_text_div(element)):
            continue
        if not kept.keys().isdisjoint(element.iterancestors(*BLOCK_TAGS, *LEAF_TAGS)):
            continue
        text = text_of(element)
        if not text or is_widget_text(text) or in_boilerplate(element, container):
            continue
        if element.get("itemprop") in METADATA_PROPS:
            continue
        if element.tag in ("p", *LEAF_TAGS) and link_text_share(element, text) > LINK_HEAVY:
            continue
        if in_teaser_item(element, container, teasers):
            continue
        kept[element] = None
    return without_page_lines(list(kept))


def without_page_lines(blocks: list[HtmlElement]) -> list[HtmlElement]:
    """The blocks without those that are the page's by where they stand (`pagelines.page_lines`): a
    dateline above the story, the calls to act (follow us, get the newsletter) it ends with."""
    dropped = page_lines([text_of(block) for block in blocks])
    return [block for i, block in enumerate(blocks) if i not in dropped]


def in_teaser_item(element: HtmlElement, container: HtmlElement, verdicts: dict[HtmlElement, bool]) -> bool:
    """Whether the block is in an item of a list of other stories: an item that is mostly links (a
    headline as `<h4><a>`), or any item of a teaser list (`verdicts` keeps each list's)."""
    item = item_of(element, container)
    if item is None:
        return False
    items = item.getparent()
    if items not in verdicts:
        verdicts[items] = is_teaser_list(items)
    return verdicts[items] or is_link_heavy(item)


def item_of(element: HtmlElement, container: HtmlElement) -> HtmlElement | None:
    """The list item that holds (or is) the block, below the container."""
    node: HtmlElement | None = element
    while node is not None and node is not container:
        if node.tag == "li":
            return node
        node = node.getparent()
    return None


def is_link_heavy(element: HtmlElement) -> bool:
    return link_text_share(element, text_of(element)) > LINK_HEAVY


def is_teaser_list(items: HtmlElement) -> bool:
    """Whether a list is a list of links to other stories, each item a headline with its link."""
    entries = [entry for entry in items if entry.tag == "li"]
    return (
        len(entries) >= TEASER_ITEMS
        and all(entry.find(".//a") is not None for entry in entries)
        and link_text_share(items, text_of(items)) >= TEASER_LINKS
    )


def line_lengths(root: HtmlElement) -> Iterator[int]:
    """The lengths of the runs of text between the `<br>`s of each element but a `<p>` (counted whole)."""
    lined = {parent for br in root.iter("br") if (parent := br.getparent()) is not None and parent.tag != "p"}
    for parent in lined:
        yield from (len(run.strip()) for run in (parent.text, *(child.tail for child in parent)) if run)
