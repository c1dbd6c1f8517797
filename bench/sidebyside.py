"""(a) and (b), or any variants of bench/crawl.py, crawling the same site at the same time.

    .venv/bin/python bench/sidebyside.py [--articles 6000] [--runs 4] [--variants ab]
    .venv/bin/python bench/sidebyside.py --variants abb --path 3=/path/to/other/checkout

bench/crawl.py runs the crawls one after the other, and on a shared machine the speed changes between
two crawls by up to a third, so one round's ratio can be off by that much. Here every variant starts
at once and shares the machine's moments: each one's CPU milliseconds per page and pages per second
are taken over the window in which all of them are running (from progress marks every 100 responses,
bench/marks/sitecustomize.py), and the ratios to the first variant are printed per round, with their
medians. `--path N=DIR` puts DIR first on the N-th variant's PYTHONPATH (counting from 1), e.g. an
older checkout of newscrawl to compare against.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
from pathlib import Path

from crawl import command
from measure import median
from nginx import served_site

MARKS = Path(__file__).resolve().parent / "marks"


def window_rates(marks: list[tuple[float, float, int]], start: float, end: float) -> tuple[float, float]:
    """CPU ms per page and pages per second between the first and last mark inside [start, end]."""
    inside = [mark for mark in marks if start <= mark[0] <= end]
    (wall0, cpu0, pages0), (wall1, cpu1, pages1) = inside[0], inside[-1]
    return 1000 * (cpu1 - cpu0) / (pages1 - pages0), (pages1 - pages0) / (wall1 - wall0)


def read_marks(path: Path) -> list[tuple[float, float, int]]:
    rows = (line.split() for line in path.read_text(encoding="ascii").splitlines())
    return [(float(wall), float(cpu), int(count)) for wall, cpu, count in rows]


Rates = list[tuple[float, float]]


def one_round(variants: list[str], paths: dict[int, str], starts: list[str], work: Path) -> Rates:
    """Each variant's (CPU ms per page, pages/s) over the window where all were crawling."""
    children = []
    for number, variant in enumerate(variants, start=1):
        folder = work / f"{number}{variant}"
        folder.mkdir(parents=True)
        python_path = os.pathsep.join(p for p in (paths.get(number), str(MARKS)) if p)
        env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawl.settings", "PYTHONPATH": python_path,
               "NEWSCRAWL_BENCH_MARKS": str(folder / "marks.txt")}  # fmt: skip
        with open(folder / "log.txt", "w", encoding="utf-8") as log:
            child = subprocess.Popen(command(variant, starts, folder, 0), env=env, cwd=folder, stderr=log)
        children.append((child, folder))
    for child, _ in children:
        if child.wait():
            raise SystemExit(f"a crawl failed with exit code {child.returncode}")
    marks = [read_marks(folder / "marks.txt") for _, folder in children]
    start, end = max(m[0][0] for m in marks), min(m[-1][0] for m in marks)
    return [window_rates(m, start, end) for m in marks]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=6000)
    parser.add_argument("--runs", type=int, default=4)
    parser.add_argument("--variants", default="ab", help="crawls of bench/crawl.py, first is the reference")
    parser.add_argument("--path", action="append", default=[], help="N=DIR: DIR first on variant N's path")
    args = parser.parse_args()
    variants = list(args.variants)
    paths = {int(n): folder for n, folder in (p.split("=", 1) for p in args.path)}
    names = [f"{v}{n}" for n, v in enumerate(variants, start=1)]
    ratios: dict[str, list[tuple[float, float]]] = {name: [] for name in names[1:]}
    tmp = tempfile.TemporaryDirectory(prefix="newscrawl-sidebyside-")
    with tmp, served_site(Path(tmp.name), args.articles) as served:
        print(f"site: {served.articles} article pages, {served.pages} pages", flush=True)
        for number in range(args.runs):
            rates = one_round(variants, paths, served.start_urls, Path(tmp.name) / f"round{number}")
            pairs = zip(names, rates, strict=True)
            cells = [f"{name} {cpu:.2f} ms/page {pps:.0f} pages/s" for name, (cpu, pps) in pairs]
            print(f"round {number + 1}: " + ", ".join(cells), flush=True)
            for name, (cpu, pps) in zip(names[1:], rates[1:], strict=True):
                ratios[name].append((cpu / rates[0][0], pps / rates[0][1]))
    for name, measured in ratios.items():
        cpus, speeds = [cpu for cpu, _ in measured], [pps for _, pps in measured]
        print(f"{name}/{names[0]}: CPU per page median {median(cpus):.3f} ({listed(cpus)}); "
              f"pages/s median {median(speeds):.3f} ({listed(speeds)})")  # fmt: skip


def listed(values: list[float]) -> str:
    return ", ".join(f"{value:.3f}" for value in values)


if __name__ == "__main__":
    main()
