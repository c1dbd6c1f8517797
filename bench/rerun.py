"""Re-running on an unchanged site: what the second run fetches and writes, next to the first run.

    .venv/bin/python bench/rerun.py [--pages-per-section 31]

Serves the demo generator's large site (about 500 articles) on 127.0.0.1, runs `scrapy crawl news`
twice with one state directory, and prints lines written, requests by kind, and wall time per run.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newscrawl.demo import DemoServer, build_site

STAT = re.compile(r"'(?P<key>[\w/.]+)': (?P<value>\d+)")


def crawl(cwd: Path, start_urls: list[str], out: str) -> dict[str, float]:
    """One run, as a user types it; its stats from the log plus wall time and lines written."""
    scrapy = str(Path(sys.executable).with_name("scrapy"))
    command = [scrapy, "crawl", "news", "-a", f"start_urls={','.join(start_urls)}", "-O", out]
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawl.settings"}
    began = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - began
    stats = {m["key"]: float(m["value"]) for m in STAT.finditer(result.stderr)}
    lines = len((cwd / out).read_text(encoding="utf-8").splitlines())
    return {**stats, "wall_s": wall, "lines": lines, "exit": result.returncode}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages-per-section", type=int, default=31)
    pages = parser.parse_args().pages_per_section
    site = build_site(0, pages_per_section=pages)
    with DemoServer(site) as server, tempfile.TemporaryDirectory() as work:
        starts = site.start_urls(server.base_url)
        articles = len(site.expected_items(server.base_url))
        runs = [crawl(Path(work), starts, f"run{n}.jsonl") for n in (1, 2)]
    print(f"site: {articles} articles, {len(starts)} sections x {pages} listing pages, on 127.0.0.1")
    columns = ("lines", *(f"newscrawl/fetched/{k}" for k in ("listing", "article", "revalidation")))
    print("| run | lines written | listing pages | article pages | conditional GETs | wall time | exit |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for number, run in enumerate(runs, start=1):
        cells = " | ".join(f"{run.get(column, 0):.0f}" for column in columns)
        print(f"| {number} | {cells} | {run['wall_s']:.1f} s | {run['exit']:.0f} |")


if __name__ == "__main__":
    main()
