"""Spider arguments: valid ones parse, wrong ones fail before any request with the fix to type."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from newscrawl.spiders.arguments import parse_arguments
from tests.support import scrapy_crawl

if TYPE_CHECKING:
    from pathlib import Path


def test_defaults_are_the_reference_profile() -> None:
    args = parse_arguments({})
    assert (args.site.name, args.max_pages, args.max_articles) == ("news24", None, None)
    assert args.start_urls[0] == "https://www.news24.com/news24/southafrica/news"
    assert args.allowed_hosts == ("www.news24.com",)


def test_start_urls_set_allowed_hosts_and_limits_parse() -> None:
    args = parse_arguments(
        {
            "start_urls": " http://127.0.0.1:8000/a , http://localhost:9/b,",
            "max_pages": "2",
            "max_articles": 7,
        }
    )
    assert args.start_urls == ("http://127.0.0.1:8000/a", "http://localhost:9/b")
    assert args.allowed_hosts == ("127.0.0.1", "localhost")
    assert (args.max_pages, args.max_articles) == (2, 7)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"site": "nope"}, "unknown site 'nope': use -a site=NAME with one of: news24"),
        ({"max_pages": "x"}, "-a max_pages='x' is not a positive integer: use e.g. -a max_pages=10"),
        ({"max_pages": "0"}, "-a max_pages='0' is not a positive integer: use e.g. -a max_pages=10"),
        (
            {"max_articles": "-3"},
            "-a max_articles='-3' is not a positive integer: use e.g. -a max_articles=10",
        ),
        (
            {"max_articles": "2.5"},
            "-a max_articles='2.5' is not a positive integer: use e.g. -a max_articles=10",
        ),
        (
            {"start_urls": "example.com/news"},
            "-a start_urls: 'example.com/news' is not an absolute http(s) URL",
        ),
        (
            {"start_urls": "file:///etc/passwd"},
            "-a start_urls: 'file:///etc/passwd' is not an absolute http(s) URL",
        ),
        ({"start_urls": " , "}, "-a start_urls is empty: use -a start_urls=https://host/section"),
        (
            {"maxpages": "3"},
            "unknown argument -a maxpages: valid arguments are site, start_urls, max_pages, max_articles",
        ),
    ],
)
def test_wrong_argument_names_the_fix(arguments: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}"):
        parse_arguments(arguments)


@pytest.mark.parametrize(
    ("argument", "last_line"),
    [
        (
            "max_pages=ten",
            "scrapy: error: -a max_pages='ten' is not a positive integer: use e.g. -a max_pages=10",
        ),
        (
            "site=bbc",
            "scrapy: error: unknown site 'bbc': use -a site=NAME with one of: news24, generic (a profile of "
            "your own is found once its module is named in NEWSCRAWL_SITE_MODULES)",
        ),
    ],
)
@pytest.mark.integration
def test_command_line_fails_fast_with_one_line(tmp_path: Path, argument: str, last_line: str) -> None:
    result = scrapy_crawl(tmp_path, "-a", argument, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == last_line
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.integration
def test_a_setting_no_component_can_read_stops_the_command_before_any_request(tmp_path: Path) -> None:
    start = "start_urls=http://127.0.0.1:9/news24/world/news"
    result = scrapy_crawl(tmp_path, "-a", start, "-s", "NEWSCRAWL_MAX_PAGES=abc", timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == (
        "scrapy: error: -s NEWSCRAWL_MAX_PAGES='abc' is not a whole number: "
        "use e.g. -s NEWSCRAWL_MAX_PAGES=1000"
    )
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("given", "expected"), [(None, None), ("1", True), ("0", False), ("true", True)])
def test_discover_is_a_flag_or_left_to_the_profile(given: str | None, expected: bool | None) -> None:
    arguments = {"start_urls": "https://news.example/"} | ({} if given is None else {"discover": given})
    assert parse_arguments(arguments).discover is expected


def test_a_wrong_discover_value_says_what_to_type() -> None:
    with pytest.raises(
        ValueError, match=re.escape("-a discover='yes' is not a flag: use -a discover=1 or -a discover=0")
    ):
        parse_arguments({"start_urls": "https://news.example/", "discover": "yes"})
