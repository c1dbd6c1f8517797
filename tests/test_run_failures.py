"""Runs that produced nothing or lost most articles exit non-zero and say why, through the real command
line with the project's settings: a profile that raises, a start page without article links, a listing
that lost its links after earlier runs exported articles, and a profile that reads no title."""

from __future__ import annotations

import json
import re
import socket
from typing import TYPE_CHECKING, Any

import pytest

from newscrawl import settings
from tests.server import Reply, RouteServer
from tests.support import read_jsonl, scrapy_crawl
from tests.test_bad_input import article_html, listing_html, stat

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.integration

SECTION = "/news24/world/news"
FAST = ("-s", "AUTOTHROTTLE_ENABLED=False")
NAMES = ("one", "two", "three")
ARTICLES = {f"{SECTION}/{name}-20220216": Reply(article_html(name.title())) for name in NAMES}
SITE = {SECTION: Reply(listing_html(list(ARTICLES))), **ARTICLES}


def crawl(tmp_path: Path, server: RouteServer, output: str, *args: str) -> tuple[int, str]:
    result = scrapy_crawl(
        tmp_path, "-a", f"start_urls={server.base_url}{SECTION}", *FAST, "-o", output, *args
    )
    return result.returncode, result.stderr


def manifest_of(path: Path) -> dict[str, Any]:
    return dict(json.loads(path.with_name(f"{path.name}.manifest.json").read_text(encoding="utf-8")))


def summary_line(log: str) -> str:
    """The run's one-line summary (export/manifest.py), which names the exit code and its reason."""
    lines = [line for line in log.splitlines() if re.search(r"Run [0-9a-f]{32}: ", line)]
    assert len(lines) == 1, log
    return lines[0]


def test_a_profile_that_raises_fails_each_article_with_its_reason(tmp_path: Path) -> None:
    modules = ("-s", "NEWSCRAWL_SITE_MODULES=tests.sites.raising", "-a", "site=raisingnews")
    with RouteServer(SITE) as server:
        code, log = crawl(tmp_path, server, "out.jsonl", *modules)
    manifest = manifest_of(tmp_path / "out.jsonl")
    meaning = "failed-article share above NEWSCRAWL_MAX_FAILED_SHARE: 3 of 3 = 1.00 > 0.1"
    assert (code, manifest["exit_code"], manifest["exit_meaning"]) == (4, 4, meaning)
    assert (manifest["counts"]["failed"], manifest["counts"]["failed_by_reason"]) == (
        3,
        {"error/ValueError": 3},
    )
    assert stat(log, "newscrawl/failed/error/ValueError") == 3
    assert "3 failed {'error/ValueError': 3}" in summary_line(log)
    assert summary_line(log).endswith(f"exit code 4 ({meaning})")


@pytest.mark.parametrize(
    "start_page",
    [
        listing_html([]),  # no cards at all
        listing_html(["/about-us", "/news24/world/news/live"]),  # links, none to an article
        "<html><body><p>We moved: see our new site.</p></body></html>",  # not a listing
    ],
)
def test_a_start_page_without_article_links_exits_7(tmp_path: Path, start_page: str) -> None:
    with RouteServer({SECTION: Reply(start_page)}) as server:
        code, log = crawl(tmp_path, server, "out.jsonl")
    manifest = manifest_of(tmp_path / "out.jsonl")
    meaning = "nothing found: 1 of 1 source pages held no article link"
    assert (code, manifest["exit_code"], manifest["exit_meaning"]) == (7, 7, meaning)
    assert (manifest["lines"], manifest["counts"]["exported"]) == (0, 0)
    assert summary_line(log).endswith(f"exit code 7 ({meaning})")


def test_a_listing_that_lost_its_links_after_exporting_runs_exits_7(tmp_path: Path) -> None:
    """A caught-up incremental run exports nothing and is fine; a listing that no longer yields the
    links it yielded before (a changed card selector) is not."""
    with RouteServer(dict(SITE)) as server:
        first, _ = crawl(tmp_path, server, "first.jsonl")
        caught_up, caught_up_log = crawl(tmp_path, server, "second.jsonl")
        server.routes[SECTION] = Reply(listing_html(list(ARTICLES)).replace("article-item", "story-card"))
        broken, log = crawl(tmp_path, server, "third.jsonl")
    assert sorted(record["title"] for record in read_jsonl(tmp_path / "first.jsonl")) == [
        "One",
        "Three",
        "Two",
    ]
    assert (first, caught_up, manifest_of(tmp_path / "second.jsonl")["counts"]["exported"]) == (0, 0, 0)
    assert stat(caught_up_log, "newscrawl/listing/empty") is None
    assert (broken, manifest_of(tmp_path / "third.jsonl")["exit_code"]) == (7, 7)
    assert summary_line(log).endswith("exit code 7 (nothing found: 1 of 1 source pages held no article link)")


