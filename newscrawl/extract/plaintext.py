"""Plain-text bodies from elsewhere than the page's blocks, made comparable with them: the `articleBody` a
page declares (meant as text, sometimes markup) and a second reader's text (which repeats the headline and
may read other stories' cards).
"""

from __future__ import annotations

import re
from html import escape, unescape

from lxml import etree
from lxml.html import fragment_fromstring

from newscrawl.extract.pagelines import is_widget_text, page_lines

TAG = re.compile(r"</?[a-z][a-z0-9]*[\s/>]", re.I)  # markup in a declared body
ESCAPED_TAG = re.compile(r"&lt;/?[a-z][a-z0-9]*(?:[\s/]|&gt;)", re.I)
HEADLINE_LINES = 3  # a reader's first lines, where it may repeat the headline (after a kicker or two)


def declared_text(declared: str) -> str:
    """A declared `articleBody` as the text a reader sees: it is meant as plain text, but some CMSs write
    their markup into it, even entity-escaped (`&lt;div align=&quot;center&quot;&gt;&lt;img ...`)."""
    markup = unescape(declared) if ESCAPED_TAG.search(declared) else declared
    if not TAG.search(markup):
        return declared
    root = fragment_fromstring(markup, create_parent="div")
    etree.strip_elements(root, "script", "style", with_tail=False)
    return str(root.text_content())


def after_headline(text: str, headline: str) -> str:
    """A reader's text without the headline it starts with, nor the labels above it (`Review`, a
    section's name): they are the title, not the body, and would count as text the blocks missed."""
    lines = text.splitlines()
    wanted = " ".join(headline.split())
    found = (i + 1 for i, line in enumerate(lines[:HEADLINE_LINES]) if " ".join(line.split()) == wanted)
    return "\n".join(lines[next(found, 0) :]) if wanted else text


def without_lines(text: str, dropped: set[str]) -> str:
    """`text` without the lines that are, spacing aside, one of `dropped`."""
    return "\n".join(line for line in text.splitlines() if " ".join(line.split()) not in dropped)


def reader_text(text: str, headline: str, cards: set[str]) -> str:
    """A second reader's text as the story's blocks would read it: without the headline it starts with,
    the lines of other stories' `cards`, widgets' lines (labels, share bars, "Also read: ..."), nor the
    page's lines around the story (a dateline above it, calls to act after it), which the blocks leave
    out too (else the reader's text would look longer for them)."""
    lines = without_lines(after_headline(text, headline), cards).splitlines()
    lines = [line for line in lines if not is_widget_text(" ".join(line.split()))]
    dropped = page_lines([" ".join(line.split()) for line in lines])
    return "\n".join(line for i, line in enumerate(lines) if i not in dropped)


def paragraphs(text: str) -> tuple[str, ...]:
    """Plain text as body blocks, a paragraph a line."""
    return tuple(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip())
