"""Scrapy's meta-refresh redirects, without decoding every page to find that it declares none.

Scrapy's `MetaRefreshMiddleware` reads `response.text[:4096]`, and `response.text` decodes the whole
body. A bare spider pays that once and reuses the text for its parse; newscrawl parses the bytes
(`Page.selector`), so this decode, the base-URL search and the refresh search were spent on every
page for a redirect that almost no page declares: about 3% of a crawl's CPU.

A declaration Scrapy would follow has the word `refresh` (any case) in those 4 096 characters. Where
every ASCII character is its own byte and no other bytes spell one (UTF-8, and the single-byte
encodings that keep ASCII), the word is then in the first 4 x 4 096 bytes after a BOM, since no
character takes more than 4. A page of such an encoding without it is passed on at once; every other
page gets Scrapy's own check, so redirects are decided exactly as Scrapy decides them.
"""

from __future__ import annotations

import codecs
from functools import lru_cache
from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.http import HtmlResponse

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.http import Response

SCRAPY_SCAN_CHARACTERS = 4096  # what scrapy.utils.response.get_meta_refresh reads of response.text
MAX_BYTES_PER_CHARACTER = 4  # UTF-8's longest sequence
BOM_BYTES = 3
SCAN_BYTES = BOM_BYTES + MAX_BYTES_PER_CHARACTER * SCRAPY_SCAN_CHARACTERS
# Python's names (codecs.lookup) of UTF-8 and of the single-byte encodings whose first 128 bytes are
# ASCII and whose other 128 are not: one byte per character, and no escape sequence (ISO-2022) or
# multi-byte character (Shift_JIS) that could spell an ASCII letter with other bytes.
WRITES_ASCII_AS_ITSELF = ("utf-8", "ascii", "cp125", "iso8859-", "koi8-")


@lru_cache(maxsize=64)
def writes_ascii_as_itself(encoding: str) -> bool:
    """Whether `refresh` in a page's text is `refresh` in its bytes too."""
    try:
        return codecs.lookup(encoding).name.startswith(WRITES_ASCII_AS_ITSELF)
    except LookupError:
        return False


def may_declare_refresh(response: HtmlResponse) -> bool:
    """False only when the first 4 096 characters of the page cannot hold a refresh declaration."""
    if not writes_ascii_as_itself(response.encoding):
        return True
    return b"refresh" in response.body[:SCAN_BYTES].lower()


class BytesMetaRefreshMiddleware(MetaRefreshMiddleware):
    """Scrapy's `MetaRefreshMiddleware`, skipped for pages whose bytes rule a refresh out (module doc)."""

    def process_response(
        self,
        request: Request,
        response: Response,
        spider: Spider | None = None,  # Scrapy's deprecated argument: never passed, kept for the signature
    ) -> Request | Response:
        if isinstance(response, HtmlResponse) and not may_declare_refresh(response):
            return response
        return super().process_response(request, response)
