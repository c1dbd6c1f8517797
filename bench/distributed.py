"""Distributed crawl throughput with 1, 2 and 4 workers, and Redis memory per million URLs.

    PYTHONPATH=. .venv/bin/python bench/distributed.py [--pages-per-section 31] [--workers 1,2,4]

Serves the demo generator's large site on 127.0.0.1 and starts its own redis-server (from PATH) on a
free loopback port for each run (AOF, `appendfsync everysec`); every worker is a real
`scrapy crawl news -s NEWSCRAWL_REDIS_URL=...` in its own directory. Pages/s counts every response of
every worker over the crawl time (the longest worker's `elapsed_time_seconds`, spider open to close);
wall time adds Python and Scrapy start-up. The machine is shared and noisy, so each worker count runs
`--repeat` times and the fastest is shown. Memory: Redis `used_memory` grown by that many synthetic
article URLs in each structure a crawl keeps per URL.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from scrapy import Request

from newscrawl.demo import DemoServer, build_site
from newscrawl.distributed import serializer
from newscrawl.state import ExportRecord, RedisStateStore
from tests.redisserver import RedisServer, redis_server_binary
from tests.support import crawl_command

STAT = re.compile(r"'(response_received_count|item_scraped_count|elapsed_time_seconds)': ([\d.]+)")
BATCH = 10_000


def start_worker(work: Path, number: int, starts: str, redis_url: str) -> subprocess.Popen[bytes]:
    """A worker logging to `w<number>/log` (a pipe read one worker at a time would stall the others)."""
    cwd = work / f"w{number}"
    cwd.mkdir()
    command, env = crawl_command(
        "-a", f"start_urls={starts}", "-s", f"NEWSCRAWL_REDIS_URL={redis_url}",
        "-s", f"NEWSCRAWL_WORKER_ID=w{number}", "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", "NEWSCRAWL_MAX_FAILED_SHARE=1",
    )  # fmt: skip
    with (cwd / "log").open("wb") as log:
        return subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=log)


def run_crawl(starts: str, workers: int, binary: str) -> dict[str, float]:
    """One crawl by `workers` workers: wall time, and responses and articles summed over the workers."""
    with tempfile.TemporaryDirectory() as work, RedisServer(Path(work), binary, "everysec") as redis:
        began = time.perf_counter()
        processes = [start_worker(Path(work), n, starts, redis.url) for n in range(workers)]
        exit_code = max(process.wait() for process in processes)
        wall = time.perf_counter() - began
        logs = [Path(work, f"w{n}", "log").read_text(encoding="utf-8") for n in range(workers)]
    stats = [{key: float(value) for key, value in STAT.findall(log)} for log in logs]
    pages = sum(s.get("response_received_count", 0) for s in stats)
    items = sum(s.get("item_scraped_count", 0) for s in stats)
    crawl = max(s["elapsed_time_seconds"] for s in stats)
    return {"wall": wall, "crawl": crawl, "pages": pages, "items": items, "exit": exit_code}


def fastest(starts: str, workers: int, binary: str, repeat: int) -> dict[str, float]:
    """The run with the shortest crawl time of `repeat` runs: the least disturbed by other load."""
    return min((run_crawl(starts, workers, binary) for _ in range(repeat)), key=lambda run: run["crawl"])


def used_memory(redis: RedisServer) -> int:
    with redis.client() as client:
        return int(client.info("memory")["used_memory"])


def fill(redis: RedisServer, urls: list[str]) -> dict[str, float]:
    """Bytes per URL: a state row of an exported article, a dupefilter fingerprint, a queued request, a
    claim."""
    request = Request(urls[0], priority=10, meta={"handle_httpstatus_list": [304], "depth": 2})
    entry = serializer.dumps(request.to_dict())
    costs, base = {}, used_memory(redis)
    with redis.client() as client:
        store = RedisStateStore(client, "bench")
        for start in range(0, len(urls), BATCH):
            batch = urls[start : start + BATCH]
            records = [ExportRecord(url_key=u, canonical_url=u, content_hash="0" * 32, version=1)
                       for u in batch]  # fmt: skip
            store.mark_exported(records, now=datetime.now(UTC))
        costs["state store row (exported article)"], base = used_memory(redis) - base, used_memory(redis)
        for start in range(0, len(urls), BATCH):
            client.sadd("dupefilter", *(f"{n:040x}" for n in range(start, start + BATCH)))
        costs["dupefilter fingerprint"], base = used_memory(redis) - base, used_memory(redis)
        for start in range(0, len(urls), BATCH):
            queued = {entry.replace(urls[0], url): -10 for url in urls[start : start + BATCH]}
            client.zadd("requests", queued)  # type: ignore[arg-type]
        costs["queued or leased request"], base = used_memory(redis) - base, used_memory(redis)
        for start in range(0, len(urls), BATCH):
            ids = [f"{n:032x}" for n in range(start, start + BATCH)]
            client.hset("claims", mapping=dict.fromkeys(ids, "host-12345"))
            client.sadd("claims:host-12345", *ids)
        costs["article claim"] = used_memory(redis) - base
    return {name: cost / len(urls) for name, cost in costs.items()}


def print_table(runs: dict[int, dict[str, float]]) -> None:
    print("| workers | articles | pages fetched | wall time | crawl time | pages/s | vs 1 worker | exit |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    first = next(iter(runs.values()))
    for workers, run in runs.items():
        rate, base_rate = run["pages"] / run["crawl"], first["pages"] / first["crawl"]
        times = f"{run['wall']:.1f} s | {run['crawl']:.1f} s"
        cells = (workers, f"{run['items']:.0f}", f"{run['pages']:.0f}", times, f"{rate:.0f}",
                 f"{rate / base_rate:.2f}x", f"{run['exit']:.0f}")  # fmt: skip
        print("| " + " | ".join(map(str, cells)) + " |")


def print_memory(urls: int, binary: str) -> None:
    names = [f"https://www.example-news.com/news24/world/news/a-slug-of-usual-length-{n:08d}-20260101"
             for n in range(urls)]  # fmt: skip
    with tempfile.TemporaryDirectory() as work, RedisServer(Path(work), binary) as redis:
        costs = fill(redis, names)
    print(f"\nRedis memory per URL ({urls} synthetic URLs of {len(names[0])} characters):")
    for name, cost in costs.items():
        print(f"- {name}: {cost:.0f} bytes, {cost:.0f} MB per million URLs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages-per-section", type=int, default=31)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--memory-urls", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per worker count; the fastest is shown")
    options = parser.parse_args()
    binary = redis_server_binary()
    if binary is None:
        raise SystemExit("redis-server not on PATH (apt-get install redis-server)")
    site = build_site(0, pages_per_section=options.pages_per_section)
    with DemoServer(site) as server:
        starts = ",".join(site.start_urls(server.base_url))
        articles = len(site.expected_items(server.base_url))
        runs = {n: fastest(starts, n, binary, options.repeat) for n in map(int, options.workers.split(","))}
    pages = options.pages_per_section
    print(f"site: {articles} articles, {len(site.sections)} sections x {pages} listing pages, on 127.0.0.1")
    print_table(runs)
    print_memory(options.memory_urls, binary)


if __name__ == "__main__":
    main()
