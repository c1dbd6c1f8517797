"""`Page.selector` parses the response's bytes, and must read every page as Scrapy's own
`response.selector` reads its decoded text: same tree, whatever the encoding or the damage."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from lxml import etree
from scrapy.http import HtmlResponse, Response

from newscrawl import page as pages
from newscrawl.page import Page
from tests.support import FIXTURES

URL = "https://www.news24.com/news24/world/news/x-20220216"
UTF8 = {"Content-Type": "text/html; charset=utf-8"}
BODIES = {
    "news24 article": (UTF8, (FIXTURES / "news24" / "article.html").read_bytes()),
    "utf-8 BOM, no charset": ({}, b"\xef\xbb\xbf<html><head><title>Caf\xc3\xa9</title></head></html>"),
    "utf-16 BOM": ({}, "\ufeff<html><body><p>Caf\u00e9</p></body></html>".encode("utf-16-le")),
    "cp1252 by meta": ({}, '<meta charset="windows-1252"><p>Caf\u00e9 \u20ac5</p>'.encode("cp1252")),
    "utf-8 bytes under a latin-1 header": (
        {"Content-Type": "text/html; charset=iso-8859-1"},
        b"<p>Caf\xc3\xa9</p>",
    ),
    "invalid utf-8": (UTF8, b"<p>Stray\xed\xa0\x80 bytes \xff here</p><p>and after</p>"),
    "nul bytes": (UTF8, b"<p>Nul\x00 bytes</p><p>and after</p>"),
    "xml declaration": (UTF8, b'<?xml version="1.0" encoding="utf-8"?><html><p>Caf\xc3\xa9</p></html>'),
    "blank": (UTF8, b" \n "),
    "empty": (UTF8, b""),
}


def page_of(response: HtmlResponse) -> Page:
    return Page(response.url, response.body, response.encoding, fetched_at=datetime(2022, 2, 16, tzinfo=UTC))


@pytest.mark.parametrize("name", list(BODIES))
def test_the_bytes_parse_to_the_tree_scrapy_parses_from_the_text(name: str) -> None:
    headers, body = BODIES[name]
    response = HtmlResponse(URL, body=body, headers=headers)
    ours, scrapys = page_of(response).selector.root, response.selector.root
    assert etree.tostring(ours, encoding="unicode") == etree.tostring(scrapys, encoding="unicode")


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("utf-8 BOM, no charset", "Caf\u00e9"),
        ("utf-16 BOM", "Caf\u00e9"),
        ("cp1252 by meta", "Caf\u00e9 \u20ac5"),
        ("utf-8 bytes under a latin-1 header", "Caf\u00c3\u00a9"),  # the header wins: mojibake, as browsers
        ("invalid utf-8", "Stray\ufffd\ufffd\ufffd bytes \ufffd hereand after"),
        ("nul bytes", "Nul bytesand after"),
        ("empty", ""),
    ],
)
def test_the_text_read_from_the_bytes(name: str, text: str) -> None:
    headers, body = BODIES[name]
    page = page_of(HtmlResponse(URL, body=body, headers=headers))
    assert page.selector.xpath("string(/html)").get() == text


def test_the_page_is_parsed_once() -> None:
    page = page_of(HtmlResponse(URL, body=b"<p>one</p>", headers=UTF8))
    assert page.selector is page.selector
    assert page.selector.css("p::text").get() == "one"


def test_a_response_becomes_a_page_with_its_headers_and_only_html_does() -> None:
    headers = {"Date": "Wed, 16 Feb 2022 13:45:00 GMT", "Set-Cookie": ["a=1", "b=2"], **UTF8}
    page = pages.page_of(HtmlResponse(URL, body=b"<p>one</p>", headers=headers))
    assert page is not None
    assert (page.url, page.body, page.encoding, page.http_date) == (
        URL, b"<p>one</p>", "utf-8", "Wed, 16 Feb 2022 13:45:00 GMT",
    )  # fmt: skip
    assert dict(page.headers) == {
        "date": "Wed, 16 Feb 2022 13:45:00 GMT", "set-cookie": "a=1, b=2",
        "content-type": "text/html; charset=utf-8",
    }  # fmt: skip
    assert page.headers.get("etag") is None
    assert pages.page_of(Response(URL, body=b"%PDF-1.7", headers={"Content-Type": "application/pdf"})) is None


CAFE = "<html><body><p>Caf\u00e9 in S\u00e3o Paulo, na\u00efve fa\u00e7ade.</p></body></html>"
POLISH = "<html><body><p>Prezesem b\u0119dzie Pawe\u0142 Majewski, pisze Anna Dobiega\u0142a.</p></body>"
QUOTE = '<html><head><meta charset="utf-8"></head><body><p>\u201cQuoted,\u201d she said.</p></body></html>'


@pytest.mark.parametrize(
    ("body", "declared", "expected"),
    [
        (CAFE.encode(), "utf-8", ("utf-8", "declared")),
        (CAFE.encode("cp1252"), "utf-8", ("cp1252", "repaired")),  # detected: letters kept
        (QUOTE.encode(), "cp1252", ("utf-8", "repaired")),  # 0x9d: cp1252 cannot read the closing quote
        (CAFE.encode(), "cp1252", ("utf-8", "repaired")),  # its high bytes all form UTF-8 sequences
        (CAFE.encode("cp1252"), "cp1252", ("cp1252", "declared")),  # a real cp1252 page
        (POLISH.encode(), "iso-8859-2", ("utf-8", "repaired")),  # `ł` read so would lose a control byte
        (POLISH.encode("iso-8859-2"), "iso-8859-2", ("iso-8859-2", "declared")),
        (b"<p>plain ASCII</p>", "iso-8859-2", ("iso-8859-2", "declared")),
        (b"<p>Broken \xed\xa0\x80 UTF-8</p>", "utf-8", ("utf-8", "lossy")),  # no other encoding is better
    ],
)
def test_an_encoding_that_loses_bytes_is_replaced_by_one_that_does_not(
    body: bytes, declared: str, expected: tuple[str, str]
) -> None:
    assert pages.decoded_encoding(body, declared) == expected
