"""Credentials reach only the host they belong to: no `Authorization` or `Cookie` leaks across hosts.

Two gaps in stock Scrapy 2.x, both seen on a crawl whose listing host set a cookie and whose
article redirected to another allowed host (tests/test_credentials.py):

- `RedirectMiddleware` drops `Authorization` and `Cookie` on a cross-host redirect, but the redirected
  request runs through `DefaultHeadersMiddleware` again, which puts a `DEFAULT_REQUEST_HEADERS`
  `Authorization` (or `Cookie`) straight back. `CredentialHeadersMiddleware` (order 650: after
  DefaultHeadersMiddleware at 400, before CookiesMiddleware at 700) removes both headers from every
  request to a host other than the start URLs' hosts, the hosts the user set them for.
- The cookie jar uses Python's liberal `DefaultCookiePolicy`, which sends a host-only cookie (no
  `Domain` attribute, set by `news.example`) to every subdomain (`intranet.news.example`), against
  RFC 6265 section 5.3. `HostOnlyCookiesMiddleware` replaces `CookiesMiddleware` with jars whose
  policy keeps such cookies on their exact host; cookies with a `Domain` attribute work as before.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from http.cookiejar import DefaultCookiePolicy
from typing import TYPE_CHECKING, Self

from scrapy import signals
from scrapy.downloadermiddlewares.cookies import CookiesMiddleware
from scrapy.http.cookies import CookieJar
from scrapy.utils.httpobj import urlparse_cached

from newscrawl.downloadermiddlewares.guard import start_hosts

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

CREDENTIAL_HEADERS = (b"Authorization", b"Cookie")


def host_only_cookie_jar() -> CookieJar:
    """A jar that sends a cookie set without `Domain` back to its own host only."""
    return CookieJar(policy=DefaultCookiePolicy(strict_ns_domain=DefaultCookiePolicy.DomainStrictNonDomain))


class HostOnlyCookiesMiddleware(CookiesMiddleware):
    """Scrapy's cookie handling with RFC 6265 host-only cookies (see the module doc)."""

    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self.jars = defaultdict(host_only_cookie_jar)


class CredentialHeadersMiddleware:
    """Strips `Authorization` and `Cookie` headers from requests to hosts other than the start hosts."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.start_hosts: frozenset[str] = frozenset()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        middleware = cls(crawler)
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        return middleware

    def spider_opened(self, spider: Spider) -> None:
        self.start_hosts = start_hosts(spider)

    def process_request(self, request: Request) -> None:
        host = (urlparse_cached(request).hostname or "").lower()
        if host in self.start_hosts:
            return
        stripped = [name for name in CREDENTIAL_HEADERS if request.headers.pop(name, None) is not None]
        if stripped:
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("newscrawl/credentials/stripped")
            names = ", ".join(name.decode() for name in stripped)
            logger.debug("Not sending %s to %s: not a start host", names, request.url)
