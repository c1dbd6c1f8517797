"""Hostile pages through the real command line: the JSONL stays valid UTF-8 without control characters,
and pages that are not articles (empty, soft 404, walls) are counted instead of exported."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from tests.server import Reply, RouteServer
from tests.support import read_jsonl, scrapy_crawl
from tests.test_bad_input import article_html, listing_html, stat

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.integration

SECTION = "/news24/world/news"
UNREADABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffd]")
NAMES = ("charset", "nul", "surrogate", "empty", "soft404", "paywall", "consent")


def page(name: str) -> str:
    return f"{SECTION}/{name}-20220216"


def utf8_with_meta(title: str, paragraphs: tuple[str, ...]) -> bytes:
    html = article_html(title, paragraphs).replace(
        '<html lang="en">', '<html lang="en"><head><meta charset="utf-8"></head>'
    )
    return html.encode()


ROUTES = {
    SECTION: Reply(listing_html([page(name) for name in NAMES])),
    # The header wins over <meta charset> (HTML5, w3lib): the UTF-8 bytes are read as cp1252 (mojibake).
    page("charset"): Reply(
        utf8_with_meta("Caf\u00e9 \u2013 na\u00efve \u20ac5", ("It\u2019s \u00dcber-cheap.",)),
        content_type="text/html; charset=iso-8859-1",
    ),
    page("nul"): Reply(
        article_html("Nul\x00 bytes\x07 here", ("Bell\x07 and\x00 NUL\x1b[0m.", "Second\x0b one."))
    ),
    # \xed\xa0\x80 is U+D800 (a lone surrogate) encoded as if it were a character: invalid UTF-8.
    page("surrogate"): Reply(
        article_html("Stray@ bytes", ("Before@after.",)).encode().replace(b"@", b"\xed\xa0\x80")
    ),
    page("empty"): Reply(b""),
    page("soft404"): Reply(article_html("Page not found", ("Sorry, we couldn't find that page.",))),
    page("paywall"): Reply(article_html("Budget 2022", ("Subscribe to continue reading.",))),
    page("consent"): Reply(article_html("Before you go", ("Accept cookies to continue.",))),
}


def test_hostile_pages_give_clean_utf8_and_non_articles_are_counted(tmp_path: Path) -> None:
    with RouteServer(ROUTES) as server:
        result = scrapy_crawl(tmp_path, "-a", f"start_urls={server.base_url}{SECTION}", "-O", "out.jsonl")
    log, base = result.stderr, server.base_url
    # The consent wall hides an article: 1 failed page of 4, past NEWSCRAWL_MAX_FAILED_SHARE.
    assert result.returncode == 4, log[-3000:]
    (tmp_path / "out.jsonl").read_bytes().decode("utf-8")  # strict: raises on any invalid byte
    records = read_jsonl(tmp_path / "out.jsonl")
    assert sorted((r["title"], r["body"]) for r in records) == [
        ("Caf\u00e9 \u2013 na\u00efve \u20ac5", "It\u2019s \u00dcber-cheap."),
        ("Nul bytes here", "Bell and NUL[0m.\n\nSecond one."),
        ("Stray bytes", "Beforeafter."),
    ]
    texts = [value for r in records for value in r.values() if isinstance(value, str)]
    assert [text for text in texts if UNREADABLE.search(text.replace("\n\n", ""))] == []
    assert {key: stat(log, key) for key in STATS} == STATS
    drops = {"empty": "missing_title", "soft404": "soft_404", "paywall": "paywall", "consent": "consent_wall"}
    for name, reason in drops.items():
        assert f"Dropped article: {reason}: {base}{page(name)}" in log


STATS = {
    "item_scraped_count": 3,
    "newscrawl/dropped/missing_title": 1,
    "newscrawl/dropped/soft_404": 1,
    "newscrawl/dropped/paywall": 1,
    "newscrawl/failed/consent_wall": 1,  # the article is behind it: a failure, fetched again next run
    "spider_exceptions/count": None,
}
