"""Sitemaps: `urlset` entries as article links, `sitemapindex` entries as more sitemaps to read.

Scrapy's `Sitemap` drops Google's `news:` children, where a news sitemap keeps each article's date and
title, so entries are read here with lxml's `iterparse`, one `<url>` at a time, each freed once read:
memory stays flat however long the file. The parser resolves no entity and fetches nothing (billion-laughs
and external-entity payloads expand to nothing), and a gzipped file is inflated as it is read.

The protocol's limits hold per file: 50 000 entries and 50 MB uncompressed (a gzip bomb stops there); an
entry must be on the sitemap's own host (or one `hosts` adds: robots.txt may name a sitemap hosted
elsewhere). What breaks the rules is counted, never raised, and the entries read before it are kept.
"""

from __future__ import annotations

import gzip
import io
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from lxml import etree

from newscrawl.discovery import Discovered
from newscrawl.discovery.recognize import SITEMAP, kind_of
from newscrawl.items import DateCandidate, Link

if TYPE_CHECKING:
    from collections.abc import Iterable

    from newscrawl.page import Page

MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024
GZIP_MAGIC = b"\x1f\x8b"
_ENTRIES = ("{*}url", "{*}sitemap")
_NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
NEWS_TAG = f"{_NEWS}news"
NEWS_FIELDS = {f"{_NEWS}{name}": name for name in ("publication_date", "title", "keywords")}
# The usual spellings, known without splitting the tag.
ENTRY_FIELDS = {f"{{http://www.sitemaps.org/schemas/sitemap/0.9}}{name}": name for name in ("loc", "lastmod")}


class TooLarge(Exception):
    """The file inflates past the protocol's size limit."""


class BoundedReader(io.RawIOBase):
    """A gzipped file's bytes, inflated as they are read, refusing to read past `limit`."""

    def __init__(self, body: bytes, limit: int) -> None:
        self.stream = gzip.GzipFile(fileobj=io.BytesIO(body))
        self.limit, self.done = limit, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        count = self.stream.readinto(buffer)
        self.done += count
        if self.done > self.limit:
            raise TooLarge
        return count


def stream_of(body: bytes, counts: dict[str, int]) -> io.RawIOBase | io.BytesIO:
    """The file to parse: a gzipped one inflated as it is read, up to the limit; a plain one cut there
    (counted `too_large`: a full slice of bytes is the same object, so nothing is copied otherwise)."""
    if body.startswith(GZIP_MAGIC):
        return BoundedReader(body, MAX_BYTES)
    if len(body) > MAX_BYTES:
        counts["too_large"] = 1
    return io.BytesIO(body[:MAX_BYTES])


def local_name(tag: object) -> str:
    """`loc` of `{namespace}loc`; comments and processing instructions have none."""
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def fields_of(element: etree._Element) -> dict[str, str]:
    """An entry's `loc` and `lastmod` (its own children, in whatever namespace) and the fields of its
    `news:news` (in Google's news namespace only: an `image:title` is not the article's title)."""
    found: dict[str, str] = {}
    for child in element:
        tag = child.tag
        if tag == NEWS_TAG:
            found.update((NEWS_FIELDS[item.tag], item.text.strip()) for item in child
                         if item.tag in NEWS_FIELDS and item.text)  # fmt: skip
        elif child.text and (name := ENTRY_FIELDS.get(tag) or local_name(tag)) in ("loc", "lastmod"):
            found.setdefault(name, child.text.strip())
    return found


def entries(body: bytes, counts: dict[str, int]) -> Iterable[tuple[str, dict[str, str]]]:
    """`("url" | "sitemap", its fields)` in file order until the end, a limit or broken XML (counted)."""
    parser = etree.iterparse(
        stream_of(body, counts), events=("end",), tag=_ENTRIES,
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
    )  # fmt: skip
    try:
        for _, element in parser:
            yield local_name(element.tag), fields_of(element)
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]
    except TooLarge:
        counts["too_large"] = counts.get("too_large", 0) + 1
    except (etree.XMLSyntaxError, OSError, EOFError):  # broken XML, broken gzip, or cut at the limit
        counts.setdefault("too_large" if "too_large" in counts else "malformed", 1)


def entry_url(loc: str | None, url: str, hosts: frozenset[str], counts: dict[str, int]) -> str | None:
    """The entry's absolute URL if it may be followed; else None, counted by why."""
    if loc and loc.startswith(prefixes(url, hosts)):  # the usual entry, known without parsing it
        return loc
    if not loc:
        reason = "no_loc"
    else:
        absolute = urljoin(url, loc)
        if absolute != loc:
            counts["relative"] = counts.get("relative", 0) + 1
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https"):
            reason = "not_http"
        elif parts.hostname not in hosts:
            reason = "other_host"
        else:
            return absolute
    counts[reason] = counts.get(reason, 0) + 1
    return None


def link_of(url: str, fields: dict[str, str]) -> Link:
    """The article link of a `<url>` entry, with its news title, dates and keywords."""
    published, lastmod, keywords = (
        fields.get("publication_date"),
        fields.get("lastmod"),
        fields.get("keywords"),
    )
    dates: tuple[DateCandidate, ...] = (DateCandidate(SITEMAP, published, "published"),) if published else ()
    if lastmod:
        dates += (DateCandidate(SITEMAP, lastmod, "modified"),)
    words = tuple(word.strip() for word in keywords.split(",") if word.strip()) if keywords else ()
    return Link(url, SITEMAP, fields.get("title"), dates, words)


@lru_cache(maxsize=64)
def prefixes(url: str, hosts: frozenset[str]) -> tuple[str, ...]:
    """How an absolute http(s) URL on one of `hosts`, or on the sitemap's own host and port, begins:
    up to the `/` that ends its authority (no `user@`: `http://host:@other/` is on `other`)."""
    netloc = urlsplit(url).netloc
    return tuple(f"{scheme}://{host}/" for scheme in ("http", "https") for host in (*hosts, netloc))


def sitemap_links(body: bytes, url: str, hosts: Iterable[str] = ()) -> Discovered:
    """The article links of a `urlset` and the sitemaps of a `sitemapindex` at `url`, in file order.

    Counted: `not_a_sitemap`, `malformed`, `too_large`, `too_many` (entries past 50 000: not read), `no_loc`,
    `not_http`, `other_host`, `relative` (kept, made absolute), `self` (an index naming itself)."""
    counts: dict[str, int] = {}
    if kind_of(body) != SITEMAP:
        return Discovered((), counts={"not_a_sitemap": 1})
    allowed = frozenset((urlsplit(url).hostname or "", *hosts))
    links: list[Link] = []
    children: list[str] = []
    for number, (kind, entry) in enumerate(entries(body, counts), start=1):
        if number > MAX_URLS:
            counts["too_many"] = 1  # the rest is not read
            break
        absolute = entry_url(entry.get("loc"), url, allowed, counts)
        if absolute is None:
            continue
        if kind == "sitemap":
            if absolute == url:
                counts["self"] = counts.get("self", 0) + 1
            else:
                children.append(absolute)
            continue
        links.append(link_of(absolute, entry))
    return Discovered(tuple(links), children=tuple(children), counts=counts)


class SitemapSource:
    """The `Source` of sitemap pages: entries on the sitemap's own host."""

    def read(self, page: Page) -> Discovered:
        return sitemap_links(page.body, page.url)
