"""Origins: which URLs a run admits, by scheme, host and port."""

from __future__ import annotations

import re

import pytest
from scrapy.settings import Settings

from newscrawl.scope import Origin, OriginScope, allowed_origin, origin_of
from newscrawl.spiders.news import NewsSpider

START = "http://127.0.0.1:8000/news24/world/news"


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("https://www.News24.com/a", Origin("https", "www.news24.com", 443)),
        ("http://127.0.0.1:8000/x?y=1", Origin("http", "127.0.0.1", 8000)),
        ("http://[::1]:81/", Origin("http", "::1", 81)),
        ("ftp://127.0.0.1/x", None),
        ("http://127.0.0.1:99999/x", None),
        ("http://127.0.0.1:port/x", None),
        ("/relative/path", None),
    ],
)
def test_origin_of_makes_the_default_port_explicit(url: str, origin: Origin | None) -> None:
    assert origin_of(url) == origin


@pytest.mark.parametrize(
    ("url", "admitted"),
    [
        ("http://127.0.0.1:8000/news24/world/news/a-20220216", True),
        ("http://127.0.0.1:8001/news24/world/news/a-20220216", False),  # another port of the start host
        ("http://127.0.0.1/admin", False),  # the default port is another port too
        ("https://127.0.0.1:8000/x", False),  # another scheme
        ("http://127.0.0.2:8000/x", False),
        ("http://localhost:8000/x", False),
        ("http://127.0.0.1:9000/allowed", True),  # NEWSCRAWL_ALLOWED_ORIGINS
        ("javascript:alert(1)", False),
    ],
)
def test_a_start_on_another_port_admits_only_its_own_origin(url: str, admitted: bool) -> None:
    assert OriginScope([START], ["http://127.0.0.1:9000"]).admits(url) is admitted


@pytest.mark.parametrize(
    ("url", "subdomains", "admitted"),
    [
        ("https://news.example/a", False, True),
        ("http://news.example/a", False, True),  # the usual http <-> https pair of default ports
        ("https://news.example:8443/a", False, False),
        ("https://www.news.example/a", False, False),
        ("https://www.news.example/a", True, True),  # a redirect to a subdomain, in the address guard
        ("https://www.news.example:8443/a", True, False),
        ("https://evilnews.example/a", True, False),
    ],
)
def test_a_start_on_a_default_port_admits_the_other_default_port(
    url: str, subdomains: bool, admitted: bool
) -> None:
    assert OriginScope(["https://news.example/section"]).admits(url, subdomains=subdomains) is admitted


@pytest.mark.parametrize("entry", ["127.0.0.1:8081", "http://127.0.0.1:8081/admin", "ftp://h/", ""])
def test_an_allowed_origin_that_is_no_origin_says_what_to_type(entry: str) -> None:
    with pytest.raises(
        ValueError, match=r"is not an origin: use e\.g\. -s NEWSCRAWL_ALLOWED_ORIGINS=http://"
    ):
        allowed_origin(entry)


def test_a_bad_allowed_origin_stops_the_crawl_before_it_starts() -> None:
    settings = Settings({"NEWSCRAWL_ALLOWED_ORIGINS": "127.0.0.1:8081"})
    expected = (
        "-s NEWSCRAWL_ALLOWED_ORIGINS: '127.0.0.1:8081' is not an origin: "
        "use e.g. -s NEWSCRAWL_ALLOWED_ORIGINS=http://127.0.0.1:8081"
    )
    with pytest.raises(ValueError, match=f"^{re.escape(expected)}$"):
        NewsSpider.check_arguments(settings, {"start_urls": "http://127.0.0.1:8000/news24/world/news"})
