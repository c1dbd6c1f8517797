"""Which origins a run may fetch from: those of its start URLs, and the ones the user allows.

A host check alone lets a page send the crawler to another port of a start host (`127.0.0.1:8081`, an
internal admin service beside the site): for a private start host that is server-side request forgery,
and for any host it archives pages of another service. So every URL the crawl admits (start URLs,
listing cards, promos, canonical URLs, and in the address guard every request, redirects, meta
refreshes and robots.txt included) is compared by origin: scheme, host and port.

One exception keeps ordinary sites working: an origin on its scheme's default port also admits the
other default port of the same host (`http://site/` -> `https://site/` is the usual upgrade redirect).
Any other port must be a start URL's or be named in `NEWSCRAWL_ALLOWED_ORIGINS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from collections.abc import Iterable

DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class Origin:
    scheme: str
    host: str
    port: int

    @property
    def on_default_port(self) -> bool:
        return DEFAULT_PORTS[self.scheme] == self.port

    def __str__(self) -> str:
        return f"{self.scheme}://{self.host}:{self.port}"


def origin_of(url: str) -> Origin | None:
    """The URL's origin, with its default port made explicit; None for a non-http(s) or malformed URL."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:  # a port that is not a number, or out of range
        return None
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    return Origin(scheme, parts.hostname.lower().rstrip("."), port or DEFAULT_PORTS[scheme])


def allowed_origin(entry: str) -> Origin:
    """An origin from `NEWSCRAWL_ALLOWED_ORIGINS`: `http://host:port`; raises ValueError otherwise."""
    origin = origin_of(entry)
    if origin is None or urlsplit(entry.strip()).path not in ("", "/"):
        raise ValueError(
            f"-s NEWSCRAWL_ALLOWED_ORIGINS: {entry!r} is not an origin: use e.g. "
            "-s NEWSCRAWL_ALLOWED_ORIGINS=http://127.0.0.1:8081"
        )
    return origin


class OriginScope:
    """The origins of the start URLs plus the allowed ones; `admits(url)` says whether a URL is in."""

    def __init__(self, start_urls: Iterable[str], allowed: Iterable[str] = ()) -> None:
        self.starts = frozenset(filter(None, map(origin_of, start_urls)))
        self.allowed = frozenset(map(allowed_origin, allowed))

    def admits(self, url: str, *, subdomains: bool = False) -> bool:
        """Whether `url` is on an admitted origin. With `subdomains`, a subdomain of a start host counts
        as that host (a redirect from `site.com` to `www.site.com`); its port must still match."""
        origin = origin_of(url)
        if origin is None:
            return False
        if origin in self.allowed or origin in self.starts:
            return True
        return any(same_host(origin.host, s.host, subdomains) and same_port(origin, s) for s in self.starts)


def same_host(host: str, start: str, subdomains: bool) -> bool:
    return host == start or (subdomains and host.endswith(f".{start}"))


def same_port(origin: Origin, start: Origin) -> bool:
    """The start's own scheme and port, or, for a start on a default port, the other default port."""
    if origin.scheme == start.scheme and origin.port == start.port:
        return True
    return start.on_default_port and origin.on_default_port
