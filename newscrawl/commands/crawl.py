"""`scrapy crawl` with argument checks up front and the run's verdict as its exit code.

Without the checks, an invalid argument surfaces as a traceback from inside the event loop. Spiders opt
in by defining `check_arguments(settings, arguments)`, which raises ValueError with the fix to type; a
wrong argument exits 2, as do Scrapy options that would lose data on a schedule
(newscrawl/commands/preflight.py: `-O` over a file with the state store on, a finished `JOBDIR`).
After the crawl the command exits with the `newscrawl/exit_code` stat decided by
`newscrawl.export.manifest.RunManifest` (`newscrawl.export.exitcodes` lists the codes), so a scheduler
sees a failed export, too many failed articles or a run that found nothing; 1 stays Scrapy's "could not
start".
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from newscrawl.commands.preflight import check_options, log_file_refusal
from newscrawl.export.exitcodes import EXIT_MEANINGS
from newscrawl.export.manifest import RunManifest
from newscrawl.export.monitors import check_monitor_settings
from newscrawl.state import StateBusyError

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterator

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class Command(ScrapyCrawlCommand):
    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        """Scrapy's, then the log file's folder: Scrapy opens the log before `run` checks the rest."""
        super().process_options(args, opts)
        assert self.settings is not None
        if refusal := log_file_refusal(self.settings):
            raise UsageError(refusal, print_help=False)

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1 or self.crawler_process is None:
            super().run(args, opts)  # Scrapy's own usage errors
            return
        self.check_arguments(args[0], opts)
        # Keep the crawler: `crawler_process.crawlers` is emptied when the crawl ends.
        crawler = self._create_crawler(args[0])
        started = self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if isinstance(started, asyncio.Future) and start_failure(started):
            self.exitcode = 1
            return
        self.exitcode = 1 if self.crawler_process.bootstrap_failed else run_exit_code(crawler)

    def check_arguments(self, spider_name: str, opts: argparse.Namespace) -> None:
        assert self.crawler_process is not None
        assert self.settings is not None
        spidercls = self.crawler_process.spider_loader.load(spider_name)
        check = getattr(spidercls, "check_arguments", None)
        try:
            check_options(self.settings)
            check_monitor_settings(self.settings)
            if check is not None:
                check(self.settings, opts.spargs)
        except ValueError as error:
            raise UsageError(str(error)) from error


def start_failure(started: asyncio.Future[None]) -> bool:
    """Whether the crawl failed to start; logged as one line when the user can act on the cause (the
    state store in use by an overlapping run, Redis unreachable), else with its traceback. Reading the
    task's exception here keeps asyncio from printing "Task exception was never retrieved" and the
    chain of tracebacks that ends in Scrapy's `RuntimeError: Engine slot not assigned`."""
    if not started.done() or started.cancelled() or (error := started.exception()) is None:
        return False
    line = next(filter(None, map(known_cause, causes(error))), None)
    if line is None:
        logger.error("The crawl could not start", exc_info=error)
    else:
        logger.error("The crawl could not start: %s", line)
    return True


def causes(error: BaseException) -> Iterator[BaseException]:
    """`error` and the exceptions it was raised from or while handling, outermost first."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def known_cause(error: BaseException) -> str | None:
    """The one line for a start failure the user can act on, or None."""
    if isinstance(error, StateBusyError):
        return str(error)
    from redis.exceptions import ConnectionError as RedisConnectionError  # only after a failed start
    from redis.exceptions import TimeoutError as RedisTimeoutError

    if isinstance(error, RedisConnectionError | RedisTimeoutError):
        return f"cannot reach Redis (NEWSCRAWL_REDIS_URL): {error}"
    return None


def manifest_enabled(crawler: Crawler) -> bool:
    try:
        return crawler.get_extension(RunManifest) is not None
    except RuntimeError:  # the crawl stopped before it built its extensions
        return False


def run_exit_code(crawler: Crawler) -> int:
    """The code the run's extensions decided (0 when none did, as with plain Scrapy).

    A second Ctrl-C or SIGTERM makes Scrapy stop the reactor at once: the spider never closes, so the
    run manifest decides nothing, the feed files stay unpublished `.part` files (the next run removes
    them) and Scrapy itself exits 0. With the manifest on, that run exits 6 like a first SIGTERM."""
    stats = crawler.stats.get_stats() if crawler.stats is not None else {}
    if "newscrawl/exit_code" in stats:
        return int(stats["newscrawl/exit_code"])
    if manifest_enabled(crawler):
        logger.error(
            "Run stopped before it could close (a second Ctrl-C or SIGTERM): nothing published; exit code 6 "
            "(%s: forced)",
            EXIT_MEANINGS[6],
        )
        return 6
    return 0
