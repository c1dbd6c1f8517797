"""The demo site as plain data: what each page shows and what the crawler must make of it.

The model holds text as a newsroom typed it (no-break and thin spaces, zero-width spaces, curly
apostrophes, decomposed accents); `render` turns it into markup with entities, and `expected_items`
applies the contract's text normalization, so every expected value is derived from the same source as
the page instead of being written down twice.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from datetime import date, datetime

REFERENCE_HOST = "https://www.news24.com"
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
FOLLOWED_PROMOS = ("READ", "ALSO READ")


def clean(text: str) -> str:
    """The contract's normalization: NFC, zero-width removed, Unicode space runs to one space."""
    return " ".join(unicodedata.normalize("NFC", text).translate(ZERO_WIDTH).split())


@dataclass(frozen=True)
class Section:
    """A listing section; `name` is both `article:section` and the breadcrumb's second link."""

    path: str
    name: str
    subsection: str
    topic: str


@dataclass(frozen=True)
class Dating:
    """Which date sources a page shows, and the `published_at` the contract derives from them."""

    day: date | None = None
    published: datetime | None = None
    modified: datetime | None = None
    full: bool = False
    visible: date | None = None
    ago: str | None = None
    expected: str | None = None


@dataclass(frozen=True)
class Block:
    """One direct child of `div.article__body`: p, h3, quote, promo, ad, newsletter, script, empty."""

    kind: str
    text: str = ""
    href: str = ""
    label: str = ""


@dataclass(frozen=True)
class Story:
    """An article page the server renders; `kind` is plain, live or premium (card decoration)."""

    path: str
    section: Section
    title: str
    summary: tuple[str, ...]
    blocks: tuple[Block, ...]
    dating: Dating
    tags: tuple[str, ...]
    authors: tuple[str, ...]
    kind: str = "plain"
    section_meta: bool = True
    sidebar: tuple[tuple[str, str], ...] = ()

    def expected(self, base_url: str) -> dict[str, object]:
        """The item the crawler must emit for this page, keys in the contract's order."""
        url = base_url + self.path
        texts = [clean(b.text) for b in self.blocks if b.kind in ("p", "h3", "quote")]
        return {
            "url": url,
            "canonical_url": url,
            "title": clean(self.title),
            "summary": [clean(bullet) for bullet in self.summary],
            "body": "\n\n".join(text for text in texts if text),
            "published_at": self.dating.expected,
            "modified_at": self.dating.modified.isoformat() if self.dating.modified else None,
            "section": self.section.name,
            "tags": list(self.tags),
            "related_urls": self.related_urls(base_url),
            "authors": list(self.authors),
            "language": "en",
        }

    def related_urls(self, base_url: str) -> list[str]:
        """READ promo targets; demo promos only ever carry tracking parameters, so drop the query."""
        urls = [base_url + urlsplit(b.href).path for b in self.blocks if b.label in FOLLOWED_PROMOS]
        return list(dict.fromkeys(urls))


@dataclass(frozen=True)
class Card:
    """A listing entry: kind is article, live, premium, video, partner, offsite, ad or opinion."""

    kind: str
    href: str = ""
    title: str = ""
    label: str = ""
    date_text: str | None = None


@dataclass(frozen=True)
class DemoSite:
    """Everything the server serves, keyed by lowercase path, plus what a crawl must produce."""

    seed: int
    sections: tuple[Section, ...]
    listings: dict[str, tuple[tuple[Card, ...], ...]]
    stories: dict[str, Story]
    raw_pages: dict[str, str]
    raw_expected: dict[str, str]
    emitted: tuple[str, ...]
    traps: tuple[str, ...]
    offsite: tuple[str, ...]
    redirects: dict[str, str]
    most_read: tuple[tuple[str, str], ...]
    trending: tuple[str, str]

    def start_urls(self, base_url: str) -> list[str]:
        """Page 1 of every section listing."""
        return [base_url + section.path for section in self.sections]

    def expected_items(self, base_url: str) -> dict[str, dict[str, object]]:
        """Every item a correct crawl emits, keyed by its canonical URL."""
        items = [self._expected(path, base_url) for path in self.emitted]
        return {str(item["canonical_url"]): item for item in items}

    def trap_urls(self, base_url: str) -> list[str]:
        """Served article pages that nothing a crawler should follow links to."""
        traps = [base_url + path for path in (*self.traps, *self.offsite)]
        return traps + [offsite_origin(base_url) + path for path in self.offsite]

    def _expected(self, path: str, base_url: str) -> dict[str, object]:
        raw = self.raw_expected.get(path)
        if raw is None:
            return self.stories[path].expected(base_url)
        item: dict[str, object] = json.loads(raw)
        for key in ("url", "canonical_url"):
            item[key] = rebase(str(item[key]), base_url)
        related = cast("list[str]", item["related_urls"])
        item["related_urls"] = [rebase(url, base_url) for url in related]
        return item


def rebase(url: str, base_url: str) -> str:
    """A reference-site URL moved onto the demo host (the packaged page links relatively)."""
    return base_url + url.removeprefix(REFERENCE_HOST)


def offsite_origin(base_url: str) -> str:
    """A second host name for the same loopback server, which a crawler must treat as offsite."""
    return base_url.replace("://127.0.0.1", "://localhost", 1)
