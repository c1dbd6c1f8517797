"""The run manifest and the exit code, through the real command line and as a decision table."""

from __future__ import annotations

import hashlib
import json
import re
from typing import TYPE_CHECKING, Any

import pytest
from scrapy import Spider
from scrapy.utils.test import get_crawler

from newscrawl.export.exitcodes import ExitDecision, Limits
from newscrawl.export.manifest import RunManifest, file_facts
from newscrawl.export.monitors import run_verdict
from tests.server import Reply, RouteServer
from tests.support import read_jsonl, scrapy_crawl
from tests.test_bad_input import article_html, listing_html, stat

if TYPE_CHECKING:
    from pathlib import Path

SECTION = "/news24/world/news"
ENABLED = ("-s", 'EXTENSIONS={"newscrawl.export.manifest.RunManifest": 500}')
FAST = ("-s", "AUTOTHROTTLE_ENABLED=False")
ARTICLE_STATES = ("new", "updated", "unchanged")  # counted by the state pipeline


def article(name: str) -> str:
    return f"{SECTION}/{name}-20220216"


def site(names: list[str], replies: dict[str, Reply]) -> dict[str, Reply]:
    return {SECTION: Reply(listing_html([article(name) for name in names])), **replies}


def crawl(tmp_path: Path, routes: dict[str, Reply], *args: str) -> tuple[int, str]:
    with RouteServer(routes) as server:
        start = f"start_urls={server.base_url}{SECTION}"
        result = scrapy_crawl(tmp_path, "-a", start, *ENABLED, *FAST, *args)
    return result.returncode, result.stderr


CLEAN = site(
    ["one", "two", "untitled", "pdf"],
    {
        article("one"): Reply(article_html("One")),
        article("two"): Reply(article_html("Two")),
        article("untitled"): Reply(article_html(None)),
        article("pdf"): Reply(b"%PDF-1.7", content_type="application/pdf"),
    },
)


@pytest.mark.integration
def test_clean_run_exits_0_with_a_manifest_beside_the_file(tmp_path: Path) -> None:
    code, log = crawl(tmp_path, CLEAN, "-O", "out.jsonl")
    data = (tmp_path / "out.jsonl").read_bytes()
    manifest = json.loads((tmp_path / "out.jsonl.manifest.json").read_text(encoding="utf-8"))
    assert code == 0, log
    assert sorted(record["title"] for record in read_jsonl(tmp_path / "out.jsonl")) == ["One", "Two"]
    assert sorted(path.name for path in tmp_path.glob("*out.jsonl*")) == [
        "out.jsonl",
        "out.jsonl.manifest.json",
    ]
    assert re.fullmatch(r"[0-9a-f]{32}", manifest.pop("run_id"))
    for key in ("started_at", "finished_at"):
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", manifest.pop(key))
    assert manifest == {
        "spider": "news", "site": "news24", "finish_reason": "finished",
        "file": "out.jsonl", "lines": 2, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data),
        "counts": {
            **{name: stat(log, f"newscrawl/articles/{name}") or 0 for name in ARTICLE_STATES},
            "exported": 2, "failed": 0, "failed_by_reason": {},
            "dropped": {"missing_title": 1}, "skipped": {"not_html": 1},
        },
        "exit_code": 0, "exit_meaning": "ok",
    }  # fmt: skip
    assert stat(log, "newscrawl/exit_code") == 0
    assert re.search(
        r"Run [0-9a-f]{32}: 2 exported .*, 0 failed \{\}, .*1 feed files published; exit code 0", log
    )


SHARE = site(
    ["one", "two", "gone", "lost"],
    {article("one"): Reply(article_html("One")), article("two"): Reply(article_html("Two"))},
)


