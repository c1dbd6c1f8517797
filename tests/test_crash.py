"""Crash safety: `kill -9` at 20 seeded moments, then one run to the end; nothing lost, nothing twice."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from collections import Counter
from typing import TYPE_CHECKING

import pytest

from newscrawl.demo import DemoServer, build_site
from tests.support import crawl_command, read_jsonl, scrapy_crawl

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.integration

KILLS = 20
# A full crawl of the demo takes about 7 s this way, so every kill lands mid-crawl, at a different stage.
SLOW = ("-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0.08")
FEEDS = json.dumps({"out/%(time)s-%(batch_id)03d.jsonl": {"format": "jsonlines", "batch_item_count": 4}})


def killed_run(cwd: Path, args: tuple[str, ...], delay: float) -> int:
    command, env = crawl_command(*args)
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(delay)
    os.kill(process.pid, signal.SIGKILL)
    return process.wait(timeout=30)


def test_sigkill_at_twenty_moments_loses_nothing_and_writes_nothing_twice(tmp_path: Path) -> None:
    site, rng = build_site(0), random.Random(20221216)
    with DemoServer(site) as server:
        starts = ",".join(site.start_urls(server.base_url))
        args = ("-a", f"start_urls={starts}", "-s", f"FEEDS={FEEDS}", *SLOW)
        codes = [killed_run(tmp_path, args, rng.uniform(0.4, 2.2)) for _ in range(KILLS)]
        final = scrapy_crawl(tmp_path, *args)
        expected = site.expected_items(server.base_url)
    assert final.returncode == 0, final.stderr[-3000:]
    assert codes == [-signal.SIGKILL] * KILLS
    files = sorted(p for p in (tmp_path / "out").glob("*.jsonl") if not p.name.startswith("."))
    records = [record for path in files for record in read_jsonl(path)]
    twice = [key for key, n in Counter((r["id"], r["version"]) for r in records).items() if n > 1]
    assert twice == []
    assert sorted(r["canonical_url"] for r in records) == sorted(expected)
