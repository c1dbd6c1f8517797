"""Refuse requests that would reach the crawler's own network instead of the public web (SSRF).

A news page is hostile input: a link or a redirect may point at `http://169.254.169.254/` (cloud
metadata), `http://10.0.0.5/admin` or `file:///etc/passwd`. `AddressGuardMiddleware` lets through only
http(s) URLs whose host resolves to globally routable addresses, or whose host the user allowed:

- the hosts of the start URLs (`spider.allowed_domains`), compared as exact host strings: starting on
  `127.0.0.1` allows `127.0.0.1`, not `127.0.0.2` nor `localhost`;
- `NEWSCRAWL_ALLOWED_PRIVATE_HOSTS`: host names (exact) and IP addresses or CIDR networks (an address
  of the host, literal or resolved, inside one of them is allowed).

Before the address, the origin: a request to a start host (or a subdomain of one) on another port or
scheme than the start URLs' (`newscrawl.scope`, `NEWSCRAWL_ALLOWED_ORIGINS`) is refused: a redirect or
meta refresh to `127.0.0.1:8081`, another service beside the site, is never made, nor that port's
robots.txt requested.

Which layer stops what (checked on Scrapy 2.19): Scrapy's OffsiteMiddleware drops requests to hosts
that are neither an allowed domain nor a *subdomain* of one, both when a redirect is scheduled and on
download, and RedirectMiddleware never follows a redirect to a non-http(s) scheme. This guard is the
layer for what those allow: a subdomain of an allowed domain (or any allowed name) that resolves to a
private address, requests marked `dont_filter`/`allow_offsite`, and spiders without `allowed_domains`.
Its scheme check is defence in depth: the news spider's exact-host check and offsite already drop
`file:`/`data:`/`ftp:`/`s3:` links, as long as `allowed_domains` is set.

Order 60 in DOWNLOADER_MIDDLEWARES: after OffsiteMiddleware (50), so requests it drops anyway cost no
lookup, and before RobotsTxtMiddleware (100), so a refused host is not even asked for its robots.txt.
robots.txt requests themselves (and their redirects) go through the engine and pass this guard too.

Known limitation: the check resolves the name itself, separately from the resolution Scrapy makes when it
connects. A DNS server that answers a public address first and a private one next (DNS rebinding) can
pass the check; only resolving once and connecting to the checked address would close that window.
A name that does not resolve fails closed with Scrapy's own `DNSLookupError` (retried and counted like
any lookup failure), since the connection might still resolve it to an address that was never checked.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from typing import TYPE_CHECKING, NoReturn

from scrapy import signals
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.asyncio import run_in_thread
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.error import DNSLookupError

from newscrawl import config
from newscrawl.scope import OriginScope, origin_of, same_host

if TYPE_CHECKING:
    from collections.abc import Iterable

    from scrapy import Request, Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
FETCHED_SCHEMES = frozenset({"http", "https"})


def resolve_host(host: str) -> tuple[IPAddress, ...]:
    """Every address `host` resolves to; an IP literal is its own address.

    Blocking, so the middleware runs it in a thread (Scrapy's `run_in_thread`: asyncio or Twisted).

    Raises OSError (socket.gaierror) when the name does not resolve.
    """
    try:
        return (ipaddress.ip_address(host),)
    except ValueError:
        pass
    infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    return tuple(dict.fromkeys(ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos))


def is_public(address: IPAddress) -> bool:
    """Globally routable unicast; an IPv4-mapped IPv6 address (`::ffff:10.0.0.5`) is judged as its IPv4.

    `is_global` alone holds for IPv4 multicast (224.0.0.0/4), which no web server answers from.
    """
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def parse_allowed(entries: Iterable[str]) -> tuple[frozenset[str], tuple[IPNetwork, ...]]:
    """Split the allow list into exact host names and networks (a bare address is a one-address network)."""
    names: set[str] = set()
    networks: list[IPNetwork] = []
    for entry in (entry.strip().lower().replace("[", "").replace("]", "") for entry in entries):
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            if entry:
                names.add(entry)
    return frozenset(names), tuple(networks)


def start_hosts(spider: Spider) -> frozenset[str]:
    """The hosts of the run's start URLs (the news spider's `allowed_domains`), lowercased."""
    return frozenset(str(host).lower() for host in getattr(spider, "allowed_domains", None) or ())


class AddressGuardMiddleware:
    """Refuse non-http(s) URLs and hosts that resolve to a non-public address, unless the host is allowed."""

    def __init__(self, crawler: Crawler, allowed: Iterable[str]) -> None:
        self.crawler = crawler
        self.allowed_names, self.allowed_networks = parse_allowed(allowed)
        self.scope = OriginScope((), config.get_list(crawler.settings, "NEWSCRAWL_ALLOWED_ORIGINS"))

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AddressGuardMiddleware:
        if not config.get_bool(crawler.settings, "NEWSCRAWL_ADDRESS_GUARD"):
            raise NotConfigured("NEWSCRAWL_ADDRESS_GUARD is off")
        guard = cls(crawler, config.get_list(crawler.settings, "NEWSCRAWL_ALLOWED_PRIVATE_HOSTS"))
        crawler.signals.connect(guard.spider_opened, signal=signals.spider_opened)
        return guard

    def spider_opened(self, spider: Spider) -> None:
        """The start URLs' hosts are the user's explicit choice, so they may be private (tests, the demo)."""
        self.allowed_names |= start_hosts(spider)
        allowed = (str(origin) for origin in self.scope.allowed)
        self.scope = OriginScope(getattr(spider, "start_urls", None) or (), allowed)

    async def process_request(self, request: Request) -> None:
        url = urlparse_cached(request)
        if url.scheme not in FETCHED_SCHEMES:
            self.refuse(request, "scheme", f"scheme {url.scheme or '(none)'!r} is not fetched")
        if not self.is_allowed_origin(request.url):
            self.refuse(request, "other_origin", f"{origin_of(request.url)} is not a start URL's origin")
        host = (url.hostname or "").lower()
        if host in self.allowed_names:
            return
        try:
            addresses = await run_in_thread(resolve_host, host)
        except (OSError, UnicodeError) as error:
            raise DNSLookupError(f"{host}: {error}") from error
        blocked = [address for address in addresses if not self.is_allowed_address(address)]
        if blocked:
            self.refuse(request, "private_address", f"{host} has the non-public address {blocked[0]}")

    def is_allowed_origin(self, url: str) -> bool:
        """A start host (or a subdomain of one) only on a start origin's port, or an allowed origin; other
        hosts are for offsite and the address check to judge."""
        origin = origin_of(url)
        if origin is None or self.scope.admits(url, subdomains=True):
            return True
        return not any(same_host(origin.host, start.host, True) for start in self.scope.starts)

    def is_allowed_address(self, address: IPAddress) -> bool:
        return is_public(address) or any(address in network for network in self.allowed_networks)

    def refuse(self, request: Request, reason: str, detail: str) -> NoReturn:
        """Count, log and drop: the spider's errback sees IgnoreRequest, nothing is connected."""
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"newscrawl/refused/{reason}")
        logger.warning("Refused %s: %s", request.url, detail)
        raise IgnoreRequest(f"Refused by the address guard ({detail})")
