"""End to end: the real `scrapy crawl news` against the demo site generator on a real loopback server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from typing import TYPE_CHECKING, Any

import pytest

from newscrawl import settings
from newscrawl.demo import DemoServer, build_site
from newscrawl.normalize.urls import url_key
from tests import loadedmodules
from tests.support import CONTRACT_FIELDS, FIXTURES, read_jsonl, scrapy_crawl

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.integration

REFERENCE_PATH = "/news24/world/news/nato-says-russia-still-adding-troops-to-ukraine-build-up-20220216"


def crawl_site(seed: int, tmp_path: Path, *args: str) -> tuple[list[dict[str, Any]], str, Any]:
    site = build_site(seed)
    with DemoServer(site) as server:
        starts = ",".join(site.start_urls(server.base_url))
        result = scrapy_crawl(tmp_path, "-a", f"start_urls={starts}", "-O", "out.jsonl", *args)
        assert result.returncode == 0, result.stderr[-3000:]
        return read_jsonl(tmp_path / "out.jsonl"), server.base_url, site


def same_article_url(a: str, b: str) -> bool:
    return url_key(a, fold_path_case=True) == url_key(b, fold_path_case=True)


@pytest.mark.parametrize("seed", [0, 1], ids=["bundled-demo", "unseen-site"])
def test_crawl_emits_every_article_once_with_exact_fields(seed: int, tmp_path: Path) -> None:
    records, base, site = crawl_site(seed, tmp_path)
    expected = site.expected_items(base)
    emitted = [r["canonical_url"] for r in records]
    assert [url for url, n in Counter(emitted).items() if n > 1] == []
    assert sorted(emitted) == sorted(expected)
    assert len({r["id"] for r in records}) == len(records)
    for record in records:
        want = expected[record["canonical_url"]]
        assert same_article_url(record["url"], want["url"]), record["url"]
        got = {field: record[field] for field in CONTRACT_FIELDS if field != "url"}
        assert got == {field: want[field] for field in CONTRACT_FIELDS if field != "url"}
    assert set(site.trap_urls(base)).isdisjoint(r["url"] for r in records)


def test_a_single_machine_run_never_imports_redis(tmp_path: Path) -> None:
    """redis and scrapy-redis are ~25 ms of every run's start-up; only the distributed mode needs them."""
    extensions = json.dumps({**settings.EXTENSIONS, "tests.loadedmodules.LoadedModules": 900})
    state = ("-s", "NEWSCRAWL_STATE_DIR=state")
    records, base, site = crawl_site(0, tmp_path, "-s", f"EXTENSIONS={extensions}", *state)
    assert len(records) == len(site.expected_items(base))
    assert json.loads((tmp_path / loadedmodules.OUTPUT).read_text()) == []


def test_demo_reference_article_equals_the_contract(tmp_path: Path) -> None:
    records, base, _ = crawl_site(0, tmp_path)
    contract = (FIXTURES / "news24/article.expected.json").read_text().replace("https://www.news24.com", base)
    reference = next(r for r in records if r["canonical_url"] == base + REFERENCE_PATH)
    assert {field: reference[field] for field in CONTRACT_FIELDS} == json.loads(contract)
    assert (reference["published_at_source"], reference["published_at_precision"]) == ("jsonld", "second")


def test_max_articles_bounds_the_run(tmp_path: Path) -> None:
    records, _, _ = crawl_site(0, tmp_path, "-a", "max_articles=5")
    assert len(records) == 5


def test_max_pages_reads_only_first_listing_pages(tmp_path: Path) -> None:
    site = build_site(0)
    with DemoServer(site) as server:
        starts = ",".join(site.start_urls(server.base_url))
        limits = ("-a", "max_pages=1", "-s", "LOG_LEVEL=DEBUG")
        result = scrapy_crawl(tmp_path, "-a", f"start_urls={starts}", "-O", "out.jsonl", *limits)
    crawled = [line for line in result.stderr.splitlines() if "Crawled (" in line]
    assert result.returncode == 0
    assert [line for line in crawled if "pageNumber=" in line] == []
    assert 0 < len(read_jsonl(tmp_path / "out.jsonl")) < len(site.expected_items(server.base_url))


def test_demo_command_writes_jsonl_under_output(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(FIXTURES.parents[1])}
    result = subprocess.run(
        [sys.executable, "-m", "newscrawl.demo"], cwd=tmp_path, env=env,
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    files = list((tmp_path / "output/news").glob("*.jsonl"))
    assert len(files) == 1
    assert len(read_jsonl(files[0])) == len(build_site(0).expected_items("http://127.0.0.1:1"))
