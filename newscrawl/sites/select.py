"""Selector shortcuts for the selectors that dominate a profile's cost on real 100 kB pages.

cssselect turns `a.article__tag` into an XPath that runs `normalize-space()` and `concat()` on the
class attribute of every `<a>` in the document; a page with a 500-link mega-menu pays that on each.
"""

from __future__ import annotations

import re

from parsel import Selector, SelectorList

# XPath's whitespace, which is what cssselect's translation splits class attributes on.
CLASS_SEPARATOR = re.compile("[ \t\n\r]+")


def with_class(selector: Selector | SelectorList[Selector], tag: str, name: str) -> SelectorList[Selector]:
    """Exactly what CSS `tag.name` selects below `selector`, in document order, about twice as fast:
    XPath `contains()` narrows the candidates in C, then the class token is checked in Python."""
    candidates = selector.xpath(f'descendant-or-self::{tag}[contains(@class, "{name}")]')
    return SelectorList(s for s in candidates if name in CLASS_SEPARATOR.split(s.root.get("class", "")))
