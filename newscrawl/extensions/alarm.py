"""Layout-change alarm: a field that was filled in most articles of a site's last runs and suddenly is not.

A redesign rarely breaks a crawl outright; it empties one selector, and the run still exits 0 with
articles that lack, say, their `summary`. So every run measures, per site profile, each exported field's
fill rate (the share of the site's scraped articles in which the field is non-empty: not None, not a
blank string, not an empty list), compares it with the median rate of the site's previous runs, and
raises an alarm for a field whose rate fell by more than `NEWSCRAWL_ALARM_DROP` (relative: 0.5 means
0.95 -> 0.40 alarms and 0.95 -> 0.60 does not). An alarm counts `newscrawl/alarm/count` (exit code 5)
and `newscrawl/alarm/<field>`, logs one WARNING per field naming the site, and lands in the run manifest
as `alarms`, beside the run's `fill_rates` over all its articles.

History: the rates of the last `HISTORY_RUNS` qualifying runs live in `<NEWSCRAWL_STATE_DIR>/<site>.fill-
history.json`, replaced atomically. A run qualifies (is compared and then recorded) only with at least
`NEWSCRAWL_ALARM_MIN_ITEMS` articles, so small incremental runs raise no false alarms; a field is
compared only once `MIN_PREVIOUS_RUNS` earlier runs measured it. With no state directory there is no
history and no alarm, but the manifest still gets the fill rates. An alarmed run is recorded too, so a
deliberate layout change alarms for a few runs, until the median has moved, rather than forever.

Order: `RunManifest` asks for these fields (`newscrawl.signals.manifest_requested`) before it decides the
exit code; evaluation happens once, whichever of that request and this extension's own `spider_closed`
comes first, so the extension order in `EXTENSIONS` does not matter. It runs after every article is
scraped in both cases.

Why not Spidermon: its field-coverage monitor checks fixed thresholds per field, while this alarm needs
a baseline per site from earlier runs; its stats history is a pickle per spider (every site runs as
spider `news`), and a failed monitor does not set our exit code. Using it would add a dependency and a
monitor-suite framework and still leave the history, the comparison and the exit code to write here.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from pathlib import Path
from statistics import median
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
    from collections.abc import Iterable, Mapping, Sequence

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

FIELDS = (
    "title", "summary", "body", "published_at", "modified_at", "section", "tags", "related_urls", "authors",
)  # fmt: skip
HISTORY_RUNS = 5
MIN_PREVIOUS_RUNS = 2


class Alarm(NamedTuple):
    field: str
    previous: float  # median rate of the previous qualifying runs
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


def find_alarms(
    current: Mapping[str, float], history: Sequence[Mapping[str, float]], drop: float
) -> list[Alarm]:
    """The fields of `current` that dropped sharply against the median of the runs in `history`.

    A field is judged only when at least `MIN_PREVIOUS_RUNS` runs of `history` measured it.
    """
    alarms = []
    for name, rate in current.items():
        previous = [run[name] for run in history if name in run]
        if len(previous) < MIN_PREVIOUS_RUNS:
            continue
        if is_sharp_drop(baseline := median(previous), rate, drop):
            alarms.append(Alarm(name, baseline, rate))
    return alarms


def with_run(runs: Iterable[dict[str, Any]], run: dict[str, Any]) -> list[dict[str, Any]]:
    """The history with `run` appended, cut to the last `HISTORY_RUNS` runs."""
    return [*runs, run][-HISTORY_RUNS:]


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
    return [run for run in runs if isinstance(run, dict) and isinstance(run.get("fill_rates"), dict)]


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
        """The site's alarms, counted and logged; none for a run with too few of its articles to judge."""
        items = self.items[site]
        if items < self.min_items:
            return []
        alarms = self.compare_and_record(site, fill_rates(self.filled[site], items))
        for alarm in alarms:
            self.stats.inc_value("newscrawl/alarm/count")
            self.stats.inc_value(f"newscrawl/alarm/{alarm.field}")
            logger.warning(
                "Layout alarm: %s filled in %.1f%% of %d articles, down from a median of %.1f%% "
                "in the previous runs of %s",
                alarm.field, 100 * alarm.current, items, 100 * alarm.previous, site,
            )  # fmt: skip
        return alarms

    def compare_and_record(self, site: str, rates: dict[str, float]) -> list[Alarm]:
        """Alarms against the site's history, which then gets this run; none without a state directory."""
        if not self.state_dir or not site:
            return []
        path = history_path(self.state_dir, site)
        runs = read_history(path)
        alarms = find_alarms(rates, [run["fill_rates"] for run in runs], self.drop)
        run = {"finished_at": utc_now(), "items": self.items[site], "fill_rates": rates}
        try:
            write_json_atomically(path, {"site": site, "runs": with_run(runs, run)})
        except OSError as error:
            logger.error("Cannot write fill-rate history %s: %s", path, error)
        return alarms
