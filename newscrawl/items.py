"""The two records that cross stage boundaries.

`RawArticle` is what a site page object read off one response: strings exactly as they appear in the
HTML, plus when and under which HTTP `Date` the page was fetched, so every later step is a pure function
of it. `Article` is the public JSON Lines contract: its exported field order is the key order of every
line, and `schema/article.schema.json` documents each field.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime

SCHEMA_VERSION = 1


@dataclass(frozen=True, kw_only=True)
class RawDates:
    """Every date string the page offers, untouched; `normalize.timestamps` ranks them."""

    jsonld_published: str | None = None
    jsonld_modified: str | None = None
    meta_published: str | None = None
    meta_modified: str | None = None
    time_datetime: str | None = None
    publisheddate: str | None = None
    visible_date: str | None = None
    relative_text: str | None = None


@dataclass(frozen=True, kw_only=True)
class RawArticle:
    """One article page as the site shows it; HTML fragments keep their markup and entities."""

    site: str
    url: str
    fetched_at: datetime
    http_date: str | None
    timezone: str
    language: str | None
    canonical_url: str | None
    title: str | None
    summary: tuple[str, ...]
    body: tuple[str, ...]
    dates: RawDates
    section: str | None
    tags: tuple[str, ...]
    related_urls: tuple[str, ...]
    authors: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class Fetch:
    """How the spider got the page: the URL it asked for and the validators for the next conditional GET."""

    requested_url: str = ""
    etag: str | None = None
    last_modified: str | None = None


@dataclass(kw_only=True)
class Article:
    """The exported item. Pipelines fill it from `raw`, one concern each; `raw` is never exported."""

    id: str = ""
    url: str = ""
    canonical_url: str = ""
    title: str = ""
    summary: list[str] = field(default_factory=list)
    body: str = ""
    published_at: str | None = None
    modified_at: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    related_urls: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    language: str | None = None
    published_at_source: str | None = None
    published_at_precision: str | None = None
    site: str = ""
    crawled_at: str = ""
    first_seen: str = ""
    version: int = 1
    content_hash: str = ""
    previous_content_hash: str | None = None
    schema_version: int = SCHEMA_VERSION
    raw: RawArticle = field(repr=False, metadata={"exported": False})
    fetch: Fetch = field(default_factory=Fetch, repr=False, metadata={"exported": False})


EXPORTED_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Article) if f.metadata.get("exported", True))
