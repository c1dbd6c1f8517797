"""Scheduled re-runs against a site that changes: only what is new or edited is written again."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest

from newscrawl.state import SQLiteStateStore, state_path
from tests.server import Reply, RouteServer
from tests.support import read_jsonl, scrapy_crawl
from tests.test_bad_input import article_html, listing_html

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.integration

SECTION = "/news24/world/news"


def path(name: str) -> str:
    return f"{SECTION}/{name}-20220216"


def site(cards: list[str], articles: dict[str, Reply]) -> dict[str, Reply]:
    return {SECTION: Reply(listing_html([path(name) for name in cards])), **articles}


def article(title: str, body: str, etag: str | None = None) -> Reply:
    return Reply(article_html(title, (body,)), headers={"ETag": etag} if etag else {})


FIRST = site(
    ["alpha", "bravo", "charlie", "echo"],
    {
        path("alpha"): article("Alpha", "Alpha text."),
        path("bravo"): article("Bravo", "Bravo text.", etag='"b1"'),
        path("charlie"): article("Charlie", "Charlie text."),
        path("echo"): article("Echo", "Echo text.", etag='"e1"'),
    },
)
SECOND = site(
    ["delta", "alpha", "bravo", "echo"],
    {
        path("delta"): article("Delta", "Delta text."),
        path("alpha"): article("Alpha", "Alpha text."),
        path("bravo"): article("Bravo", "Bravo text, corrected.", etag='"b2"'),
        path("echo"): article("Echo", "Echo text.", etag='"e1"'),
    },
)
YOUNG = ("-s", "NEWSCRAWL_REFETCH_DAYS=100000")  # the fixtures are dated 2022: keep them "young"


def stat(log: str, key: str) -> int | None:
    match = re.search(rf"'{re.escape(key)}': (\d+)", log)
    return int(match[1]) if match else None


def run(tmp_path: Path, server: RouteServer, out: str, *args: str) -> tuple[list[dict[str, object]], str]:
    result = scrapy_crawl(tmp_path, "-a", f"start_urls={server.base_url}{SECTION}", "-O", out, *YOUNG, *args)
    assert result.returncode == 0, result.stderr[-3000:]
    return read_jsonl(tmp_path / out), result.stderr


def test_second_run_writes_exactly_the_new_and_the_edited(tmp_path: Path) -> None:
    with RouteServer(FIRST) as server:
        first, _ = run(tmp_path, server, "run1.jsonl")
        server.routes = SECOND
        second, log = run(tmp_path, server, "run2.jsonl")
        server.routes = SECOND
        third, _ = run(tmp_path, server, "run3.jsonl")
    assert sorted((r["title"], r["version"]) for r in first) == [
        ("Alpha", 1), ("Bravo", 1), ("Charlie", 1), ("Echo", 1),
    ]  # fmt: skip
    bravo1 = next(r for r in first if r["title"] == "Bravo")
    assert sorted((r["title"], r["version"], r["previous_content_hash"]) for r in second) == [
        ("Bravo", 2, bravo1["content_hash"]), ("Delta", 1, None),
    ]  # fmt: skip
    bravo2 = next(r for r in second if r["title"] == "Bravo")
    assert (bravo2["id"], bravo2["first_seen"]) == (bravo1["id"], bravo1["first_seen"])
    assert bravo2["content_hash"] != bravo1["content_hash"]
    stats = {k: stat(log, f"newscrawl/articles/{k}") for k in ("new", "updated", "unchanged", "removed")}
    assert stats == {"new": 1, "updated": 1, "unchanged": 2, "removed": 1}
    assert stat(log, "newscrawl/failed/http_404") is None
    assert third == []


def test_section_walk_stops_once_caught_up_unless_backfill(tmp_path: Path) -> None:
    pages = {
        SECTION: Reply(listing_html([path("new"), path("old1"), path("old2")], f"{SECTION}?pageNumber=2")),
        f"{SECTION}?pageNumber=2": Reply(listing_html([path("older")])),
        **{path(name): article(name.title(), "Text.") for name in ("new", "old1", "old2", "older")},
    }
    with RouteServer({**pages, SECTION: Reply(listing_html([path("old1"), path("old2")]))}) as server:
        run(tmp_path, server, "seed.jsonl", "-s", "NEWSCRAWL_REFETCH_DAYS=0")
        server.routes = pages
        records, log = run(
            tmp_path, server, "next.jsonl", "-s", "NEWSCRAWL_REFETCH_DAYS=0", "-s", "NEWSCRAWL_KNOWN_STREAK=2"
        )
        assert [r["title"] for r in records] == ["New"]
        assert server.hits.get(f"{SECTION}?pageNumber=2") is None
        assert "Section caught up after 2 exported articles in a row" in log
        backfilled, _ = run(
            tmp_path,
            server,
            "backfill.jsonl",
            "-s",
            "NEWSCRAWL_REFETCH_DAYS=0",
            "-s",
            "NEWSCRAWL_KNOWN_STREAK=2",
            "-a",
            "backfill=1",
        )
    assert [r["title"] for r in backfilled] == ["Older"]
    assert server.hits[path("old1")] == 1


def test_pending_urls_that_this_run_would_not_follow_are_not_resumed(tmp_path: Path) -> None:
    index = "/news24/opinions/columnists"  # not an article path; `localhost` is not a start host
    pages = site(["alpha"], {path("alpha"): article("Alpha", "Alpha text."), index: article("I", "I.")})
    with RouteServer(pages) as server:
        strays = [
            f"{server.base_url}{index}",
            f"{server.base_url.replace('127.0.0.1', 'localhost')}{path('x')}",
        ]
        with SQLiteStateStore(state_path(tmp_path / "state", "news24")) as store:
            store.discover([(url, url) for url in strays], datetime.now(UTC))
        records, _ = run(tmp_path, server, "out.jsonl")
    assert [r["title"] for r in records] == ["Alpha"]
    assert (server.hits.get(index), server.hits.get(path("x"))) == (None, None)


def test_a_second_run_on_a_state_in_use_stops_before_fetching(tmp_path: Path) -> None:
    """Two overlapping scheduled runs would export the same articles twice: the second does not start."""
    with RouteServer(FIRST) as server:
        with SQLiteStateStore(state_path(tmp_path / "state", "news24")):
            overlapping = scrapy_crawl(
                tmp_path, "-a", f"start_urls={server.base_url}{SECTION}", "-O", "o.jsonl"
            )
        assert server.hits == {}
    assert overlapping.returncode == 1
    assert "state/news24.sqlite3 is in use by another process" in overlapping.stderr
    assert "give this run its own NEWSCRAWL_STATE_DIR" in overlapping.stderr
    assert not (tmp_path / "o.jsonl").exists()