@pytest.mark.integration
@pytest.mark.parametrize(("share", "expected"), [("0.25", 4), ("0.6", 0)])
def test_failed_share_above_the_setting_exits_4(tmp_path: Path, share: str, expected: int) -> None:
    code, log = crawl(tmp_path, SHARE, "-O", "out.jsonl", "-s", f"NEWSCRAWL_MAX_FAILED_SHARE={share}")
    manifest = json.loads((tmp_path / "out.jsonl.manifest.json").read_text(encoding="utf-8"))
    assert (code, manifest["exit_code"], manifest["lines"]) == (expected, expected, 2)
    assert manifest["counts"]["failed"] == 2
    assert stat(log, "newscrawl/failed/http_404") == 2
    if expected:
        assert manifest["exit_meaning"] == (
            f"failed-article share above NEWSCRAWL_MAX_FAILED_SHARE: 2 of 4 = 0.50 > {share}"
        )


@pytest.mark.integration
def test_unwritable_feed_path_exits_3_and_says_why(tmp_path: Path) -> None:
    (tmp_path / "blocker").write_text("a regular file where a directory should be\n")
    code, log = crawl(tmp_path, CLEAN, "-O", "blocker/out.jsonl")
    assert code == 3, log
    assert "Cannot create feed file blocker/out.jsonl: [Errno 17] File exists: 'blocker'" in log
    assert re.search(r"exit code 3 \(export failed: newscrawl/export/failed=\d+\)", log)
    assert not list(tmp_path.rglob("*out.jsonl*"))


LIMITS = Limits(failed=0.1, dropped=0.5)


def verdict(stats: dict[str, Any]) -> int:
    """The exit code the run's Spidermon monitors decide for `stats`."""
    return run_verdict(get_crawler(), Spider("news"), stats, LIMITS, final=False).code


OK: dict[str, Any] = {"finish_reason": "finished", "item_scraped_count": 9, "feedexport/success_count/X": 1}


