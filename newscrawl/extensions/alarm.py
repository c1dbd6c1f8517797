"""Layout-change alarm: a field that was filled in most of a site's earlier articles and suddenly is not.

A redesign rarely breaks a crawl outright; it empties one selector, and the run still exits 0 with
articles that lack, say, their `summary`. So every run measures, per site profile, each exported field's
fill rate (the share of the site's scraped articles in which the field is non-empty: not None, not a
blank string, not an empty list) and compares it with the rate over the site's earlier articles, pooled
across runs: an hourly run of 3 articles is judged against the hundreds before it. A field alarms when
its rate fell by more than `NEWSCRAWL_ALARM_DROP` of the earlier rate (relative: 0.5 means 0.95 -> 0.40
alarms and 0.95 -> 0.60 does not) and the run's count is too low to be chance: fewer than
`SIGNIFICANCE` (1%) of runs of that size would fill it so rarely at the earlier rate (a binomial tail).
So 0 of 3 against 95% alarms (0.05^3), while 0 of 3 against 60% does not (0.4^3 = 6%); a larger run
tells a smaller drop. An alarm counts `newscrawl/alarm/count` (exit code 5) and `newscrawl/alarm/<field>`,
logs one WARNING per field naming the site, and lands in the run manifest as `alarms`, beside the run's
`fill_rates` over all its articles.

History: each run's article count and per-field filled counts live in `<NEWSCRAWL_STATE_DIR>/<site>.fill-
history.json`, replaced atomically, for the latest runs that hold up to `HISTORY_ARTICLES` articles. A
site is judged once its history holds `NEWSCRAWL_ALARM_MIN_ITEMS` articles. With no state directory there
is no history and no alarm, but the manifest still gets the fill rates. An alarmed run is recorded too,
so a deliberate layout change alarms until its articles have moved the pooled rate, not forever. A
history written before counts were kept (rates only) is read as rate x items.

Order: `RunManifest` asks for these fields (`newscrawl.signals.manifest_requested`) before it decides the
exit code; evaluation happens once, whichever of that request and this extension's own `spider_closed`
comes first, so the extension order in `EXTENSIONS` does not matter. It runs after every article is
scraped in both cases.

The verdict reaches Spidermon as the run's `FieldCoverageMonitor` (export/monitors.py), which fails on
`newscrawl/alarm/count`. The baseline stays here: Spidermon's own field-coverage monitor checks fixed
thresholds per field and per run, and its stats history is a pickle per spider (every site runs as
spider `news`), while this alarm needs a baseline per site pooled from earlier runs.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from math import exp, lgamma, log, log1p
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Self

from scrapy import signals

from newscrawl import config
from newscrawl.durable import write_json_atomically
from newscrawl.export.manifest import utc_now
from newscrawl.items import Article
from newscrawl.signals import manifest_requested
from newscrawl.sites.registry import site_named
from newscrawl.state import state_path

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

FIELDS = (
    "title", "summary", "body", "published_at", "modified_at", "section", "tags", "related_urls", "authors",
)  # fmt: skip
# The history keeps the latest runs holding up to this many of the site's articles.
HISTORY_ARTICLES = 500
# A drop alarms only when a run of its size would fill the field so rarely less often than this.
SIGNIFICANCE = 0.01


class Alarm(NamedTuple):
    field: str
    previous: float  # rate over the articles of the site's earlier runs
    current: float


def is_filled(value: object) -> bool:
    """Whether an exported value carries anything: not None, not a blank string, not an empty list."""
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | tuple):
        return len(value) > 0
    return value is not None


def fill_rates(filled: Mapping[str, int], items: int) -> dict[str, float]:
    """`{field: filled / items}` for every field in `FIELDS`, rounded to 4 places; `{}` without items."""
    return {name: round(filled.get(name, 0) / items, 4) for name in FIELDS} if items else {}


def is_sharp_drop(previous: float, current: float, drop: float) -> bool:
    """Whether `current` is lower than `previous` by more than the share `drop` of `previous`."""
    return current < previous * (1 - drop)


def at_most(filled: int, items: int, rate: float) -> float:
    """The chance that `items` articles, each filled with probability `rate`, fill `filled` or fewer;
    summed in logarithms, since the binomial coefficients of a 20 000-article run overflow a float."""
    if rate >= 1.0:
        return float(filled >= items)
    if rate <= 0.0:
        return 1.0
    terms = (
        lgamma(items + 1) - lgamma(k + 1) - lgamma(items - k + 1) + k * log(rate) + (items - k) * log1p(-rate)
        for k in range(filled + 1)
    )
    return min(1.0, sum(map(exp, terms)))


def filled_in(run: Mapping[str, Any], name: str) -> int:
    """The run's articles in which `name` was filled; from its rate in a history that kept only rates."""
    if isinstance(run.get("filled"), dict):
        return int(run["filled"].get(name, 0))
    return round(float(run["fill_rates"].get(name, 0.0)) * int(run["items"]))


