"""Where (b)'s time goes, per call and without a profiler's overhead: `scrapy crawl news` with a timer
around each of newscrawl's stages, on the static site of bench/crawl.py.

    .venv/bin/python bench/components.py [--articles 3000]

pyinstrument (bench/hotspots.py) samples the whole process and inflates small, frequent calls; here a
`perf_counter` pair (well under a microsecond) wraps each function below, and the table gives its wall
seconds, calls and microseconds per call within the crawl, beside the crawl's own CPU seconds. Calls
nest (`parse_article` includes `News24.article`), so the column does not add up. The crawl runs in a
child process, `bench/components.py --child scrapy crawl news ...`, which installs the timers and hands
over to Scrapy's command line.
"""

from __future__ import annotations

import argparse
import atexit
import functools
import importlib
import inspect
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from crawl import command
from nginx import served_site

TIMED = (
    "newscrawl.spiders.news:NewsSpider.parse_source",
    "newscrawl.spiders.news:NewsSpider.parse_article",
    "newscrawl.sites.registry:SiteChooser.for_page",
    "newscrawl.discovery.listing:CardListing.read",
    "newscrawl.sites.base:Site.article",
    "newscrawl.sites.article:ArticlePage.raw_article",
    "newscrawl.spiders.frontier:Frontier.admit",
    "newscrawl.spiders.frontier:Frontier.exported_keys",
    "newscrawl.state.sqlite:SQLiteStateStore.exported_keys",
    "newscrawl.state.sqlite:SQLiteStateStore.discover",
    "newscrawl.state.sqlite:SQLiteStateStore.get",
    "newscrawl.pipelines.identity:IdentityPipeline.process_item",
    "newscrawl.pipelines.metadata:MetadataPipeline.process_item",
    "newscrawl.pipelines.timestamps:TimestampPipeline.process_item",
    "newscrawl.pipelines.summary:SummaryPipeline.process_item",
    "newscrawl.pipelines.body:BodyPipeline.process_item",
    "newscrawl.pipelines.validation:ValidationPipeline.process_item",
    "newscrawl.pipelines.dedupe:DedupePipeline.process_item",
    "newscrawl.pipelines.versions:VersionPipeline.process_item",
    "newscrawl.export.exporters:ArticleJsonLinesExporter.export_item",
    "newscrawl.export.ledger:RecordSpool.append",
    "scrapy.core.scraper:Scraper.start_itemproc_async",
    "scrapy.core.scraper:Scraper.handle_spider_output_async",
    "scrapy.signalmanager:SignalManager.send_catch_log_async",
    "scrapy.middleware:MiddlewareManager._process_chain",
)
LINE = re.compile(r"^TIMED (?P<name>\S+) (?P<seconds>[\d.]+) (?P<calls>\d+)$")
totals: dict[str, list[float]] = {}


def timed(name: str, function: Any) -> Any:
    """`function` with its time added to `totals[name]`; a generator's time is that of its steps."""
    entry = totals.setdefault(name, [0.0, 0])
    if inspect.iscoroutinefunction(function):

        @functools.wraps(function)
        async def awaited(*args: Any, **kwargs: Any) -> Any:
            entry[1] += 1
            return await TimedSteps(function(*args, **kwargs), entry)

        return awaited
    if inspect.isgeneratorfunction(function):

        @functools.wraps(function)
        def steps(*args: Any, **kwargs: Any) -> Any:
            entry[1] += 1
            generator = function(*args, **kwargs)
            while True:
                began = time.perf_counter()
                try:
                    value = next(generator)
                except StopIteration:
                    entry[0] += time.perf_counter() - began
                    return
                entry[0] += time.perf_counter() - began
                yield value

        return steps

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        began = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            entry[0] += time.perf_counter() - began
            entry[1] += 1

    return call


class TimedSteps:
    """Awaits a coroutine and adds the time of its own steps, not of its waits, to `entry`."""

    def __init__(self, coroutine: Any, entry: list[float]) -> None:
        self.coroutine = coroutine
        self.entry = entry

    def __await__(self) -> Any:
        sent: Any = None
        thrown: BaseException | None = None
        while True:
            began = time.perf_counter()
            try:
                waited = self.coroutine.throw(thrown) if thrown else self.coroutine.send(sent)
            except StopIteration as stop:
                self.entry[0] += time.perf_counter() - began
                return stop.value
            self.entry[0] += time.perf_counter() - began
            try:
                sent, thrown = (yield waited), None
            except BaseException as error:  # handed back to the coroutine
                sent, thrown = None, error


def report() -> None:
    print(f"TIMED cpu {time.process_time():.3f} 0", file=sys.stderr)
    for name, (seconds, calls) in totals.items():
        print(f"TIMED {name} {seconds:.6f} {int(calls)}", file=sys.stderr)


def child(scrapy_args: list[str]) -> None:
    for target in TIMED:
        module, qualified = target.split(":")
        owner_name, method = qualified.split(".")
        owner = getattr(importlib.import_module(module), owner_name)
        setattr(owner, method, timed(qualified, owner.__dict__[method]))
    atexit.register(report)
    from scrapy.cmdline import execute

    execute(scrapy_args)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory(prefix="newscrawl-components-")
    with tmp, served_site(Path(tmp.name), args.articles) as served:
        work = Path(tmp.name) / "b"
        work.mkdir()
        crawl = command("b", served.start_urls, work, 0)[1:]  # without the `scrapy` executable
        env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawl.settings"}
        child_command = [sys.executable, __file__, "--child", "scrapy", *crawl]
        done = subprocess.run(child_command, env=env, cwd=work, capture_output=True, text=True, check=True)
    rows = [m for m in map(LINE.match, done.stderr.splitlines()) if m]
    print(f"site: {served.articles} article pages, {served.pages} pages")
    print("| stage | seconds | calls | us per call |\n| --- | --- | --- | --- |")
    for row in sorted(rows, key=lambda m: -float(m["seconds"])):
        calls = int(row["calls"])
        per_call = f"{1e6 * float(row['seconds']) / calls:.1f}" if calls else ""
        print(f"| {row['name']} | {float(row['seconds']):.3f} | {calls or ''} | {per_call} |")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2:])
    else:
        main()
