"""The meta-refresh check per page, Scrapy's middleware against newscrawl's, side by side.

    .venv/bin/python bench/metarefresh.py [--pages 300] [--repeat 3]

On the padded article pages of bench/crawl.py (built in memory, served as UTF-8, no refresh declared),
each timed in process CPU time with both middlewares alternating page by page, each on a fresh
response: Scrapy's `MetaRefreshMiddleware` (decodes the whole body for `response.text[:4096]`, then
looks for a base URL and a refresh) against newscrawl's `BytesMetaRefreshMiddleware` (the word
`refresh` looked for in the first 16 kB of the bytes). Both include the response's encoding detection,
which newscrawl's `Page` needs anyway and Scrapy's check does first.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from extract import sample_pages
from measure import median
from parsing import cpu_us, response_of
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.utils.test import get_crawler

from newscrawl.downloadermiddlewares.metarefresh import BytesMetaRefreshMiddleware

if TYPE_CHECKING:
    from collections.abc import Callable

    from scrapy.http import HtmlResponse


def check_with(middleware: MetaRefreshMiddleware) -> Callable[[HtmlResponse], object]:
    return lambda response: middleware.process_response(response.request, response)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pages = [(url, html.encode("utf-8")) for url, html in sample_pages(args.pages)]
    crawler = get_crawler()
    checks = {
        "Scrapy": check_with(MetaRefreshMiddleware.from_crawler(crawler)),
        "newscrawl": check_with(BytesMetaRefreshMiddleware.from_crawler(crawler)),
    }
    timings: dict[str, list[float]] = {name: [] for name in checks}
    for round_number in range(args.repeat):
        for index, (url, body) in enumerate(pages):
            for name in sorted(checks, reverse=(index + round_number) % 2 == 1):
                timings[name].append(cpu_us(checks[name], response_of(url, body)))
    size = sum(len(body) for _, body in pages) / len(pages) / 1000
    scrapy_us, newscrawl_us = median(timings["Scrapy"]), median(timings["newscrawl"])
    print(f"{len(pages)} article pages, {size:.0f} kB on average, {args.repeat} rounds, alternating")
    print("| meta-refresh check | median us per page |")
    print("| --- | --- |")
    print(f"| Scrapy's `MetaRefreshMiddleware` | {scrapy_us:.0f} |")
    print(f"| newscrawl's `BytesMetaRefreshMiddleware` | {newscrawl_us:.0f} |")
    print(f"newscrawl / Scrapy, medians: {newscrawl_us / scrapy_us:.2f}")


if __name__ == "__main__":
    main()
