"""A page's parse, Scrapy's way against newscrawl's, per page, side by side.

    .venv/bin/python bench/parsing.py [--pages 300] [--repeat 3]

On the padded article pages of bench/crawl.py (built in memory, served as UTF-8), each timed in
process CPU time with both ways alternating page by page: Scrapy's `response.selector` (what
`response.css` uses: the decoded text, stripped, scanned for NUL and encoded again for lxml) against
newscrawl's `Page.selector` (the bytes as they came). The text is decoded before either is timed,
since Scrapy's meta-refresh check decodes it for every HTML response of a bare spider; newscrawl's check
does not decode a page that declares no refresh (bench/metarefresh.py times that apart).
"""

from __future__ import annotations

import argparse
import time
from typing import TYPE_CHECKING

from baseline import newscrawl_page
from extract import sample_pages
from measure import median
from scrapy import Request
from scrapy.http import HtmlResponse

if TYPE_CHECKING:
    from collections.abc import Callable

HEADERS = {"Content-Type": "text/html; charset=utf-8"}


def response_of(url: str, body: bytes) -> HtmlResponse:
    return HtmlResponse(url, body=body, headers=HEADERS, request=Request(url))


def cpu_us(step: Callable[[HtmlResponse], object], response: HtmlResponse) -> float:
    """The step's CPU time; the tree it returns is freed after the clock stops, for both ways alike."""
    began = time.process_time()
    tree = step(response)
    elapsed = time.process_time() - began
    del tree
    return elapsed * 1e6


def scrapy_parse(response: HtmlResponse) -> object:
    return response.selector.root


def newscrawl_parse(response: HtmlResponse) -> object:
    return newscrawl_page(response).selector.root


def decoded(url: str, body: bytes) -> HtmlResponse:
    response = response_of(url, body)
    assert response.text
    return response


def compare_per_page(
    description: str, what: str, ways: dict[str, tuple[str, Callable[[HtmlResponse], object]]],
    response_for: Callable[[str, bytes], HtmlResponse],
) -> None:  # fmt: skip
    """Times Scrapy's and newscrawl's way (`ways`: name -> (table label, step)) on the padded pages,
    alternating page by page and starting with each in turn, each on a fresh `response_for(url, body)`,
    and prints the median CPU microseconds of each and their ratio."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pages = [(url, html.encode("utf-8")) for url, html in sample_pages(args.pages)]
    timings: dict[str, list[float]] = {way: [] for way in ways}
    for round_number in range(args.repeat):
        for index, (url, body) in enumerate(pages):
            for way in sorted(ways, reverse=(index + round_number) % 2 == 1):
                timings[way].append(cpu_us(ways[way][1], response_for(url, body)))
    size = sum(len(body) for _, body in pages) / len(pages) / 1000
    print(f"{len(pages)} article pages, {size:.0f} kB on average, {args.repeat} rounds, ways alternating")
    print(f"| {what} | median us per page |")
    print("| --- | --- |")
    for way, (label, _) in ways.items():
        print(f"| {label} | {median(timings[way]):.0f} |")
    print(f"newscrawl / Scrapy, medians: {median(timings['newscrawl']) / median(timings['Scrapy']):.2f}")


def main() -> None:
    ways = {
        "Scrapy": ("Scrapy's `response.selector` (decoded text)", scrapy_parse),
        "newscrawl": ("newscrawl's `Page.selector` (bytes)", newscrawl_parse),
    }
    compare_per_page(__doc__.splitlines()[0], "parse", ways, decoded)


if __name__ == "__main__":
    main()
