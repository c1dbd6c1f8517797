"""Sitemaps and feeds read side by side: newscrawl's readers against Scrapy's `Sitemap`, ultimate-sitemap-
parser and a bare lxml stream, on the same generated files.

    .venv/bin/python bench/sitemaps.py [--urls 5000,50000] [--items 1000] [--rounds 3]

Each case runs in its own process (so its peak RSS is its own), reading one file from disk:
- `read`: the file's bytes read and nothing parsed (the floor every case starts from);
- `ours`: `newscrawl.discovery.sitemaps.sitemap_links`, every `news:` field kept as a `Link` (the file's
  links are its result, so they are all held at the end);
- `ours-stream`: its parse alone (`entries`), each entry's fields dropped once read: the parser's own
  memory, which should not grow with the file beyond the file's bytes;
- `scrapy`: `scrapy.utils.sitemap.Sitemap` iterated to its dicts (`loc`, `lastmod`: the `news:` fields
  are lost), as `SitemapSpider` reads a sitemap;
- `usp`: ultimate-sitemap-parser's `SitemapStrParser` (news fields kept), when it is installed;
- `lxml`: a bare `iterparse` keeping only each `<loc>`;
- for the feed, `ours` (`feed_links`) against `feedparser.parse` alone.
Every process imports all of them; only the parse of the file is timed. Rounds alternate the cases;
medians are printed with the ratio to Scrapy's `Sitemap` (to feedparser's for the feed).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import feedparser
from lxml import etree
from measure import median, run
from scrapy.utils.sitemap import Sitemap

from newscrawl.discovery.feeds import feed_links
from newscrawl.discovery.sitemaps import entries, sitemap_links

if TYPE_CHECKING:
    from collections.abc import Callable

NEWS = "http://www.google.com/schemas/sitemap-news/0.9"
SITEMAPS = "http://www.sitemaps.org/schemas/sitemap/0.9"
ENTRY = (
    "<url><loc>https://news.example/news/2022/02/16/eskom-warns-of-stage-{n}-load-shedding-as-units-fail</loc>"
    "<lastmod>2022-02-16T15:{m:02d}:00+02:00</lastmod>"
    "<image:image><image:loc>https://cdn.news.example/images/2022/02/16/{n}.jpg</image:loc></image:image>"
    "<news:news><news:publication><news:name>News Example</news:name><news:language>en</news:language>"
    "</news:publication><news:publication_date>2022-02-16T14:{m:02d}:00+02:00</news:publication_date>"
    "<news:title>Eskom warns of stage {n} load shedding as units fail at three power stations</news:title>"
    "<news:keywords>eskom, load shedding, electricity, power stations</news:keywords></news:news></url>\n"
)
ITEM = (
    "<item><title>Story {n}: Eskom warns of load shedding as units fail</title>"
    "<link>https://news.example/news/2022/02/16/story-{n}-eskom-warns-of-load-shedding</link>"
    "<description>Eskom said on Wednesday that stage {n} load shedding may follow.</description>"
    "<pubDate>Wed, 16 Feb 2022 14:{m:02d}:00 SAST</pubDate><guid>https://news.example/s/{n}</guid></item>\n"
)


def write_sitemap(path: Path, urls: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
            f' xmlns:news="{NEWS}" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">\n'
        )
        out.writelines(ENTRY.format(n=n, m=n % 60) for n in range(urls))
        out.write("</urlset>\n")


def write_feed(path: Path, items: int) -> None:
    body = "".join(ITEM.format(n=n, m=n % 60) for n in range(items))
    path.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>N</title>{body}</channel></rss>'
    )


def read_nothing(body: bytes) -> tuple[int, int]:
    return 0, 0


def read_ours(body: bytes) -> tuple[int, int]:
    links = sitemap_links(body, "https://news.example/sitemap.xml").links
    return len(links), sum(1 for link in links if link.title)


def read_scrapy(body: bytes) -> tuple[int, int]:
    entries = list(Sitemap(body))
    return len(entries), sum(1 for entry in entries if "title" in entry)


def read_usp(body: bytes) -> tuple[int, int]:
    from usp.fetch_parse import SitemapStrParser  # an optional package: bench only

    pages = list(SitemapStrParser(body.decode()).sitemap().all_pages())
    return len(pages), sum(1 for page in pages if page.news_story and page.news_story.title)


def read_stream(body: bytes) -> tuple[int, int]:
    read = titled = 0
    for _, fields in entries(body, {}):
        read, titled = read + 1, titled + ("title" in fields)
    return read, titled


def read_lxml(body: bytes) -> tuple[int, int]:
    locs = []
    for _, element in etree.iterparse(io.BytesIO(body), tag=f"{{{SITEMAPS}}}url", resolve_entities=False):
        locs.append(element.findtext(f"{{{SITEMAPS}}}loc"))
        element.clear()
        while element.getprevious() is not None:
            del element.getparent()[0]
    return len(locs), 0


def read_feed_ours(body: bytes) -> tuple[int, int]:
    found = feed_links(body, "https://news.example/rss").links
    return len(found), sum(1 for link in found if link.dates)


def read_feedparser(body: bytes) -> tuple[int, int]:
    entries = feedparser.parse(body).entries
    return len(entries), sum(1 for entry in entries if "published" in entry)


# Each returns (entries read, entries whose news title, or for a feed whose date, was kept).
READERS: dict[str, Callable[[bytes], tuple[int, int]]] = {
    "read": read_nothing, "ours": read_ours, "ours-stream": read_stream, "scrapy": read_scrapy,
    "usp": read_usp, "lxml": read_lxml,
    "feed-ours": read_feed_ours, "feed-feedparser": read_feedparser,
}  # fmt: skip


def child(case: str, path: Path) -> None:
    reader = READERS[case]
    if case == "usp":
        import usp.fetch_parse  # noqa: F401  (imported before the clock starts, as the others are)
    body = path.read_bytes()
    began = time.perf_counter()
    entries, news = reader(body)
    print(json.dumps({"entries": entries, "news": news, "seconds": time.perf_counter() - began}))


def measure(case: str, path: Path, work: Path) -> dict[str, Any]:
    log = work / f"{case}.log"
    result = run([sys.executable, __file__, "--child", case, str(path)], log, work)
    assert result.exit == 0, log.read_text()
    return {**json.loads(log.read_text().splitlines()[-1]), "peak": result.peak_mib}


def report(
    title: str, cases: list[str], files: dict[str, Path], rounds: int, work: Path, against: str
) -> None:
    results: dict[str, list[dict[str, Any]]] = {case: [] for case in cases}
    for _ in range(rounds):
        for case in cases:
            results[case].append(measure(case, files[case], work))
    base = median([r["seconds"] for r in results[against]])
    print(f"\n{title}")
    print(f"{'case':<18}{'entries':>9}{'news kept':>11}{'parse s':>10}{'ratio':>7}{'peak MiB':>10}")
    for case, rows in results.items():
        seconds = median([r["seconds"] for r in rows])
        print(
            f"{case:<18}{rows[0]['entries']:>9}{rows[0]['news']:>11}{seconds:>10.3f}"
            f"{seconds / base if base else float('nan'):>7.2f}{median([r['peak'] for r in rows]):>10.1f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--urls", default="5000,50000")
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", nargs=2, metavar=("CASE", "FILE"))
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    try:
        import usp  # noqa: F401

        cases = ["read", "ours", "ours-stream", "scrapy", "usp", "lxml"]
    except ImportError:
        cases = ["read", "ours", "ours-stream", "scrapy", "lxml"]
    with tempfile.TemporaryDirectory() as directory:
        work = Path(directory)
        for urls in map(int, args.urls.split(",")):
            path = work / f"news-sitemap-{urls}.xml"
            write_sitemap(path, urls)
            size = path.stat().st_size / 2**20
            title = f"news sitemap, {urls} URLs, {size:.1f} MiB"
            report(title, cases, dict.fromkeys(cases, path), args.rounds, work, "scrapy")
        feed = work / "feed.xml"
        write_feed(feed, args.items)
        feed_cases = ["feed-ours", "feed-feedparser"]
        title = f"RSS feed, {args.items} items"
        report(title, feed_cases, dict.fromkeys(feed_cases, feed), args.rounds, work, "feed-feedparser")


if __name__ == "__main__":
    main()
