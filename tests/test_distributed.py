"""Distributed crawls on a real redis-server: several `scrapy crawl` workers, one crawl, every article once.

Each worker runs in its own directory, as on its own machine; the union of their feed files must hold
every article of the demo site exactly once, also when a worker is killed or Redis restarts mid-crawl.
"""

from __future__ import annotations

import json
import pickle
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from scrapy.utils.test import get_crawler

from newscrawl import settings
from newscrawl.demo import DemoServer, build_site
from newscrawl.distributed import serializer
from newscrawl.distributed.crawl import SharedCrawl
from newscrawl.spiders.news import NewsSpider
from tests.conftest import redis_binary
from tests.redisserver import RedisServer, free_port
from tests.support import crawl_command, read_jsonl

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from newscrawl.demo.model import DemoSite, Story

pytestmark = [pytest.mark.redis, pytest.mark.integration]
SECTION_PATHS = ("/news24/world/news/", "/news24/southafrica/news/", "/news24/politics/parliament/")

# Slow enough that a kill or an outage lands mid-crawl; leases expire 6 s after a worker goes silent.
# The failed share is per worker, and the demo's one dead promo (404) can be most of a small worker's.
PACE = (
    "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0.08", "-s", "NEWSCRAWL_REDIS_LEASE_SECONDS=6",
    "-s", "NEWSCRAWL_MAX_FAILED_SHARE=1",
)  # fmt: skip
WAIT_SECONDS = 60.0


class Crawl:
    """A demo site, a Redis server and the workers of one crawl, each in `root/<worker>`."""

    def __init__(self, root: Path, site: DemoSite, server: DemoServer, redis: RedisServer) -> None:
        self.root, self.site, self.server, self.redis = root, site, server, redis
        self.workers: dict[str, subprocess.Popen[bytes]] = {}

    def start(self, *names: str, starts: list[str] | None = None, settings: tuple[str, ...] = ()) -> None:
        """Start workers at `starts` (every section); `settings` are `-s NAME=VALUE` pairs over PACE."""
        seeds = ",".join(self.site.start_urls(self.server.base_url) if starts is None else starts)
        for name in names:
            cwd = self.root / name
            cwd.mkdir()
            command, env = crawl_command(
                "-a", f"start_urls={seeds}", "-s", f"NEWSCRAWL_REDIS_URL={self.redis.url}",
                "-s", f"NEWSCRAWL_WORKER_ID={name}", *PACE, *settings,
            )  # fmt: skip
            with (cwd / "log").open("wb") as log:
                self.workers[name] = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=log)

    def wait(self) -> dict[str, int]:
        return {name: worker.wait(timeout=120) for name, worker in self.workers.items()}

    def log(self, name: str) -> str:
        return (self.root / name / "log").read_text(encoding="utf-8")

    def records(self) -> list[dict[str, Any]]:
        files = sorted(p for p in self.root.glob("*/output/news/*.jsonl") if not p.name.startswith("."))
        return [record for path in files for record in read_jsonl(path)]

    def assert_every_article_once(self, also: Sequence[Story] = ()) -> None:
        """Every article the site links to, and the `also` stories, each exported exactly once."""
        records = self.records()
        twice = [url for url, n in Counter(r["canonical_url"] for r in records).items() if n > 1]
        assert twice == []
        expected = self.site.expected_items(self.server.base_url)
        expected.update((self.server.base_url + story.path, {}) for story in also)
        assert sorted(r["canonical_url"] for r in records) == sorted(expected)


@pytest.fixture
def crawl(tmp_path: Path) -> Iterator[Crawl]:
    site = build_site(0)
    with RedisServer(tmp_path, redis_binary()) as redis, DemoServer(site) as server:
        running = Crawl(tmp_path, site, server, redis)
        yield running
        for worker in running.workers.values():
            if worker.poll() is None:
                worker.kill()
                worker.wait()


