"""The Redis side of one crawl shared by several workers: queue, dupefilter, leases and who is alive.

Keys, all under `newscrawl:<spider>:`: `requests` (sorted set, score -priority, member the JSON
request), `dupefilter` (scrapy-redis' fingerprint set), `claims` (hash, article id -> the worker that
exports it, so two URLs with one canonical URL are exported once across workers) and `claims:<worker>`,
`workers` (sorted set, score the last heartbeat in Redis server time, so machine clocks never matter),
`idle` (set of workers with nothing to do), `leases:<worker>` (hash, lease id -> "<score> <request>") and
`lease-seq`.

No request is lost when a worker dies: popping moves a request into the worker's lease hash in the same
script, and the worker keeps every lease until it has closed with reason `finished` and stored all its
feed files (then nothing it took is unfinished). A worker whose heartbeat is older than the lease time
(`NEWSCRAWL_REDIS_LEASE_SECONDS`) is dead: any other worker moves all its leases back into the queue
(`reap`). Re-running a request is harmless: an article already exported with the same content is
dropped as unchanged, and links it yields again are filtered by the dupefilter.

Round trips are batched: pushes go in one script call per batch (dupefilter check and enqueue together),
pops lease up to `POP_BATCH` requests at once, and an empty queue is asked again only after `EMPTY_POLL`.
The scripts touch keys they compute, so this needs a single Redis server (not Redis Cluster).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Literal
from weakref import WeakKeyDictionary

from scrapy.utils.request import request_from_dict

from newscrawl import config
from newscrawl.distributed import serializer as json_requests

if TYPE_CHECKING:
    from collections.abc import Sequence

    from redis import Redis
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

POP_BATCH = 8
EMPTY_POLL = 0.25
# Meta flag of a request already leased to this worker, handed to `engine.crawl` by the idle worker.
LEASED = "newscrawl_leased"

# ARGV: (fingerprint, score, request) triples; an empty fingerprint is a `dont_filter` request.
PUSH = """
local filtered = 0
for i = 1, #ARGV, 3 do
  if ARGV[i] == '' or redis.call('SADD', KEYS[2], ARGV[i]) == 1 then
    redis.call('ZADD', KEYS[1], ARGV[i + 1], ARGV[i + 2])
  else
    filtered = filtered + 1
  end
end
return filtered
"""

# Pops up to ARGV[1] requests into this worker's lease hash; returns (lease id, request) pairs.
POP = """
local popped = redis.call('ZPOPMIN', KEYS[1], ARGV[1])
local out = {}
for i = 1, #popped, 2 do
  local id = redis.call('INCR', KEYS[3])
  redis.call('HSET', KEYS[2], id, popped[i + 1] .. ' ' .. popped[i])
  table.insert(out, tostring(id))
  table.insert(out, popped[i])
end
if #out > 0 then redis.call('SREM', KEYS[4], ARGV[2]) end
return out
"""

REQUEUE_LEASES = """
local function requeue(key)
  local leases = redis.call('HVALS', key)
  for _, lease in ipairs(leases) do
    local space = string.find(lease, ' ', 1, true)
    redis.call('ZADD', KEYS[3], string.sub(lease, 1, space - 1), string.sub(lease, space + 1))
  end
  redis.call('DEL', key)
  return #leases
end
"""

# Workers silent for ARGV[1] seconds are dead: their leases go back to the queue, the articles they
# claimed are free for whoever fetches them again, and they are forgotten. ARGV[2]: the key prefix.
REAP = REQUEUE_LEASES + """
local dead = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', redis.call('TIME')[1] - ARGV[1])
local requeued = 0
for _, worker in ipairs(dead) do
  requeued = requeued + requeue(ARGV[2] .. 'leases:' .. worker)
  for _, id in ipairs(redis.call('SMEMBERS', ARGV[2] .. 'claims:' .. worker)) do
    redis.call('HDEL', KEYS[4], id)
  end
  redis.call('DEL', ARGV[2] .. 'claims:' .. worker)
  redis.call('ZREM', KEYS[1], worker)
  redis.call('SREM', KEYS[2], worker)
