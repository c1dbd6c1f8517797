"""Measuring one child process: wall time, CPU seconds and peak RSS from the kernel, Scrapy's stats.

`os.wait4` gives the child's own rusage, so two crawls measured one after the other never mix their
CPU time, and the nginx process serving them is never counted.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

STAT = re.compile(r"'(?P<key>[\w/.]+)': (?P<value>\d+(?:\.\d+)?)")


@dataclass
class Result:
    """One process: wall seconds, CPU seconds (user + system), peak RSS in MiB, and its Scrapy stats."""

    wall: float
    cpu: float
    peak_mib: float
    exit: int
    stats: dict[str, float]
    samples: list[tuple[int, float]] = field(default_factory=list)


def rss_mib(pid: int, field: str = "VmRSS") -> float | None:
    """The current (VmRSS) or peak (VmHWM) resident set of `pid`, or None once it has exited."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            line = next(line for line in status if line.startswith(f"{field}:"))
    except (OSError, StopIteration):
        return None
    return int(line.split()[1]) / 1024


def _sample(pid: int, count: Callable[[], int], into: list[tuple[int, float]], done: threading.Event) -> None:
    """(progress, RSS) five times a second, to see whether memory grows with the work done."""
    while not done.wait(0.2):
        rss = rss_mib(pid)
        if rss is not None:
            into.append((count(), rss))


def run(command: Sequence[str], log: Path, cwd: Path, progress: Callable[[], int] | None = None) -> Result:
    """Run `command` with its output in `log`; `progress` is sampled with the RSS while it runs.

    The peak is the kernel's VmHWM of the exec'd program, read up to its exit: rusage's ru_maxrss
    would also count the pages the child shared with this (large) parent between fork and exec.
    """
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawl.settings"}
    samples: list[tuple[int, float]] = []
    done = threading.Event()
    began = time.perf_counter()
    with log.open("wb") as output:
        child = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT)
        sampler = threading.Thread(target=_sample, args=(child.pid, progress or (lambda: 0), samples, done))
        sampler.start()
        peak = 0.0
        while os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOWAIT | os.WNOHANG) is None:
            peak = max(peak, rss_mib(child.pid, "VmHWM") or 0.0)
            time.sleep(0.05)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - began
    done.set()
    sampler.join()
    stats = {m["key"]: float(m["value"]) for m in STAT.finditer(log.read_text("utf-8", "replace"))}
    cpu = usage.ru_utime + usage.ru_stime
    return Result(wall, cpu, peak, child.returncode, stats, samples)


class LineCounter:
    """Lines written so far to the feed files in a directory, read incrementally (feeds grow to MBs)."""

    def __init__(self, directory: Path, pattern: str) -> None:
        self.directory, self.pattern = directory, pattern
        self.seen: dict[Path, tuple[int, int]] = {}

    def __call__(self) -> int:
        for path in self.directory.glob(self.pattern):
            offset, lines = self.seen.get(path, (0, 0))
            try:
                with path.open("rb") as feed:
                    feed.seek(offset)
                    chunk = feed.read()
            except OSError:
                continue
            self.seen[path] = (offset + len(chunk), lines + chunk.count(b"\n"))
        return max((lines for _, lines in self.seen.values()), default=0)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")