def news_spider(base_url: str) -> NewsSpider:
    """A spider to build and read queue entries with, as a worker would."""
    crawler = get_crawler(NewsSpider, {"NEWSCRAWL_STATE_DIR": ""})
    spider: NewsSpider = NewsSpider.from_crawler(crawler, start_urls=base_url + SECTION_PATHS[0])
    crawler.spider = spider
    return spider


def wait_until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        assert time.monotonic() < deadline, f"not reached in {WAIT_SECONDS} s: {what}"
        time.sleep(0.02)


def test_three_workers_export_every_article_exactly_once(crawl: Crawl) -> None:
    """The third worker joins mid-crawl: its seeds are duplicates, and it takes queued work."""
    crawl.start("w0", "w1")
    with crawl.redis.client() as client:
        wait_until(lambda: client.zcard("newscrawl:state:news24:frontier") >= 10, "10 articles discovered")
    crawl.start("w2")
    assert crawl.wait() == {"w0": 0, "w1": 0, "w2": 0}, crawl.log("w0")[-3000:]
    crawl.assert_every_article_once()
    published = sorted(p.relative_to(crawl.root) for p in crawl.root.glob("*/output/news/*.jsonl"))
    assert [(str(p.parent), p.name.split("+00-00")[1]) for p in published] == [
        ("w0/output/news", ".w0.jsonl"), ("w1/output/news", ".w1.jsonl"), ("w2/output/news", ".w2.jsonl"),
    ]  # fmt: skip
    assert all(Path(crawl.root, f"{p}.manifest.json").is_file() for p in published)
    with crawl.redis.client() as client:
        assert sorted(client.keys("newscrawl:news:*")) == [b"newscrawl:news:lease-seq"]
        assert client.zcard("newscrawl:state:news24:frontier") == 0


def busiest_worker(crawl: Crawl, leases: int) -> str | None:
    """The worker holding the most leases, once one holds at least `leases`."""
    with crawl.redis.client() as client:
        held = {name: client.hlen(f"newscrawl:news:leases:{name}") for name in crawl.workers}
    name = max(held, key=held.__getitem__)
    return name if held[name] >= leases else None


def test_a_worker_killed_mid_crawl_loses_nothing(crawl: Crawl) -> None:
    crawl.start("w0", "w1", "w2")
    wait_until(lambda: busiest_worker(crawl, 6) is not None, "a worker holds 6 leases")
    victim = busiest_worker(crawl, 6)
    assert victim is not None
    crawl.workers[victim].send_signal(signal.SIGKILL)
    codes = crawl.wait()
    assert codes == {name: -signal.SIGKILL if name == victim else 0 for name in crawl.workers}
    crawl.assert_every_article_once()
    assert "Re-queued" in "".join(crawl.log(name) for name in crawl.workers if name != victim)
    assert list((crawl.root / victim / "output" / "news").glob("*.jsonl")) == []


def test_leases_the_engine_takes_while_its_worker_waits_are_crawled_before_the_end(crawl: Crawl) -> None:
    """A dead worker's leases come back to the queue while w0 waits for it, and w0's engine leases them
    through its own scheduler, not w0's poll (tests/engineasks.py makes that certain; Scrapy's 5 s engine
    heartbeat does it now and then). w0 must not call the crawl done while its engine still fetches them,
    or the links of the listing among them are queued after the end and a section goes missing."""
    base = crawl.server.base_url
    unlinked = [base + path for path in crawl.site.traps if path.startswith(SECTION_PATHS)]
    southafrica, *others = (base + path for path in SECTION_PATHS[1:] + SECTION_PATHS[:1])
    with crawl.redis.client() as client:
        ghost = SharedCrawl(client, "news", "ghost", lease_seconds=6)
        ghost.heartbeat()
        spider = news_spider(base)
        requests = [*map(spider.article_request, unlinked), spider.listing_request(southafrica, 1, 0)]
        ghost.push([(r.url, str(-r.priority), serializer.dumps(r.to_dict(spider=spider))) for r in requests])
        popped = [request.url for request in ghost.pop(spider)]
        assert (sorted(popped[:-1]), popped[-1]) == (sorted(unlinked), southafrica)  # the listing last
        extensions = json.dumps({**settings.EXTENSIONS, "tests.engineasks.EngineAsksFirst": 900})
        # The listing comes last, 0.5 s after the engine takes the batch: after the worker's next poll.
        pace = ("-s", "DOWNLOAD_DELAY=0.1", "-s", "RANDOMIZE_DOWNLOAD_DELAY=False")
        crawl.start("w0", starts=others, settings=("-s", f"EXTENSIONS={extensions}", *pace))
        wait_until(lambda: ghost.heartbeat() and client.sismember("newscrawl:news:idle", "w0") == 1,
                   "w0 idle, waiting for the ghost, whose beat stops now")  # fmt: skip
    assert crawl.wait() == {"w0": 0}, crawl.log("w0")[-3000:]
    assert "Re-queued 6 requests taken by workers silent for 6 s" in crawl.log("w0")
    crawl.assert_every_article_once(also=[crawl.site.stories[url.removeprefix(base)] for url in unlinked])


