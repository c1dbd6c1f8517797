"""A manifest beside each published feed file, and the exit code a scheduler can act on.

A scheduled run is judged by machines: `scrapy crawl` exits 0 when Scrapy ran, whatever was lost, and a
JSONL file alone does not say which run wrote it or whether it is the whole file. At spider close this
extension decides the run's exit code from the crawl stats, stores it as the `newscrawl/exit_code` stat
(our `crawl` command exits with it), writes `<file name>.manifest.json` next to every feed file the run
published (`newscrawl.signals.feed_file_published`), and logs one summary line with the counts, also
when no local file was published (e.g. a feed to s3://).

A manifest holds `run_id` (32 hex digits, one per run), `spider`, `site` (the profiles that read the
run's pages, comma-separated), `started_at` and `finished_at` (UTC, `YYYY-MM-DDTHH:MM:SSZ`),
`finish_reason`, the published `file` name with its `lines`, `bytes` and `sha256`, the run's `counts`
(`new`, `updated`, `unchanged`, `exported`, `failed`, and `failed_by_reason`, `dropped` and `skipped`
by reason; whole-run
counts, the same in each batch file's manifest), `exit_code` and `exit_meaning`, and what other
components add through `newscrawl.signals.manifest_requested` (with `LayoutAlarm` enabled, `fill_rates`
and `alarms`). It is written under a hidden `.part` name, fsynced and renamed: whole or absent.

The exit code and its meaning are decided by the run's Spidermon monitors (`newscrawl.export.monitors`,
which also run the user's monitors and actions) from the rules of `newscrawl.export.exitcodes` (its
docstring lists the codes).
This extension also counts what Scrapy does not: a page whose profile or source raised (`spider_error`)
is a failed page, `newscrawl/failed/error/<exception>`; an article lost to a pipeline exception
(`item_error`) is an export failure, `newscrawl/export/item_error/<exception>`; and a signal handler of
an extension that raised is a failure too, `newscrawl/failed/extension_error/<exception>`.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Self

from scrapy import signals
from scrapy.extensions.feedexport import FeedExporter
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred
from twisted.internet.threads import deferToThread

from newscrawl import config
from newscrawl.durable import write_json_atomically
from newscrawl.export.exitcodes import ExitDecision, Limits, stats_under
from newscrawl.export.monitors import run_verdict
from newscrawl.export.spool import finish_uploads
from newscrawl.export.storage import manifest_path
from newscrawl.signals import feed_file_published, manifest_requested

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.statscollectors import StatsCollector
    from twisted.python.failure import Failure

logger = logging.getLogger(__name__)


def sites_read(stats: Mapping[str, Any]) -> str | None:
    """The profiles that read the run's pages (`newscrawl/site/<name>`), comma-separated; None for none."""
    return ",".join(stats_under(stats, "newscrawl/site/")) or None


def run_counts(stats: Mapping[str, Any]) -> dict[str, Any]:
    """The manifest's `counts`: what the run did with the articles it found."""
    return {
        "new": int(stats.get("newscrawl/articles/new", 0)),
        "updated": int(stats.get("newscrawl/articles/updated", 0)),
        "unchanged": int(stats.get("newscrawl/articles/unchanged", 0)),
        "exported": int(stats.get("item_scraped_count", 0)),
        "failed": sum(stats_under(stats, "newscrawl/failed/").values()),
        "failed_by_reason": stats_under(stats, "newscrawl/failed/"),
        "dropped": stats_under(stats, "newscrawl/dropped/"),
        "skipped": stats_under(stats, "newscrawl/skipped/"),
    }


def file_facts(path: Path) -> dict[str, Any]:
    """`lines`, `bytes` and `sha256` of a file, read in chunks (feed files can be large)."""
    digest, size, newlines, last = hashlib.sha256(), 0, 0, b"\n"
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
            newlines += chunk.count(b"\n")
            last = chunk[-1:]
    return {"lines": newlines + (last != b"\n"), "sha256": digest.hexdigest(), "bytes": size}


def manifest(summary: dict[str, Any], path: Path) -> dict[str, Any]:
    """The run summary with the file's facts, in the documented key order."""
    run_keys = ("run_id", "spider", "site", "started_at", "finished_at", "finish_reason")
    run = {key: summary[key] for key in run_keys}
    outcome_keys = ("counts", "fill_rates", "alarms", "exit_code", "exit_meaning")
    outcome = {key: summary[key] for key in outcome_keys if key in summary}
    return {**run, "file": path.name, **file_facts(path), **outcome}


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# Scrapy logs an exception raised by a signal handler (an extension's, a middleware's) here, and counts it
# nowhere else.
SIGNAL_LOGGER = "scrapy.utils.signal"


class HandlerErrors(logging.Filter):
    """Counts each signal handler that raised as `newscrawl/failed/extension_error/<exception>`: an
    extension that fails on every article loses its work as surely as a failed page. It only counts;
    every record is still logged."""

    def __init__(self, stats: StatsCollector) -> None:
        super().__init__()
        self.stats = stats

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            self.stats.inc_value(f"newscrawl/failed/extension_error/{type(record.exc_info[1]).__name__}")
        return True


