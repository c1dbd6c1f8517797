"""A second layout, loaded through NEWSCRAWL_SITE_MODULES, crawled by the unchanged spider and pipelines."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from tests.server import Reply, RouteServer
from tests.support import CONTRACT_FIELDS, FIXTURES, read_jsonl, scrapy_crawl

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.integration

STORY = (FIXTURES / "tinytimes/story.html").read_text(encoding="utf-8")


def index_html(paths: list[str], older: str | None) -> str:
    links = "".join(f'<li><a class="story-link" href="{path}">x</a></li>' for path in paths)
    more = f'<a class="older" href="{older}">Older</a>' if older else ""
    about = '<li><a href="/about">About</a></li>'
    return f'<html lang="de"><body><ol class="stories">{links}{about}</ol>{more}</body></html>'


def short_story(title: str) -> str:
    return (
        f'<html lang="de"><head><meta name="date" content="2023-04-30T12:00:00+02:00"></head><body>'
        f'<article class="story"><h2 class="story-title">{title}</h2>'
        f'<div class="story-text"><p>{title}.</p></div></article></body></html>'
    )


ROUTES = {
    "/": Reply(index_html(["/story/9-bruecke-wieder-offen", "/story/8-neuer-wochenmarkt"], "/?page=2")),
    "/?page=2": Reply(index_html(["/story/9-bruecke-wieder-offen#kommentare"], None)),
    "/story/9-bruecke-wieder-offen": Reply(STORY),
    "/story/8-neuer-wochenmarkt": Reply(short_story("Neuer Wochenmarkt")),
    "/story/7-baustellen-im-mai": Reply(short_story("Baustellen im Mai")),
    "/about": Reply(short_story("About us")),
}


def test_second_layout_crawls_without_spider_or_pipeline_changes(tmp_path: Path) -> None:
    with RouteServer(ROUTES, http_date="Mon, 01 May 2023 09:30:00 GMT") as server:
        result = scrapy_crawl(
            tmp_path, "-a", "site=tinytimes", "-a", f"start_urls={server.base_url}/",
            "-s", "NEWSCRAWL_SITE_MODULES=tests.sites.tinytimes", "-O", "out.jsonl",
        )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    records = {r["canonical_url"]: r for r in read_jsonl(tmp_path / "out.jsonl")}
    base = server.base_url
    assert sorted(records) == [
        f"{base}/story/{s}" for s in ("7-baustellen-im-mai", "8-neuer-wochenmarkt", "9-bruecke-wieder-offen")
    ]
    expected = json.loads(
        (FIXTURES / "tinytimes/story.expected.json").read_text().replace("https://tiny.example", base)
    )
    story = records[f"{base}/story/9-bruecke-wieder-offen"]
    assert {field: story[field] for field in CONTRACT_FIELDS} == expected
    assert (story["site"], story["published_at_source"]) == ("tinytimes", "article_meta")
    assert server.hits.get("/about") is None
