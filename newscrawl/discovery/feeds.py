"""Feeds: RSS 0.9x, 1.0 and 2.0, Atom (read by feedparser) and JSON Feed (read here), as article links.

Each item becomes a `Link` to its article with the item's title and its date strings exactly as the feed
wrote them: feedparser's own parse of a `pubDate` takes a zone it does not know (`SAST`) as UTC, two hours
off, so only the raw string travels and `normalize.feeddates` reads it with the site's zone. An item's
`pubDate`/`published` is its publication; `updated` (and RSS 1.0's `dc:date`, which feedparser files
there) its modification, and its publication too when the item gives no other date.

A feed is read from the bytes as fetched; a DOCTYPE is dropped before parsing, since no feed needs one
and its internal entities are how billion-laughs and external-entity payloads arrive (feedparser falls
back to its tolerant parser for whatever they leave undefined, keeping the good items).
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

import feedparser

from newscrawl.discovery import Discovered
from newscrawl.discovery.recognize import FEED, kind_of
from newscrawl.items import DateCandidate, Link, Role

if TYPE_CHECKING:
    from newscrawl.page import Page

# The feed types a page declares with `<link rel="alternate" type=...>`.
_DECLARED = ",".join(
    f'link[rel~="alternate"][type="{kind}"]::attr(href)'
    for kind in ("application/rss+xml", "application/atom+xml", "application/feed+json")
)
_DOCTYPE = re.compile(rb"<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>", re.DOTALL | re.I)


def item_dates(published: str | None, updated: str | None) -> tuple[DateCandidate, ...]:
    """The raw date strings of one item as candidates; a lone `updated` dates the publication too."""
    found: list[tuple[Role, str | None]] = [("published", published or updated), ("modified", updated)]
    return tuple(DateCandidate(FEED, raw.strip(), role) for role, raw in found if raw and raw.strip())


def item_link(url: object, base: str, title: object, dates: tuple[DateCandidate, ...]) -> Link | None:
    """The item's link, absolute against the feed; None for an item without an http(s) link."""
    if not isinstance(url, str) or not url.strip():
        return None
    absolute = urljoin(base, url.strip())
    if urlsplit(absolute).scheme not in ("http", "https"):
        return None
    text = " ".join(title.split()) if isinstance(title, str) else ""
    return Link(absolute, FEED, text or None, dates)


def xml_feed_links(body: bytes, url: str) -> tuple[list[Link | None], bool]:
    """The items of an RSS or Atom feed, and whether any of it did not parse as XML."""
    parsed = feedparser.parse(
        _DOCTYPE.sub(b"", body, count=1),
        response_headers={"content-location": url, "content-type": "application/xml"},
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    links = [
        # dict.get: FeedParserDict would answer a missing `updated` with `published`.
        item_link(dict.get(entry, "link"), url, dict.get(entry, "title"),
                  item_dates(dict.get(entry, "published"), dict.get(entry, "updated")))
        for entry in parsed.entries
    ]  # fmt: skip
    return links, bool(parsed.bozo)


def json_feed_links(body: bytes, url: str) -> tuple[list[Link | None], bool]:
    """The items of a JSON Feed (1.0, 1.1): `url`, else `external_url`, with `title` and dates."""
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):
        return [], True
    items: Any = document.get("items") if isinstance(document, dict) else None
    if not isinstance(items, list):
        return [], True
    links = [
        item_link(item.get("url") or item.get("external_url"), url, item.get("title"),
                  item_dates(_text(item.get("date_published")), _text(item.get("date_modified"))))
        if isinstance(item, dict) else None
        for item in items
    ]  # fmt: skip
    return links, False


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def feed_links(body: bytes, url: str) -> Discovered:
    """The article links of the feed at `url`, in feed order, with what went wrong counted:
    `not_a_feed` (an HTML page, say: nothing read), `malformed` (read as far as it parses), `no_link`."""
    if kind_of(body) != FEED:
        return Discovered((), counts={"not_a_feed": 1})
    is_json = body.lstrip().startswith(b"{")
    found, malformed = json_feed_links(body, url) if is_json else xml_feed_links(body, url)
    links = tuple(link for link in found if link is not None)
    counts = {"malformed": int(malformed), "no_link": len(found) - len(links)}
    return Discovered(links, counts={name: n for name, n in counts.items() if n})


def declared_feeds(page: Page) -> tuple[str, ...]:
    """The feeds `page` declares in `<link rel="alternate">`, absolute, each once, in page order."""
    hrefs = (
        urljoin(page.url, href.strip()) for href in page.selector.css(_DECLARED).getall() if href.strip()
    )
    return tuple(dict.fromkeys(href for href in hrefs if urlsplit(href).scheme in ("http", "https")))


class FeedSource:
    """The `Source` of feed pages: a feed has no next page (its archive, if any, is the sitemap's)."""

    def read(self, page: Page) -> Discovered:
        return feed_links(page.body, page.url)
