"""The `news` spider's `-a` arguments, validated in one place so a typo fails before any request.

| argument          | meaning                                                         | default            |
| ----------------- | --------------------------------------------------------------- | ------------------ |
| `site=NAME`       | the one site profile for every page (`newscrawl.sites.registry`) | chosen per origin  |
| `start_urls=U,..` | listing pages to start from; their hosts are the allowed hosts  | the profile's own  |
| `max_pages=N`     | listing pages read per start URL (section), N >= 1              | NEWSCRAWL_MAX_PAGES |
| `max_articles=N`  | article pages requested in the run, N >= 1                      | no bound           |
| `backfill=1`      | read every listing page even when a section has caught up       | `0`                |
| `discover=0|1`    | look for each start host's feeds and sitemaps                   | 1 on generic hosts |
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from newscrawl.sites.registry import DEFAULT_SITE, site_named

if TYPE_CHECKING:
    from newscrawl.sites.base import Site

ARGUMENTS = ("site", "start_urls", "max_pages", "max_articles", "backfill", "discover")


@dataclass(frozen=True)
class CrawlArguments:
    """`site` is the profile forced for every page, or None: each origin gets its own (`SiteChooser`)."""

    site: Site | None
    start_urls: tuple[str, ...]
    max_pages: int | None
    max_articles: int | None
    backfill: bool = False
    # None: discover for the hosts the generic profile reads (`newscrawl.spiders.sources`).
    discover: bool | None = None

    @property
    def allowed_hosts(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(urlsplit(url).hostname or "" for url in self.start_urls))


def parse_limit(name: str, value: object) -> int | None:
    """A positive integer bound, or None when the argument was not given."""
    if value is None:
        return None
    text = str(value).strip()
    if not text.isdigit() or int(text) < 1:
        raise ValueError(f"-a {name}={value!r} is not a positive integer: use e.g. -a {name}=10")
    return int(text)


def parse_start_urls(value: object) -> tuple[str, ...]:
    """Comma-separated absolute http(s) URLs."""
    urls = tuple(url.strip() for url in str(value).split(",") if url.strip())
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(
                f"-a start_urls: {url!r} is not an absolute http(s) URL: "
                "use -a start_urls=https://host/section[,https://host/other-section]"
            )
    if not urls:
        raise ValueError("-a start_urls is empty: use -a start_urls=https://host/section")
    return urls


def parse_flag(name: str, value: object) -> bool:
    text = "0" if value is None else str(value).strip().lower()
    if text not in ("0", "1", "true", "false"):
        raise ValueError(f"-a {name}={value!r} is not a flag: use -a {name}=1 or -a {name}=0")
    return text in ("1", "true")


def parse_arguments(arguments: dict[str, object]) -> CrawlArguments:
    """Validate the spider's keyword arguments; an unknown name fails with the list of valid ones."""
    unknown = sorted(set(arguments) - set(ARGUMENTS))
    if unknown:
        raise ValueError(f"unknown argument -a {unknown[0]}: valid arguments are {', '.join(ARGUMENTS)}")
    site = site_named(str(arguments["site"])) if arguments.get("site") else None
    if arguments.get("start_urls") is None:
        # No start URLs: a profile's own sections, read by that profile.
        site = site or site_named(DEFAULT_SITE)
        start_urls = site.start_urls
        if not start_urls:
            raise ValueError(
                f"site {site.name!r} has no sections of its own: use -a start_urls=https://host/"
            )
    else:
        start_urls = parse_start_urls(arguments["start_urls"])
    return CrawlArguments(
        site=site,
        start_urls=start_urls,
        max_pages=parse_limit("max_pages", arguments.get("max_pages")),
        max_articles=parse_limit("max_articles", arguments.get("max_articles")),
        backfill=parse_flag("backfill", arguments.get("backfill")),
        discover=None if arguments.get("discover") is None else parse_flag("discover", arguments["discover"]),
    )
