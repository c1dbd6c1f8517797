"""WARC files and their CDXJ indexes, without a crawl: names, rotation, index keys, a lost index rebuilt."""

from __future__ import annotations

import random
import re
from io import BytesIO
from typing import TYPE_CHECKING

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.http.headers import Headers
from scrapy.utils.test import get_crawler
from warcio.statusandheaders import StatusAndHeaders

from newscrawl import config
from newscrawl.export.cdxj import archived_digests, iso_of, surt, timestamp14
from newscrawl.export.warc import payload_digest, request_headers, response_headers
from newscrawl.export.warcfiles import WarcFiles, index_missing

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://www.Example.org/A/b?z=1&a=2", "org,example)/a/b?a=2&z=1"),
        ("http://127.0.0.1:8080/news", "1,0,0,127:8080)/news"),
        ("https://example.org:443", "org,example)/"),
        ("http://news.example.co.uk/x?", "uk,co,example,news)/x"),
    ],
)
def test_surt_keys_sort_like_pywb(url: str, key: str) -> None:
    assert surt(url) == key


def test_timestamps_both_ways() -> None:
    assert timestamp14("2022-02-16T13:45:00.123456Z") == "20220216134500"
    assert iso_of("20220216134500") == "2022-02-16T13:45:00Z"


def write_pages(files: WarcFiles, count: int) -> None:
    for number in range(count):
        writer = files.open_writer()
        body = f"<html><p>page {number}</p>{random.Random(number).randbytes(1500).hex()}</html>".encode()
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://example.org/{number}", "response", payload=BytesIO(body), length=len(body),
            http_headers=http, warc_headers_dict={"WARC-Date": f"2022-02-16T13:45:0{number}Z"},
        )  # fmt: skip
        files.write(record, indexed="text/html")


def test_rotation_names_files_by_index_and_a_lost_index_is_rebuilt(tmp_path: Path) -> None:
    params = {"name": "news", "time": "2022-02-16T13-45-00+00-00"}
    files = WarcFiles(str(tmp_path / "%(name)s-%(index)05d.warc.gz"), params, 1500, lambda: {"x": "y"})
    write_pages(files, 3)
    files.publish()
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == [f"news-0000{n}.warc.gz{suffix}" for n in (1, 2, 3) for suffix in ("", ".cdxj")]
    index = tmp_path / "news-00002.warc.gz.cdxj"
    written = index.read_text()
    assert written.startswith(
        'org,example)/1 20220216134501 {"url": "https://example.org/1", "mime": "text/html"'
    )
    assert archived_digests(tmp_path)["sha1:" + written.split('"digest": "sha1:')[1][:32]] == (
        "https://example.org/1", "2022-02-16T13:45:01Z",
    )  # fmt: skip
    index.unlink()
    index_missing(tmp_path)
    assert index.read_text() == written


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("ftp://host/%(name)s.warc.gz", "is neither a local path nor s3://"),
        ("warc/%(spider)s.warc.gz", "has a placeholder other than %(name)s, %(time)s, %(index)05d"),
        ("warc/%(index)d%.warc.gz", "has a placeholder other than %(name)s, %(time)s, %(index)05d"),
    ],
)
def test_a_warc_template_that_cannot_be_written_fails_before_the_crawl(template: str, problem: str) -> None:
    example = "use e.g. -s NEWSCRAWL_WARC=output/warc/%(name)s/%(time)s-%(index)05d.warc.gz"
    message = f"-s NEWSCRAWL_WARC={template!r} {problem}: {example}"
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        config.check_settings(get_crawler(settings_dict={"NEWSCRAWL_WARC": template}).settings)
    good = {"NEWSCRAWL_WARC": "w/%(time)s-%(index)05d.warc"}
    config.check_settings(get_crawler(settings_dict=good).settings)


def test_status_line_and_repeated_headers_as_received_and_the_full_request_line() -> None:
    headers = Headers([("Set-Cookie", "a=1"), ("Set-Cookie", "b=2"), ("Content-Type", "text/html")])
    response = HtmlResponse("https://example.org/gone", status=410, headers=headers, body=b"<p>gone</p>")
    assert response_headers(response).to_str() == (
        "HTTP/1.1 410 Gone\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Type: text/html\r\n"
        "Content-Length: 11\r\n"
    )
    request = Request("https://example.org:8443/search?q=a%20b&page=2", headers={"Accept": "text/html"})
    assert request_headers(request).to_str() == (
        "GET /search?q=a%20b&page=2 HTTP/1.1\r\nHost: example.org:8443\r\nAccept: text/html\r\n"
    )
    assert payload_digest(b"") == "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ"  # as warcio writes it
