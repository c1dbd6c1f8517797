"""`Page`: one fetched document, the only thing a site profile or a discovery source sees of a response.

Profiles and sources take plain inputs (URL, bytes, headers, clock) so they can be tested on saved files
and reused outside a crawl (`scrapy extract`, WARC archives); `page_of` builds the `Page` from Scrapy's
response for the spider, and nothing downstream of it imports Scrapy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import TYPE_CHECKING

from parsel import Selector
from scrapy.http import HtmlResponse, TextResponse

from newscrawl.discovery.recognize import kind_of
from newscrawl.items import Fetch

if TYPE_CHECKING:
    from collections.abc import Iterator

    from scrapy.http import Response
    from scrapy.http.headers import Headers


@dataclass(frozen=True)
class Page:
    """One fetched document: final URL, its bytes as served and their encoding (the response's, from
    its header, BOM or `<meta>`), crawl clock, the server's `Date` header, and every response header
    (names lowercased, repeated values joined with ", ")."""

    url: str
    body: bytes
    encoding: str
    fetched_at: datetime
    http_date: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)

    @cached_property
    def selector(self) -> Selector:
        """The page parsed once, from its bytes: parsel hands UTF-8 bytes to lxml as they are, where
        parsing the decoded text (`response.text`, as `response.css` does) strips it, scans it for NUL
        and encodes it again (a 100 kB page: 0.79 against 0.96 ms, `bench/parsing.py`). Bytes the
        encoding cannot decode, and other encodings, go parsel's decoding way (U+FFFD for bad bytes).
        parsel refuses an empty body, which is an empty document like a blank one."""
        body = self.body or b"<html/>"
        return Selector(body=body, encoding=self.encoding, type="html", base_url=self.url)


class ResponseHeaders(Mapping[str, str]):
    """A response's headers as `Page.headers` shows them, decoded only when read: most pages are read
    without a look at them, and decoding them all cost ~6 us a page."""

    def __init__(self, headers: Headers) -> None:
        self._headers = headers

    def __getitem__(self, name: str) -> str:
        values = self._headers.getlist(name)
        if not values:
            raise KeyError(name)
        return b", ".join(values).decode("latin-1")

    def __iter__(self) -> Iterator[str]:
        return (name.decode("latin-1").lower() for name in self._headers)

    def __len__(self) -> int:
        return len(self._headers)


def page_of(response: Response) -> Page | None:
    """The page of an HTML response, or of a feed or sitemap (served as XML, JSON, gzip or any type:
    their sources read the bytes), fetched now; None for any other response (a PDF, an image)."""
    if not isinstance(response, HtmlResponse) and kind_of(response.body) is None:
        return None
    headers = ResponseHeaders(response.headers)
    encoding = response.encoding if isinstance(response, TextResponse) else "utf-8"
    return Page(
        url=response.url, body=response.body, encoding=encoding, fetched_at=datetime.now(UTC),
        http_date=headers.get("date"), headers=headers,
    )  # fmt: skip


def fetch_of(response: Response) -> Fetch:
    """How the page was got: the URL first asked for (before redirects), and its validators."""
    etag, modified = response.headers.get(b"ETag"), response.headers.get(b"Last-Modified")
    return Fetch(
        requested_url=response.meta.get("redirect_urls", [response.url])[0],
        etag=etag.decode("latin-1") if etag else None,
        last_modified=modified.decode("latin-1") if modified else None,
    )
