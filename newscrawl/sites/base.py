"""What every site profile provides, in plain Python: no Scrapy type crosses this boundary.

A profile turns one fetched page into raw strings (`RawArticle`) or a `Listing`; deciding what to fetch
next stays in the spider, and normalizing stays in the pipelines, so a new layout is one small module.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import urlsplit

from parsel import Selector

from newscrawl.normalize.urls import url_key

if TYPE_CHECKING:
    import re
    from datetime import datetime

    from newscrawl.items import RawArticle


@dataclass(frozen=True)
class Page:
    """One fetched document: final URL, its bytes as served and their encoding (the response's, from
    its header, BOM or `<meta>`), crawl clock, and the server's `Date` header."""

    url: str
    body: bytes
    encoding: str
    fetched_at: datetime
    http_date: str | None = None

    @cached_property
    def selector(self) -> Selector:
        """The page parsed once, from its bytes: parsel hands UTF-8 bytes to lxml as they are, where
        parsing the decoded text (`response.text`, as `response.css` does) strips it, scans it for NUL
        and encodes it again (a 100 kB page: 0.79 against 0.96 ms, `bench/parsing.py`). Bytes the
        encoding cannot decode, and other encodings, go parsel's decoding way (U+FFFD for bad bytes).
        parsel refuses an empty body, which is an empty document like a blank one."""
        body = self.body or b"<html/>"
        return Selector(body=body, encoding=self.encoding, type="html", base_url=self.url)


@dataclass(frozen=True)
class Listing:
    """A section listing page: article links in page order (absolute, as linked) and the next page."""

    article_urls: tuple[str, ...]
    next_page_url: str | None


class Site(ABC):
    """A site layout. Subclasses set the class attributes and read pages; see `sites/news24.py`."""

    name: ClassVar[str]
    start_urls: ClassVar[tuple[str, ...]]
    timezone: ClassVar[str]
    language: ClassVar[str]
    fold_path_case: ClassVar[bool] = False
    article_path: ClassVar[re.Pattern[str]]
    excluded_path_parts: ClassVar[tuple[str, ...]] = ()

    @abstractmethod
    def listing(self, page: Page) -> Listing:
        """The article links and next page of a listing page."""

    @abstractmethod
    def article(self, page: Page) -> RawArticle:
        """The raw fields of an article page."""

    def is_article_url(self, url: str) -> bool:
        """Whether a link on this site's pages names an article (host checks belong to the spider)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return False
        path = parts.path.lower()
        if any(part in path for part in self.excluded_path_parts):
            return False
        return bool(self.article_path.search(parts.path))

    def url_key(self, url: str) -> str:
        """The key under which two links count as the same article or page."""
        return url_key(url, fold_path_case=self.fold_path_case)
