"""Faults and hostile content through the real command line: each is bounded, counted, and the crawl goes on.

Rows of the issue "Hold under faults and hostile input": robots.txt rules and an unavailable robots.txt,
redirect loops, endless pagination and overlong URLs, huge or deeply nested HTML, and a pipeline that
raises on one article. Every crawl runs against a `RouteServer` on 127.0.0.1.
"""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING

import pytest

from newscrawl import settings
from tests.server import Reply, RouteServer
from tests.support import read_jsonl, scrapy_crawl
from tests.test_bad_input import article_html, listing_html, stat

if TYPE_CHECKING:
    from pathlib import Path
    from subprocess import CompletedProcess

    from newscrawl.items import Article

pytestmark = pytest.mark.integration

SECTION = "/news24/world/news"
FAST = ("-s", "AUTOTHROTTLE_ENABLED=False", "-s", "NEWSCRAWL_STATE_DIR=")
PATIENT_ROBOTS = ("-s", "NEWSCRAWL_ROBOTS_RETRY_DELAY=0.05")
ONE_RETRY = ("-s", "NEWSCRAWL_ROBOTS_RETRY_TIMES=1")
PAGINATION_BOUND = ("-s", "NEWSCRAWL_MAX_PAGES=500")


class ScriptedRoutes(dict[str, Reply]):
    """Routes whose replies may change per hit (`queued`), arrive late (`slow`) or never end (`pages`)."""

    def __init__(self, routes: dict[str, Reply]) -> None:
        super().__init__(routes)
        self.queued: dict[str, list[Reply]] = {}
        self.slow: dict[str, float] = {}
        self.endless_section: str | None = None
        self.endless_redirect: str | None = None

    def get(self, path: str, default: Reply | None = None) -> Reply | None:  # type: ignore[override]
        time.sleep(self.slow.get(path, 0))
        if self.queued.get(path):
            return self.queued[path].pop(0)
        if self.endless_section and path.startswith(f"{self.endless_section}?pageNumber="):
            number = int(path.rsplit("=", 1)[1])
            return Reply(listing_html(TRAP_ARTICLES, f"{self.endless_section}?pageNumber={number + 1}"))
        if self.endless_redirect and path.startswith(f"{self.endless_redirect}?hop="):
            number = int(path.rsplit("=", 1)[1])
            return Reply("", status=302, headers={"Location": f"{self.endless_redirect}?hop={number + 1}"})
        return super().get(path, default)


def articles_site(names: list[str], section: str = SECTION) -> dict[str, Reply]:
    """A section listing `names` on one page, each an article titled like its name."""
    paths = [f"{section}/{name}-20220216" for name in names]
    routes = {path: Reply(article_html(name.title())) for name, path in zip(names, paths, strict=True)}
    return {section: Reply(listing_html(paths)), **routes}


def crawl(
    tmp_path: Path, server: RouteServer, *options: str, sections: tuple[str, ...] = (SECTION,)
) -> CompletedProcess[str]:
    starts = ",".join(f"{server.base_url}{section}" for section in sections)
    return scrapy_crawl(tmp_path, "-a", f"start_urls={starts}", "-O", "out.jsonl", *FAST, *options)


def titles(tmp_path: Path) -> list[str]:
    return sorted(record["title"] for record in read_jsonl(tmp_path / "out.jsonl"))


# --- robots.txt -----------------------------------------------------------------------------------


def test_robots_disallow_is_respected(tmp_path: Path) -> None:
    routes = {
        **articles_site(["open", "secret"]),
        "/robots.txt": Reply(f"User-agent: *\nDisallow: {SECTION}/secret-\n", content_type="text/plain"),
    }
    with RouteServer(routes) as server:
        result = crawl(tmp_path, server, *PATIENT_ROBOTS)
    assert titles(tmp_path) == ["Open"]
    assert f"{SECTION}/secret-20220216" not in server.hits
    assert server.hits["/robots.txt"] == 1
    assert stat(result.stderr, "robotstxt/forbidden") == 1
    assert result.returncode == 0


