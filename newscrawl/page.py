"""`Page`: one fetched document, the only thing a site profile or a discovery source sees of a response.

Profiles and sources take plain inputs (URL, bytes, headers, clock) so they can be tested on saved files
and reused outside a crawl (`scrapy extract`, WARC archives); `page_of` builds the `Page` from Scrapy's
response for the spider, and nothing downstream of it imports Scrapy.
"""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import TYPE_CHECKING

from charset_normalizer import from_bytes
from parsel import Selector
from scrapy.http import HtmlResponse, TextResponse
from w3lib.encoding import html_body_declared_encoding

from newscrawl.discovery.recognize import kind_of
from newscrawl.items import Fetch

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from scrapy.http import Response
    from scrapy.http.headers import Headers


@dataclass(frozen=True)
class Page:
    """One fetched document: final URL, its bytes as served and their encoding (the response's, from
    its header, BOM or `<meta>`, unless that loses bytes: `decoded_encoding`), crawl clock, the server's
    `Date` header, and every response header (names lowercased, repeated values joined with ", ").
    `decoding` says how the encoding was chosen: "declared", "repaired" or "lossy"."""

    url: str
    body: bytes
    encoding: str
    fetched_at: datetime
    http_date: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    decoding: str = "declared"

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


def decodes(body: bytes, encoding: str | None) -> bool:
    """Whether `encoding` reads every byte of `body` as a character (a strict decode)."""
    if not encoding:
        return False
    try:
        body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def is_utf8_declared_otherwise(body: bytes, declared: str) -> bool:
    """Whether `body` holds non-ASCII bytes that all read as UTF-8, while `declared` is another encoding."""
    try:
        declared_name = codecs.lookup(declared).name
    except LookupError:
        return False
    return declared_name != "utf-8" and not body.isascii() and decodes(body, "utf-8")


# A byte >= 0x80 between two ASCII bytes: a letter of a single-byte (or Shift_JIS-like) encoding. In UTF-8
# such bytes come in runs of 2 to 4, so a page with none is UTF-8 with damaged sequences, not another code.
LONE_HIGH_BYTE = re.compile(rb"(?<![\x80-\xff])[\x80-\xff](?![\x80-\xff])")


def decoded_encoding(body: bytes, declared: str) -> tuple[str, str]:
    """`(encoding, how)`: the declared one when it decodes every byte, else the first of the page's
    `<meta>`, UTF-8 and a detection from the bytes that does ("repaired"), else the declared ("lossy").

    A wrong header deletes letters: a cp1252 page served as UTF-8 loses every accented letter, and UTF-8
    read as cp1252 loses a closing quote (byte 0x9d, which cp1252 leaves undefined). A declaration that
    decodes cleanly is kept, even if wrong: UTF-8 read as cp1252 is repaired later, as text (ftfy). A
    page whose only undecodable bytes are broken UTF-8 sequences keeps its encoding and loses those.
    A page declared in another encoding whose non-ASCII bytes all form UTF-8 sequences is UTF-8: real text
    in a legacy encoding (Polish in ISO-8859-2, `Pawe\xc5\x82`) almost never does, and ftfy's repair
    afterwards cannot bring back a character the declared reading turned into a control character."""
    if is_utf8_declared_otherwise(body, declared):
        return "utf-8", "repaired"
    if decodes(body, declared):
        return declared, "declared"
    for encoding in (html_body_declared_encoding(body), "utf-8"):
        if encoding and decodes(body, encoding):
            return encoding, "repaired"
    detected = from_bytes(body).best() if LONE_HIGH_BYTE.search(body) else None
    if detected is not None and decodes(body, detected.encoding):
        return detected.encoding, "repaired"
    return declared, "lossy"


def page_of(response: Response) -> Page | None:
    """The page of an HTML response, or of a feed or sitemap (served as XML, JSON, gzip or any type:
    their sources read the bytes), fetched now; None for any other response (a PDF, an image)."""
    if not isinstance(response, HtmlResponse) and kind_of(response.body) is None:
        return None
    headers = ResponseHeaders(response.headers)
    if isinstance(response, HtmlResponse):  # a feed or sitemap is read from its bytes by its parser
        encoding, decoding = decoded_encoding(response.body, response.encoding)
    else:
        encoding, decoding = (
            (response.encoding if isinstance(response, TextResponse) else "utf-8"),
            "declared",
        )
    return Page(
        url=response.url, body=response.body, encoding=encoding, fetched_at=datetime.now(UTC),
        http_date=headers.get("date"), headers=headers, decoding=decoding,
    )  # fmt: skip


def readable_page(response: Response, count: Callable[[str], None]) -> Page | None:
    """The page a site profile reads, or None (counted, logged) when the response is not HTML; a page
    read in another encoding than it declares is counted and logged too."""
    page = page_of(response)
    if page is None:
        count("newscrawl/skipped/not_html")
        content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
        logger.warning("Skipped non-HTML response (%s): %s", content_type or "no type", response.url)
    elif page.decoding != "declared":
        count(f"newscrawl/encoding/{page.decoding}")
        logger.warning(
            "Page not in its declared charset: %s (%s)", response.url,
            f"read as {page.encoding}" if page.decoding == "repaired" else "some characters are lost",
        )  # fmt: skip
    return page


def fetch_of(response: Response) -> Fetch:
    """How the page was got: the URL first asked for (before redirects), and its validators."""
    etag, modified = response.headers.get(b"ETag"), response.headers.get(b"Last-Modified")
    return Fetch(
        requested_url=response.meta.get("redirect_urls", [response.url])[0],
        etag=etag.decode("latin-1") if etag else None,
        last_modified=modified.decode("latin-1") if modified else None,
    )