def test_redis_restarted_mid_crawl_loses_nothing(crawl: Crawl) -> None:
    crawl.start("w0", "w1", "w2")
    with crawl.redis.client() as client:
        wait_until(lambda: client.zcard("newscrawl:state:news24:frontier") >= 20, "20 articles discovered")
    crawl.redis.stop()
    time.sleep(1.5)  # the outage: not an assertion, the workers must ride it out whatever its length
    crawl.redis.start()
    assert crawl.wait() == {"w0": 0, "w1": 0, "w2": 0}, crawl.log("w0")[-3000:]
    crawl.assert_every_article_once()
    assert "Redis unreachable" in crawl.log("w0") + crawl.log("w1") + crawl.log("w2")


class Exploit:
    """Unpickling this creates `marker`: what stock scrapy-redis would do with this queue entry."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return (Path.touch, (self.marker,))


def test_a_pickle_payload_in_the_queue_is_rejected_and_never_run(crawl: Crawl, tmp_path: Path) -> None:
    proof, marker = tmp_path / "proof", tmp_path / "marker"
    pickle.loads(pickle.dumps(Exploit(proof)))
    assert proof.exists()
    with crawl.redis.client() as client:
        client.zadd("newscrawl:news:requests", {pickle.dumps(Exploit(marker)): -100})
    crawl.start("w0")
    assert crawl.wait() == {"w0": 0}
    assert not marker.exists()
    log = crawl.log("w0")
    assert "Rejected a queue entry that is not a newscrawl request: not JSON: b'\\x80\\x04" in log
    assert "'newscrawl/redis/rejected': 1," in log
    crawl.assert_every_article_once()


def test_scheduler_persist_false_is_refused(crawl: Crawl) -> None:
    command, env = crawl_command(
        "-a", f"start_urls={crawl.server.base_url}/news24/world/news",
        "-s", f"NEWSCRAWL_REDIS_URL={crawl.redis.url}", "-s", "SCHEDULER_PERSIST=False",
    )  # fmt: skip
    result = subprocess.run(command, cwd=crawl.root, env=env, capture_output=True, text=True, timeout=60)
    assert "SCHEDULER_PERSIST=False would delete the shared queue when any worker closes" in result.stderr
    with crawl.redis.client() as client:
        assert client.keys("newscrawl:news:*") == []


def test_a_worker_that_cannot_reach_redis_retries_then_exits_1(tmp_path: Path) -> None:
    url = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    command, env = crawl_command(
        "-a", "start_urls=http://127.0.0.1:9/news24/world/news",
        "-s", f"NEWSCRAWL_REDIS_URL={url}", "-s", "NEWSCRAWL_REDIS_RETRY_SECONDS=1",
    )  # fmt: skip
    result = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Redis unreachable (attempt 1 failed); retrying in 0.50 s" in result.stderr
    assert "Redis unreachable (attempt 2 failed); retrying in 1.00 s" in result.stderr
    assert "Redis unreachable (attempt 3 failed)" not in result.stderr
