"""`scrapy extract`: the Article a crawl would export from a saved page, as one JSON line.

    scrapy extract --url URL [--fetched-at ISO-8601] [--http-date RFC-1123] [--site NAME] FILE
    scrapy extract [--site NAME] FILE.warc.gz [FILE ...]

`FILE` is the page's bytes as served (`-` reads standard input). The page goes the crawl's way: decoded as
Scrapy decodes a response (BOM, `<meta charset>`), read by the profile `--site` names or the one the
crawl would choose for its URL and layout, then through the configured item pipelines of a stateless run
(version 1, `first_seen` = the fetch time). `--fetched-at` (default: now) and `--http-date` (the
response's `Date` header, which relative dates such as "49m ago" count back from) pin the clock, so the
same file always gives the same line. A page the crawl would not export (not an article, a soft 404)
prints nothing, says why on standard error, and exits 1; a wrong option exits 2.

WARC files (recognized by their content, plain or gzip; commands/warcinput.py) give one line for every
archived HTML response that is an article, with the record's URL, its WARC-Date as the fetch time and its
HTTP `Date` header; what was skipped is counted on standard error. It exits 1 when no article was found.
"""

from __future__ import annotations

import logging
import sys
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import DropItem, UsageError
from scrapy.http import HtmlResponse

from newscrawl import config
from newscrawl.commands import warcinput
from newscrawl.commands.warcinput import Skipped, archived_pages, is_warc
from newscrawl.export.exporters import ArticleJsonLinesExporter
from newscrawl.items import Article
from newscrawl.page import page_of
from newscrawl.pipelines import run_pipelines
from newscrawl.sites.registry import SiteChooser, load_site_modules, site_named

if TYPE_CHECKING:
    import argparse
    from io import BytesIO

    from scrapy.crawler import Crawler

    from newscrawl.page import Page


class Command(ScrapyCommand):
    requires_project = True
    default_settings: ClassVar[dict[str, Any]] = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return (
            "--url URL [--fetched-at ISO-8601] [--http-date RFC-1123] [--site NAME] FILE"
            " | [--site NAME] FILE.warc.gz [FILE ...]"
        )

    def short_desc(self) -> str:
        return "Print the Article a crawl would export from a saved page (FILE, or - for standard input)"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--url", help="the URL the page was fetched from (required)")
        parser.add_argument(
            "--fetched-at", help="when it was fetched, ISO 8601 with an offset (default: now)"
        )
        parser.add_argument(
            "--http-date", help="the response's Date header, e.g. 'Wed, 16 Feb 2022 13:45:00 GMT'"
        )
        parser.add_argument("--site", help="the site profile that reads it (default: the crawl's choice)")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        fields = self.settings.getlist("FEED_EXPORT_FIELDS")
        stdout = cast(
            "BytesIO", sys.stdout.buffer
        )  # Scrapy's exporters are typed for BytesIO; any binary file works
        exporter = ArticleJsonLinesExporter(stdout, fields_to_export=fields, encoding="utf-8")
        warcs = [Path(arg) for arg in args if arg != "-" and Path(arg).is_file() and is_warc(Path(arg))]
        if warcs and len(warcs) == len(args):
            self.exitcode = 0 if self.extract_warcs(warcs, opts.site, exporter) else 1
            sys.stdout.flush()
            return
        page = self.page(args, opts)
        try:
            article = self.article(page, opts.site)
        except DropItem as drop:
            print(f"not exported: {drop}", file=sys.stderr)
            self.exitcode = 1
            return
        exporter.export_item(article)
        sys.stdout.flush()

    def extract_warcs(self, paths: list[Path], site: str | None, exporter: ArticleJsonLinesExporter) -> int:
        """Export every article of the WARC files; how many. Skips are summed up on standard error."""
        skipped: Skipped = Counter()
        warnings = logging.getLogger(warcinput.__name__)  # bad records, with their offsets
        warnings.addHandler(logging.StreamHandler(sys.stderr))
        warnings.propagate = False
        exported = 0
        for path in paths:
            for archived in archived_pages(path, skipped):
                page = page_of(archived.response)
                assert page is not None  # an HtmlResponse is always a page
                try:
                    exporter.export_item(self.article(replace(page, fetched_at=archived.fetched_at), site))
                except DropItem as drop:
                    skipped["not_exported"] += 1
                    print(f"not exported: {drop} (offset {archived.offset})", file=sys.stderr)
                else:
                    exported += 1
        counts = ", ".join(f"{reason} {n}" for reason, n in sorted(skipped.items()))
        print(f"{exported} articles; skipped: {counts or 'nothing'}", file=sys.stderr)
        return exported

    def page(self, args: list[str], opts: argparse.Namespace) -> Page:
        if len(args) != 1:
            raise UsageError("give one FILE, or - for standard input")
        if not opts.url:
            raise UsageError("--url is required: use --url https://host/path/of/the/page")
        when = fetched_at(opts.fetched_at)
        try:
            body = sys.stdin.buffer.read() if args[0] == "-" else Path(args[0]).read_bytes()
        except OSError as error:
            raise UsageError(f"cannot read {args[0]}: {error.strerror}") from error
        headers = {"Date": opts.http_date} if opts.http_date else {}
        page = page_of(HtmlResponse(opts.url, body=body, headers=headers))
        assert page is not None  # an HtmlResponse is always a page
        return replace(page, fetched_at=when)

    def article(self, page: Page, forced: str | None) -> Article:
        """The page through the profile and the pipelines, as a crawl would export it."""
        raw = self.chooser(forced).for_page(page).article(page)
        return run_pipelines(self.pipeline_crawler(), Article(raw=raw))

    @cache  # noqa: B019 - one command object per process; the chooser remembers each origin's profile
    def chooser(self, forced: str | None) -> SiteChooser:
        assert self.settings is not None
        load_site_modules(config.get_list(self.settings, "NEWSCRAWL_SITE_MODULES"))
        try:
            return SiteChooser(site_named(forced) if forced else None)
        except ValueError as error:
            raise UsageError(str(error).replace("-a site=", "--site ")) from error

    @cache  # noqa: B019 - one command object per process, and a crawler costs ~10 ms to build
    def pipeline_crawler(self) -> Crawler:
        """A crawler that is never started: its settings and stats are what the pipelines read."""
        assert self.crawler_process is not None
        crawler = self.crawler_process.create_crawler("news")
        crawler.settings.set("NEWSCRAWL_STATE_DIR", "", priority="cmdline")  # stateless, no archive
        crawler._apply_settings()
        assert crawler.stats is not None
        crawler.stats.open_spider()
        return crawler


def fetched_at(value: str | None) -> datetime:
    """`--fetched-at`, timezone-aware; now when not given."""
    if value is None:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise UsageError(
            f"--fetched-at {value!r} is not ISO 8601 with an offset: use e.g. 2022-02-16T13:45:07Z"
        )
    return moment
