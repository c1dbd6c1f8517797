"""The JSON Lines exporter for `Article` items: the same bytes as Scrapy's, at about a third of the cost.

Scrapy's `JsonLinesItemExporter` wraps every item in an `ItemAdapter`, and for each field checks its
presence and looks up its metadata for a serializer; for an `Article` (a dataclass whose fields are
always present and have no serializers) that is most of the line's cost. This exporter builds the
line's dict straight from the attributes when the feed names its fields as a list of `Article` fields
(newscrawl's `FEED_EXPORT_FIELDS`), and leaves every other case to Scrapy's code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from functools import cached_property
from typing import Any

from scrapy.exporters import JsonLinesItemExporter

from newscrawl.items import Article

ARTICLE_FIELDS = frozenset(f.name for f in fields(Article))


class ArticleJsonLinesExporter(JsonLinesItemExporter):
    """`FEED_EXPORTERS = {"jsonlines": <this>, "jsonl": <this>, "jl": <this>}`."""

    def export_item(self, item: Any) -> None:
        names = self.article_fields
        if names is None or not isinstance(item, Article):
            super().export_item(item)
            return
        line = self.encoder.encode({name: getattr(item, name) for name in names}) + "\n"
        self.file.write(line.encode(self.encoding or "utf-8"))

    @cached_property
    def article_fields(self) -> tuple[str, ...] | None:
        """The fields to write, when they are a list of `Article` fields (any field of an `Article` is
        always present, so Scrapy's empty-field rules do not apply); None sends items to Scrapy's path."""
        chosen = self.fields_to_export
        if chosen is None or isinstance(chosen, Mapping) or not ARTICLE_FIELDS.issuperset(chosen):
            return None
        return tuple(chosen)
