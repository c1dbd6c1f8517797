"""The layout-change alarm: its arithmetic as tables, and three scheduled runs through the command line."""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any

import pytest
from scrapy.utils.test import get_crawler

from newscrawl.extensions.alarm import (
    FIELDS,
    Alarm,
    LayoutAlarm,
    at_most,
    fill_rates,
    find_alarms,
    history_path,
    is_filled,
    is_sharp_drop,
    read_history,
    with_run,
)
from newscrawl.items import Article
from tests.server import Reply, RouteServer
from tests.support import read_jsonl, scrapy_crawl
from tests.test_bad_input import listing_html, stat

if TYPE_CHECKING:
    from pathlib import Path

    from newscrawl.items import RawArticle


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, False), ("", False), (" \n", False), ("x", True), ([], False), (["a"], True), ((), False),
        (("a",), True),
    ],
)  # fmt: skip
def test_is_filled(value: object, expected: bool) -> None:
    assert is_filled(value) is expected


def test_fill_rates_cover_every_field_rounded_to_4_places() -> None:
    assert fill_rates({"title": 3, "summary": 2, "body": 1}, 3) == {
        **dict.fromkeys(FIELDS, 0.0), "title": 1.0, "summary": 0.6667, "body": 0.3333,
    }  # fmt: skip
    assert fill_rates({"title": 0}, 0) == {}


@pytest.mark.parametrize(
    ("previous", "current", "drop", "expected"),
    [
        (0.95, 0.40, 0.5, True),  # the example
        (0.95, 0.60, 0.5, False),
        (0.95, 0.475, 0.5, False),  # exactly half: not more than the threshold
        (0.95, 0.4749, 0.5, True),
        (0.8, 0.4, 0.5, False),
        (1.0, 0.8, 0.2, False),  # exactly the threshold
        (1.0, 0.7999, 0.2, True),
        (1.0, 0.0, 0.5, True),
        (0.0, 0.0, 0.5, False),  # never filled cannot drop
        (0.5, 0.9, 0.5, False),  # a rise
        (1.0, 0.0, 1.0, False),  # drop=1: nothing alarms
    ],
)
def test_is_sharp_drop(previous: float, current: float, drop: float, expected: bool) -> None:
    assert is_sharp_drop(previous, current, drop) is expected


def runs(*rates: dict[str, float], items: int = 10) -> list[dict[str, Any]]:
    """A history of runs of `items` articles each, written with rates only (as before counts were kept)."""
    return [{"items": items, "fill_rates": rate} for rate in rates]


@pytest.mark.parametrize(
    ("filled", "items", "history", "expected"),
    [
        ({"summary": 0}, 3, [], []),
        ({"summary": 0}, 3, runs({"summary": 1.0}, items=19), []),  # 19 earlier articles: no baseline yet
        ({"summary": 0}, 3, runs({"summary": 1.0}, items=20), [Alarm("summary", 1.0, 0.0)]),
        # pooled over articles, not runs: (19 + 1) of (20 + 2) earlier articles = 0.9091
        ({"summary": 0}, 3, [*runs({"summary": 0.95}, items=20), *runs({"summary": 0.5}, items=2)],
         [Alarm("summary", 0.9091, 0.0)]),
        ({"summary": 0}, 3, runs({"summary": 0.6}, items=50), []),  # 0.4^3 = 6.4%: could be chance
        ({"summary": 0}, 6, runs({"summary": 0.6}, items=50), [Alarm("summary", 0.6, 0.0)]),  # 0.4^6 = 0.4%
        ({"summary": 1}, 3, runs({"summary": 1.0}, items=20), [Alarm("summary", 1.0, 0.3333)]),
        ({"summary": 2}, 4, runs({"summary": 1.0}, items=20), []),  # exactly half
        ({"tags": 0}, 3, runs({"tags": 0.0}, items=20), []),  # never filled cannot drop
        (
            {"title": 3, "summary": 0, "body": 0},
            3,
            [{"items": 20, "filled": {"title": 20, "summary": 19, "body": 20}, "fill_rates": {}}],
            [Alarm("summary", 0.95, 0.0), Alarm("body", 1.0, 0.0)],
        ),
    ],
)  # fmt: skip
def test_find_alarms(
    filled: dict[str, int], items: int, history: list[dict[str, Any]], expected: list[Alarm]
) -> None:
    assert find_alarms(filled, items, history, 0.5, 20) == expected


