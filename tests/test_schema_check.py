"""Every line written validates against the shipped schema: the compiled check agrees with `jsonschema`,
an invalid article is dropped and counted, and relative links are made absolute before the check."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from newscrawl.pipelines.schema import SchemaPipeline, record_check, shipped_check
from tests.server import Reply, RouteServer
from tests.support import (
    exported,
    item_from_fixture,
    read_jsonl,
    run_pipelines,
    schema_validator,
    scrapy_crawl,
)
from tests.test_bad_input import article_html, listing_html
from tests.test_pipelines import RAW

if TYPE_CHECKING:
    from pathlib import Path

SECTION = "/news24/world/news"

ARTICLE = item_from_fixture("news24", "article")
URL = ARTICLE["url"]


def jsonschema_invalid(record: dict[str, Any]) -> list[str]:
    """The keys `jsonschema` finds fault with, as the compiled check names them."""
    keys = set()
    for error in schema_validator().iter_errors(record):
        if error.validator == "additionalProperties":
            keys |= set(record) - set(error.schema["properties"])
        elif error.validator == "required":
            keys |= {name for name in error.validator_value if name not in record}
        else:
            keys.add(str(error.absolute_path[0]))
    return sorted(keys)


@pytest.mark.parametrize(
    ("changes", "invalid"),
    [
        ({}, []),
        ({"canonical_url": "/news24/world/x-20220216"}, ["canonical_url"]),  # relative
        ({"url": "ftp://n.example/x"}, ["url"]),
        ({"title": ""}, ["title"]),
        ({"title": None}, ["title"]),
        ({"summary": ["One", ""]}, ["summary"]),
        ({"related_urls": ["javascript:void(0)"]}, ["related_urls"]),
        ({"published_at": "16 Feb 2022"}, ["published_at"]),
        ({"published_at": None, "published_at_source": None, "published_at_precision": None}, []),
        ({"published_at_source": "guess"}, ["published_at_source"]),
        ({"version": 0}, ["version"]),
        ({"version": True}, ["version"]),  # JSON true is not an integer
        ({"version": 2.5}, ["version"]),
        ({"schema_version": 2}, ["schema_version"]),
        ({"schema_version": True}, ["schema_version"]),
        ({"content_hash": "ABC"}, ["content_hash"]),
        ({"tags": "politics"}, ["tags"]),
        ({"crawled_at": "2022-02-16T13:45:07+02:00"}, ["crawled_at"]),
        ({"extra": 1}, ["extra"]),  # additionalProperties: false
    ],
)
def test_the_compiled_check_agrees_with_jsonschema(changes: dict[str, Any], invalid: list[str]) -> None:
    record = {**ARTICLE, **changes}
    assert sorted(shipped_check()(record)) == jsonschema_invalid(record) == invalid


def test_a_missing_key_is_invalid() -> None:
    record = {name: value for name, value in ARTICLE.items() if name != "language"}
    assert shipped_check()(record) == jsonschema_invalid(record) == ["language"]


@pytest.mark.parametrize(
    ("site_dir", "name"),
    [("news24", "article"), ("news24", "article-textonly"), ("tinytimes", "story"),
     ("generic", "courier-story"), ("generic", "notes-post")],
)  # fmt: skip
def test_every_fixture_article_passes_both_checks(site_dir: str, name: str) -> None:
    record = item_from_fixture(site_dir, name)
    assert shipped_check()(record) == jsonschema_invalid(record) == []


CLOSED = {"type": "object", "required": [], "properties": {}, "additionalProperties": False}


@pytest.mark.parametrize(
    ("schema", "problem"),
    [
        ({**CLOSED, "properties": {"a": {"format": "uri"}}}, "['format']"),
        ({"type": "object", "required": [], "properties": {}}, "an open object"),
        ({**CLOSED, "allOf": []}, "['allOf']"),
    ],
)  # fmt: skip
def test_a_keyword_the_check_cannot_enforce_fails_its_build(schema: dict[str, Any], problem: str) -> None:
    with pytest.raises(ValueError, match=f"^the schema check cannot enforce {re.escape(problem)}$"):
        record_check(schema)


def test_the_pipeline_drops_an_invalid_article_and_counts_the_field() -> None:
    crawler = get_crawler()
    assert crawler.stats is not None
    crawler.stats.open_spider()
    item = run_pipelines(RAW)
    item.published_at = "16 Feb 2022"
    expected = r"^invalid_published_at: https://n\.example/\S+ \(published_at='16 Feb 2022'\)$"
    with pytest.raises(DropItem, match=expected):
        SchemaPipeline.from_crawler(crawler).process_item(item)
    assert crawler.stats.get_value("newscrawl/dropped/invalid_published_at") == 1


def test_relative_canonical_and_related_links_are_made_absolute() -> None:
    raw = replace(
        RAW,
        canonical_url="/news24/World/x-20220216?utm_medium=rss",
        related_urls=("../a-20220215#c", "javascript:void(0)", "mailto:desk@n.example", "//m.n.example/b"),
    )
    record = exported(run_pipelines(raw))
    assert record["canonical_url"] == "https://n.example/news24/World/x-20220216"
    assert record["related_urls"] == ["https://n.example/news24/a-20220215", "https://m.n.example/b"]
    assert shipped_check()(record) == jsonschema_invalid(record) == []


@pytest.mark.integration
def test_a_relative_canonical_link_names_the_article_it_points_to(tmp_path: Path) -> None:
    """The listing links the story with a `ref` parameter; the page's canonical link, relative to its
    path, names it without one. Both fetches give one line, whose canonical URL is the absolute one."""
    head = '<head><link rel="canonical" href="one-20220216"></head>'
    page = Reply(article_html("One").replace("<body>", f"{head}<body>"))
    routes = {SECTION: Reply(listing_html([f"{SECTION}/one-20220216?ref=home"])),
              f"{SECTION}/one-20220216?ref=home": page, f"{SECTION}/one-20220216": page}  # fmt: skip
    profile = ("-s", "NEWSCRAWL_SITE_MODULES=tests.sites.relative", "-a", "site=relativenews")
    with RouteServer(routes) as server:
        start = f"start_urls={server.base_url}{SECTION}"
        result = scrapy_crawl(tmp_path, "-a", start, *profile, "-O", "out.jsonl")
        records = read_jsonl(tmp_path / "out.jsonl")  # each checked against the schema
        assert result.returncode == 0, result.stderr
        assert [record["canonical_url"] for record in records] == [f"{server.base_url}{SECTION}/one-20220216"]
