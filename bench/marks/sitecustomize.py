"""Progress marks for bench/sidebyside.py, loaded into each crawl through PYTHONPATH.

Every 100 responses it notes (wall clock, the process's CPU seconds, responses so far), by wrapping
Scrapy's stats counter, and writes them to the file named by NEWSCRAWL_BENCH_MARKS at exit. The same
code runs in every variant, so its cost (well under a microsecond a response) cancels out.
"""

from __future__ import annotations

import atexit
import os
import time
from typing import Any

MARKS = os.environ.get("NEWSCRAWL_BENCH_MARKS")
EVERY = 100

if MARKS:
    import scrapy.statscollectors

    marks: list[tuple[float, float, int]] = []
    counted = [0]
    inc_value = scrapy.statscollectors.StatsCollector.inc_value

    def counting(self: Any, key: str, *args: Any, **kwargs: Any) -> None:
        if key == "response_received_count":
            counted[0] += 1
            if counted[0] % EVERY == 0:
                marks.append((time.time(), time.process_time(), counted[0]))
        inc_value(self, key, *args, **kwargs)

    scrapy.statscollectors.StatsCollector.inc_value = counting  # type: ignore[method-assign]

    @atexit.register
    def write_marks() -> None:
        with open(MARKS, "w", encoding="ascii") as out:
            out.writelines(f"{wall} {cpu} {count}\n" for wall, cpu, count in marks)
