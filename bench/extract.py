"""Per article: newscrawl's extraction plus normalization against `trafilatura.extract`, same HTML.

    .venv/bin/python bench/extract.py [--pages 300] [--repeat 5]

The pages are bench/crawl.py's (the demo generator's articles padded to 50-150 kB), built in memory.
Each page is timed with both, alternately, `--repeat` times; the figure per page is the median of
its repeats, and the table shows the median over pages. newscrawl's side is what one article costs
after the download: the site profile (`News24.article`), the normalizing pipelines (identity,
metadata, timestamps, summary, body, validation) and the content hash. newscrawl is handed the page's
bytes, as the crawl reads them; trafilatura the decoded text, which spares it its charset detection.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import trafilatura
from measure import median
from scrapy.utils.test import get_crawler
from staticsite import pad, pages_for

from newscrawl.demo import build_site
from newscrawl.demo.render import render_article
from newscrawl.items import Article, Fetch
from newscrawl.page import Page
from newscrawl.pipelines.body import BodyPipeline
from newscrawl.pipelines.identity import IdentityPipeline
from newscrawl.pipelines.metadata import MetadataPipeline
from newscrawl.pipelines.summary import SummaryPipeline
from newscrawl.pipelines.timestamps import TimestampPipeline
from newscrawl.pipelines.validation import ValidationPipeline
from newscrawl.pipelines.versions import content_hash
from newscrawl.sites.news24 import News24

if TYPE_CHECKING:
    from collections.abc import Callable

BASE = "http://127.0.0.1:8080"


def sample_pages(count: int) -> list[tuple[str, str]]:
    """(url, html) of `count` padded article pages of a seeded site."""
    site = build_site(1, pages_per_section=pages_for(count))
    rng = random.Random(1)
    stories = list(site.stories.values())[:count]
    return [(BASE + story.path, pad(render_article(site, story), rng)) for story in stories]


def newscrawl_extract() -> Callable[[str, bytes], object]:
    site = News24()
    crawler = get_crawler()
    timestamps = TimestampPipeline.from_crawler(crawler)
    stages = [IdentityPipeline(), MetadataPipeline(), timestamps, SummaryPipeline(), BodyPipeline()]
    validation = ValidationPipeline.from_crawler(crawler)

    def extract(url: str, body: bytes) -> object:
        """From the response's bytes, as `scrapy crawl news` reads them."""
        page = Page(url=url, body=body, encoding="utf-8", fetched_at=datetime.now(UTC))
        item = Article(raw=site.article(page), fetch=Fetch(requested_url=url, etag=None, last_modified=None))
        for stage in stages:
            item = stage.process_item(item)
        item = validation.process_item(item)
        item.content_hash = content_hash(item)
        return item

    return extract


def trafilatura_extract(url: str, html: str) -> object:
    """From the decoded text (`response.text`), which spares trafilatura its own charset detection."""
    return trafilatura.extract(html, url=url, output_format="json", with_metadata=True)


def timed(function: Callable[[str, Any], object], url: str, document: str | bytes) -> float:
    began = time.perf_counter()
    function(url, document)
    return (time.perf_counter() - began) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    pages = sample_pages(args.pages)
    ours, theirs = newscrawl_extract(), trafilatura_extract
    per_page: list[tuple[float, float]] = []
    for url, html in pages:
        body = html.encode("utf-8")
        ours(url, body), theirs(url, html)  # warm caches (compiled selectors, lxml) outside the timing
        runs = [(timed(ours, url, body), timed(theirs, url, html)) for _ in range(args.repeat)]
        per_page.append((median([r[0] for r in runs]), median([r[1] for r in runs])))
    ours_ms, theirs_ms = median([p[0] for p in per_page]), median([p[1] for p in per_page])
    ratio = median([p[1] / p[0] for p in per_page])
    size = sum(len(html) for _, html in pages) / len(pages) / 1000
    print(f"{len(pages)} article pages, {size:.0f} kB on average, {args.repeat} alternating runs each")
    print("| per article | median ms |")
    print("| --- | --- |")
    print(f"| newscrawl: site profile + normalizing pipelines + content hash | {ours_ms:.2f} |")
    print(f"| trafilatura.extract (JSON, with metadata) | {theirs_ms:.2f} |")
    print(f"trafilatura / newscrawl, median of per-page ratios: {ratio:.1f}x")


if __name__ == "__main__":
    main()
