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

from typing import TYPE_CHECKING

from parsing import compare_per_page, response_of
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.utils.test import get_crawler

from newscrawl.downloadermiddlewares.metarefresh import BytesMetaRefreshMiddleware

if TYPE_CHECKING:
    from collections.abc import Callable

    from scrapy.http import HtmlResponse


def check_with(middleware: MetaRefreshMiddleware) -> Callable[[HtmlResponse], object]:
    return lambda response: middleware.process_response(response.request, response)


def main() -> None:
    crawler = get_crawler()
    ways = {
        "Scrapy": ("Scrapy's `MetaRefreshMiddleware`", MetaRefreshMiddleware),
        "newscrawl": ("newscrawl's `BytesMetaRefreshMiddleware`", BytesMetaRefreshMiddleware),
    }
    checks = {way: (label, check_with(kind.from_crawler(crawler))) for way, (label, kind) in ways.items()}
    compare_per_page(__doc__.splitlines()[0], "meta-refresh check", checks, response_of)


if __name__ == "__main__":
    main()
