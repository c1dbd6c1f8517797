"""What a fetched document is, read from its first bytes: a feed, a sitemap, or neither.

Sites serve feeds as `text/html`, sitemaps as `application/octet-stream` and either without an extension
(`/feed`, `/sitemap`), so the root element decides, never the URL or the `Content-Type`: `rss`, `rdf:RDF`
and Atom's `feed` are feeds, as is a JSON object naming its `jsonfeed.org/version`; `urlset` and
`sitemapindex` are sitemaps, plain or gzipped. A text whose first rule is a robots.txt rule is one.
"""

from __future__ import annotations

import re
import zlib

from newscrawl.discovery.listing import LISTING
from newscrawl.items import FEED, SITEMAP

__all__ = ["FEED", "ROBOTS", "SITEMAP", "head_of", "kind_of", "kind_read"]

ROBOTS = "robots"  # a robots.txt, for its `Sitemap:` lines

# Enough for any prolog (XML declaration, stylesheet instructions, comments, a DOCTYPE) before the root.
HEAD_BYTES = 64 * 1024
_GZIP_MAGIC = b"\x1f\x8b"
_PROLOG = re.compile(rb"(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)*", re.DOTALL | re.I)
_ROOT = re.compile(rb"<(?:[\w.-]+:)?([\w.-]+)[\s/>]")
_ROOTS = {b"rss": FEED, b"RDF": FEED, b"feed": FEED, b"urlset": SITEMAP, b"sitemapindex": SITEMAP}
_ROBOTS_RULE = re.compile(
    rb"(?:\s*#[^\n]*\n|\s+)*(?:user-agent|sitemap|disallow|allow|crawl-delay)\s*:", re.I
)
_JSON_FEED = re.compile(rb'\A\s*\{.*?"version"\s*:\s*"https?://jsonfeed\.org/version/', re.DOTALL)


def head_of(body: bytes) -> bytes:
    """The first bytes of the document, gunzipped when gzipped (a bounded read: a bomb stops here)."""
    if body.startswith(_GZIP_MAGIC):
        try:
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(body[:HEAD_BYTES], HEAD_BYTES)
        except zlib.error:
            return b""
    return body[:HEAD_BYTES]


def kind_of(body: bytes) -> str | None:
    """`FEED`, `SITEMAP`, `ROBOTS`, or None for anything else (an HTML page, an error text, broken gzip)."""
    head = head_of(body).removeprefix(b"\xef\xbb\xbf")
    if _JSON_FEED.match(head):
        return FEED
    if _ROBOTS_RULE.match(head):
        return ROBOTS
    prolog = _PROLOG.match(head)
    root = _ROOT.match(head, prolog.end() if prolog else 0)
    return _ROOTS.get(root[1]) if root else None


def kind_read(asked: str, body: bytes) -> str:
    """The kind of source that reads a page asked for as `asked`: a start URL (asked as a listing page)
    that is a feed or a sitemap is read as one; a page asked as a feed or sitemap stays one, so what is
    not (an HTML page served at `/rss`) is counted by its source."""
    return (kind_of(body) or asked) if asked == LISTING else asked
