"""A run interrupted twice (Ctrl-C, SIGTERM) exits non-zero, through the real command line and signals."""

from __future__ import annotations

import signal
import subprocess
import time
from typing import TYPE_CHECKING

import pytest

from tests.support import crawl_command, stale_part_files
from tests.test_feeds import ARTICLES, ROUTES, SlowArticleServer, crawl_args

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

pytestmark = pytest.mark.integration


def wait_for(condition: Callable[[], bool], seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_second_signal_exits_6_and_says_so(tmp_path: Path, signum: signal.Signals) -> None:
    with SlowArticleServer(ROUTES, step=3) as server:
        command, env = crawl_command(*crawl_args(server.base_url, "out/news.jsonl"))
        with (tmp_path / "log").open("w") as log:
            crawl = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=log)
            wait_for(lambda: ARTICLES[0] in server.hits)  # articles in flight, each seconds away
            crawl.send_signal(signum)
            wait_for(lambda: "shutting down gracefully" in (tmp_path / "log").read_text())
            crawl.send_signal(signum)
            crawl.wait(timeout=30)
    lines = (tmp_path / "log").read_text().splitlines()
    assert crawl.returncode == 6, lines[-20:]
    assert f"Received {signum.name} twice, forcing unclean shutdown" in "\n".join(lines)
    assert lines[-1].endswith(
        "Run stopped before it could close (a second Ctrl-C or SIGTERM): nothing published; exit code 6 "
        "(spider closed before finishing: forced)"
    )
    assert not (tmp_path / "out" / "news.jsonl").exists()
    assert len(stale_part_files(tmp_path / "out")) <= 1  # the next run removes it (tests/test_feeds.py)
