"""A run killed after publishing a feed file but before marking its articles writes nothing twice later."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest

from newscrawl.demo import DemoServer, build_site
from newscrawl.export.recovery import local_feed_pattern, recover_marks
from newscrawl.sites.registry import site_named
from newscrawl.state import ExportRecord, SQLiteStateStore, state_path
from newscrawl.state.owner import SiteState
from tests.support import read_jsonl, scrapy_crawl

if TYPE_CHECKING:
    from pathlib import Path

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
SITE = site_named("news24")
BASE = "https://www.news24.com/news24/world/news"


@pytest.mark.parametrize(
    ("uri", "pattern"),
    [
        ("output/%(name)s/%(time)s.jsonl", "output/*/*.jsonl"),
        ("out/%(time)s-%(batch_id)03d.jsonl", "out/*-*.jsonl"),
        ("file:///srv/news/%(time)s.jsonl", "/srv/news/*.jsonl"),
        ("/srv/news/today.jsonl", "/srv/news/today.jsonl"),
        ("s3://bucket/news/%(time)s.jsonl", None),
    ],
)
def test_local_feed_pattern(uri: str, pattern: str | None) -> None:
    assert local_feed_pattern(uri) == pattern


def line(name: str, version: int) -> str:
    url = f"{BASE}/{name}-20220216"
    fields = {"id": name, "url": url, "canonical_url": url, "version": version, "content_hash": "ab" * 16,
              "site": "news24"}  # fmt: skip
    return json.dumps({**fields, "published_at": "2022-02-16T14:56:00+02:00"}) + "\n"


def key(url: str) -> str:
    return SiteState(SITE, None).key(url)


def record(name: str, version: int) -> ExportRecord:
    url = f"{BASE}/{name}-20220216"
    return ExportRecord(url_key=key(url), canonical_url=url, content_hash="cd" * 16, version=version)


def test_unaccounted_files_are_marked_once_and_never_downgrade(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "crashed.jsonl").write_text(line("fresh", 1) + line("newer", 1) + "not json\n")
    (out / "finished.jsonl").write_text(line("accounted", 1))
    (out / "finished.jsonl.manifest.json").write_text("{}")
    (out / ".writing.jsonl.1234.part").write_text(line("partial", 1))
    (out / "someone-elses.jsonl").write_text('{"id": "x", "version": 1}\n')
    with SQLiteStateStore(tmp_path / "state.sqlite3") as store:
        store.mark_exported([record("newer", 2)], NOW)
        state = SiteState(SITE, store)
        assert recover_marks(state, {"news24"}, [f"{out}/%(time)s.jsonl"], NOW) == 1
        fresh, newer = (store.get(key(f"{BASE}/{n}-20220216")) for n in ("fresh", "newer"))
        assert (fresh.status, fresh.version, fresh.content_hash) == ("exported", 1, "ab" * 16)  # type: ignore[union-attr]
        assert (newer.version, newer.content_hash) == (2, "cd" * 16)  # type: ignore[union-attr]
        assert store.get(key(f"{BASE}/accounted-20220216")) is None
        assert store.get(key(f"{BASE}/partial-20220216")) is None
        assert recover_marks(state, {"news24"}, [f"{out}/%(time)s.jsonl"], NOW) == 0  # read once
    assert not (out / "someone-elses.jsonl.manifest.json").exists()  # not ours: left as it is
    manifest = json.loads((out / "crashed.jsonl.manifest.json").read_text())
    assert {key: manifest[key] for key in ("file", "recovered", "lines")} == {
        "file": "crashed.jsonl",
        "recovered": True,
        "lines": 3,
    }


@pytest.mark.integration
def test_a_run_after_the_crash_window_writes_nothing_twice(tmp_path: Path) -> None:
    """The state after a kill between publishing and marking: the file is there, the marks are not."""
    site = build_site(0)
    feeds = json.dumps({"out/%(time)s.jsonl": {"format": "jsonlines"}})
    with DemoServer(site) as server:
        args = ("-a", f"start_urls={','.join(site.start_urls(server.base_url))}", "-s", f"FEEDS={feeds}")
        assert scrapy_crawl(tmp_path, *args).returncode == 0
        (published,) = (tmp_path / "out").glob("*.jsonl")
        published.with_name(published.name + ".manifest.json").unlink()
        with contextlib.closing(sqlite3.connect(state_path(tmp_path / "state", "news24"))) as db, db:
            db.execute("UPDATE article SET status = 0, version = 0, content_hash = NULL, exported_at = NULL")
        again = scrapy_crawl(tmp_path, *args)
    expected = len(site.expected_items(server.base_url))
    assert again.returncode == 0, again.stderr[-3000:]
    files = sorted((tmp_path / "out").glob("*.jsonl"))
    assert [len(read_jsonl(path)) for path in files] == [expected, 0]
    assert f"Recovered {expected} export marks from {published.relative_to(tmp_path)}" in again.stderr
