"""The JSON request codec of the shared queue: what round-trips, and what is refused (never run)."""

from __future__ import annotations

import json
import pickle

import pytest
from scrapy import Request
from scrapy.utils.request import request_from_dict
from scrapy.utils.test import get_crawler

from newscrawl.distributed import serializer
from newscrawl.spiders.news import NewsSpider

URL = "http://127.0.0.1:8080/news24/world/news/a-20220216"


@pytest.fixture
def spider() -> NewsSpider:
    crawler = get_crawler(NewsSpider, {"NEWSCRAWL_STATE_DIR": ""})
    spider: NewsSpider = NewsSpider.from_crawler(
        crawler, start_urls="http://127.0.0.1:8080/news24/world/news"
    )
    return spider


def test_an_article_request_round_trips_with_bytes_headers_meta_and_callbacks(spider: NewsSpider) -> None:
    request = spider.article_request(URL, {"If-None-Match": '"v1"', "If-Modified-Since": "Wed, 16 Feb"})
    request.meta.update(revalidation=True, depth=2, redirect_urls=[URL + "?utm_source=x"])
    encoded = serializer.dumps(request.to_dict(spider=spider))
    decoded = request_from_dict(serializer.loads(encoded.encode()), spider=spider)
    assert (decoded.url, decoded.priority, decoded.callback, decoded.errback) == (
        URL, 10, spider.parse_article, spider.on_error,
    )  # fmt: skip
    assert decoded.headers.getlist("If-None-Match") == [b'"v1"']
    assert decoded.meta == {
        "handle_httpstatus_list": [304], "revalidation": True, "depth": 2,
        "redirect_urls": [URL + "?utm_source=x"],
    }  # fmt: skip


def test_a_body_with_every_byte_round_trips(spider: NewsSpider) -> None:
    request = Request(URL, method="POST", body=bytes(range(256)), callback=spider.parse_source)
    decoded = serializer.loads(serializer.dumps(request.to_dict(spider=spider)))
    assert decoded["body"] == bytes(range(256))


def test_a_meta_value_that_is_not_json_is_refused_when_queued(spider: NewsSpider) -> None:
    request = Request(URL, meta={"handle": object()})
    with pytest.raises(serializer.RejectedRequest, match="is not JSON-serializable"):
        serializer.dumps(request.to_dict(spider=spider))


def good() -> dict[str, object]:
    encoded: dict[str, object] = json.loads(serializer.dumps(Request(URL).to_dict()))
    return encoded


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (pickle.dumps({"url": URL}), "not JSON: b'\\\\x80"),
        (b"\xff\xfe", "not JSON"),
        (b"[1, 2]", "not a JSON request object"),
        (b'{"url": 3}', "not a JSON request object"),
        (json.dumps({**good(), "_class": "os.system"}).encode(), r"unknown request keys \['_class'\]"),
        (json.dumps({**good(), "callback": "close"}).encode(), "callback 'close' is not a spider callback"),
        (
            json.dumps({**good(), "errback": "__init__"}).encode(),
            "errback '__init__' is not a spider callback",
        ),
        (json.dumps({**good(), "body": "\u20ac"}).encode(), "malformed body or headers"),
        (json.dumps({**good(), "headers": {"A": "b"}}).encode(), "malformed body or headers"),
    ],
)
def test_anything_else_is_rejected(payload: bytes, message: str) -> None:
    with pytest.raises(serializer.RejectedRequest, match=message):
        serializer.loads(payload)
