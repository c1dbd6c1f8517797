"""Resource limits through the real command line: a full disk and the memory backstop lose nothing.

The full disk is real: a 256 KiB tmpfs mounted for the test (root, as in CI, or a user namespace's
root), too small for the crawl's feed file. The memory backstop is Scrapy's MemoryUsage extension with
a limit the crawl process is already above.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
from typing import TYPE_CHECKING

import pytest
from scrapy import Spider

from newscrawl.durable import WRITE_BUFFER
from newscrawl.export.storage import DurableFileFeedStorage
from tests.faultserver import Fault, FaultServer
from tests.server import Reply, RouteServer
from tests.support import read_jsonl, scrapy_crawl
from tests.test_bad_input import article_html, listing_html, stat

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

SECTION = "/news24/world/news"
PATHS = [f"{SECTION}/story-{n}-20220216" for n in range(60)]
PARAGRAPHS = tuple(f"Paragraph {n}: " + "words of a long report " * 40 for n in range(5))
ROUTES = {
    SECTION: Reply(listing_html(PATHS)),
    **{path: Reply(article_html(f"Story {n}", PARAGRAPHS)) for n, path in enumerate(PATHS)},
}  # about 5 kB of JSONL per article: 300 kB in all, more than the disk holds
EARLIER_RUN = b'{"id": "earlier", "version": 1}\n' * 100


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A mounted 256 KiB filesystem; skipped where mounting is not allowed, except in CI."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(disk)], capture_output=True, check=False
    )
    if mounted.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail(f"CI must be able to mount a tmpfs: {mounted.stderr!r}")
        pytest.skip(f"cannot mount a tmpfs here (needs root): {mounted.stderr!r}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def exported_count(state_dir: Path) -> int:
    with contextlib.closing(sqlite3.connect(state_dir / "news24.sqlite3")) as db:  # a run needs it alone
        (count,) = db.execute("SELECT count(*) FROM article WHERE status = 1").fetchone()
    return int(count)


@pytest.mark.integration
def test_disk_full_fails_the_run_and_loses_nothing(tmp_path: Path, small_disk: Path) -> None:
    earlier = small_disk / "news.jsonl"
    earlier.write_bytes(EARLIER_RUN)
    state = ("-s", f"NEWSCRAWL_STATE_DIR={tmp_path / 'state'}", "-s", "AUTOTHROTTLE_ENABLED=False")
    with RouteServer(ROUTES) as server:
        start = f"start_urls={server.base_url}{SECTION}"
        full = scrapy_crawl(tmp_path, "-a", start, "-o", str(earlier), *state)
        assert sorted(os.listdir(small_disk)) == ["news.jsonl"]  # no partial file left, space given back
        assert earlier.read_bytes() == EARLIER_RUN  # the earlier run's file is untouched
        assert full.returncode == 3, full.stderr[-3000:]
        assert "No space left on device" in full.stderr
        assert stat(full.stderr, "feedexport/failed_count/DurableFileFeedStorage") == 1
        assert exported_count(tmp_path / "state") == 0  # nothing marked exported that was not written
        roomy = scrapy_crawl(tmp_path, "-a", start, "-o", "again.jsonl", *state)
    titles = sorted(record["title"] for record in read_jsonl(tmp_path / "again.jsonl"))
    assert titles == sorted(f"Story {n}" for n in range(60))  # the next run, with room, writes them all
    assert roomy.returncode == 0
    assert exported_count(tmp_path / "state") == 60


def test_a_file_that_lost_a_line_is_not_published_once_space_is_back(small_disk: Path) -> None:
    storage = DurableFileFeedStorage(str(small_disk / "news.jsonl"))
    file = storage.open(Spider("news"))
    ballast = small_disk / "ballast"
    with contextlib.suppress(OSError), ballast.open("wb") as filler:
        filler.write(bytes(1024 * 1024))  # fills the disk, then fails
    with pytest.raises(OSError, match="No space left on device"):
        file.write(b'{"line": 1}\n' * (WRITE_BUFFER // 12 + 1))  # more than the buffer: reaches the disk
    ballast.unlink()
    file.write(b'{"line": 2}\n')
    with pytest.raises(OSError, match="No space left on device"):
        storage.store(file)
    assert os.listdir(small_disk) == []


@pytest.mark.integration
def test_memory_backstop_stops_the_crawl_with_a_failing_exit_code(tmp_path: Path) -> None:
    """MemoryUsage checks at start, so a limit below the process size stops the run at once."""
    faults = {SECTION: Fault(listing_html(PATHS[:3]).encode())}
    with FaultServer(faults) as server:
        result = scrapy_crawl(
            tmp_path, "-a", f"start_urls={server.base_url}{SECTION}", "-O", "out.jsonl",
            "-s", "MEMUSAGE_LIMIT_MB=1", "-s", "NEWSCRAWL_STATE_DIR=",
        )  # fmt: skip
    assert "Memory usage exceeded 1MiB. Shutting down Scrapy..." in result.stderr
    assert "'finish_reason': 'memusage_exceeded'" in result.stderr
    assert result.returncode == 6