@pytest.mark.parametrize(
    ("filled", "items", "rate", "expected"),
    [
        (0, 3, 0.95, 0.05**3),
        (0, 3, 0.6, 0.4**3),
        (3, 3, 0.6, 1.0),
        (1, 3, 0.5, 0.5),  # 1/8 + 3/8
        (0, 3, 1.0, 0.0),
        (3, 3, 1.0, 1.0),
        (0, 3, 0.0, 1.0),
        (10_000, 20_000, 0.5, 0.502821),  # no overflow: the median's own mass is on this side
        (9_000, 20_000, 0.5, 0.0),
    ],
)
def test_at_most(filled: int, items: int, rate: float, expected: float) -> None:
    assert at_most(filled, items, rate) == pytest.approx(expected, abs=1e-6)


def test_history_keeps_the_latest_runs_up_to_500_articles() -> None:
    earlier = [{"n": n, "items": 100} for n in range(5)]
    assert with_run(earlier, {"n": 5, "items": 100}) == [*earlier[1:], {"n": 5, "items": 100}]
    assert with_run(earlier, {"n": 5, "items": 3}) == [*earlier[1:], {"n": 5, "items": 3}]
    assert with_run(earlier, {"n": 5, "items": 900}) == [{"n": 5, "items": 900}]
    assert with_run([], {"n": 0, "items": 0}) == [{"n": 0, "items": 0}]


