"""The Article exporter writes exactly the bytes Scrapy's JSON Lines exporter writes, and defers to it
for everything it does not handle itself."""

from __future__ import annotations

import io
from typing import Any

import pytest
from scrapy.exporters import JsonLinesItemExporter

from newscrawl.export.exporters import ArticleJsonLinesExporter
from newscrawl.items import EXPORTED_FIELDS, Article
from newscrawl.sites.registry import site_named
from tests.support import fixture_page, run_pipelines


def reference_article() -> Article:
    """The reference page through every pipeline, plus the characters JSON encoders disagree on."""
    site_name, page = fixture_page("news24", "article")
    article = run_pipelines(site_named(site_name).article(page))
    article.title += ' "quoted" \\ back\u2028slash \u00e9\U0001f600 </script>'
    article.previous_content_hash = None
    return article


def lines(exporter_class: type[JsonLinesItemExporter], items: list[Any], **options: Any) -> bytes:
    out = io.BytesIO()
    exporter = exporter_class(out, **options)
    exporter.start_exporting()
    for item in items:
        exporter.export_item(item)
    exporter.finish_exporting()
    return out.getvalue()


@pytest.mark.parametrize(
    "options",
    [
        {"fields_to_export": list(EXPORTED_FIELDS), "encoding": "utf-8"},
        {"fields_to_export": list(EXPORTED_FIELDS)},  # no encoding: ASCII escapes, as Scrapy
        {"fields_to_export": ["title", "id", "version"], "encoding": "latin-1"},
        {"fields_to_export": ["title", "no_such_field"], "encoding": "utf-8"},  # Scrapy skips it
        {"fields_to_export": {"title": "headline", "id": "key"}, "encoding": "utf-8"},  # renames
        {"fields_to_export": None, "encoding": "utf-8"},  # every field, `raw` and `fetch` too
        {"fields_to_export": list(EXPORTED_FIELDS), "export_empty_fields": True, "encoding": "utf-8"},
    ],
)
def test_same_bytes_as_scrapy(options: dict[str, Any]) -> None:
    article = reference_article()
    items = [article, {"title": "a dict item", "id": "x"}, article]
    if options.get("encoding") == "latin-1":
        article.title = "Caf\u00e9"
    ours = lines(ArticleJsonLinesExporter, items, **options)
    assert ours == lines(JsonLinesItemExporter, items, **options)
    assert ours.count(b"\n") == 3


def test_direct_path_only_for_a_list_of_article_fields() -> None:
    exporter = ArticleJsonLinesExporter(io.BytesIO(), fields_to_export=list(EXPORTED_FIELDS))
    assert exporter.article_fields == EXPORTED_FIELDS
    for fields in (None, {"title": "headline"}, ["title", "no_such_field"]):
        assert ArticleJsonLinesExporter(io.BytesIO(), fields_to_export=fields).article_fields is None
