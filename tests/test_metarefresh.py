"""A page is not decoded only to find it declares no refresh; redirects stay exactly Scrapy's.

Each case runs through newscrawl's middleware and through Scrapy's own, on equal responses, and both
must give the same answer: the same response back, or a request for the same URL.
"""

from __future__ import annotations

import codecs
import json
from typing import TYPE_CHECKING, Any

import pytest
from scrapy import Request
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.http import HtmlResponse, TextResponse
from scrapy.utils.test import get_crawler

from newscrawl.downloadermiddlewares.metarefresh import (
    SCAN_BYTES,
    BytesMetaRefreshMiddleware,
    writes_ascii_as_itself,
)
from tests.server import Reply, RouteServer
from tests.test_guard import SECTION, article_html, listing_html, run_crawl, stat

if TYPE_CHECKING:
    from pathlib import Path

URL = "http://news.test/news24/world/news/a-20220216"
TARGET = "http://news.test/news24/world/news/b-20220216"
REFRESH = f'<meta http-equiv="refresh" content="0; url={TARGET}">'
EMOJI = "\U0001f4f0"  # 4 bytes in UTF-8


class CountingResponse(HtmlResponse):
    """An HtmlResponse that counts how often its decoded text is read."""

    decoded = 0

    @property
    def text(self) -> str:
        self.decoded += 1
        return super().text


def page(head: str, encoding: str = "utf-8", bom: bytes = b"") -> bytes:
    return bom + f"<html><head>{head}</head><body><p>Text.</p></body></html>".encode(encoding)


def response(body: bytes, encoding: str) -> CountingResponse:
    headers = {"Content-Type": f"text/html; charset={encoding}"}
    return CountingResponse(URL, body=body, headers=headers, request=Request(URL))


def outcome(result: Any) -> str:
    """What a middleware did: passed the response on, or asked for another URL."""
    return "passed on" if isinstance(result, TextResponse) else f"redirect to {result.url}"


def both(body: bytes, encoding: str) -> tuple[str, str]:
    """(newscrawl's outcome, Scrapy's outcome) on equal responses."""
    crawler = get_crawler()
    ours = BytesMetaRefreshMiddleware.from_crawler(crawler)
    scrapys = MetaRefreshMiddleware.from_crawler(crawler)
    request = Request(URL)
    mine, theirs = response(body, encoding), response(body, encoding)
    return outcome(ours.process_response(request, mine)), outcome(scrapys.process_response(request, theirs))


FOLLOWED = f"redirect to {TARGET}"
JAPANESE = "<title>\u65b0\u805e</title>"
CASES = {
    "utf-8, declared": (page(REFRESH), "utf-8", FOLLOWED),
    "utf-8, declared in capitals": (page(REFRESH.replace("refresh", "REFRESH")), "utf-8", FOLLOWED),
    "utf-8 with a BOM": (page(REFRESH, bom=codecs.BOM_UTF8), "utf-8", FOLLOWED),
    # 3 950 four-byte characters first: the tag is at characters 3 977-4 050 (within Scrapy's 4 096),
    # bytes 15 827-15 900
    "utf-8, after 3 950 emoji": (page(f"<title>{EMOJI * 3950}</title>{REFRESH}"), "utf-8", FOLLOWED),
    "utf-8, past 4 096 characters": (page(f"<title>{'x' * 4100}</title>{REFRESH}"), "utf-8", "passed on"),
    "utf-8, none": (page("<title>Refreshing news</title>"), "utf-8", "passed on"),
    "cp1252, declared": (page(f"<title>caf\xe9</title>{REFRESH}", "cp1252"), "cp1252", FOLLOWED),
    "utf-16, declared": (page(REFRESH, "utf-16"), "utf-16", FOLLOWED),
    "shift_jis, declared": (page(JAPANESE + REFRESH, "shift_jis"), "shift_jis", FOLLOWED),
    "iso-2022-jp, declared": (page(JAPANESE + REFRESH, "iso2022_jp"), "iso2022_jp", FOLLOWED),
}


@pytest.mark.parametrize(("body", "encoding", "expected"), CASES.values(), ids=CASES.keys())
def test_the_outcome_is_scrapys(body: bytes, encoding: str, expected: str) -> None:
    assert both(body, encoding) == (expected, expected)


def test_the_emoji_case_reaches_past_4_096_bytes() -> None:
    """The case above only tests the byte window if its declaration lies beyond 4 096 bytes."""
    body = CASES["utf-8, after 3 950 emoji"][0]
    assert 4096 < body.index(b"refresh") < SCAN_BYTES


def test_a_page_without_a_refresh_is_not_decoded() -> None:
    plain = response(page("<title>News</title>" + "<meta name='x' content='y'>" * 50), "utf-8")
    middleware = BytesMetaRefreshMiddleware.from_crawler(get_crawler())
    assert middleware.process_response(Request(URL), plain) is plain
    assert plain.decoded == 0


def test_a_page_that_may_declare_one_gets_scrapys_check() -> None:
    """`refresh` in the text, but not in a meta tag: Scrapy's check reads the text and passes it on."""
    mentioned = response(page("<title>How to refresh a page</title>"), "utf-8")
    middleware = BytesMetaRefreshMiddleware.from_crawler(get_crawler())
    assert middleware.process_response(Request(URL), mentioned) is mentioned
    assert mentioned.decoded > 0


@pytest.mark.parametrize(
    "encoding", ["utf-8", "ascii", "latin-1", "cp1251", "cp1252", "iso8859-15", "koi8-u"]
)
def test_the_fast_path_takes_encodings_that_write_ascii_as_itself(encoding: str) -> None:
    assert writes_ascii_as_itself(encoding)
    if codecs.lookup(encoding).name != "utf-8":  # single-byte: one character per byte, ASCII only below 128
        every_byte = bytes(range(256)).decode(encoding, errors="replace")
        assert len(every_byte) == 256
        assert every_byte[:128] == bytes(range(128)).decode("ascii")
        assert not any(map(str.isascii, every_byte[128:]))


@pytest.mark.parametrize(
    "encoding", ["utf-16", "utf-16-le", "shift_jis", "gb18030", "iso2022_jp", "utf-7", "cp500", "x-unknown"]
)
def test_other_encodings_get_scrapys_check(encoding: str) -> None:
    assert not writes_ascii_as_itself(encoding)


@pytest.mark.integration
def test_a_crawl_follows_a_meta_refresh(tmp_path: Path) -> None:
    moved, home = f"{SECTION}/moved-20220216", f"{SECTION}/home-20220216"
    refresh = f'<html><head><meta http-equiv="refresh" content="0; url={home}"></head><body></body></html>'
    routes = {SECTION: Reply(listing_html([moved])), moved: Reply(refresh), home: Reply(article_html("Home"))}
    with RouteServer(routes) as site:
        log = run_crawl(tmp_path, site.base_url + SECTION)
    assert site.hits.get(home) == 1
    assert stat(log, "item_scraped_count") == 1
    items = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [(item["title"], item["url"]) for item in items] == [("Home", site.base_url + home)]
