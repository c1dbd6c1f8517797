"""Durable feed files: written under a hidden temp name, published whole, never over an earlier run's file."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from scrapy import Spider
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from newscrawl.export.storage import DurableFileFeedStorage
from tests.server import Reply, RouteServer
from tests.support import crawl_command, read_jsonl, scrapy_crawl, stale_part_files
from tests.test_bad_input import article_html, listing_html
from tests.test_durable import WRITER

SECTION = "/news24/world/news"
ARTICLES = [f"{SECTION}/story-{n}-20220216" for n in range(1, 6)]
ROUTES = {
    SECTION: Reply(listing_html(ARTICLES)),
    **{path: Reply(article_html(f"Story {n}")) for n, path in enumerate(ARTICLES, start=1)},
}
DURABLE = "newscrawl.export.storage.DurableFileFeedStorage"
STORAGES = json.dumps({"": DURABLE, "file": DURABLE})
JSONL = {"format": "jsonlines", "encoding": "utf-8"}


def storage(path: Path, **feed_options: Any) -> DurableFileFeedStorage:
    return build_from_crawler(DurableFileFeedStorage, get_crawler(), str(path), feed_options=feed_options)


def write_feed(path: Path, data: bytes, **feed_options: Any) -> None:
    target = storage(path, **feed_options)
    file = target.open(Spider(name="test"))
    file.write(data)
    target.store(file)


def published(directory: Path) -> list[str]:
    """Feed files in `directory`, without the run manifests written beside them."""
    return sorted(p.name for p in directory.iterdir() if not p.name.endswith(".manifest.json"))


def test_bytes_go_to_a_hidden_part_file_until_store(tmp_path: Path) -> None:
    final = tmp_path / "deep" / "x.jsonl"
    target = storage(final)
    file = target.open(Spider(name="test"))
    file.write(b'{"a": 1}\n')
    file.flush()
    (part,) = stale_part_files(tmp_path)
    assert (part.parent, part.name.startswith(".x.jsonl."), part.suffix) == (final.parent, True, ".part")
    assert not final.exists()
    target.store(file)
    assert (final.read_bytes(), stale_part_files(tmp_path)) == (b'{"a": 1}\n', [])


def test_without_overwrite_a_taken_name_is_left_byte_identical(tmp_path: Path) -> None:
    (tmp_path / "x.jsonl").write_bytes(b'{"run": 1}\n')
    write_feed(tmp_path / "x.jsonl", b'{"run": 2}\n', overwrite=False)
    write_feed(tmp_path / "x.jsonl", b'{"run": 3}\n')
    assert published(tmp_path) == ["x.1.jsonl", "x.2.jsonl", "x.jsonl"]
    assert (tmp_path / "x.jsonl").read_bytes() == b'{"run": 1}\n'
    assert (tmp_path / "x.1.jsonl").read_bytes() == b'{"run": 2}\n'
    assert (tmp_path / "x.2.jsonl").read_bytes() == b'{"run": 3}\n'


def test_overwrite_replaces_the_file(tmp_path: Path) -> None:
    (tmp_path / "x.jsonl").write_bytes(b'{"run": 1}\n{"run": 1}\n')
    write_feed(tmp_path / "x.jsonl", b'{"run": 2}\n', overwrite=True)
    assert published(tmp_path) == ["x.jsonl"]
    assert (tmp_path / "x.jsonl").read_bytes() == b'{"run": 2}\n'


def test_publish_is_logged_with_the_name_it_got(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "x.jsonl").write_bytes(b"")
    caplog.set_level("INFO", logger="newscrawl.export.storage")
    write_feed(tmp_path / "x.jsonl", b"{}\n")
    assert caplog.messages == [f"Published feed file {tmp_path / 'x.1.jsonl'}"]


def crawl_args(base_url: str, feed: str, *args: str) -> tuple[str, ...]:
    """Crawl the test site into `feed` through the durable storage, named in `-s` so settings.py is moot.

    Stateless (`NEWSCRAWL_STATE_DIR=`), so a second run exports the same articles again.
    """
    feeds = json.dumps({feed: JSONL})
    return ("-a", f"start_urls={base_url}{SECTION}", "-s", "AUTOTHROTTLE_ENABLED=False",
            "-s", "NEWSCRAWL_STATE_DIR=", "-s", f"FEED_STORAGES={STORAGES}", "-s", f"FEEDS={feeds}",
            *args)  # fmt: skip


@pytest.mark.integration
def test_a_second_run_publishes_beside_the_first_and_leaves_it_untouched(tmp_path: Path) -> None:
    with RouteServer(ROUTES) as server:
        first = scrapy_crawl(tmp_path, *crawl_args(server.base_url, "out/news.jsonl"))
        assert first.returncode == 0, first.stderr[-3000:]
        before = (tmp_path / "out/news.jsonl").read_bytes()
        second = scrapy_crawl(tmp_path, *crawl_args(server.base_url, "out/news.jsonl"))
    assert second.returncode == 0, second.stderr[-3000:]
    assert published(tmp_path / "out") == ["news.1.jsonl", "news.jsonl"]
    assert (tmp_path / "out/news.jsonl").read_bytes() == before
    assert len(read_jsonl(tmp_path / "out/news.jsonl")) == len(read_jsonl(tmp_path / "out/news.1.jsonl")) == 5
    assert f"Published feed file {Path('out/news.1.jsonl')}" in second.stderr


@pytest.mark.integration
def test_the_stored_line_of_o_names_the_file_published(tmp_path: Path) -> None:
    """`-o b.jsonl` over an earlier run's b.jsonl publishes b.1.jsonl; Scrapy's "Stored" line says so."""
    with RouteServer(ROUTES) as server:
        start = f"start_urls={server.base_url}{SECTION}"
        runs = [
            scrapy_crawl(tmp_path, "-a", start, "-s", "NEWSCRAWL_STATE_DIR=", "-o", "b.jsonl")
            for _ in range(2)
        ]
    assert [run.returncode for run in runs] == [0, 0]
    stored = [
        [line.split("] INFO: ")[1] for line in run.stderr.splitlines() if "Stored " in line] for run in runs
    ]
    assert stored == [
        ["Stored jsonl feed (5 items) in: b.jsonl"],
        ["Stored jsonl feed (5 items) in: b.jsonl, published as b.1.jsonl"],
    ]


@pytest.mark.integration
def test_each_batch_is_published_as_its_own_file(tmp_path: Path) -> None:
    with RouteServer(ROUTES) as server:
        args = crawl_args(
            server.base_url, "out/news-%(batch_id)d.jsonl", "-s", "FEED_EXPORT_BATCH_ITEM_COUNT=2"
        )
        result = scrapy_crawl(tmp_path, *args)
    assert result.returncode == 0, result.stderr[-3000:]
    assert published(tmp_path / "out") == ["news-1.jsonl", "news-2.jsonl", "news-3.jsonl"]
    assert [len(read_jsonl(tmp_path / f"out/news-{n}.jsonl")) for n in (1, 2, 3)] == [2, 2, 1]


class SlowArticleServer(RouteServer):
    """A RouteServer whose n-th article answers after n * `step` seconds, so a crawl can be killed mid-run.

    Staggered rather than serialized: the crawl fetches all articles at once whatever its concurrency.
    """

    def __init__(self, routes: dict[str, Reply], step: float) -> None:
        super().__init__(routes)
        fast: Any = self.httpd.RequestHandlerClass

        class SlowHandler(fast):  # type: ignore[misc]
            def do_GET(self) -> None:
                if self.path in ARTICLES:
                    time.sleep(step * (ARTICLES.index(self.path) + 1))
                super().do_GET()

        self.httpd.RequestHandlerClass = SlowHandler


def start_crawl(cwd: Path, *args: str) -> subprocess.Popen[str]:
    """`scrapy crawl news ARGS` as `scrapy_crawl` runs it, but without waiting for it."""
    command, env = crawl_command(*args)
    return subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def final_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.jsonl") if not p.name.startswith("."))


@pytest.mark.integration
def test_a_killed_run_keeps_finished_batches_and_no_partial_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with SlowArticleServer(ROUTES, step=0.3) as server:
        args = crawl_args(
            server.base_url, "out/news-%(batch_id)d.jsonl", "-s", "FEED_EXPORT_BATCH_ITEM_COUNT=1"
        )
        crawl = start_crawl(tmp_path, *args)
        try:
            deadline = time.monotonic() + 15
            while not (out.is_dir() and final_files(out)) and time.monotonic() < deadline:
                time.sleep(0.02)
        finally:
            crawl.kill()
            crawl.wait(timeout=10)
    assert crawl.returncode == -signal.SIGKILL
    finals = final_files(out)
    assert 1 <= len(finals) < len(ARTICLES)
    assert all(len(read_jsonl(path)) == 1 for path in finals)
    leftovers = sorted(set(out.iterdir()) - set(finals))
    assert leftovers == stale_part_files(out)


@pytest.mark.integration
def test_the_next_run_removes_the_parts_no_live_run_holds(tmp_path: Path) -> None:
    out = tmp_path / "out"
    command = [sys.executable, "-c", WRITER, str(out / "news-1.jsonl")]
    with subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE) as writer:
        assert writer.stdout is not None
        assert writer.stdout.readline() == b"writing\n"
        writer.kill()  # a run killed mid-file: its part stays, no process holds it
    (part,) = stale_part_files(out)
    with RouteServer(ROUTES) as server:
        args = crawl_args(
            server.base_url, "out/news-%(batch_id)d.jsonl", "-s", "FEED_EXPORT_BATCH_ITEM_COUNT=1"
        )
        log = scrapy_crawl(tmp_path, *args).stderr
    assert stale_part_files(out) == []
    assert f"Removed out/{part.name}: left by a run that was killed before publishing it" in log
    assert "'newscrawl/stale_parts/removed': 1," in log
    assert len(final_files(out)) == len(ARTICLES)