def test_articles_that_lost_their_title_exit_8_with_the_reason(tmp_path: Path) -> None:
    untitled = {path: Reply(article_html(None)) for path in ARTICLES}
    with RouteServer({**SITE, **untitled}) as server:
        code, log = crawl(tmp_path, server, "out.jsonl")
    manifest = manifest_of(tmp_path / "out.jsonl")
    meaning = "unreadable-article share above NEWSCRAWL_MAX_DROPPED_SHARE: 3 of 3 = 1.00 > 0.5"
    assert (code, manifest["exit_code"], manifest["exit_meaning"]) == (8, 8, meaning)
    assert manifest["counts"]["dropped"] == {"missing_title": 3}
    assert "dropped {'missing_title': 3}" in summary_line(log)
    assert summary_line(log).endswith(f"exit code 8 ({meaning})")


REFUSED = "DownloadConnectionRefusedError"


@pytest.mark.parametrize(
    ("options", "reason", "why"),
    [
        (("-s", "ROBOTSTXT_OBEY=False"), REFUSED, f"{REFUSED}: "),
        (("-s", "NEWSCRAWL_ROBOTS_RETRY_DELAY=0.05"), REFUSED, f"robots.txt: {REFUSED}: "),
    ],
)  # fmt: skip
def test_an_unreachable_start_host_says_cannot_reach_host(
    tmp_path: Path, options: tuple[str, ...], reason: str, why: str
) -> None:
    with socket.socket() as probe:  # a port nothing listens on: the connection is refused
        probe.bind(("127.0.0.1", 0))
        host = f"127.0.0.1:{probe.getsockname()[1]}"
    start = f"start_urls=http://{host}{SECTION}"
    fast = ("-s", "RETRY_TIMES=0", "-s", "NEWSCRAWL_ROBOTS_RETRY_TIMES=0")
    result = scrapy_crawl(tmp_path, "-a", start, *FAST, *fast, *options, "-o", "out.jsonl")
    meaning = f"start host unreachable: cannot reach {host}: {reason}"
    assert (result.returncode, manifest_of(tmp_path / "out.jsonl")["exit_meaning"]) == (9, meaning)
    assert re.search(
        rf"ERROR: cannot reach {re.escape(host)}: {re.escape(why)}.*\(http://{host}", result.stderr
    )
    assert summary_line(result.stderr).endswith(f"exit code 9 ({meaning})")


def test_an_extension_that_raises_on_each_article_fails_the_run(tmp_path: Path) -> None:
    extensions = {**settings.EXTENSIONS, "tests.raisingextension.RaisingOnScraped": 900}
    extension = ("-s", f"EXTENSIONS={json.dumps(extensions)}")
    with RouteServer(SITE) as server:
        code, log = crawl(tmp_path, server, "out.jsonl", *extension)
    manifest = manifest_of(tmp_path / "out.jsonl")
    meaning = "failed-article share above NEWSCRAWL_MAX_FAILED_SHARE: 3 of 6 = 0.50 > 0.1"
    assert (code, manifest["exit_meaning"]) == (4, meaning), log
    assert manifest["counts"]["failed_by_reason"] == {"extension_error/RuntimeError": 3}
    assert log.count("RuntimeError: the archive index is full") == 3


def test_a_sitemap_index_whose_sitemaps_are_empty_found_nothing(tmp_path: Path) -> None:
    xml = "application/xml"
    with RouteServer({}) as server:
        index = "".join(f"<sitemap><loc>{server.base_url}/{name}.xml</loc></sitemap>" for name in ("a", "b"))
        empty = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>'
        server.routes = {
            "/index.xml": Reply(f"<sitemapindex>{index}</sitemapindex>", content_type=xml),
            "/a.xml": Reply(empty, content_type=xml),
            "/b.xml": Reply(empty, content_type=xml),
        }
        result = scrapy_crawl(
            tmp_path,
            "-a",
            f"start_urls={server.base_url}/index.xml",
            "-a",
            "discover=0",
            *FAST,
            "-o",
            "out.jsonl",
        )
    meaning = "nothing found: 3 of 3 source pages held no article link"
    assert (result.returncode, manifest_of(tmp_path / "out.jsonl")["exit_meaning"]) == (7, meaning), (
        result.stderr
    )
    assert stat(result.stderr, "newscrawl/sitemap/index_only") == 1