@pytest.mark.parametrize(
    ("stats", "expected"),
    [
        ({}, 0),  # nothing scraped, nothing to export
        (OK, 0),
        ({**OK, "finish_reason": "closespider_itemcount"}, 0),
        ({**OK, "newscrawl/failed/http_404": 1}, 0),  # 1 / 10 is not above 0.1
        ({**OK, "newscrawl/failed/http_404": 1, "newscrawl/failed/TimeoutError": 1}, 4),  # 2 / 11
        ({**OK, "item_scraped_count": 0, "newscrawl/failed/http_404": 1}, 4),
        ({**OK, "newscrawl/dropped/missing_title": 5, "newscrawl/skipped/not_html": 50}, 0),  # 5 of 14
        ({**OK, "newscrawl/alarm/count": 1}, 5),
        ({**OK, "newscrawl/alarm/count": 1, "newscrawl/failed/http_500": 9}, 5),
        ({**OK, "finish_reason": "shutdown"}, 6),
        ({**OK, "finish_reason": "memusage_exceeded", "newscrawl/alarm/count": 1}, 6),
        ({**OK, "feedexport/failed_count/S3FeedStorage": 1}, 3),
        ({**OK, "feedexport/success_count/X": 0}, 3),  # scraped, never stored
        ({**OK, "newscrawl/export/failed": 1, "finish_reason": "shutdown"}, 3),
        ({**OK, "newscrawl/export/item_error/ValueError": 1}, 3),
        ({**OK, "newscrawl/export/manifest_failed": 1, "newscrawl/failed/x": 99}, 3),
        ({**OK, "newscrawl/warc/failed": 1}, 3),  # the archive lost a record
        ({**OK, "newscrawl/stale_parts/removed": 2}, 0),  # a killed run's leftovers, cleaned up
        ({**OK, "newscrawl/failed/error/ValueError": 2}, 4),  # a profile raised on 2 pages of 11
        ({"newscrawl/fetched/listing": 2, "newscrawl/listing/empty": 2}, 7),
        ({"newscrawl/fetched/listing": 1, "newscrawl/listing/empty": 1, "newscrawl/feed/unchanged": 1}, 0),
        ({"newscrawl/fetched/feed": 1, "newscrawl/feed/empty": 1, "newscrawl/fetched/robots": 1}, 7),
        (
            {"newscrawl/fetched/sitemap": 3, "newscrawl/sitemap/index_only": 1, "newscrawl/sitemap/empty": 2},
            7,
        ),
        (
            {"newscrawl/fetched/sitemap": 3, "newscrawl/sitemap/index_only": 1, "newscrawl/sitemap/empty": 1},
            0,
        ),
        (
            {"newscrawl/fetched/listing": 1, "newscrawl/listing/empty": 1, "newscrawl/articles/unchanged": 2},
            7,
        ),
        ({"newscrawl/fetched/listing": 2, "newscrawl/listing/empty": 1}, 0),  # caught up, nothing new
        ({"newscrawl/fetched/article": 2, "newscrawl/fetched/listing": 1, "newscrawl/listing/empty": 1}, 7),
        ({**OK, "newscrawl/fetched/listing": 1, "newscrawl/listing/empty": 1}, 0),  # the backlog exported
        (
            {**OK, "newscrawl/fetched/listing": 1, "newscrawl/listing/empty": 1, "finish_reason": "shutdown"},
            6,
        ),
        ({**OK, "newscrawl/dropped/missing_title": 10}, 8),  # 10 of 19 > 0.5
        ({**OK, "newscrawl/dropped/missing_body": 9}, 0),  # 9 of 18 is not above 0.5
        ({**OK, "newscrawl/dropped/soft_404": 90, "newscrawl/dropped/paywall": 90}, 0),  # verdicts on pages
        # Every page fetched as an article was another kind, in a run that met no article it knew.
        ({"newscrawl/fetched/listing": 1, "newscrawl/dropped/section": 3, "newscrawl/dropped/paywall": 1}, 7),
        ({"newscrawl/dropped/section": 3, "newscrawl/links/known": 5}, 0),  # caught up: known links
        ({"newscrawl/dropped/section": 3, "newscrawl/articles/unchanged": 1}, 0),
        ({"newscrawl/dropped/section": 3, "newscrawl/dropped/duplicate": 1}, 0),  # an article, already had
        ({"newscrawl/dropped/section": 1, "newscrawl/dropped/missing_title": 2}, 8),  # unreadable: code 8
        ({"newscrawl/dropped/missing_title": 41, "newscrawl/failed/http_500": 9}, 8),
        ({**OK, "newscrawl/dropped/missing_title": 10, "newscrawl/alarm/count": 1}, 5),
        ({"newscrawl/unreachable/127.0.0.1:9/DNSLookupError": 1, "newscrawl/failed/DNSLookupError": 1}, 9),
        ({**OK, "newscrawl/unreachable/b.example/TimeoutError": 1, "newscrawl/listing/empty": 9}, 9),
        ({**OK, "newscrawl/unreachable/b.example/TimeoutError": 1, "finish_reason": "shutdown"}, 6),
    ],
)
def test_exit_code_decision(stats: dict[str, Any], expected: int) -> None:
    assert verdict(stats) == expected


@pytest.mark.parametrize(("data", "lines"), [(b"", 0), (b"a\n", 1), (b"a\nb", 2), (b"a\n\n", 2)])
def test_file_facts_count_lines(tmp_path: Path, data: bytes, lines: int) -> None:
    (tmp_path / "f").write_bytes(data)
    assert file_facts(tmp_path / "f") == {
        "lines": lines, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data),
    }  # fmt: skip


def test_a_manifest_that_cannot_be_written_is_counted_not_raised(tmp_path: Path) -> None:
    (tmp_path / "out.jsonl").write_bytes(b"{}\n")
    (tmp_path / "out.jsonl.manifest.json").mkdir()  # os.replace cannot put a file there
    crawler = get_crawler(settings_dict={"FEEDS": {}})
    extension = RunManifest.from_crawler(crawler)
    summary = extension.summary(Spider("news"), "finished", "2026-01-01T00:00:00Z", ExitDecision(0, "ok"))
    extension.write_manifest(tmp_path / "out.jsonl", summary)
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []
    assert crawler.stats is not None
    assert crawler.stats.get_value("newscrawl/export/manifest_failed") == 1
    assert verdict(crawler.stats.get_stats()) == 3