def test_robots_always_unavailable_refuses_the_host(tmp_path: Path) -> None:
    routes = {**articles_site(["open"]), "/robots.txt": Reply("busy", status=503)}
    with RouteServer(routes) as server:
        result = crawl(tmp_path, server, *PATIENT_ROBOTS)
    log = result.stderr
    assert server.hits == {"/robots.txt": 4}  # first try + NEWSCRAWL_ROBOTS_RETRY_TIMES (3)
    assert stat(log, "newscrawl/failed/RobotsTxtUnavailable") == 1
    assert log.count("still unavailable after 4 tries (HTTP 503), refusing every URL of 127.0.0.1:") == 1
    assert titles(tmp_path) == []
    assert result.returncode == 9  # a refused host is a failure, not a quiet skip
    host = server.base_url.removeprefix("http://")
    assert f"cannot reach {host}: robots.txt: HTTP 503 ({server.base_url}{SECTION})" in log


def test_robots_timeout_refuses_the_host(tmp_path: Path) -> None:
    routes = ScriptedRoutes({**articles_site(["open"]), "/robots.txt": Reply("")})
    routes.slow["/robots.txt"] = 3
    with RouteServer(routes) as server:
        result = crawl(tmp_path, server, *PATIENT_ROBOTS, *ONE_RETRY, "-s", "DOWNLOAD_TIMEOUT=2")
    assert server.hits == {"/robots.txt": 2}
    assert stat(result.stderr, "newscrawl/failed/RobotsTxtUnavailable") == 1
    assert "still unavailable after 2 tries (DownloadTimeoutError: Getting " in result.stderr
    assert titles(tmp_path) == []


def test_robots_unavailable_once_is_retried(tmp_path: Path) -> None:
    routes = ScriptedRoutes({**articles_site(["open"]), "/robots.txt": Reply("", content_type="text/plain")})
    routes.queued["/robots.txt"] = [Reply("busy", status=503)]
    with RouteServer(routes) as server:
        result = crawl(tmp_path, server, *PATIENT_ROBOTS)
    assert server.hits["/robots.txt"] == 2
    assert titles(tmp_path) == ["Open"]
    assert stat(result.stderr, "newscrawl/failed/RobotsTxtUnavailable") is None
    assert result.returncode == 0


# --- redirect loops, endless pagination, overlong URLs ------------------------------------------------

TRAP = "/news24/trap/news"
TRAP_ARTICLES = [f"{TRAP}/trapped-20220216"]
LONG_PATH = f"{SECTION}/{'x' * 3000}-20220216"


def test_loops_endless_pages_and_long_urls_are_bounded(tmp_path: Path) -> None:
    loop_a, loop_b = f"{SECTION}/loop-a-20220216", f"{SECTION}/loop-b-20220216"
    hops = f"{SECTION}/hops-20220216"
    routes = ScriptedRoutes(
        {
            **articles_site(["good"]),
            SECTION: Reply(listing_html([f"{SECTION}/good-20220216", loop_a, f"{hops}?hop=0", LONG_PATH])),
            loop_a: Reply("", status=302, headers={"Location": loop_b}),
            loop_b: Reply("", status=302, headers={"Location": loop_a}),
            TRAP: Reply(listing_html(TRAP_ARTICLES, f"{TRAP}?pageNumber=2")),
            TRAP_ARTICLES[0]: Reply(article_html("Trapped")),
        }
    )
    routes.endless_section, routes.endless_redirect = TRAP, hops
    with RouteServer(routes) as server:
        result = crawl(tmp_path, server, *PAGINATION_BOUND, sections=(SECTION, TRAP))
    log = result.stderr
    assert titles(tmp_path) == ["Good", "Trapped"]
    assert (server.hits[loop_a], server.hits[loop_b]) == (1, 1)  # A -> B -> A: A is a duplicate request
    assert stat(log, "dupefilter/filtered") == 1
    assert [path for path in server.hits if path.startswith(hops)] == [f"{hops}?hop={n}" for n in range(21)]
    # Both redirect traps lose a page: failures, 2 of 4 pages, which a scheduler sees (exit code 4).
    assert stat(log, "newscrawl/failed/redirect_loop") == 1
    assert f"Failed: redirect loop back to {server.base_url}{loop_a} (from {server.base_url}{loop_a})" in log
    assert stat(log, "newscrawl/failed/redirect_limit") == 1  # REDIRECT_MAX_TIMES (20) reached
    first, last = f"{server.base_url}{hops}?hop=0", f"{server.base_url}{hops}?hop=20"
    assert f"Failed: more redirects than REDIRECT_MAX_TIMES allows, from {first} to {last}" in log
    assert stat(log, "newscrawl/skipped/ignored") is None
    assert LONG_PATH not in server.hits
    assert stat(log, "urllength/request_ignored_count") == 1
    assert f"{TRAP}?pageNumber=500" in server.hits
    assert f"{TRAP}?pageNumber=501" not in server.hits
    assert stat(log, "newscrawl/listing/page_limit") == 1
    last_page = f"{server.base_url}{TRAP}?pageNumber=500"
    assert f"WARNING: Stopped after 500 listing pages (raise -a max_pages): {last_page}" in log
    assert "'finish_reason': 'finished'" in log
    assert result.returncode == 4


