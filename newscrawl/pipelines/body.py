"""The body as paragraphs of clean text separated by one blank line, the shape readers copy."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newscrawl.normalize.text import fragments_to_texts

if TYPE_CHECKING:
    from newscrawl.items import Article

PARAGRAPH_SEPARATOR = "\n\n"


class BodyPipeline:
    def process_item(self, item: Article) -> Article:
        item.body = PARAGRAPH_SEPARATOR.join(fragments_to_texts(item.raw.body))
        return item
