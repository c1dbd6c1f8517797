"""Memory and disk per URL: the SQLite state store with 10^5 and 10^6 known URLs, and Scrapy's
scheduler holding 10^6 pending requests in memory or on disk (`JOBDIR`).

    .venv/bin/python bench/memory.py [--sizes 100000,1000000] [--frontier 1000000]

Each case runs in its own process (so its peak RSS is its own), from an empty directory:
- `store N`: N article URLs discovered in batches of 1000, then all marked exported, as a long-running
  archive holds them; disk = the database after close (WAL checkpointed), per URL;
- `frontier N` / `frontier-jobdir N`: N article requests enqueued in Scrapy's scheduler (with the duplicate
  filter), under newscrawl's settings, as `scrapy crawl news` queues them; disk = the `JOBDIR` files.
The baseline row is the same interpreter with the same modules imported and nothing stored.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from measure import run
from scrapy.core.scheduler import Scheduler
from scrapy.utils.reactor import install_reactor
from scrapy.utils.test import get_crawler

import newscrawl.settings
from newscrawl.spiders.news import NewsSpider
from newscrawl.state import ExportRecord, SQLiteStateStore

URL = "http://127.0.0.1:8080/news24/southafrica/news/eskom-warns-of-stage-{n}-load-shedding-as-units-fail-20220216"
BATCH = 1000


def directory_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def store_case(count: int, work: Path) -> int:
    """Discover then export `count` URLs; returns the state file's bytes."""
    now = datetime.now(UTC)
    path = work / "news24.sqlite3"
    with SQLiteStateStore(path) as store:
        for start in range(0, count, BATCH):
            urls = [URL.format(n=n) for n in range(start, min(start + BATCH, count))]
            store.discover(((url, url) for url in urls), now=now)
            records = [
                ExportRecord(url_key=url, canonical_url=url, content_hash=f"{n:032x}", version=1, etag=None,
                             last_modified=None, published_at=now, fetched_key=url)
                for n, url in enumerate(urls, start)
            ]  # fmt: skip
            store.mark_exported(records, now=now)
    return directory_bytes(work)


def frontier_case(count: int, work: Path, jobdir: bool) -> int:
    """Enqueue `count` article requests in Scrapy's scheduler; returns JOBDIR's bytes (0 without)."""
    install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")
    ours = {name: value for name, value in vars(newscrawl.settings).items() if name.isupper()}
    settings = ours | {"NEWSCRAWL_STATE_DIR": ""} | ({"JOBDIR": str(work / "job")} if jobdir else {})
    crawler = get_crawler(NewsSpider, settings)
    crawler.spider = crawler._create_spider(start_urls="http://127.0.0.1:8080/news24/southafrica/news")
    crawler.engine = crawler._create_engine()  # the downloader-aware queue asks it for slots
    scheduler = Scheduler.from_crawler(crawler)
    scheduler.open(crawler.spider)
    for n in range(count):
        scheduler.enqueue_request(crawler.spider.article_request(URL.format(n=n)))
    size = directory_bytes(work)
    assert len(scheduler) == count
    return size


def child(case: str, count: int) -> None:
    """Run one case and print its result as one JSON line (read back by `main`)."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        size = 0
        if case == "store":
            size = store_case(count, work)
        elif case.startswith("frontier"):
            size = frontier_case(count, work, jobdir=case.endswith("jobdir"))
        print(json.dumps({"bytes": size}))


def measure(case: str, count: int, tmp: Path) -> tuple[float, int]:
    log = tmp / f"{case}-{count}.log"
    result = run([sys.executable, __file__, "--child", case, str(count)], log, tmp)
    line = log.read_text().strip().splitlines()[-1]
    return result.peak_mib, int(json.loads(line)["bytes"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--frontier", type=int, default=1_000_000)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child[0], int(args.child[1]))
    cases = [("baseline", 0)] + [("store", int(n)) for n in args.sizes.split(",")]
    cases += [("frontier", args.frontier), ("frontier-jobdir", args.frontier)]
    print("| case | URLs | peak RSS MiB | RSS bytes/URL over baseline | disk bytes | disk bytes/URL |")
    print("| --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        base_rss = 0.0
        for case, count in cases:
            rss, size = measure(case, count, Path(tmp))
            base_rss = base_rss or rss
            per_rss = (rss - base_rss) * 2**20 / count if count else 0
            per_disk = size / count if count else 0
            print(f"| {case} | {count} | {rss:.0f} | {per_rss:.0f} | {size} | {per_disk:.0f} |", flush=True)
    return None


if __name__ == "__main__":
    main()
