"""The run's verdict as Spidermon monitors: the exit code comes from their results, and a failed run
reaches people through Spidermon's actions (e-mail, Slack, Sentry, a file report, ...), not only cron.

Each rule of `newscrawl.export.exitcodes` is one monitor of `RunMonitorSuite`:

| monitor | fails when | exit code |
| --- | --- | --- |
| `ExportMonitor` | a feed file, article, manifest or WARC record was not written or stored | 3 |
| `FinishReasonMonitor` | the spider closed for a reason other than `finished` or `closespider_*` | 6 |
| `StartHostsMonitor` | a start host could not be reached | 9 |
| `ItemCountMonitor` | no article: no source page held an article link, or each page was another kind | 7 |
| `FieldCoverageMonitor` | a field's fill rate fell against the site's history (extensions/alarm.py) | 5 |
| `DroppedShareMonitor` | unreadable articles above `NEWSCRAWL_MAX_DROPPED_SHARE` | 8 |
| `ErrorCountMonitor` | failed pages above `NEWSCRAWL_MAX_FAILED_SHARE` | 4 |

The suite also runs what `NEWSCRAWL_MONITORS` names: dotted paths to Spidermon `Monitor` or
`MonitorSuite` classes, the user's own or Spidermon's (`spidermon.contrib.scrapy.monitors.
ErrorCountMonitor` with `SPIDERMON_MAX_ERRORS`, say); one of them failing is exit code 10. When any
monitor fails, the actions `NEWSCRAWL_MONITOR_ACTIONS` names run: dotted paths to Spidermon `Action`
classes, configured by their own `SPIDERMON_*` settings. Both are loaded before the crawl starts
(`check_monitor_settings`), so a wrong path or a missing action setting stops the run with exit code 2.

Why not Spidermon's own extension (`SPIDERMON_SPIDER_CLOSE_MONITORS`): it runs its suites in a
`spider_closed` handler beside the feed exporter's, before the feed files are stored, so its monitors
cannot see a failed export, and its results never reach the exit code. `RunManifest` runs this suite
once the feeds are stored: first silently and without actions, for the verdict each manifest records,
then, after the manifests are written and uploaded (one that failed is a failed export too), with
Spidermon's report in the log and the actions: they run once, on the final verdict.
Why not Spidermon's built-in item-count, field-coverage and finish-reason monitors: they compare with
fixed thresholds per run, while a caught-up hourly run rightly exports nothing, a field's coverage is
judged against the site's articles pooled across runs, and `closespider_*` is a normal finish.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from scrapy.utils.misc import load_object
from spidermon import MonitorSuite, monitors
from spidermon.contrib.scrapy.monitors.base import BaseScrapyMonitor
from spidermon.contrib.scrapy.runners import SpiderMonitorRunner
from spidermon.runners import MonitorRunner

from newscrawl import config
from newscrawl.export.exitcodes import RULES, ExitDecision, Limits, most_severe

if TYPE_CHECKING:
    from collections.abc import Mapping

    from scrapy import Spider
    from scrapy.settings import BaseSettings

USER_MONITOR = 10  # the exit code of a failed monitor from NEWSCRAWL_MONITORS
# unittest (which Spidermon's results build on) leaves the frames of a module that sets this out of a
# failure's report: a rule that fails is a verdict, not a crash, and Spidermon's log shows its message
# alone ("AssertionError: failed-article share above ..."), not a traceback through this module.
__unittest = True


class RuleMonitor(BaseScrapyMonitor):  # type: ignore[misc]  # spidermon ships no type hints
    """One rule of export/exitcodes.py; it fails with what the rule found."""

    exit_code: ClassVar[int]

    def test_rule_holds(self) -> None:
        check = next(rule.check for rule in RULES if rule.code == self.exit_code)
        found = check(self.data.stats, self.data.limits)
        if found is not None:
            self.fail(found)


@monitors.name("Export")
class ExportMonitor(RuleMonitor):
    """Every feed file, article, manifest and WARC record was written and stored."""

    exit_code = 3


@monitors.name("Finish reason")
class FinishReasonMonitor(RuleMonitor):
    """The spider finished, or stopped at a `closespider_*` limit."""

    exit_code = 6


@monitors.name("Start hosts")
class StartHostsMonitor(RuleMonitor):
    """Every start host answered."""

    exit_code = 9


@monitors.name("Item count")
class ItemCountMonitor(RuleMonitor):
    """Articles were exported, or the source pages held article links already known; the pages fetched as
    articles were not all of another kind."""

    exit_code = 7


@monitors.name("Field coverage")
class FieldCoverageMonitor(RuleMonitor):
    """No field's fill rate fell against the site's earlier articles."""

    exit_code = 5


@monitors.name("Dropped share")
class DroppedShareMonitor(RuleMonitor):
    """Articles the profile could not read stay within NEWSCRAWL_MAX_DROPPED_SHARE."""

    exit_code = 8


@monitors.name("Error count")
class ErrorCountMonitor(RuleMonitor):
    """Failed pages stay within NEWSCRAWL_MAX_FAILED_SHARE."""

    exit_code = 4


class RunMonitorSuite(MonitorSuite):  # type: ignore[misc]  # spidermon ships no type hints
    """newscrawl's rules, most severe first; `NEWSCRAWL_MONITORS` adds to them."""

    monitors: ClassVar[list[type[RuleMonitor]]] = [
        ExportMonitor, FinishReasonMonitor, StartHostsMonitor, ItemCountMonitor, FieldCoverageMonitor,
        DroppedShareMonitor, ErrorCountMonitor,
    ]  # fmt: skip


