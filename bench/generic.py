"""The generic profile against trafilatura and htmldate on real pages (../shared/corpus), in one run.

    .venv/bin/python bench/generic.py [--corpus ../shared/corpus] [--pages N] [--only aeb|dates] [--misses]

- Body F1 on `aeb/` with the benchmark's own metric: `\\w+` tokens, 4-token shingles as multisets, per
  page TP/FP/FN normalised to sum 1; precision is the mean over pages with a non-empty prediction, recall
  the mean over all pages, F1 = 2PR/(P+R) of those means.
- Publication day on `dates/`: the share of pages whose extracted publication date falls on the truth's
  day (in the page's own offset, or its wall-clock day).
- Time per page of each tool, on the same pages in the same process, alternating.
`--misses` prints each `dates/` page newscrawl gets wrong: the truth's day, newscrawl's value and source.
newscrawl's side is `scrapy extract`'s path: the generic profile's raw article through the pipelines.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy.exceptions import DropItem
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newscrawl import settings
from newscrawl.items import Article
from newscrawl.page import page_of
from newscrawl.pipelines import run_pipelines
from newscrawl.sites.registry import site_named

TOKEN = re.compile(r"\w+")
GENERIC = site_named("generic")
# A stateless run's pipelines, as `scrapy extract` runs them.
CRAWLER = get_crawler(settings_dict={"ITEM_PIPELINES": settings.ITEM_PIPELINES, "NEWSCRAWL_STATE_DIR": ""})


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + 4]) for i in range(max(len(tokens) - 3, 1)))


def page_scores(predicted: str, truth: str) -> tuple[float | None, float]:
    """(precision or None for an empty prediction, recall) of one page, the benchmark's way."""
    found, wanted = shingles(predicted), shingles(truth)
    if not predicted.strip():
        return None, 0.0
    tp = sum((found & wanted).values())
    fp, fn = sum(found.values()) - tp, sum(wanted.values()) - tp
    total = tp + fp + fn or 1
    tp, fp, fn = tp / total, fp / total, fn / total
    return (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)


def f1(scores: list[tuple[float | None, float]]) -> float:
    precisions = [p for p, _ in scores if p is not None]
    precision = sum(precisions) / max(len(precisions), 1)
    recall = sum(r for _, r in scores) / max(len(scores), 1)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def ours(url: str, body: bytes) -> dict[str, Any]:
    page = page_of(HtmlResponse(url, body=body))
    assert page is not None
    try:
        article = run_pipelines(CRAWLER, Article(raw=GENERIC.article(page)))
    except DropItem as dropped:
        return {"body": "", "date": None, "source": f"dropped ({dropped})"}
    return {"body": article.body, "date": article.published_at, "source": article.published_at_source}


def theirs(url: str, body: bytes) -> dict[str, Any] | None:
    import trafilatura

    html = HtmlResponse(url, body=body).text
    found = trafilatura.extract(html, url=url, output_format="json", with_metadata=True)
    return (
        None
        if not found
        else {"body": json.loads(found).get("text") or "", "date": json.loads(found).get("date")}
    )


def htmldate_day(url: str, body: bytes) -> str | None:
    from htmldate import find_date

    return find_date(HtmlResponse(url, body=body).text, url=url, original_date=True)


def timed(function: Any, *args: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - started


def aeb(corpus: Path, limit: int) -> None:
    truth = json.loads((corpus / "aeb/ground-truth.json").read_text())
    rows: dict[str, list[tuple[float | None, float]]] = {"newscrawl": [], "trafilatura": []}
    seconds = Counter[str]()
    for key, expected in list(truth.items())[:limit]:
        body = gzip.decompress((corpus / f"aeb/html/{key}.html.gz").read_bytes())
        for name, tool in (("newscrawl", ours), ("trafilatura", theirs)):
            found, spent = timed(tool, expected["url"], body)
            seconds[name] += spent
            rows[name].append(page_scores((found or {}).get("body") or "", expected["articleBody"]))
    count = len(rows["newscrawl"])
    print(f"aeb/: {count} pages")
    print("| tool | body F1 | ms per page |\n| --- | --- | --- |")
    for name, scores in rows.items():
        print(f"| {name} | {f1(scores):.4f} | {1000 * seconds[name] / count:.1f} |")


def dates(corpus: Path, limit: int, misses: bool) -> None:
    truth = json.loads((corpus / "dates/truth.json").read_text())
    right = Counter[str]()
    items = list(truth.items())[:limit]
    for url, expected in items:
        body = gzip.decompress((corpus / f"dates/html/{expected['file']}.gz").read_bytes())
        read = ours(url, body)
        found = read.get("date")
        hit = bool(found) and str(found)[:10] == expected["date"]
        right["newscrawl"] += hit
        if misses and not hit:
            got = f"{found} ({read['source']})"
            print(f"miss {expected['file']}: truth {expected['date']}, got {got} {url[:80]}")
        right["htmldate"] += htmldate_day(url, body) == expected["date"]
        right["trafilatura"] += str((theirs(url, body) or {}).get("date"))[:10] == expected["date"]
    print(f"dates/: {len(items)} pages")
    print("| tool | publication day right |\n| --- | --- |")
    for name in ("newscrawl", "htmldate", "trafilatura"):
        print(f"| {name} | {right[name] / len(items):.3f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared/corpus")
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--only", choices=("aeb", "dates"), help="one of the two sets")
    parser.add_argument("--misses", action="store_true", help="print the dates/ pages newscrawl misses")
    args = parser.parse_args()
    print(f"run at {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    if args.only != "dates":
        aeb(args.corpus, args.pages)
    if args.only != "aeb":
        dates(args.corpus, args.pages, args.misses)


if __name__ == "__main__":
    main()
