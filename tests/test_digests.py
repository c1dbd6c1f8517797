"""The compact seen-sets: exact membership through merges, 8 bytes a member, Scrapy's dupefilter contract."""

from __future__ import annotations

import hashlib
import random
import tracemalloc
from typing import TYPE_CHECKING

from scrapy import Request
from scrapy.utils.test import get_crawler

from newscrawl.digests import DigestSet, digest64
from newscrawl.dupefilter import CompactDupeFilter

if TYPE_CHECKING:
    from pathlib import Path


def test_members_stay_found_across_merges_and_strangers_do_not() -> None:
    rng = random.Random(7)
    members = [rng.getrandbits(64) for _ in range(5000)]
    strangers = [rng.getrandbits(64) for _ in range(5000)]
    seen = DigestSet(buffer_size=64)
    added = [seen.add(m) for m in members]
    assert added == [True] * 5000
    assert len(seen) == 5000
    assert all(m in seen for m in members)
    assert not any(s in seen for s in strangers)
    assert seen._sorted.tolist() == sorted(set(members) - seen._recent)


def test_sorted_part_is_exactly_the_merged_members_in_order() -> None:
    seen = DigestSet([9, 2, 2**64 - 1, 0, 5], buffer_size=2)
    assert (seen._sorted.tolist(), seen._recent) == ([0, 2, 9, 2**64 - 1], {5})
    seen.add(3)
    assert (seen._sorted.tolist(), seen._recent) == ([0, 2, 3, 5, 9, 2**64 - 1], set())


def test_adding_a_member_again_reports_it_and_changes_nothing() -> None:
    seen = DigestSet([1, 2, 3], buffer_size=2)
    assert (seen.add(2), seen.add(3), len(seen)) == (False, False, 3)
    seen.update([3, 4])
    assert (len(seen), 4 in seen, 5 in seen) == (4, True, False)


def test_a_hundred_thousand_members_cost_about_8_bytes_each() -> None:
    rng = random.Random(1)
    members = [rng.getrandbits(64) for _ in range(100_000)]
    tracemalloc.start()
    seen = DigestSet(members)
    held, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(seen) == 100_000
    # 8 bytes each plus the array's growth slack and at most BUFFER_SIZE members waiting in the set;
    # a Python set of the same ints would hold ~6.8 MB.
    assert held < 100_000 * 8 * 1.15 + 4096 * 100


def test_digest64_is_the_big_endian_first_8_bytes() -> None:
    digest = hashlib.sha1(b"x").digest()
    assert digest64(digest) == int(digest[:8].hex(), 16)


def test_dupefilter_filters_what_scrapys_would_filter() -> None:
    dupefilter = CompactDupeFilter.from_crawler(get_crawler())
    assert dupefilter.request_seen(Request("http://127.0.0.1/a?x=1&y=2")) is False
    assert dupefilter.request_seen(Request("http://127.0.0.1/a?y=2&x=1")) is True
    assert dupefilter.request_seen(Request("http://127.0.0.1/a#top")) is False
    assert dupefilter.request_seen(Request("http://127.0.0.1/a")) is True
    assert dupefilter.request_seen(Request("http://127.0.0.1/a", method="POST")) is False
    assert (len(dupefilter.digests), dupefilter._fingerprints) == (3, set())


def test_dupefilter_with_jobdir_resumes_from_requests_seen(tmp_path: Path) -> None:
    crawler = get_crawler(settings_dict={"JOBDIR": str(tmp_path)})
    first = CompactDupeFilter.from_crawler(crawler)
    assert first.request_seen(Request("http://127.0.0.1/one")) is False
    assert first.request_seen(Request("http://127.0.0.1/two")) is False
    first.close("shutdown")
    resumed = CompactDupeFilter.from_crawler(crawler)
    assert resumed.request_seen(Request("http://127.0.0.1/two")) is True
    assert resumed.request_seen(Request("http://127.0.0.1/three")) is False
    assert (len(resumed.digests), resumed._fingerprints) == (3, set())
    resumed.close("finished")
    assert (tmp_path / "requests.seen").stat().st_size == 3 * (2 + 20)