end
return requeued
"""  # fmt: skip

# ARGV: lease hash, worker, lease ids it received. Drops those, returns any others to the queue (taken by
# a pop whose reply was lost), and unregisters the worker; its claims stay until the crawl is done.
RELEASE = REQUEUE_LEASES + """
for i = 3, #ARGV do redis.call('HDEL', ARGV[1], ARGV[i]) end
local requeued = requeue(ARGV[1])
redis.call('ZREM', KEYS[1], ARGV[2])
redis.call('SREM', KEYS[2], ARGV[2])
redis.call('DEL', KEYS[4])
return requeued
"""  # fmt: skip

# An article id is this worker's to export unless another live worker claimed it first in this crawl.
CLAIM = """
local owner = redis.call('HGET', KEYS[1], ARGV[2])
if owner and owner ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], ARGV[2], ARGV[1])
redis.call('SADD', KEYS[2], ARGV[2])
return 1
"""

HEARTBEAT = "return redis.call('ZADD', KEYS[1], redis.call('TIME')[1], ARGV[1])"

Verdict = Literal["work", "wait", "done"]
_SHARED: WeakKeyDictionary[Crawler, SharedCrawl] = WeakKeyDictionary()


class SharedCrawl:
    """This worker's handle on the shared crawl; one per crawler, used by the queue and the worker."""

    def __init__(self, server: Redis, spider_name: str, worker: str, lease_seconds: float) -> None:
        self.server, self.worker, self.lease_seconds = server, worker, lease_seconds
        self.prefix = f"newscrawl:{spider_name}:"
        self.queue, self.dupefilter = self.prefix + "requests", self.prefix + "dupefilter"
        self.workers, self.idle = self.prefix + "workers", self.prefix + "idle"
        self.leases = f"{self.prefix}leases:{worker}"
        self.claims, self.my_claims = self.prefix + "claims", f"{self.prefix}claims:{worker}"
        self.received: list[str] = []
        self._push, self._pop = server.register_script(PUSH), server.register_script(POP)
        self._reap, self._release = server.register_script(REAP), server.register_script(RELEASE)
        self._heartbeat, self._claim = server.register_script(HEARTBEAT), server.register_script(CLAIM)

    @classmethod
    def of(cls, crawler: Crawler) -> SharedCrawl:
        """The crawler's handle, made on first use from its settings."""
        if crawler not in _SHARED:
            # Imported on first use: a single-machine run loads this module (the claim pipeline, switched
            # off) but never needs redis, ~25 ms of its start-up.
            from scrapy_redis.connection import get_redis_from_settings

            settings, spider = crawler.settings, crawler.spider
            assert spider is not None
            worker = config.get_str(settings, "NEWSCRAWL_WORKER_ID")
            lease_seconds = config.get_float(settings, "NEWSCRAWL_REDIS_LEASE_SECONDS")
            _SHARED[crawler] = cls(get_redis_from_settings(settings), spider.name, worker, lease_seconds)
        return _SHARED[crawler]

    def push(self, entries: Sequence[tuple[str, str, str]]) -> int:
        """Enqueue (fingerprint, score, request) entries not seen before; returns how many were seen."""
        flat = [field for entry in entries for field in entry]
        return int(self._push(keys=[self.queue, self.dupefilter], args=flat))

    def pop(self, spider: Spider) -> list[Request]:
        """Lease up to POP_BATCH requests, highest priority first; entries we did not write are dropped."""
        keys = [self.queue, self.leases, self.prefix + "lease-seq", self.idle]
        out: list[bytes] = self._pop(keys=keys, args=[POP_BATCH, self.worker])
        self.received.extend(lease.decode() for lease in out[::2])
        return [request for data in out[1::2] if (request := self.decode(data, spider)) is not None]

    @staticmethod
    def decode(data: bytes, spider: Spider) -> Request | None:
        """The request, or None (logged, counted) for an entry this crawler did not write."""
        try:
            return request_from_dict(json_requests.loads(data), spider=spider)
        except (json_requests.RejectedRequest, ValueError) as error:
            assert spider.crawler.stats is not None
            spider.crawler.stats.inc_value("newscrawl/redis/rejected")
            logger.error("Rejected a queue entry that is not a newscrawl request: %s", error)
            return None

    def heartbeat(self) -> bool:
        """Beat; whether the worker was registered already (False on the first beat, or once reaped)."""
        return int(self._heartbeat(keys=[self.workers], args=[self.worker])) == 0

    def reap(self) -> int:
        """Return the leases of dead workers to the queue; how many requests went back."""
        keys = [self.workers, self.idle, self.queue, self.claims]
        requeued = int(self._reap(keys=keys, args=[self.lease_seconds, self.prefix]))
        if requeued:
            silent = self.lease_seconds
            logger.warning("Re-queued %d requests taken by workers silent for %.0f s", requeued, silent)
        return requeued

    def verdict(self) -> Verdict:
        """An idle worker's next step: take queued work, wait for the others, or close (crawl done)."""
        with self.server.pipeline(transaction=True) as pipe:
            pipe.sadd(self.idle, self.worker)
            pipe.zcard(self.queue)
            pipe.time()
            pipe.zrange(self.workers, 0, -1, withscores=True)
            pipe.smembers(self.idle)
            _, queued, (now, _micro), workers, idle = pipe.execute()
        if queued:
            return "work"
        stale = now - self.lease_seconds / 3
        others = [(name, beat) for name, beat in workers if name.decode() != self.worker]
        return "wait" if any(name not in idle or beat < stale for name, beat in others) else "done"

    def claim(self, article_id: str) -> bool:
        """Whether this worker may export the article: no other live worker did in this crawl."""
        return bool(self._claim(keys=[self.claims, self.my_claims], args=[self.worker, article_id]))

    def finish(self) -> None:
        """The queue is empty and every worker idle: forget fingerprints and claims; the next crawl
        starts anew."""
        self.server.delete(self.dupefilter, self.claims)

    def release(self) -> None:
        """After a finished run whose feeds are stored: drop its leases and unregister."""
        keys = [self.workers, self.idle, self.queue, self.my_claims]
        self._release(keys=keys, args=[self.leases, self.worker, *self.received])
