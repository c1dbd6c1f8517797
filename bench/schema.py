"""The schema check per article: newscrawl's compiled check against `jsonschema`, side by side.

    .venv/bin/python bench/schema.py [--pages 300] [--repeat 5]

On the padded article pages of bench/crawl.py, each page goes once through the profile and the item
pipelines of a stateless run up to the schema check (`newscrawl.pipelines.run_pipelines`), then each
record is checked by both ways alternately, in process CPU time: `SchemaPipeline`'s check compiled
from the shipped schema (newscrawl/pipelines/schema.py) and `jsonschema.Draft202012Validator` on the
same schema, with the format checker tests/support.py gives it, which is what a runtime
dependency on `jsonschema` would cost. The extraction's own time per article is printed for scale.
"""

from __future__ import annotations

import argparse
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import jsonschema
from extract import sample_pages
from measure import median
from scrapy.utils.test import get_crawler

from newscrawl.contract import article_schema
from newscrawl.items import EXPORTED_FIELDS, Article
from newscrawl.page import Page
from newscrawl.pipelines import run_pipelines
from newscrawl.pipelines.schema import shipped_check
from newscrawl.settings import ITEM_PIPELINES
from newscrawl.sites.news24 import News24

if TYPE_CHECKING:
    from collections.abc import Callable


def cpu_us(check: Callable[[dict[str, Any]], object], record: dict[str, Any]) -> float:
    began = time.process_time()
    check(record)
    return (time.process_time() - began) * 1e6


def records(pages: int) -> tuple[list[dict[str, Any]], float]:
    """The exported records of `pages` articles, and the median CPU microseconds per page of the profile
    and the pipelines before the schema check."""
    crawler = get_crawler(settings_dict={"ITEM_PIPELINES": ITEM_PIPELINES, "NEWSCRAWL_STATE_DIR": ""})
    assert crawler.stats is not None
    crawler.stats.open_spider()
    below, site = ITEM_PIPELINES["newscrawl.pipelines.schema.SchemaPipeline"], News24()
    made, spent = [], []
    for url, html in sample_pages(pages):
        began = time.process_time()
        page = Page(url=url, body=html.encode("utf-8"), encoding="utf-8", fetched_at=datetime.now(UTC))
        item = run_pipelines(crawler, Article(raw=site.article(page)), below)
        spent.append((time.process_time() - began) * 1e6)
        made.append({name: getattr(item, name) for name in EXPORTED_FIELDS})
    return made, median(spent)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    made, extraction = records(options.pages)
    compiled = shipped_check()
    validator = jsonschema.Draft202012Validator(article_schema(), format_checker=jsonschema.FormatChecker())
    assert all(not compiled(record) and validator.is_valid(record) for record in made)
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(options.repeat):
        for record in made:
            ours.append(cpu_us(compiled, record))
            theirs.append(cpu_us(validator.validate, record))
    print(f"{len(made)} articles x {options.repeat}, median CPU microseconds per article")
    print(f"  profile + pipelines       {extraction:9.1f}   (each pipeline built per call)")
    print(f"  compiled schema check    {median(ours):9.1f}")
    print(f"  jsonschema (Draft 2020)  {median(theirs):9.1f}   ratio {median(theirs) / median(ours):.1f}x")


if __name__ == "__main__":
    main()
