"""What a person (or a cron mail) sees: a progress line every LOGSTATS_INTERVAL seconds with pages,
articles, failures and rates, and the run's one-line summary as the last line printed."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from tests.server import Reply
from tests.support import scrapy_crawl
from tests.test_feeds import ARTICLES, ROUTES, SlowArticleServer

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.integration

SECTION = "/news24/world/news"
PROGRESS = re.compile(
    r"\[newscrawl\.extensions\.progress\] INFO: Progress: (\d+) pages \(\d+/min\), (\d+) articles exported "
    r"\(\d+/min\), (\d+) failed, (\d+) dropped$"
)


def crawl(tmp_path: Path, interval: str) -> str:
    """The log of a crawl of 5 articles, one answering 404, each answering 0.4 s after the one before."""
    routes = {**ROUTES, ARTICLES[0]: Reply("gone", status=404)}
    with SlowArticleServer(routes, step=0.4) as server:
        result = scrapy_crawl(
            tmp_path, "-a", f"start_urls={server.base_url}{SECTION}", "-s", "AUTOTHROTTLE_ENABLED=False",
            "-s", "NEWSCRAWL_STATE_DIR=", "-s", "NEWSCRAWL_MAX_FAILED_SHARE=1",
            "-s", f"LOGSTATS_INTERVAL={interval}", "-O", "out.jsonl",
        )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stderr


def test_progress_lines_count_pages_articles_and_failures(tmp_path: Path) -> None:
    log = crawl(tmp_path, "0.3")
    progress = [
        tuple(map(int, found.groups())) for line in log.splitlines() if (found := PROGRESS.search(line))
    ]
    assert len(progress) >= 3, log
    assert progress == sorted(progress)  # counts only grow
    assert progress[0][:2] == (0, 0)  # logged when the spider opens, as Scrapy's LogStats is
    assert max(pages for pages, *_ in progress) <= 2 + len(ARTICLES)  # robots.txt, the listing, articles
    assert {failed for *_, failed, _ in progress} <= {0, 1}
    assert "[scrapy.extensions.logstats]" not in log  # replaced, not doubled


def test_the_summary_is_the_last_line_and_progress_can_be_switched_off(tmp_path: Path) -> None:
    log = crawl(tmp_path, "0")
    assert not any(PROGRESS.search(line) for line in log.splitlines())
    last = log.rstrip("\n").rsplit("\n", 1)[-1]
    assert re.search(
        r"\[newscrawl\.export\.manifest\] INFO: Run [0-9a-f]{32}: "
        r"4 exported \(4 new, 0 updated, 0 unchanged\), 1 failed \{'http_404': 1\}, "
        r"dropped \{\}, skipped \{\}, 1 feed files published; exit code 0 \(ok\)$",
        last,
    ), log[-2000:]
