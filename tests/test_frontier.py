"""The frontier's admission rule on a real SQLite store: what a run requests, and what it skips."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from newscrawl.sites.news24 import News24
from newscrawl.spiders.frontier import Frontier
from newscrawl.state import ExportRecord, SQLiteStateStore
from newscrawl.state.owner import SiteState

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

SITE = News24()


def site_key(url: str) -> str:
    return SiteState(SITE, None).key(url)


def states(store: SQLiteStateStore | None) -> Callable[[str], SiteState]:
    """Every URL in the news24 profile's state, kept in `store`."""
    state = SiteState(SITE, store)
    return lambda url: state


BASE = "https://www.news24.com/news24/world/news"
NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def url(name: str) -> str:
    return f"{BASE}/{name}-20250301"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStateStore]:
    opened = SQLiteStateStore(tmp_path / "news24.sqlite3")
    key = site_key(url("old"))
    record = ExportRecord(url_key=key, canonical_url=key, content_hash="00" * 16, version=1)
    opened.mark_exported([record], NOW)
    yield opened
    opened.close()


def test_admits_new_articles_once_without_tracking_and_skips_the_exported(store: SQLiteStateStore) -> None:
    frontier = Frontier(states(store), max_articles=None)
    upper_b = url("B").replace("/world/", "/World/")
    first = [url("a"), f"{url('a')}?utm_source=x", url("old"), upper_b, url("b")]
    assert frontier.admit(first) == [url("a"), upper_b]
    assert frontier.admit([url("a"), url("c")]) == [url("c")]
    assert [key for key, _ in store.pending()] == [site_key(url(n)) for n in ("a", "b", "c")]
    assert frontier.settled_keys([url("old"), url("a"), f"{url('OLD')}#x"]) == {site_key(url("old"))}


def test_a_caller_that_looked_up_the_exported_keys_is_trusted(store: SQLiteStateStore) -> None:
    frontier = Frontier(states(store), max_articles=None)
    assert frontier.admit([url("old"), url("a")], settled={site_key(url("a"))}) == [url("old")]


def test_stops_admitting_at_the_article_limit_across_calls(store: SQLiteStateStore) -> None:
    frontier = Frontier(states(store), max_articles=3)
    assert frontier.admit([url("old"), url("a"), url("b")]) == [url("a"), url("b")]
    assert not frontier.at_limit()
    assert frontier.admit([url("c"), url("d")]) == [url("c")]
    assert frontier.at_limit()
    assert frontier.admit([url("e")]) == []


def test_without_a_store_nothing_counts_as_exported() -> None:
    frontier = Frontier(states(None), max_articles=None)
    assert frontier.settled_keys([url("old")]) == set()
    assert frontier.admit([url("old"), url("old")]) == [url("old")]


def test_a_page_set_aside_is_admitted_again_only_after_its_back_off(store: SQLiteStateStore) -> None:
    frontier = Frontier(states(store), max_articles=None, set_aside_for=timedelta(days=30))
    frontier.set_aside([url("soft404"), url("old")])  # now; "old" is exported and stays so
    store.set_aside([(site_key(url("tag")), url("tag"))], datetime.now(UTC) - timedelta(days=31))
    assert frontier.admit([url("soft404"), url("tag"), url("new")]) == [url("tag"), url("new")]
    assert frontier.settled_keys([url("soft404"), url("old"), url("tag")]) == {
        site_key(url("soft404")),
        site_key(url("old")),
    }
    assert [key for key, _ in store.pending()] == [site_key(url("new"))]  # "tag" is fetched, not pending
