"""The records that cross stage boundaries.

`Link` is what a discovery source found: a URL and what the source knows of the article behind it.
`RawArticle` is what a site profile read off one page: strings exactly as they appear in the HTML, its
date strings as ranked candidates, plus when and under which HTTP `Date` the page was fetched, so every
later step is a pure function of it. `Article` is the public JSON Lines contract: its exported field
order is the key order of every line, and each field's JSON Schema is declared with it (`exported`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import datetime

SCHEMA_VERSION = 1

Role = Literal["published", "modified"]
ROLES: tuple[Role, ...] = ("published", "modified")

# Where a date string was found; the published ones are also the values of `published_at_source`.
JSONLD = "jsonld"  # schema.org JSON-LD `datePublished` / `dateModified`
ARTICLE_META = "article_meta"  # `<meta property="article:published_time">` / `article:modified_time`
TIME_ELEMENT = "time_element"  # `<time datetime>`
PUBLISHEDDATE_META = "publisheddate_meta"  # `<meta name="publisheddate">`
RELATIVE_TEXT = "relative_text"  # visible relative text: `49m ago`, `yesterday`
VISIBLE_DATE = "visible_date"  # visible date: `2022-02-16`, `16 Feb 2022`
MICRODATA = "microdata"  # schema.org microdata: `itemprop="datePublished"`
OTHER_META = "meta"  # other date metas: `<meta name="date">`, `dc.date.issued`, `parsely-pub-date`, ...
URL_PATH = "url"  # the date in the URL's path: `/2022/02/16/`, `-20220216`
HTMLDATE = "htmldate"  # htmldate's reading of a page that declares no date: its visible text, in any language
FEED = "feed"  # a feed's item date: RSS `pubDate`, Atom `published`/`updated`, `dc:date`, JSON Feed dates
SITEMAP = "sitemap"  # a sitemap entry's `news:publication_date` (published) or `lastmod` (modified)


@dataclass(frozen=True, slots=True)
class DateCandidate:
    """One date string as a page, feed or sitemap gave it; `normalize.timestamps` ranks them by source."""

    source: str
    raw: str
    role: Role = "published"


def date_candidates(role: Role, found: Iterable[tuple[str, str | None]]) -> tuple[DateCandidate, ...]:
    """The `(source, raw string)` pairs a reader found for `role`, without the ones it did not find."""
    return tuple(DateCandidate(source, raw, role) for source, raw in found if raw is not None)


def dates_to_rows(dates: Iterable[DateCandidate]) -> list[list[str]]:
    """The candidates as JSON rows, to travel in a request's meta (through a distributed queue, too)."""
    return [[date.source, date.raw, date.role] for date in dates]


def dates_from_rows(rows: Iterable[list[str]]) -> tuple[DateCandidate, ...]:
    """The candidates `dates_to_rows` wrote; a row with an unknown role is not a candidate."""
    return tuple(DateCandidate(source, raw, role) for source, raw, role in rows if role in ROLES)


@dataclass(frozen=True, slots=True)
class Link:
    """A link a discovery source found, with what that source says of its target: a title, dates,
    keywords (a news sitemap's `news:keywords`)."""

    url: str
    source: str
    title: str | None = None
    dates: tuple[DateCandidate, ...] = ()
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class RawArticle:
    """One article page as the site shows it; HTML fragments keep their markup and entities.

    `timezone` is the site's IANA zone, or None when the profile knows none (offsets come from the page)."""

    site: str
    url: str
    fetched_at: datetime
    http_date: str | None
    timezone: str | None
    language: str | None
    canonical_url: str | None
    title: str | None
    summary: tuple[str, ...]
    body: tuple[str, ...]
    dates: tuple[DateCandidate, ...]
    section: str | None
    tags: tuple[str, ...]
    related_urls: tuple[str, ...]
    authors: tuple[str, ...]
    # Why the page is not an article (`home`, `section`, `soft_404`, ...), when its profile can tell from
    # the page; the validation pipeline drops it, counted under that reason.
    not_article: str | None = None


@dataclass(frozen=True, kw_only=True)
class Fetch:
    """How the spider got the page: the URL it asked for and the validators for the next conditional GET."""

    requested_url: str = ""
    etag: str | None = None
    last_modified: str | None = None


# How `MetadataPipeline` makes a field from the raw field of the same name: one line of plain text, that
# or null when empty, or the distinct non-empty lines of a list.
TextKind = Literal["line", "line_or_null", "distinct_lines"]


def exported(
    description: str,
    default: Any = None,
    *,
    content: bool = False,
    text: TextKind | None = None,
    **schema: Any,
) -> Any:
    """A field of the JSON Lines contract: its default, and its JSON Schema (`newscrawl.contract` builds
    the shipped schema from these). `content` fields are what a reader calls the article: a change in
    any of them is a new version (`content_hash`). `text` fields are the raw field of the same name as
    plain text (`TextKind`). An array field defaults to a fresh empty list."""
    metadata = {"schema": {"description": description, **schema}, "content": content, "text": text}
    if schema.get("type") == "array":
        return field(default_factory=list, metadata=metadata)
    return field(default=default, metadata=metadata)


HEX32 = "^[0-9a-f]{32}$"
ISO_TIME = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(Z|[+-]\\d{2}:\\d{2})?$"
PRECISIONS = ("second", "minute", "hour", "day")
HTTP_URL = "^https?://"
UTC_TIME = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$"
STRINGS: dict[str, Any] = {"type": "array", "items": {"type": "string"}}