def test_unreadable_history_is_logged_and_ignored(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "news24.fill-history.json"
    assert read_history(path) == []
    path.write_text('{"runs": [')
    with caplog.at_level(logging.WARNING):
        assert read_history(path) == []
    assert [message.split(": JSONDecodeError")[0] for message in caplog.messages] == [
        f"Ignoring unreadable fill-rate history {path}"
    ]
    path.write_text('{"runs": [{"items": 2, "fill_rates": {"title": 1.0}}, "junk", {"items": 3}]}')
    assert read_history(path) == [{"items": 2, "fill_rates": {"title": 1.0}}]
    assert history_path("state", "news24").as_posix() == "state/news24.fill-history.json"


def article(**values: Any) -> Article:
    raw: RawArticle = None  # type: ignore[assignment]  # never read by the alarm
    return Article(raw=raw, **{"site": "news24", **values})


def layout_alarm(settings: dict[str, Any]) -> LayoutAlarm:
    crawler = get_crawler(settings_dict=settings)
    return LayoutAlarm.from_crawler(crawler)


def test_a_3_article_run_is_judged_against_the_articles_of_earlier_runs(tmp_path: Path) -> None:
    """Hourly runs of 3 articles, default settings: the 8th, with its summaries gone, alarms."""
    for run in range(8):
        extension = layout_alarm({"NEWSCRAWL_STATE_DIR": str(tmp_path)})
        for _ in range(3):
            extension.item_scraped(article(title="T", summary=[] if run == 7 else ["Point."]))
        extension.item_scraped("not an article")
        rates, alarms = extension.evaluate()
        assert (rates["title"], rates["summary"]) == (1.0, 0.0 if run == 7 else 1.0)
        assert alarms == ([Alarm("summary", 1.0, 0.0)] if run == 7 else []), run  # 21 earlier articles
    assert extension.stats.get_value("newscrawl/alarm/count") == 1
    history = json.loads((tmp_path / "news24.fill-history.json").read_text())["runs"]
    assert [(run["items"], run["filled"]["summary"]) for run in history] == [(3, 3)] * 7 + [(3, 0)]


def test_without_a_state_dir_rates_are_measured_but_nothing_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    extension = layout_alarm({"NEWSCRAWL_STATE_DIR": "", "NEWSCRAWL_ALARM_MIN_ITEMS": 1})
    extension.item_scraped(article(title="T", tags=["a"], section=" "))
    rates, alarms = extension.evaluate()
    assert ({name for name, rate in rates.items() if rate}, alarms) == ({"title", "tags"}, [])
    assert extension.evaluate() is extension.evaluate()  # evaluated once
    assert list(tmp_path.iterdir()) == []


SECTION = "/news24/world/news"
EXTENSIONS = (
    '{"newscrawl.export.ledger.ExportLedger": 500, "newscrawl.extensions.alarm.LayoutAlarm": 505, '
    '"newscrawl.export.manifest.RunManifest": 510}'
)
SETTINGS = (
    "-s", f"EXTENSIONS={EXTENSIONS}", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "NEWSCRAWL_STATE_DIR=state",
    "-s", "NEWSCRAWL_ALARM_MIN_ITEMS=3", "-s", "NEWSCRAWL_REFETCH_DAYS=0",
)  # fmt: skip


def article_page(title: str, bullets: tuple[str, ...]) -> str:
    """A reference-layout article; its summary is the `ul` at the top of `div.article__body`."""
    summary = f"<ul>{''.join(f'<li>{text}</li>' for text in bullets)}</ul>" if bullets else ""
    return (
        '<html lang="en"><body><div class="article__header"><p class="article__date">'
        '<span class="article__date-full">2022-02-16</span></p>'
        f'<h1 class="article__title">{title}</h1></div>'
        f'<div class="article__body">{summary}<p>A paragraph.</p></div></body></html>'
    )


def run_site(run: int, bullets: tuple[str, ...]) -> dict[str, Reply]:
    """Three articles never seen in earlier runs (an incremental run exports only new ones)."""
    paths = [f"{SECTION}/run{run}-{n}-20220216" for n in range(3)]
    articles = {path: Reply(article_page(f"Run {run} story {n}", bullets)) for n, path in enumerate(paths)}
    return {SECTION: Reply(listing_html(paths)), **articles}


@pytest.mark.integration
def test_a_summary_that_disappears_alarms_in_manifest_log_and_exit_code(tmp_path: Path) -> None:
    results = []
    with RouteServer({}) as server:
        for run, bullets in enumerate([("Point one.", "Point two."), ("Point.",), ()], start=1):
            server.routes = run_site(run, bullets)
            start = f"start_urls={server.base_url}{SECTION}"
            results.append(scrapy_crawl(tmp_path, "-a", start, "-O", f"run{run}.jsonl", *SETTINGS))
    manifests = [json.loads((tmp_path / f"run{n}.jsonl.manifest.json").read_text()) for n in (1, 2, 3)]
    log = results[2].stderr
    assert [result.returncode for result in results] == [0, 0, 5], log[-3000:]
    assert [len(read_jsonl(tmp_path / f"run{n}.jsonl")) for n in (1, 2, 3)] == [3, 3, 3]
    filled = {"title": 1.0, "body": 1.0, "published_at": 1.0}
    assert [m["fill_rates"] for m in manifests] == [
        {**dict.fromkeys(FIELDS, 0.0), **filled, "summary": summary} for summary in (1.0, 1.0, 0.0)
    ]
    assert [m["alarms"] for m in manifests] == [
        [], [], [{"field": "summary", "previous": 1.0, "current": 0.0}]
    ]  # fmt: skip
    assert manifests[2]["exit_meaning"] == "layout alarm: summary"
    assert (
        "[newscrawl.extensions.alarm] WARNING: Layout alarm: summary filled in 0.0% of 3 articles, "
        "down from 100.0% of the earlier articles of news24"
    ) in log
    assert (stat(log, "newscrawl/alarm/count"), stat(log, "newscrawl/alarm/summary")) == (1, 1)
    assert "Layout alarm" not in results[0].stderr + results[1].stderr
    history = json.loads((tmp_path / "state" / "news24.fill-history.json").read_text())
    assert [run["fill_rates"]["summary"] for run in history["runs"]] == [1.0, 1.0, 0.0]
