"""Broken pages through the real command line: each is counted and logged, none stops the crawl."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from tests.server import Reply, RouteServer
from tests.support import read_jsonl, scrapy_crawl

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.integration

SECTION = "/news24/world/news"


def article_html(title: str | None, paragraphs: tuple[str, ...] = ("A paragraph.",)) -> str:
    heading = f'<h1 class="article__title">{title}</h1>' if title else ""
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return (
        '<html lang="en"><body><div class="article__header"><p class="article__date">'
        '<span class="article__date-full">2022-02-16</span><span class="article__date-ago">1h ago</span>'
        f'</p>{heading}</div><div class="article__body">{body}</div></body></html>'
    )


def listing_html(paths: list[str], next_href: str | None = None) -> str:
    cards = "".join(
        f'<article class="article-item"><a class="article-item--url" href="{path}">x</a></article>'
        for path in paths
    )
    more = f'<a class="load-more__button" href="{next_href}">Load More</a>' if next_href else ""
    return f"<html><body><div class='article-list'>{cards}</div>{more}</body></html>"


MALFORMED = (
    '<html><body><h1 class="article__title">Broken <b>page</h1><div class="article__body">'
    "<p>Unclosed paragraph<p>Second <i>one</div></span></html"
)
ROUTES = {
    SECTION: Reply(
        listing_html(
            [
                f"{SECTION}/{name}-20220216"
                for name in ("good", "malformed", "untitled", "gone", "broken", "pdf")
            ],
            f"{SECTION}?pageNumber=2",
        )
    ),
    f"{SECTION}?pageNumber=2": Reply(listing_html([])),
    "/news24/loop/news": Reply(listing_html(["/news24/loop/news/loop-20220216"], "/news24/loop/news#top")),
    f"{SECTION}/good-20220216": Reply(article_html("Good article")),
    f"{SECTION}/malformed-20220216": Reply(MALFORMED),
    f"{SECTION}/untitled-20220216": Reply(article_html(None)),
    f"{SECTION}/broken-20220216": Reply("oops", status=500),
    f"{SECTION}/pdf-20220216": Reply(b"%PDF-1.7 binary", content_type="application/pdf"),
    "/news24/loop/news/loop-20220216": Reply(article_html("Loop article")),
}


def stat(log: str, key: str) -> int | None:
    match = re.search(rf"'{re.escape(key)}': (\d+)", log)
    return int(match[1]) if match else None


def test_broken_pages_are_counted_logged_and_do_not_stop_the_crawl(tmp_path: Path) -> None:
    with RouteServer(ROUTES) as server:
        starts = f"{server.base_url}{SECTION},{server.base_url}/news24/loop/news"
        result = scrapy_crawl(tmp_path, "-a", f"start_urls={starts}", "-O", "out.jsonl")
    log, base = result.stderr, server.base_url
    records = read_jsonl(tmp_path / "out.jsonl")
    assert result.returncode == 4  # 2 failed of 5: above NEWSCRAWL_MAX_FAILED_SHARE
    assert not (tmp_path / "output").exists()  # -O replaces the default feed
    assert sorted((r["title"], r["body"]) for r in records) == [
        ("Broken page", "Unclosed paragraph\n\nSecond one"),
        ("Good article", "A paragraph."),
        ("Loop article", "A paragraph."),
    ]
    assert {key: stat(log, key) for key in STATS} == STATS
    assert server.hits[f"{SECTION}/broken-20220216"] == 4  # first try + RETRY_TIMES
    assert server.hits["/news24/loop/news"] == 1
    assert f"Dropped article: missing_title: {base}{SECTION}/untitled-20220216" in log
    assert f"Failed with HTTP 404: {base}{SECTION}/gone-20220216" in log
    assert f"Failed with HTTP 500: {base}{SECTION}/broken-20220216" in log
    assert f"Skipped non-HTML response (application/pdf): {base}{SECTION}/pdf-20220216" in log
    assert f"Listing page without article links: {base}{SECTION}?pageNumber=2" in log
    assert "'finish_reason': 'finished'" in log


STATS = {
    "item_scraped_count": 3,
    "newscrawl/dropped/missing_title": 1,
    "newscrawl/failed/http_404": 1,
    "newscrawl/failed/http_500": 1,
    "newscrawl/skipped/not_html": 1,
    "newscrawl/listing/empty": 1,
    "spider_exceptions/count": None,
}