class SettingsOnly(NamedTuple):
    """What a Spidermon action reads of a crawler when it is built (`from_crawler_kwargs`)."""

    settings: BaseSettings


def loaded(settings: BaseSettings, name: str) -> list[Any]:
    """The classes a list setting names, each imported."""
    return [load_object(path) for path in config.get_list(settings, name)]


# Each list setting, the suite's argument it fills, and a value to type as an example.
LISTS = {
    "NEWSCRAWL_MONITORS": ("monitors", "spidermon.contrib.scrapy.monitors.ErrorCountMonitor"),
    "NEWSCRAWL_MONITOR_ACTIONS": (
        "monitors_failed_actions", "spidermon.contrib.actions.reports.files.CreateFileReport",
    ),
}  # fmt: skip


def run_suite(crawler: Any, *, with_actions: bool) -> RunMonitorSuite:
    """A new suite (a unittest suite empties itself as it runs), with the user's monitors and, when
    asked, the actions to run on a failure."""
    names = LISTS if with_actions else ("NEWSCRAWL_MONITORS",)
    return RunMonitorSuite(
        **{LISTS[name][0]: loaded(crawler.settings, name) for name in names}, crawler=crawler
    )


def check_monitor_settings(settings: BaseSettings) -> None:
    """Raise ValueError naming the setting when a monitor or action it names cannot be loaded or built
    (a wrong path, a library not installed, an action's own setting missing): before the crawl, not
    after it, when the verdict has nobody to reach."""
    for name, (argument, example) in LISTS.items():
        try:
            RunMonitorSuite(**{argument: loaded(settings, name)}, crawler=SettingsOnly(settings))
        except Exception as error:  # any import or build error of a user's class
            value = settings.get(name)
            raise ValueError(
                f"-s {name}={value!r} cannot be used ({type(error).__name__}: {error}): use e.g. "
                f"-s {name}={example}"
            ) from None


def failure_message(monitor: Any, error: str) -> str:
    """What a failed monitor said: the last line of its traceback, without `AssertionError: `;
    prefixed with the monitor's name for a user's monitor."""
    last = error.strip().splitlines()[-1] if error.strip() else "failed"
    message = last.removeprefix("AssertionError: ")
    return message if isinstance(monitor, RuleMonitor) else f"{monitor.name}: {message}"


def verdict_of(result: Any) -> ExitDecision:
    """The exit decision from a suite's result: the most severe failed monitor decides."""
    failures: dict[int, str] = {}
    for failed in result.monitors_failed_results:
        code = getattr(failed.item, "exit_code", USER_MONITOR)
        message = failure_message(failed.item, failed.error)
        failures[code] = f"{failures[code]}; {message}" if code in failures else message
    return most_severe(failures)


def run_verdict(
    crawler: Any, spider: Spider, stats: Mapping[str, Any], limits: Limits, *, final: bool
) -> ExitDecision:
    """Run the suite over `stats` (with `finish_reason`). `final`: Spidermon logs its report and the
    actions run; otherwise it runs silently, for a verdict that may still change."""
    runner = SpiderMonitorRunner(spider=spider) if final else MonitorRunner()
    data = {"stats": dict(stats), "stats_history": [], "crawler": crawler, "spider": spider, "job": None}
    result = runner.run(run_suite(crawler, with_actions=final), **data, limits=limits)
    return verdict_of(result)
