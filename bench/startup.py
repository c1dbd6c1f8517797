"""Start-up: the time a fresh process takes to load what `scrapy crawl news` loads of newscrawl.

    .venv/bin/python bench/startup.py [--runs 12] [--against DIR]

Each run is a new interpreter that loads the project's settings, then every item pipeline, extension and
downloader middleware they enable, the duplicate filter and the spider (with the state store), and prints
the seconds that took (Scrapy's own import included, Python's start excluded). With `--against`, runs
alternate between this checkout and the newscrawl of DIR (another checkout, run from there),
as the start-up of a scheduled incremental run is mostly this.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from measure import median

LOAD = """
import time
began = time.perf_counter()
from scrapy.utils.misc import load_object
from scrapy.utils.project import get_project_settings
settings = get_project_settings()
for name in ("ITEM_PIPELINES", "EXTENSIONS", "DOWNLOADER_MIDDLEWARES"):
    for path, order in settings.getdict(name).items():
        if order is not None:
            load_object(path)
load_object(settings["DUPEFILTER_CLASS"])
load_object("newscrawl.spiders.news.NewsSpider")
print(time.perf_counter() - began)
"""


def load_seconds(checkout: str) -> float:
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawl.settings", "PYTHONPATH": checkout}
    command = [sys.executable, "-c", LOAD]  # run in the checkout: `-c` puts the working directory first
    loaded = subprocess.run(command, cwd=checkout, env=env, capture_output=True, text=True, check=True)
    return float(loaded.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=12)
    parser.add_argument("--against", help="another checkout of newscrawl, timed alternately")
    args = parser.parse_args()
    checkouts = {"this checkout": str(Path(__file__).resolve().parents[1])}
    if args.against:
        checkouts[args.against] = args.against
    seconds: dict[str, list[float]] = {name: [] for name in checkouts}
    for run in range(args.runs):
        for name in sorted(checkouts, reverse=run % 2 == 1):
            seconds[name].append(load_seconds(checkouts[name]))
    for name, measured in seconds.items():
        print(f"{name}: median {median(measured) * 1000:.0f} ms, fastest {min(measured) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
