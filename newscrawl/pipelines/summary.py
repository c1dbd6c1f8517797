"""The bullet-point summary as a list of clean strings; an article without bullets gets `[]`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newscrawl.normalize.text import fragments_to_texts

if TYPE_CHECKING:
    from newscrawl.items import Article


class SummaryPipeline:
    def process_item(self, item: Article) -> Article:
        item.summary = fragments_to_texts(item.raw.summary)
        return item
