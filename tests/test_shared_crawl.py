"""The Redis side of a shared crawl, on a real redis-server: dupefilter, leases, reaping, verdicts, claims."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from scrapy import Request
from scrapy.utils.test import get_crawler

from newscrawl.distributed import serializer
from newscrawl.distributed.crawl import SharedCrawl
from newscrawl.spiders.news import NewsSpider
from tests.engineasks import queued

if TYPE_CHECKING:
    from redis import Redis

    from tests.redisserver import RedisServer

pytestmark = pytest.mark.redis
BASE = "http://127.0.0.1:8080/news24/world/news"


@pytest.fixture
def spider() -> NewsSpider:
    crawler = get_crawler(NewsSpider, {"NEWSCRAWL_STATE_DIR": ""})
    spider: NewsSpider = NewsSpider.from_crawler(crawler, start_urls=BASE)
    crawler.spider = spider
    return spider


@pytest.fixture
def client(redis_db: RedisServer) -> Redis:
    return redis_db.client()


def worker(client: Redis, name: str) -> SharedCrawl:
    shared = SharedCrawl(client, "news", name, lease_seconds=60)
    shared.heartbeat()
    return shared


def entry(spider: NewsSpider, path: str, fingerprint: str, priority: int = 10) -> tuple[str, str, str]:
    request = spider.article_request(f"{BASE}/{path}")
    request.priority = priority
    return fingerprint, str(-priority), serializer.dumps(request.to_dict(spider=spider))


def test_push_filters_seen_fingerprints_but_not_dont_filter_requests(
    client: Redis, spider: NewsSpider
) -> None:
    shared = worker(client, "a")
    assert shared.push([entry(spider, "x-20220216", "fx"), entry(spider, "y-20220216", "fy")]) == 0
    assert shared.push([entry(spider, "x-20220216", "fx"), entry(spider, "z-20220216", "")]) == 1
    assert queued(shared) == 3


def test_pop_leases_in_priority_order_and_the_worker_is_no_longer_idle(
    client: Redis, spider: NewsSpider
) -> None:
    shared = worker(client, "a")
    shared.push([entry(spider, "low-20220216", "f1", priority=0), entry(spider, "high-20220216", "f2")])
    client.sadd("newscrawl:news:idle", "a")
    popped = shared.pop(spider)
    assert [request.url for request in popped] == [f"{BASE}/high-20220216", f"{BASE}/low-20220216"]
    assert popped[0].callback == spider.parse_article
    assert client.hlen("newscrawl:news:leases:a") == 2
    assert client.smembers("newscrawl:news:idle") == set()
    assert queued(shared) == 0


def test_an_entry_that_is_not_ours_is_dropped_and_counted(client: Redis, spider: NewsSpider) -> None:
    shared = worker(client, "a")
    client.zadd(
        "newscrawl:news:requests", {b"\x80\x04K\x01.": -10, b'{"url": "x", "_class": "os.system"}': -5}
    )
    assert shared.pop(spider) == []
    assert spider.crawler.stats is not None
    assert spider.crawler.stats.get_value("newscrawl/redis/rejected") == 2


def test_verdicts_work_wait_done(client: Redis, spider: NewsSpider) -> None:
    a, b = worker(client, "a"), worker(client, "b")
    a.push([entry(spider, "x-20220216", "fx")])
    assert a.verdict() == "work"
    assert b.pop(spider) != []
    assert a.verdict() == "wait"  # b is busy: its page may still yield links
    assert b.verdict() == "done"
    assert a.verdict() == "done"


def test_a_silent_worker_is_reaped_its_leases_requeued_and_its_claims_freed(
    client: Redis, spider: NewsSpider
) -> None:
    dead, alive = worker(client, "dead"), worker(client, "alive")
    dead.push([entry(spider, "x-20220216", "fx"), entry(spider, "y-20220216", "fy")])
    assert len(dead.pop(spider)) == 2
    assert dead.claim("id-x")
    assert not alive.claim("id-x")
    assert alive.reap() == 0
    client.zadd("newscrawl:news:workers", {"dead": 0})  # its last heartbeat, long ago
    assert alive.verdict() == "wait"
    assert alive.reap() == 2
    assert client.zrange("newscrawl:news:workers", 0, -1) == [b"alive"]
    assert [request.url for request in alive.pop(spider)] == [f"{BASE}/x-20220216", f"{BASE}/y-20220216"]
    assert alive.claim("id-x")
    assert alive.heartbeat()
    assert not dead.heartbeat()  # were it alive, it would learn it had been taken for dead


def test_release_drops_received_leases_and_requeues_any_other(client: Redis, spider: NewsSpider) -> None:
    shared = worker(client, "a")
    shared.push([entry(spider, "x-20220216", "fx")])
    shared.pop(spider)
    client.hset("newscrawl:news:leases:a", "999", "-10 " + entry(spider, "lost-20220216", "")[2])
    shared.claim("id-x")
    shared.release()
    assert client.exists("newscrawl:news:leases:a", "newscrawl:news:claims:a") == 0
    assert client.zrange("newscrawl:news:workers", 0, -1) == []
    assert [request.url for request in shared.pop(spider)] == [f"{BASE}/lost-20220216"]


def test_finish_forgets_fingerprints_and_claims(client: Redis, spider: NewsSpider) -> None:
    shared = worker(client, "a")
    shared.push([entry(spider, "x-20220216", "fx")])
    shared.claim("id-x")
    shared.finish()
    assert client.exists("newscrawl:news:dupefilter", "newscrawl:news:claims") == 0
    assert shared.push([entry(spider, "x-20220216", "fx")]) == 0


def test_requests_survive_the_trip_as_requests(client: Redis, spider: NewsSpider) -> None:
    shared = worker(client, "a")
    original = Request(f"{BASE}?pageNumber=2", callback=spider.parse_source, cb_kwargs={"page_number": 2})
    shared.push([("fp", "0", serializer.dumps(original.to_dict(spider=spider)))])
    (popped,) = shared.pop(spider)
    assert (popped.url, popped.callback, popped.cb_kwargs) == (
        original.url,
        spider.parse_source,
        {"page_number": 2},
    )
