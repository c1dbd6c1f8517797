"""WARC writing and reading: a crawl with NEWSCRAWL_WARC against the same crawl without, side by side.

    .venv/bin/python bench/warc.py [--articles 1500] [--runs 2]

1. Crawl: (b) `scrapy crawl news` and (w) the same with every response archived, started at once on one
   nginx-served static site (bench/sidebyside.py's window: pages/s and CPU ms per page over the time
   both run), `--runs` rounds; prints w/b per round and the median (the target is pages/s >= 0.9).
2. Re-extraction, on the last round's WARC: every archived article page through the site chooser and
   the pipelines (what `scrapy extract FILE.warc.gz` does per record) against the same pages read from
   one file each (what a re-run over saved pages does), alternately, `--repeat` times; articles/s.
3. The WARC reader alone: iterating the file and reading every response payload, warcio against
   FastWARC, alternately; records/s. This is what choosing FastWARC could save in (2).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from fastwarc.warc import ArchiveIterator as FastIterator
from fastwarc.warc import WarcRecordType
from measure import median
from nginx import served_site
from scrapy.exceptions import DropItem
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler
from sidebyside import one_round
from warcio.archiveiterator import ArchiveIterator

from newscrawl import pipelines, settings
from newscrawl.commands.warcinput import archived_pages
from newscrawl.items import Article
from newscrawl.page import page_of
from newscrawl.sites.registry import SiteChooser

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from scrapy.crawler import Crawler


def crawl_rounds(starts: list[str], work: Path, runs: int) -> Path:
    """Print each round's (w) against (b); the last round's WARC file."""
    ratios = []
    for number in range(runs):
        (b_cpu, b_pps), (w_cpu, w_pps) = one_round(["b", "w"], {}, starts, work / f"round{number}")
        ratios.append((w_cpu / b_cpu, w_pps / b_pps))
        print(f"round {number + 1}: b {b_cpu:.2f} ms/page {b_pps:.0f} pages/s, "
              f"w {w_cpu:.2f} ms/page {w_pps:.0f} pages/s", flush=True)  # fmt: skip
    cpu, pps = [r[0] for r in ratios], [r[1] for r in ratios]
    print(f"w/b: CPU per page median {median(cpu):.3f}, pages/s median {median(pps):.3f} ({pps})")
    (warc,) = (work / f"round{runs - 1}" / "2w" / "warc").glob("*.warc.gz")
    return warc


def extractor() -> Callable[[HtmlResponse], Article | None]:
    """One page (as Scrapy's response) through the chooser and the pipelines of a stateless run."""
    crawler: Crawler = get_crawler(
        settings_dict={"ITEM_PIPELINES": settings.ITEM_PIPELINES, "NEWSCRAWL_STATE_DIR": ""}
    )
    crawler.stats.open_spider()
    chooser = SiteChooser(None)

    def extract(response: HtmlResponse) -> Article | None:
        page = page_of(response)
        assert page is not None
        try:
            return pipelines.run_pipelines(crawler, Article(raw=chooser.for_page(page).article(page)))
        except DropItem:  # a listing page, as in `scrapy extract`
            return None

    return extract


def saved_pages(warc: Path, folder: Path) -> list[tuple[str, Path, dict[str, str]]]:
    """The WARC's HTML pages, one file each, with their URL and headers."""
    folder.mkdir()
    saved = []
    for number, archived in enumerate(archived_pages(warc, Counter())):
        path = folder / f"{number}.html"
        path.write_bytes(archived.response.body)
        headers = {k.decode(): v[0].decode() for k, v in archived.response.headers.items()}
        saved.append((archived.response.url, path, headers))
    return saved


def timed(work: Callable[[], int]) -> tuple[float, int]:
    start = time.perf_counter()
    count = work()
    return time.perf_counter() - start, count


def re_extraction(warc: Path, work: Path, repeat: int) -> None:
    extract = extractor()
    saved = saved_pages(warc, work / "pages")

    def from_warc() -> int:
        return sum(extract(a.response) is not None for a in archived_pages(warc, Counter()))

    def from_files() -> int:
        responses = (HtmlResponse(u, body=p.read_bytes(), headers=h) for u, p, h in saved)
        return sum(extract(response) is not None for response in responses)

    alternate({"from WARC": from_warc, "from files": from_files}, repeat, "articles")


def alternate(ways: dict[str, Callable[[], int]], repeat: int, unit: str) -> None:
    """Each way `repeat` times, alternately; the median rate of each and their ratio."""
    rates: dict[str, list[float]] = {name: [] for name in ways}
    for _ in range(repeat):
        for name, way in ways.items():
            seconds, count = timed(way)
            rates[name].append(count / seconds)
    medians = {name: median(values) for name, values in rates.items()}
    first, second = medians
    cells = ", ".join(f"{name} {rate:.0f} {unit}/s" for name, rate in medians.items())
    print(f"{cells}; {first}/{second} {medians[first] / medians[second]:.2f}", flush=True)


def read_payloads(records: Iterable[object], payload: Callable[[object], bytes]) -> int:
    return sum(len(payload(record)) >= 0 for record in records)


def readers(warc: Path, repeat: int) -> None:
    def warcio() -> int:
        with warc.open("rb") as file:
            responses = (r for r in ArchiveIterator(file) if r.rec_type == "response")
            return read_payloads(responses, lambda r: r.content_stream().read())

    def fastwarc() -> int:
        with warc.open("rb") as file:
            responses = FastIterator(file, record_types=WarcRecordType.response, parse_http=True)
            return read_payloads(responses, lambda r: r.reader.read())

    alternate({"warcio": warcio, "FastWARC": fastwarc}, repeat, "records")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1500)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory(prefix="newscrawl-warc-")
    with tmp, served_site(Path(tmp.name), args.articles) as served:
        print(f"site: {served.articles} article pages, {served.pages} pages", flush=True)
        warc = crawl_rounds(served.start_urls, Path(tmp.name), args.runs)
        print(f"WARC: {warc.stat().st_size / 2**20:.1f} MiB", flush=True)
        re_extraction(warc, Path(tmp.name), args.repeat)
        readers(warc, args.repeat)


if __name__ == "__main__":
    main()
