"""The address guard: hostile links and redirects never reach the crawler's own network (SSRF).

Traffic goes to loopback only. Non-loopback ranges are tested on the guard itself with name resolution
faked; the end-to-end crawls fake two names (`news.test` -> 127.0.0.1, `intranet.news.test` -> 127.0.0.2)
inside the crawl process, and a second server on 127.0.0.2 stands in for the internal host.
"""

from __future__ import annotations

import asyncio
import ipaddress
import os
import re
import socket
import subprocess
from typing import TYPE_CHECKING

import pytest
from scrapy import Request, Spider
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.test import get_crawler
from twisted.internet.error import DNSLookupError

from newscrawl.downloadermiddlewares import guard
from newscrawl.downloadermiddlewares.guard import AddressGuardMiddleware, resolve_host
from tests.server import Reply, RouteServer
from tests.support import crawl_command

if TYPE_CHECKING:
    from pathlib import Path

    from scrapy.crawler import Crawler

FAKE_DNS = {
    "news.example": ("93.184.216.34",),
    "dual.example": ("93.184.216.34", "10.1.2.3"),
    "intranet.example": ("10.20.30.40",),
    "metadata.example": ("169.254.169.254",),
    "v6.example": ("2606:2800:220:1:248:1893:25c8:1946",),
}


def fake_resolve(host: str) -> tuple[ipaddress.IPv4Address | ipaddress.IPv6Address, ...]:
    """FAKE_DNS answers names; IP literals are their own address; anything else does not resolve."""
    if host in FAKE_DNS:
        return tuple(ipaddress.ip_address(address) for address in FAKE_DNS[host])
    try:
        return (ipaddress.ip_address(host),)
    except ValueError:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known") from None


class StartedSpider(Spider):
    name = "started"
    allowed_domains = ["127.0.0.1", "start.example"]  # noqa: RUF012 - the spider attribute Scrapy reads


def make_guard(settings: dict[str, object] | None = None) -> tuple[AddressGuardMiddleware, Crawler]:
    crawler = get_crawler(StartedSpider, settings_dict=settings or {})
    crawler.stats.open_spider()
    middleware = AddressGuardMiddleware.from_crawler(crawler)
    middleware.spider_opened(StartedSpider())
    return middleware, crawler


def verdict(middleware: AddressGuardMiddleware, url: str) -> str:
    """`passed`, `refused` (IgnoreRequest) or `unresolved` (DNSLookupError) for one request."""
    try:
        asyncio.run(middleware.process_request(Request(url)))
    except IgnoreRequest:
        return "refused"
    except DNSLookupError:
        return "unresolved"
    return "passed"


@pytest.fixture(autouse=True)
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guard, "resolve_host", fake_resolve)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://10.0.0.5/admin", "refused"),
        ("http://172.16.1.1/", "refused"),
        ("http://192.168.1.1/", "refused"),
        ("http://169.254.169.254/latest/meta-data/", "refused"),
        ("http://[::1]:8080/", "refused"),
        ("http://[fd00::1]/", "refused"),
        ("http://[fe80::1]/", "refused"),
        ("http://0.0.0.0/", "refused"),
        ("http://[::ffff:127.0.0.1]/", "refused"),
        ("http://[::ffff:169.254.169.254]/", "refused"),
        ("http://[::ffff:224.0.0.1]/", "refused"),  # the stdlib calls mapped multicast global
        ("http://224.0.0.1/", "refused"),
        ("http://[ff0e::1]/", "refused"),
        ("http://127.0.0.2/", "refused"),  # another loopback host than the start host 127.0.0.1
        ("http://intranet.example/", "refused"),
        ("http://metadata.example/", "refused"),
        ("http://dual.example/", "refused"),  # one private answer is enough
        ("https://news.example/news/a-20220216", "passed"),
        ("http://[2606:2800:220:1:248:1893:25c8:1946]/", "passed"),
        ("https://v6.example/", "passed"),
        ("http://127.0.0.1:9999/", "passed"),  # start host: any port
        ("http://start.example/", "passed"),  # start host: not even resolved
        ("http://START.example/", "passed"),
        ("http://nowhere.invalid/", "unresolved"),
    ],
)
def test_addresses(url: str, expected: str) -> None:
    middleware, crawler = make_guard()
    assert verdict(middleware, url) == expected
    refused = crawler.stats.get_value("newscrawl/refused/private_address")
    assert refused == (1 if expected == "refused" else None)
    assert crawler.stats.get_value("newscrawl/refused/scheme") is None


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "data:text/html,<p>x</p>", "ftp://127.0.0.1/x", "s3://bucket/key", "gopher://x/"],
)
def test_schemes_other_than_http_are_never_fetched(url: str) -> None:
    middleware, crawler = make_guard()
    assert verdict(middleware, url) == "refused"
    assert crawler.stats.get_value("newscrawl/refused/scheme") == 1
    assert crawler.stats.get_value("newscrawl/refused/private_address") is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://intranet.example/", "passed"),  # allowed by name
        ("http://sub.intranet.example/", "unresolved"),  # names are exact: no subdomains
        ("http://10.20.30.99/", "passed"),  # inside 10.20.30.0/24
        ("http://10.20.31.1/", "refused"),
        ("http://metadata.example/", "passed"),  # resolves to the allowed 169.254.169.254
        ("http://169.254.169.253/", "refused"),
        ("http://[fd00::7]/", "passed"),  # [fd00::]/8 with brackets
        ("http://dual.example/", "refused"),  # 10.1.2.3 is outside every allowed network
    ],
)
def test_allowed_private_hosts(url: str, expected: str) -> None:
    allowed = "intranet.example, 10.20.30.0/24,169.254.169.254,[fd00::]/8"
    middleware, crawler = make_guard({"NEWSCRAWL_ALLOWED_PRIVATE_HOSTS": allowed})
    assert verdict(middleware, url) == expected
    assert crawler.stats.get_value("newscrawl/refused/private_address") == (expected == "refused" or None)


