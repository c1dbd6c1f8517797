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
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from lxml import etree

from newscrawl.discovery import Discovered
from newscrawl.discovery.recognize import SITEMAP, kind_of
from newscrawl.items import Link, date_candidates

if TYPE_CHECKING:
    from collections.abc import Iterable

    from newscrawl.page import Page

MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024
_ENTRIES = ("{*}url", "{*}sitemap")
NEWS_NAMESPACE = "http://www.google.com/schemas/sitemap-news/0.9"


class TooLarge(Exception):
    """The file inflates past the protocol's size limit."""


class BoundedReader(io.RawIOBase):
    """A file's bytes (inflated when gzipped), refusing to read past `limit`."""

    def __init__(self, body: bytes, limit: int) -> None:
        raw = io.BytesIO(body)
        self.stream = gzip.GzipFile(fileobj=raw) if body.startswith(b"\x1f\x8b") else raw
        self.limit, self.done = limit, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        count = self.stream.readinto(buffer)
        self.done += count
        if self.done > self.limit:
            raise TooLarge
        return count


@dataclass(frozen=True)
class Entry:
    """One `<url>` or `<sitemap>` as written: its `loc`, `lastmod` and `news:` children."""

    loc: str | None
    lastmod: str | None = None
    published: str | None = None
    title: str | None = None
    keywords: tuple[str, ...] = ()


def entry_of(element: etree._Element) -> Entry:
    """An entry's `loc` and `lastmod` (its own children, whatever their prefix) and the `news:` fields
    (in Google's news namespace only: an `image:title` is not the article's)."""
    found: dict[str, str] = {}
    for child in element.iter():
        if child is element or not isinstance(child.tag, str) or not child.text:
            continue
        name = etree.QName(child)
        if child.getparent() is element or name.namespace == NEWS_NAMESPACE:
            found.setdefault(name.localname, child.text.strip())
    keywords = tuple(word.strip() for word in found.get("keywords", "").split(",") if word.strip())
    return Entry(found.get("loc"), found.get("lastmod"), found.get("publication_date"), found.get("title"),
                 keywords)  # fmt: skip


def entries(body: bytes, counts: dict[str, int]) -> Iterable[tuple[str, Entry]]:
    """`("url" | "sitemap", entry)` in file order until the end, a limit or broken XML (counted)."""
    parser = etree.iterparse(
        BoundedReader(body, MAX_BYTES), events=("end",), tag=_ENTRIES,
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
    )  # fmt: skip
    try:
        for _, element in parser:
            yield etree.QName(element).localname, entry_of(element)
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]
    except TooLarge:
        counts["too_large"] = counts.get("too_large", 0) + 1
    except (etree.XMLSyntaxError, OSError, EOFError):  # broken XML, broken gzip
        counts["malformed"] = counts.get("malformed", 0) + 1


def entry_url(loc: str | None, url: str, hosts: frozenset[str], counts: dict[str, int]) -> str | None:
    """The entry's absolute URL if it may be followed; else None, counted by why."""
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
        absolute = entry_url(entry.loc, url, allowed, counts)
        if absolute is None:
            continue
        if kind == "sitemap":
            if absolute == url:
                counts["self"] = counts.get("self", 0) + 1
            else:
                children.append(absolute)
            continue
        dates = date_candidates("published", [(SITEMAP, entry.published)])
        dates += date_candidates("modified", [(SITEMAP, entry.lastmod)])
        links.append(Link(absolute, SITEMAP, entry.title, dates, entry.keywords))
    return Discovered(tuple(links), children=tuple(children), counts=counts)


class SitemapSource:
    """The `Source` of sitemap pages: entries on the sitemap's own host."""

    def read(self, page: Page) -> Discovered:
        return sitemap_links(page.body, page.url)