# --- huge and deeply nested HTML ------------------------------------------------------------------


DEEP_PATH, HUGE_PATH = f"{SECTION}/deep-20220216", f"{SECTION}/huge-20220216"
DEEP_HTML = (
    '<html><body><h1 class="article__title">Deep</h1><div class="article__body">'
    + "<div>" * 100_000 + "<p>Buried.</p>" + "</div>" * 100_000 + "</div></body></html>"
)  # fmt: skip
HUGE_HTML = article_html("Huge", ("Huge article.", "x" * 50_000_000))


def hostile_site() -> dict[str, Reply]:
    routes = articles_site(["good", "deep", "huge"])
    return {**routes, DEEP_PATH: Reply(DEEP_HTML), HUGE_PATH: Reply(HUGE_HTML)}


def test_huge_pages_are_aborted_and_deep_ones_cut_at_the_parser_depth(tmp_path: Path) -> None:
    with RouteServer(hostile_site()) as server:
        result = crawl(tmp_path, server)
    log, base = result.stderr, server.base_url
    assert titles(tmp_path) == ["Good"]
    # DOWNLOAD_MAXSIZE (8 MiB): aborted on the announced Content-Length, counted as failed.
    assert stat(log, "newscrawl/failed/DownloadCancelledError") == 1
    assert f"Failed with DownloadCancelledError: {base}{HUGE_PATH} (Expected to receive " in log
    # lxml (huge_tree, as parsel sets it) stops the document at depth 2048: the buried body is lost.
    assert stat(log, "newscrawl/dropped/missing_body") == 1
    assert f"Dropped article: missing_body: {base}{DEEP_PATH}" in log
    assert result.returncode == 4  # 1 failed of 2


def test_a_50_mb_text_node_is_parsed_whole_without_a_size_limit(tmp_path: Path) -> None:
    with RouteServer(hostile_site()) as server:
        result = crawl(tmp_path, server, "-s", "DOWNLOAD_MAXSIZE=0")
    records = {record["title"]: record for record in read_jsonl(tmp_path / "out.jsonl")}
    assert sorted(records) == ["Good", "Huge"]
    assert records["Huge"]["body"] == "Huge article.\n\n" + "x" * 50_000_000  # not cut at lxml's 10 MB
    assert stat(result.stderr, "newscrawl/dropped/missing_body") == 1
    assert result.returncode == 0


# --- a pipeline raising on one article ------------------------------------------------------------

EXPLODING_PATH = f"{SECTION}/article-42-20220216"


class ExplodingPipeline:
    """Fails on one article, as a pipeline bug triggered by one page's content would."""

    def process_item(self, item: Article) -> Article:
        if item.url.endswith(EXPLODING_PATH):
            raise ValueError("pipeline bug")
        return item


def test_pipeline_failure_on_one_article_of_100(tmp_path: Path) -> None:
    pipelines = {**settings.ITEM_PIPELINES, f"{__name__}.ExplodingPipeline": 850}
    with RouteServer(articles_site([f"article-{n}" for n in range(100)])) as server:
        result = crawl(tmp_path, server, "-s", f"ITEM_PIPELINES={json.dumps(pipelines)}")
    log = result.stderr
    assert titles(tmp_path) == sorted(f"Article-{n}" for n in range(100) if n != 42)
    assert f"ERROR: Error processing article {server.base_url}{EXPLODING_PATH}\n" in log
    assert 'raise ValueError("pipeline bug")' in log
    assert stat(log, "newscrawl/export/item_error/ValueError") == 1
    assert result.returncode == 3
    assert "exit code 3 (export failed: newscrawl/export/item_error/ValueError=1)" in log
