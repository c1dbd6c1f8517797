"""newscrawl against bare Scrapy and trafilatura on one large static site, interleaved, side by side.

    .venv/bin/python bench/crawl.py [--articles 20000] [--runs 3] [--variants apbc]

Writes the demo generator's site (padded to 50-150 kB a page) to a temp dir, serves it with Debian's
nginx on 127.0.0.1, shows nginx's own ceiling, then runs, once each per round, in a rotating order,
each from a fresh state and output directory:
(a) bare Scrapy following newscrawl's links;
(s) (a) with Scrapy's own values for the settings newscrawl tunes for speed (`CONCURRENT_ITEMS`,
    `WARN_ON_GENERATOR_RETURN_VALUE`), as a bare spider a user writes runs (only with `--variants`);
(p) the same plus newscrawl's site profile reading every article page (`News24.article`) and nothing
    else, which splits (b)'s cost over (a) into the extraction itself (p/a) and everything newscrawl
    does with the fields (b/p: pipelines, state store, export);
(b) `scrapy crawl news` with every pipeline, the state store and the feed;
(c) bare Scrapy plus trafilatura;
(g) (b) with `-a site=generic`: the generic profile finds the links and reads the articles (only with
    `--variants`).
Prints each crawl and the medians.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from measure import LineCounter, Result, median, run
from nginx import ceiling, served_site

BENCH = Path(__file__).resolve().parent
VARIANTS = ("a", "s", "p", "b", "c", "g")
ARTICLE_STAT = {
    "a": "bench/articles",
    "s": "bench/articles",
    "p": "bench/articles",
    "b": "newscrawl/fetched/article",
    "c": "bench/articles",
    "g": "newscrawl/fetched/article",
    "w": "newscrawl/fetched/article",
}


def command(variant: str, starts: list[str], work: Path, c_articles: int) -> list[str]:
    baseline = [sys.executable, str(BENCH / "baseline.py")]
    if variant in "asp":
        kind = {"a": "bare", "s": "stock", "p": "profile"}[variant]
        return [*baseline, kind, str(work / "out.jsonl"), *starts]
    if variant == "c":
        return [*baseline, "trafilatura", str(work / "out.jsonl"), str(c_articles), *starts]
    if variant == "g":  # (b) read by the generic profile instead of the site's own (issue: any news site)
        return [*command("b", starts, work, c_articles), "-a", "site=generic"]
    if variant == "w":  # (b) archiving every response in WARC files (bench/warc.py)
        warc = work / "warc" / "%(name)s-%(index)05d.warc.gz"
        return [*command("b", starts, work, c_articles), "-s", f"NEWSCRAWL_WARC={warc}"]
    scrapy = str(Path(sys.executable).with_name("scrapy"))
    # The sections are 1 212 listing pages deep, past NEWSCRAWL_MAX_PAGES (1 000): unbounded, like (a).
    return [scrapy, "crawl", "news", "-a", f"start_urls={','.join(starts)}", "-O", str(work / "out.jsonl"),
            "-s", f"NEWSCRAWL_STATE_DIR={work / 'state'}", "-s", "NEWSCRAWL_MAX_PAGES=0"]  # fmt: skip


def crawl(variant: str, starts: list[str], work: Path, c_articles: int) -> Result:
    work.mkdir(parents=True)
    progress = LineCounter(work, ".out.jsonl.*") if variant == "b" else None
    return run(command(variant, starts, work, c_articles), work / "log.txt", work, progress)


def figures(variant: str, result: Result) -> dict[str, float]:
    """pages/s over Scrapy's own elapsed time (start-up excluded), CPU s per 1000 articles, RSS."""
    pages = result.stats.get("response_received_count", 0)
    articles = result.stats.get(ARTICLE_STAT[variant], 0)
    elapsed = result.stats.get("elapsed_time_seconds", result.wall)
    return {
        "pages": pages,
        "articles": articles,
        "items": result.stats.get("item_scraped_count", 0),
        "pages_s": pages / elapsed,
        "cpu_1k": 1000 * result.cpu / max(articles, 1),
        "rss": result.peak_mib,
        # Memory growth: RSS half-way through the crawl (by time) and, for (b), at 10 000 exported articles.
        "rss_mid": result.samples[len(result.samples) // 2][1] if result.samples else float("nan"),
        "rss_10k": rss_at(result.samples, 10_000) if variant == "b" else float("nan"),
        "exit": result.exit,
    }


def rss_at(samples: list[tuple[int, float]], articles: int) -> float:
    """The RSS when `articles` articles had been exported (the first sample at or past it)."""
    return next((rss for count, rss in samples if count >= articles), float("nan"))


def report_round(number: int, rows: dict[str, dict[str, float]]) -> None:
    for variant, row in rows.items():
        cells = ", ".join(f"{key} {value:.1f}" for key, value in row.items())
        print(f"round {number} ({variant}): {cells}", flush=True)


def summary(rounds: list[dict[str, dict[str, float]]]) -> None:
    print("\n| crawl | pages/s | articles | CPU s / 1000 articles | peak RSS MiB | RSS half-way MiB |")
    print("| --- | --- | --- | --- | --- | --- |")
    names = {
        "a": "(a) bare Scrapy",
        "s": "(s) bare Scrapy, Scrapy's tuning",
        "p": "(p) bare Scrapy + site profile",
        "b": "(b) scrapy crawl news",
        "c": "(c) Scrapy + trafilatura",
    }
    for variant in [v for v in VARIANTS if v in rounds[0]]:
        keys = ("pages_s", "articles", "cpu_1k", "rss", "rss_mid", "rss_10k")
        med = {key: median([r[variant][key] for r in rounds]) for key in keys}
        print(f"| {names[variant]} | {med['pages_s']:.1f} | {med['articles']:.0f} | {med['cpu_1k']:.2f} | "
              f"{med['rss']:.0f} | {med['rss_mid']:.0f} |")  # fmt: skip
        if variant == "b" and med["rss_10k"] == med["rss_10k"]:
            print(f"(b) RSS at 10 000 articles {med['rss_10k']:.0f} MiB, peak {med['rss']:.0f} MiB: "
                  f"{med['rss'] / med['rss_10k']:.2f}x")  # fmt: skip
    pairs = (("b", "a"), ("c", "b"), ("p", "a"), ("b", "p"), ("b", "s"), ("a", "s"))
    for top, bottom in [(t, b) for t, b in pairs if {t, b} <= rounds[0].keys()]:
        ratios = [r[top]["pages_s"] / r[bottom]["pages_s"] for r in rounds]
        each = ", ".join(f"{ratio:.2f}" for ratio in ratios)
        print(f"{top}/{bottom} pages/s: median {median(ratios):.2f} (rounds: {each})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000, help="listed articles (default 20000)")
    parser.add_argument("--runs", type=int, default=3, help="rounds of every variant (default 3)")
    parser.add_argument("--c-articles", type=int, default=5000, help="(c) stops after this many (5000)")
    parser.add_argument("--variants", default="apbc", help="which crawls to run, e.g. b (default apbc)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newscrawl-bench-") as tmp:
        with served_site(Path(tmp), args.articles) as served:
            starts, pages, size = served.start_urls, served.pages, served.bytes
            print(f"site: {served.articles} article pages, {pages} pages, {size / 1e6:.0f} MB, "
                  f"{size / pages / 1e3:.0f} kB/page, {len(starts)} sections")  # fmt: skip
            print(f"nginx ceiling, one article page: {ceiling(served.probes[0])}")
            print(f"nginx ceiling, one listing page: {ceiling(served.probes[1])}", flush=True)
            rounds = []
            for number in range(args.runs):
                chosen = [v for v in VARIANTS if v in args.variants]
                order = chosen[number % len(chosen) :] + chosen[: number % len(chosen)]
                work = Path(tmp) / f"round{number}"
                results = {v: crawl(v, starts, work / v, args.c_articles) for v in order}
                rows = {v: figures(v, results[v]) for v in order}
                report_round(number + 1, rows)
                rounds.append(rows)
        summary(rounds)


if __name__ == "__main__":
    main()
