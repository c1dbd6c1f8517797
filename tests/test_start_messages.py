"""A run that cannot start says why in one line, without tracebacks: an overlapping run holds the state
store, Redis is unreachable. Through the real command line."""

from __future__ import annotations

import asyncio
import socket
from typing import TYPE_CHECKING

import pytest

from newscrawl.commands.crawl import start_failure
from newscrawl.state.sqlite import SQLiteStateStore, StateBusyError, state_path
from tests.server import RouteServer
from tests.support import scrapy_crawl
from tests.test_run_failures import FAST, SECTION, SITE

if TYPE_CHECKING:
    from pathlib import Path


def last_line(log: str) -> str:
    return log.rstrip("\n").rsplit("\n", 1)[-1].split("] ", 1)[1]


def free_port() -> int:
    """A loopback port nothing listens on: a connection to it is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.integration
def test_an_overlapping_run_prints_one_line(tmp_path: Path) -> None:
    with RouteServer(SITE) as server, SQLiteStateStore(state_path(tmp_path / "state", "news24")):
        result = scrapy_crawl(
            tmp_path, "-a", f"start_urls={server.base_url}{SECTION}", *FAST, "-O", "o.jsonl"
        )
        assert server.hits == {}
    assert result.returncode == 1
    assert last_line(result.stderr) == (
        "ERROR: The crawl could not start: state/news24.sqlite3 is in use by another process (a newscrawl "
        "run on the same state directory, or a sqlite3 shell): wait for it to finish, or give this run its "
        "own NEWSCRAWL_STATE_DIR"
    )
    assert "Traceback" not in result.stderr
    assert "Task exception was never retrieved" not in result.stderr


@pytest.mark.integration
def test_an_unreachable_redis_names_its_host_and_port(tmp_path: Path) -> None:
    port = free_port()
    redis = ("-s", f"NEWSCRAWL_REDIS_URL=redis://127.0.0.1:{port}/0", "-s", "NEWSCRAWL_REDIS_RETRY_SECONDS=1")
    with RouteServer(SITE) as server:
        result = scrapy_crawl(tmp_path, "-a", f"start_urls={server.base_url}{SECTION}", *FAST, *redis)
        assert server.hits == {}
    assert result.returncode == 1
    assert last_line(result.stderr) == (
        "ERROR: The crawl could not start: cannot reach Redis (NEWSCRAWL_REDIS_URL): Error 111 connecting to "
        f"127.0.0.1:{port}. Connection refused."
    )
    assert "Traceback" not in result.stderr
    assert "Engine slot not assigned" not in result.stderr


@pytest.mark.parametrize(
    ("error", "message", "traceback"),
    [
        (ValueError("a bug"), "The crawl could not start", True),  # not the user's to fix: keep the traceback
        (
            StateBusyError("state/x.sqlite3 is in use"),
            "The crawl could not start: state/x.sqlite3 is in use",
            False,
        ),
    ],
)
def test_start_failures_are_read_from_the_task(
    caplog: pytest.LogCaptureFixture, error: Exception, message: str, traceback: bool
) -> None:
    loop = asyncio.new_event_loop()
    try:
        started: asyncio.Future[None] = loop.create_future()
        assert not start_failure(started)  # still running: nothing to say
        try:
            raise RuntimeError("Engine slot not assigned") from error
        except RuntimeError as outer:
            started.set_exception(outer)
        assert start_failure(started)
    finally:
        loop.close()
    (record,) = caplog.records
    assert (record.getMessage(), record.exc_info is not None) == (message, traceback)