def find_alarms(
    filled: Mapping[str, int], items: int, history: Sequence[Mapping[str, Any]], drop: float, min_items: int
) -> list[Alarm]:
    """The fields filled in `filled[name]` of this run's `items` articles that dropped sharply, and beyond
    chance, against their rate over the articles of the runs in `history` (at least `min_items`)."""
    earlier = sum(int(run["items"]) for run in history)
    if not items or earlier < min_items:
        return []
    alarms = []
    for name in FIELDS:
        previous, count = sum(filled_in(run, name) for run in history) / earlier, filled.get(name, 0)
        if is_sharp_drop(previous, count / items, drop) and at_most(count, items, previous) < SIGNIFICANCE:
            alarms.append(Alarm(name, round(previous, 4), round(count / items, 4)))
    return alarms


def with_run(runs: Sequence[dict[str, Any]], run: dict[str, Any]) -> list[dict[str, Any]]:
    """The history with `run` appended, cut to the latest runs holding up to `HISTORY_ARTICLES` articles
    (always `run` itself)."""
    kept, total = [run], int(run["items"])
    for earlier in reversed(runs):
        total += int(earlier["items"])
        if total > HISTORY_ARTICLES:
            break
        kept.insert(0, earlier)
    return kept


def history_path(state_dir: str, site: str) -> Path:
    return state_path(Path(state_dir), site).with_name(f"{site}.fill-history.json")


def read_history(path: Path) -> list[dict[str, Any]]:
    """The recorded runs, oldest first; a missing file is no history, an unreadable one is logged."""
    try:
        runs = json.loads(path.read_text(encoding="utf-8"))["runs"]
    except FileNotFoundError:
        return []
    except (OSError, ValueError, KeyError, TypeError) as error:
        logger.warning("Ignoring unreadable fill-rate history %s: %r", path, error)
        return []
    return [run for run in runs if isinstance(run, dict) and is_run(run)]


def is_run(run: dict[str, Any]) -> bool:
    return isinstance(run.get("fill_rates"), dict) and isinstance(run.get("items"), int)


class LayoutAlarm:
    """Enabled with `EXTENSIONS = {"newscrawl.extensions.alarm.LayoutAlarm": 505}`."""

    def __init__(self, crawler: Crawler, state_dir: str, min_items: int, drop: float) -> None:
        assert crawler.stats is not None
        self.stats = crawler.stats
        self.state_dir, self.min_items, self.drop = state_dir, min_items, drop
        self.items: Counter[str] = Counter()  # articles per site
        self.filled: dict[str, Counter[str]] = {}  # site -> field -> articles in which it is filled
        self.result: tuple[dict[str, float], list[Alarm]] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        extension = cls(
            crawler,
            config.get_str(settings, "NEWSCRAWL_STATE_DIR"),
            config.get_int(settings, "NEWSCRAWL_ALARM_MIN_ITEMS"),
            config.get_float(settings, "NEWSCRAWL_ALARM_DROP"),
        )
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(extension.manifest_fields, signal=manifest_requested)
        crawler.signals.connect(extension.evaluate, signal=signals.spider_closed)
        return extension

    def item_scraped(self, item: Any) -> None:
        """Counted per state store's name: a profile's, or the generic profile's per host, so that every
        site the generic profile reads has a history of its own."""
        if isinstance(item, Article):
            site = site_named(item.site).state_name(item.url)
            self.items[site] += 1
            filled = self.filled.setdefault(site, Counter())
            filled.update(name for name in FIELDS if is_filled(getattr(item, name)))

    def manifest_fields(self) -> dict[str, Any]:
        """The manifest's `fill_rates` (over the run's articles) and `alarms` (each site against its own
        history)."""
        rates, alarms = self.evaluate()
        return {"fill_rates": rates, "alarms": [alarm._asdict() for alarm in alarms]}

    def evaluate(self) -> tuple[dict[str, float], list[Alarm]]:
        """`(fill rates, alarms)` of this run, computed, counted, logged and recorded on the first call."""
        if self.result is None:
            total: Counter[str] = sum(self.filled.values(), Counter())
            alarms = [alarm for site in sorted(self.filled) for alarm in self.site_alarms(site)]
            self.result = fill_rates(total, self.items.total()), alarms
        return self.result

    def site_alarms(self, site: str) -> list[Alarm]:
        """The site's alarms against its earlier articles, counted and logged."""
        items = self.items[site]
        alarms = self.compare_and_record(site)
        for alarm in alarms:
            self.stats.inc_value("newscrawl/alarm/count")
            self.stats.inc_value(f"newscrawl/alarm/{alarm.field}")
            logger.warning(
                "Layout alarm: %s filled in %.1f%% of %d articles, down from %.1f%% of the earlier "
                "articles of %s",
                alarm.field, 100 * alarm.current, items, 100 * alarm.previous, site,
            )  # fmt: skip
        return alarms

    def compare_and_record(self, site: str) -> list[Alarm]:
        """Alarms against the site's history, which then gets this run; none without a state directory."""
        if not self.state_dir or not site:
            return []
        path = history_path(self.state_dir, site)
        runs = read_history(path)
        items, filled = self.items[site], self.filled[site]
        alarms = find_alarms(filled, items, runs, self.drop, self.min_items)
        run = {
            "finished_at": utc_now(), "items": items, "filled": {name: filled[name] for name in FIELDS},
            "fill_rates": fill_rates(filled, items),
        }  # fmt: skip
        try:
            write_json_atomically(path, {"site": site, "runs": with_run(runs, run)})
        except OSError as error:
            logger.error("Cannot write fill-rate history %s: %s", path, error)
        return alarms