def test_refusals_are_counted_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    middleware, crawler = make_guard()
    urls = ["http://10.0.0.5/a", "http://dual.example/b", "file:///etc/passwd", "https://news.example/c"]
    assert [verdict(middleware, url) for url in urls] == ["refused", "refused", "refused", "passed"]
    stats = crawler.stats.get_stats()
    assert {key: value for key, value in stats.items() if key.startswith("newscrawl/")} == {
        "newscrawl/refused/private_address": 2,
        "newscrawl/refused/scheme": 1,
    }
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("WARNING", "Refused http://10.0.0.5/a: 10.0.0.5 has the non-public address 10.0.0.5"),
        ("WARNING", "Refused http://dual.example/b: dual.example has the non-public address 10.1.2.3"),
        ("WARNING", "Refused file:///etc/passwd: scheme 'file' is not fetched"),
    ]


def test_switched_off() -> None:
    crawler = get_crawler(StartedSpider, settings_dict={"NEWSCRAWL_ADDRESS_GUARD": False})
    with pytest.raises(NotConfigured):
        AddressGuardMiddleware.from_crawler(crawler)


def test_resolve_host_takes_literals_as_is_and_resolves_localhost(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()  # the real resolver; literals open no socket, localhost stays on loopback
    assert resolve_host("169.254.169.254") == (ipaddress.ip_address("169.254.169.254"),)
    assert resolve_host("::ffff:10.0.0.5") == (ipaddress.ip_address("::ffff:10.0.0.5"),)
    assert all(address.is_loopback for address in resolve_host("localhost"))


# --- End to end: the real command line against two loopback servers -------------------------------
SECTION = "/news24/world/news"
# Imported by the crawl process before anything else (it comes first on PYTHONPATH): the two names of
# the test answer loopback addresses, every other name goes to the real resolver unchanged.
SITECUSTOMIZE = """
import socket

NAMES = {"news.test": "127.0.0.1", "intranet.news.test": "127.0.0.2"}
real_getaddrinfo, real_gethostbyname = socket.getaddrinfo, socket.gethostbyname


def getaddrinfo(host, *args, **kwargs):
    return real_getaddrinfo(NAMES.get(host, host), *args, **kwargs)


def gethostbyname(host):
    return real_gethostbyname(NAMES.get(host, host))


socket.getaddrinfo, socket.gethostbyname = getaddrinfo, gethostbyname
"""


class SecondLoopbackServer(RouteServer):
    """A RouteServer on 127.0.0.2: another host than the start host 127.0.0.1, still loopback."""

    def __init__(self, routes: dict[str, Reply], port: int = 0) -> None:
        super().__init__(routes)
        handler = self.httpd.RequestHandlerClass
        self.httpd.server_close()
        try:
            self.httpd = type(self.httpd)(("127.0.0.2", port), handler)
        except OSError as error:  # macOS routes only 127.0.0.1 by default
            pytest.skip(f"cannot bind 127.0.0.2: {error}")
        self.base_url = f"http://127.0.0.2:{self.httpd.server_address[1]}"


def article_html(title: str) -> str:
    return (
        '<html lang="en"><body><div class="article__header"><p class="article__date">'
        '<span class="article__date-full">2022-02-16</span><span class="article__date-ago">1h ago</span>'
        f'</p><h1 class="article__title">{title}</h1></div><div class="article__body"><p>Text.</p></div>'
        "</body></html>"
    )


def listing_html(paths: list[str]) -> str:
    cards = "".join(
        f'<article class="article-item"><a class="article-item--url" href="{path}">x</a></article>'
        for path in paths
    )
    return f"<html><body><div class='article-list'>{cards}</div></body></html>"


def stat(log: str, key: str) -> int | None:
    match = re.search(rf"'{re.escape(key)}': (\d+)", log)
    return int(match[1]) if match else None


def run_crawl(tmp_path: Path, start: str, *settings: str, env_extra: dict[str, str] | None = None) -> str:
    """`scrapy crawl news` with the faked names (and `env_extra` in its environment); returns the log."""
    fakedns = tmp_path / "fakedns"
    fakedns.mkdir(exist_ok=True)
    (fakedns / "sitecustomize.py").write_text(SITECUSTOMIZE)
    command, env = crawl_command("-a", f"start_urls={start}", "-O", "out.jsonl", *settings)
    env["PYTHONPATH"] = os.pathsep.join((str(fakedns), env["PYTHONPATH"]))
    env.update(env_extra or {})
    result = subprocess.run(
        command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    return result.stderr


def ssrf_crawl(tmp_path: Path, *settings: str) -> tuple[str, dict[str, int], str]:
    """Crawl a listing on news.test whose two articles redirect to the internal server on 127.0.0.2,
    which listens on the site's own port, so that only its address sets it apart.

    `moved` redirects to `intranet.news.test`, a subdomain of the start host that offsite allows;
    `literal` redirects to the address `127.0.0.2`, another host that offsite drops. Returns the log,
    the internal server's hits, and its port.
    """
    secret = f"{SECTION}/secret-20220216"
    routes: dict[str, Reply] = {}
    with RouteServer(routes) as site:
        port = site.httpd.server_address[1]
        with SecondLoopbackServer({secret: Reply(article_html("Secret"))}, port) as internal:
            moved, literal = f"http://intranet.news.test:{port}{secret}", f"{internal.base_url}{secret}"
            routes[SECTION] = Reply(
                listing_html([f"{SECTION}/moved-20220216", f"{SECTION}/literal-20220216"])
            )
            routes[f"{SECTION}/moved-20220216"] = Reply(status=301, headers={"Location": moved})
            routes[f"{SECTION}/literal-20220216"] = Reply(status=301, headers={"Location": literal})
            log = run_crawl(tmp_path, site.base_url.replace("127.0.0.1", "news.test") + SECTION, *settings)
    return log, internal.hits, str(port)


@pytest.mark.integration
def test_redirect_to_a_private_address_is_refused_before_connecting(tmp_path: Path) -> None:
    log, hits, port = ssrf_crawl(tmp_path)
    assert hits == {}  # neither the page nor its robots.txt
    assert stat(log, "newscrawl/refused/private_address") == 1
    secret = f"http://intranet.news.test:{port}{SECTION}/secret-20220216"
    assert f"Refused {secret}: intranet.news.test has the non-public address 127.0.0.2" in log
    assert stat(log, "offsite/filtered") == 1  # the literal 127.0.0.2 never reaches the guard
    assert stat(log, "item_scraped_count") is None


@pytest.mark.integration
def test_without_the_guard_the_internal_server_is_reached(tmp_path: Path) -> None:
    """Proves the guard is the layer that stops `moved`; offsite alone still stops `literal`."""
    log, hits, _ = ssrf_crawl(tmp_path, "-s", "NEWSCRAWL_ADDRESS_GUARD=False")
    assert hits == {"/robots.txt": 1, f"{SECTION}/secret-20220216": 1}
    assert stat(log, "newscrawl/refused/private_address") is None
    assert stat(log, "offsite/filtered") == 1
    assert stat(log, "item_scraped_count") == 1


@pytest.mark.integration
def test_an_allowed_private_host_is_fetched(tmp_path: Path) -> None:
    log, hits, _ = ssrf_crawl(tmp_path, "-s", "NEWSCRAWL_ALLOWED_PRIVATE_HOSTS=intranet.news.test")
    assert hits == {"/robots.txt": 1, f"{SECTION}/secret-20220216": 1}
    assert stat(log, "newscrawl/refused/private_address") is None
    assert stat(log, "item_scraped_count") == 1