@dataclass(kw_only=True)
class Article:
    """The exported item. Pipelines fill it from `raw`, one concern each; `raw` and `fetch` are never
    exported. Field order is the key order of every line."""

    id: str = exported(
        "Stable identity: the first 32 hex digits of SHA-256(canonical_url). The same article gets the same "
        "id in every run.", "", type="string", pattern=HEX32,
    )  # fmt: skip
    url: str = exported(
        "Where the page was fetched, after redirects, without tracking parameters or fragment.", "",
        type="string", pattern=HTTP_URL,
    )  # fmt: skip
    canonical_url: str = exported(
        "The page's <link rel=canonical> (absolute), else `url`; tracking parameters and fragment removed.",
        "", type="string", pattern=HTTP_URL,
    )  # fmt: skip
    title: str = exported(
        "Headline as published, whitespace normalized.", "", content=True, text="line", type="string",
        minLength=1,
    )  # fmt: skip
    summary: list[str] = exported(
        "Bullet-point summary, one string per bullet; empty when the page has none.",
        content=True, type="array", items={"type": "string", "minLength": 1},
    )  # fmt: skip
    body: str = exported(
        'Article text: paragraphs, subheadings and quotes in page order, joined by a blank line ("\\n\\n"). '
        "Unicode NFC, spaces normalized, promos, ads and newsletter boxes left out.",
        "", content=True, type="string", minLength=1,
    )  # fmt: skip
    published_at: str | None = exported(
        "Publication time, ISO 8601 with the site's UTC offset (e.g. 2022-02-16T14:56:00+02:00), or null. "
        "A site whose zone is unknown and whose page gives no offset gets the page's wall-clock time "
        "without an offset (2022-02-16T14:56:00), and a precision ending in _local; one the page gives in "
        "UTC is shown in the offset the page gives the same instant elsewhere, if any (with an offset, or as "
        "a wall-clock time equal to the second, not on a round minute); failing that, when "
        "its URL names another day that a zone from UTC-10 to UTC+14 reaches from that instant (an "
        "instant of 2020-02-18T02:18:11Z under /2020/02/17/), the first value the page gives on the URL's "
        "day replaces it, at worst the URL's own day (2020-02-17T00:00:00, day_local): no zone is invented, "
        "the day is the one the publisher names. See published_at_source/precision for how much to trust "
        "it.",
        content=True, type=["string", "null"], pattern=ISO_TIME,
    )  # fmt: skip
    modified_at: str | None = exported(
        "Last modification time from machine-readable metadata, ISO 8601 with the site's offset (or, as "
        "for published_at, wall-clock time without one), or null.",
        content=True, type=["string", "null"], pattern=ISO_TIME,
    )  # fmt: skip
    section: str | None = exported(
        "Site section (article:section, else breadcrumb), or null.", content=True, text="line_or_null",
        type=["string", "null"],
    )  # fmt: skip
    tags: list[str] = exported("Topic tags in page order.", content=True, text="distinct_lines", **STRINGS)
    related_urls: list[str] = exported(
        "Absolute URLs of the READ / ALSO READ promos inside the article, in page order.",
        content=True, type="array", items={"type": "string", "pattern": HTTP_URL},
    )  # fmt: skip
    authors: list[str] = exported(
        "The people of the byline, each once (no publisher, agency, desk or role); empty when none.",
        content=True,
        text="distinct_lines",
        **STRINGS,
    )
    language: str | None = exported(
        'Primary language subtag (ISO 639-1, e.g. "en"), or null.', content=True, type=["string", "null"]
    )
    # Its values are the sources `normalize.timestamps` ranks for publication (`newscrawl.contract`).
    published_at_source: str | None = exported(
        "Where published_at came from, most trusted first: {sources} (relative_text: a visible text like "
        "'49m ago' anchored at the HTTP Date header, or the crawl clock when the header is missing); null "
        "when published_at is null."
    )
    published_at_precision: str | None = exported(
        "Granularity of published_at: second, minute, hour or day; with _local (second_local, "
        "minute_local, day_local) when it is wall-clock time in a zone the page does not name; null when "
        "published_at is null.",
        enum=[*PRECISIONS, *(f"{precision}_local" for precision in PRECISIONS if precision != "hour"), None],
    )
    site: str = exported(
        "Name of the site profile that read the page (chosen for its origin, or -a site=).", "",
        type="string", minLength=1,
    )  # fmt: skip
    crawled_at: str = exported(
        "When the page was fetched, UTC, ISO 8601 with a Z suffix.", "", type="string", pattern=UTC_TIME
    )
    first_seen: str = exported(
        "When this article (by canonical URL) was first crawled by this archive, UTC, Z suffix; unchanged "
        "across versions.", "", type="string", pattern=UTC_TIME,
    )  # fmt: skip
    version: int = exported(
        "1 for the first line of an article, +1 for each later line whose content changed. Upsert on (id, "
        "version).", 1, type="integer", minimum=1,
    )  # fmt: skip
    content_hash: str = exported(
        "32 hex digits of SHA-256 over the content fields ({content}); equal hashes mean no edit.", "",
        type="string", pattern=HEX32,
    )  # fmt: skip
    previous_content_hash: str | None = exported(
        "content_hash of the previous version, or null for version 1.", type=["string", "null"], pattern=HEX32
    )
    schema_version: int = exported(
        "Version of this schema the line follows.", SCHEMA_VERSION, const=SCHEMA_VERSION
    )
    raw: RawArticle = field(repr=False)
    fetch: Fetch = field(default_factory=Fetch, repr=False)


EXPORTED_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Article) if "schema" in f.metadata)
CONTENT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Article) if f.metadata.get("content"))
TEXT_FIELDS: tuple[tuple[str, TextKind], ...] = tuple(
    (f.name, f.metadata["text"]) for f in fields(Article) if f.metadata.get("text")
)
