"""The one-line fields: title, section, tags, authors and language, as plain text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newscrawl.normalize.text import fragment_to_text, fragments_to_texts

if TYPE_CHECKING:
    from newscrawl.items import Article


def primary_language(tag: str | None) -> str | None:
    """`en-ZA` and `EN` both mean `en` to a downstream filter; region variants are not tracked."""
    subtag = (tag or "").strip().split("-")[0].split("_")[0].lower()
    return subtag or None


class MetadataPipeline:
    def process_item(self, item: Article) -> Article:
        raw = item.raw
        item.title = fragment_to_text(raw.title or "")
        item.section = fragment_to_text(raw.section or "") or None
        item.tags = list(dict.fromkeys(fragments_to_texts(raw.tags)))
        item.authors = list(dict.fromkeys(fragments_to_texts(raw.authors)))
        item.language = primary_language(raw.language)
        return item