class RunManifest:
    """Enabled with `EXTENSIONS = {"newscrawl.export.manifest.RunManifest": 510}`."""

    def __init__(self, crawler: Crawler, limits: Limits) -> None:
        assert crawler.stats is not None
        self.crawler, self.stats = crawler, crawler.stats
        self.limits = limits
        self.run_id = uuid.uuid4().hex
        self.started_at = utc_now()
        self.published: list[Path] = []
        self.feeds_closed: Deferred[None] = Deferred()
        self.summary_line = ""
        self.handler_errors = HandlerErrors(self.stats)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        limits = Limits(
            failed=config.get_float(settings, "NEWSCRAWL_MAX_FAILED_SHARE"),
            dropped=config.get_float(settings, "NEWSCRAWL_MAX_DROPPED_SHARE"),
        )
        extension = cls(crawler, limits)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.file_published, signal=feed_file_published)
        crawler.signals.connect(extension.item_error, signal=signals.item_error)
        crawler.signals.connect(extension.spider_error, signal=signals.spider_error)
        crawler.signals.connect(extension.feed_exporter_closed, signal=signals.feed_exporter_closed)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def spider_opened(self, spider: Spider) -> None:
        logging.getLogger(SIGNAL_LOGGER).addFilter(self.handler_errors)
        if self.crawler.get_extension(FeedExporter) is None:  # nothing will send feed_exporter_closed
            self.feeds_closed.callback(None)

    def file_published(self, path: Path, uri: str) -> None:
        self.published.append(path)

    def item_error(self, item: Any, response: Any, spider: Spider, failure: Any) -> None:
        """A pipeline raised: Scrapy logs it but counts nothing, and the article never reaches the feed."""
        self.stats.inc_value(f"newscrawl/export/item_error/{type(failure.value).__name__}")

    def spider_error(self, failure: Failure, response: Response, spider: Spider) -> None:
        """A profile or source raised on a page: Scrapy logs the traceback but counts no failure, and the
        page's article or links are lost as surely as with an HTTP error."""
        self.stats.inc_value(f"newscrawl/failed/error/{type(failure.value).__name__}")

    def feed_exporter_closed(self) -> None:
        if not self.feeds_closed.called:
            self.feeds_closed.callback(None)

    async def spider_closed(self, spider: Spider, reason: str) -> None:
        finished_at = utc_now()
        # Signal handlers run concurrently: the feed files are stored only once the exporter is closed.
        await maybe_deferred_to_future(self.feeds_closed)
        reports = self.reports()  # first: a report (a layout alarm) may change the exit code
        decision = self.decide(spider, reason, final=False)
        summary = {**self.summary(spider, reason, finished_at, decision), **reports}
        for path in self.published:
            self.write_manifest(path, summary)
        await self.finish_uploads()
        decision = self.decide(spider, reason, final=True)  # 3 if a manifest was not written or uploaded
        self.stats.set_value("newscrawl/exit_code", decision.code)
        self.summary_line = self.line(summary, decision)

    def reports(self) -> dict[str, Any]:
        """The fields other components add to the manifest (`manifest_requested`), in their order."""
        responses = self.crawler.signals.send_catch_log(manifest_requested)
        return {
            key: value for _, fields in responses if isinstance(fields, dict) for key, value in fields.items()
        }

    def decide(self, spider: Spider, reason: str, *, final: bool) -> ExitDecision:
        """The verdict of the run's monitors (export/monitors.py); `final` runs their actions."""
        stats = {**self.stats.get_stats(), "finish_reason": reason}
        return run_verdict(self.crawler, spider, stats, self.limits, final=final)

    def summary(
        self, spider: Spider, reason: str, finished_at: str, decision: ExitDecision
    ) -> dict[str, Any]:
        """The run-level part of every manifest; `file_facts` adds the file's own."""
        stats = self.stats.get_stats()
        return {
            "run_id": self.run_id, "spider": spider.name, "site": sites_read(stats),
            "started_at": self.started_at, "finished_at": finished_at, "finish_reason": reason,
            "counts": run_counts(stats),
            "exit_code": decision.code, "exit_meaning": decision.why,
        }  # fmt: skip

    def write_manifest(self, path: Path, summary: dict[str, Any]) -> None:
        """Write `path`'s manifest; a failure is logged and counted (exit code 3), never raised."""
        written = manifest_path(path)
        try:
            write_json_atomically(written, manifest(summary, path))
        except OSError as error:
            self.stats.inc_value("newscrawl/export/manifest_failed")
            logger.error("Cannot write run manifest %s: %s", written, error)
        else:
            logger.info("Wrote run manifest %s", written)

    async def finish_uploads(self) -> None:
        """s3:// feeds: upload each manifest beside its object and clear the spool (export/spool.py)."""
        failed = await maybe_deferred_to_future(deferToThread(finish_uploads, self.crawler, self.published))
        if failed:
            self.stats.inc_value("newscrawl/export/upload_failed", failed)

    def engine_stopped(self) -> None:
        """The summary is the run's last line, after Scrapy's stats dump and "Spider closed": what a cron
        mail or `tail -1` shows."""
        logging.getLogger(SIGNAL_LOGGER).removeFilter(self.handler_errors)
        if self.summary_line:
            logger.info("%s", self.summary_line)

    def line(self, summary: dict[str, Any], decision: ExitDecision) -> str:
        counts = summary["counts"]
        return (
            f"Run {self.run_id}: {counts['exported']} exported ({counts['new']} new, {counts['updated']} "
            f"updated, {counts['unchanged']} unchanged), {counts['failed']} failed "
            f"{counts['failed_by_reason']}, dropped {counts['dropped']}, skipped {counts['skipped']}, "
            f"{len(self.published)} feed files "
            f"published; exit code {decision.code} ({decision.why})"
        )
