"""Helpers shared by the tests: the real pipeline chain, the schema check, and the real command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
from scrapy.utils.test import get_crawler

from newscrawl import pipelines, settings
from newscrawl.items import EXPORTED_FIELDS, Article, RawArticle
from newscrawl.page import Page
from newscrawl.sites.registry import load_site_modules, site_named

FIXTURES = Path(__file__).parent / "fixtures"
CONTRACT_FIELDS = (
    "url", "canonical_url", "title", "summary", "body", "published_at", "modified_at",
    "section", "tags", "related_urls", "authors", "language",
)  # fmt: skip


@cache
def schema_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(files("newscrawl").joinpath("schema/article.schema.json").read_text())
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def exported(article: Article) -> dict[str, Any]:
    """The article as one JSONL line would carry it."""
    return {name: getattr(article, name) for name in EXPORTED_FIELDS}


def run_pipelines(raw: RawArticle, below: int = 10_000) -> Article:
    """`raw` through every configured pipeline whose order number is under `below`, in order, as a
    stateless single-machine run enables them."""
    crawler = get_crawler(
        settings_dict={"ITEM_PIPELINES": settings.ITEM_PIPELINES, "NEWSCRAWL_STATE_DIR": ""}
    )
    crawler.stats.open_spider()
    return pipelines.run_pipelines(crawler, Article(raw=raw), below)


def fixture_page(site_dir: str, name: str) -> tuple[str, Page]:
    """A saved page of the site named like its folder, fetched as its `pages.json` states."""
    meta = json.loads((FIXTURES / site_dir / "pages.json").read_text())
    load_site_modules([meta["module"]])
    expected = json.loads((FIXTURES / site_dir / f"{name}.expected.json").read_text())
    pinned = meta["pages"][name]
    page = Page(
        url=expected["url"],
        body=(FIXTURES / site_dir / f"{name}.html").read_bytes(),
        encoding="utf-8",
        fetched_at=datetime.fromisoformat(pinned["fetched_at"]),
        http_date=pinned["http_date"],
    )
    return site_dir, page


def item_from_fixture(site_dir: str, name: str) -> dict[str, Any]:
    site_name, page = fixture_page(site_dir, name)
    return exported(run_pipelines(site_named(site_name).article(page)))


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Every line of a JSONL file, each checked against the shipped schema."""
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for record in records:
        schema_validator().validate(record)
        assert list(record) == list(EXPORTED_FIELDS)
    return records


def scrapy_command(*args: str) -> tuple[list[str], dict[str, str]]:
    """The argv and environment of `scrapy ARGS` exactly as a user types it in the project."""
    env = {
        **os.environ,
        "SCRAPY_SETTINGS_MODULE": "newscrawl.settings",
        "PYTHONPATH": str(Path(__file__).parents[1]),
    }
    return [str(Path(sys.executable).with_name("scrapy")), *args], env


def crawl_command(*args: str) -> tuple[list[str], dict[str, str]]:
    """The argv and environment of `scrapy crawl news ARGS`."""
    return scrapy_command("crawl", "news", *args)


def scrapy_crawl(cwd: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run `scrapy crawl news ARGS` in `cwd` to the end."""
    command, env = crawl_command(*args)
    return subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def stale_part_files(directory: Path) -> list[Path]:
    """The unpublished `.part` files anywhere under `directory`."""
    return sorted(directory.rglob(".*.part"))
