"""Each pipeline alone, built from a real crawler so stats are the ones a run would report."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from newscrawl.items import ARTICLE_META, JSONLD, Article, DateCandidate, Fetch, RawArticle
from newscrawl.pipelines.dedupe import DedupePipeline
from newscrawl.pipelines.identity import IdentityPipeline
from newscrawl.pipelines.metadata import MetadataPipeline, primary_language
from newscrawl.pipelines.timestamps import TimestampPipeline
from newscrawl.pipelines.validation import NotAnArticle, ValidationPipeline
from newscrawl.pipelines.versions import VersionPipeline
from newscrawl.settings import ITEM_PIPELINES
from newscrawl.state import SQLiteStateStore
from newscrawl.state.owner import CrawlState
from tests.support import run_pipelines

if TYPE_CHECKING:
    from pathlib import Path

VALIDATION = ITEM_PIPELINES["newscrawl.pipelines.validation.ValidationPipeline"]

RAW = RawArticle(
    site="news24", url="https://n.example/news24/World/x-20220216?utm_source=t", http_date=None,
    fetched_at=datetime(2022, 2, 16, 13, 45, 7, 250000, tzinfo=UTC), timezone="Africa/Johannesburg",
    language="en-ZA", canonical_url=None, title="<h1> A &amp; B </h1>", summary=(),
    body=("<p>Only paragraph.</p>",), dates=(), section=None,
    tags=("<a>x</a>", "<a>x</a>", "<a>y</a>"), authors=(),
    related_urls=("https://n.example/a-20220215#c", "https://n.example/a-20220215?fbclid=1"),
)  # fmt: skip


def stats_crawler():  # type: ignore[no-untyped-def]
    crawler = get_crawler()
    crawler.stats.open_spider()
    return crawler


def test_identity_falls_back_to_fetched_url_without_tracking() -> None:
    item = IdentityPipeline().process_item(Article(raw=RAW))
    assert item.url == "https://n.example/news24/World/x-20220216?utm_source=t"
    assert item.canonical_url == "https://n.example/news24/World/x-20220216"
    assert item.related_urls == ["https://n.example/a-20220215"]
    assert item.crawled_at == "2022-02-16T13:45:07Z"
    assert item.site == "news24"


def test_metadata_cleans_and_dedupes() -> None:
    item = MetadataPipeline().process_item(Article(raw=RAW))
    assert (item.title, item.tags, item.section, item.language) == ("A & B", ["x", "y"], None, "en")


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("en", "en"), ("en-ZA", "en"), ("EN_gb", "en"), ("  af ", "af"), ("", None), (None, None)],
)
def test_primary_language(tag: str | None, expected: str | None) -> None:
    assert primary_language(tag) == expected


def test_full_chain_without_dates_gives_null_timestamp() -> None:
    item = run_pipelines(RAW)
    assert (item.published_at, item.published_at_source, item.published_at_precision) == (
        None,
        None,
        None,
    )
    assert (item.body, item.summary, item.modified_at) == ("Only paragraph.", [], None)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        pytest.param(replace(RAW, title=None), "missing_title", id="no-title"),
        pytest.param(replace(RAW, title="<h1> </h1>"), "missing_title", id="blank-title"),
        pytest.param(replace(RAW, body=("<p>\u00a0</p>",)), "missing_body", id="blank-body"),
        pytest.param(replace(RAW, title=None, body=()), "missing_title", id="neither"),
    ],
)
def test_validation_drops_and_counts_by_reason(raw: RawArticle, reason: str) -> None:
    crawler = stats_crawler()
    article = run_pipelines(raw, below=VALIDATION)
    with pytest.raises(DropItem, match=rf"^{reason}: https://n\.example/news24/World/x-20220216"):
        ValidationPipeline.from_crawler(crawler).process_item(article)
    assert crawler.stats.get_stats() == {f"newscrawl/dropped/{reason}": 1}


def test_validation_passes_complete_article() -> None:
    crawler = stats_crawler()
    article = run_pipelines(RAW)
    assert ValidationPipeline.from_crawler(crawler).process_item(article) is article
    assert crawler.stats.get_stats() == {}


def test_dedupe_drops_second_article_with_same_canonical() -> None:
    crawler = stats_crawler()
    pipeline = DedupePipeline.from_crawler(crawler)
    first = run_pipelines(RAW)
    second = run_pipelines(
        replace(RAW, url="https://n.example/news24/world/x-20220216", canonical_url=first.canonical_url)
    )
    assert pipeline.process_item(first) is first
    with pytest.raises(DropItem, match=r"^duplicate of https://n\.example/news24/World/x-20220216: "):
        pipeline.process_item(second)
    assert crawler.stats.get_stats() == {"newscrawl/dropped/duplicate": 1}


LONG_ARTICLE = (
    "<p>The 404 bus route was cut on Monday. Page not found errors plagued the tax site for hours, and "
    "readers who tried to subscribe to continue reading the council's report were told to accept cookies "
    "to continue. Officials said the outage was caused by a misconfigured load balancer.</p>",
    "<p>By evening the service was back, and the council promised a full review of its contracts with "
    "the hosting provider, whose previous outage had lasted two days.</p>",
)


@pytest.mark.parametrize(
    ("title", "body", "reason"),
    [
        pytest.param("<h1>Page not found</h1>", ("<p>Try the search box.</p>",), "soft_404", id="title"),
        pytest.param("<h1>404</h1>", ("<p>Go home.</p>",), "soft_404", id="bare-404"),
        pytest.param("<h1>404 | News24</h1>", ("<p>Go home.</p>",), "soft_404", id="404-site-name"),
        pytest.param("<h1>Oops</h1>", ("<p>Error 404: gone.</p>",), "soft_404", id="error-404"),
        pytest.param(
            "<h1>Oops</h1>", ("<p>This page doesn\u2019t exist.</p>",), "soft_404", id="curly-apostrophe"
        ),
        pytest.param("<h1>Oops</h1>", ("<p>Sorry, we couldn't find that page.</p>",), "soft_404", id="sorry"),
        pytest.param(
            "<h1>Budget 2022</h1>", ("<p>Subscribe to continue reading.</p>",), "paywall", id="paywall"
        ),
        pytest.param(
            "<h1>Budget 2022</h1>",
            ("<p>Lead.</p>", "<p>This content is for subscribers. Already a subscriber? Log in</p>"),
            "paywall",
            id="subscribers-only",
        ),
    ],
)
def test_validation_drops_short_non_articles(title: str, body: tuple[str, ...], reason: str) -> None:
    crawler = stats_crawler()
    article = run_pipelines(replace(RAW, title=title, body=body), below=VALIDATION)
    with pytest.raises(DropItem, match=rf"^{reason}: https://n\.example/news24/World/x-20220216"):
        ValidationPipeline.from_crawler(crawler).process_item(article)
    assert crawler.stats.get_stats() == {f"newscrawl/dropped/{reason}": 1}


@pytest.mark.parametrize(
    ("title", "body"),
    [
        pytest.param("<h1>Page not found: why the tax site failed</h1>", LONG_ARTICLE, id="long-article"),
        pytest.param("<h1>404 people evacuated</h1>", ("<p>Short brief.</p>",), id="404-in-headline"),
        pytest.param("<h1>Flight 404 lands</h1>", ("<p>Subscribers got refunds.</p>",), id="short-mention"),
    ],
)
def test_validation_keeps_articles_that_mention_error_words(title: str, body: tuple[str, ...]) -> None:
    crawler = stats_crawler()
    article = run_pipelines(replace(RAW, title=title, body=body), below=VALIDATION)
    assert ValidationPipeline.from_crawler(crawler).process_item(article) is article
    assert crawler.stats.get_stats() == {}


@pytest.mark.parametrize(
    ("title", "body", "not_article", "reason"),
    [
        pytest.param("<h1>Just a moment...</h1>", ("<p>Enable JavaScript and cookies to continue</p>",),
                     None, "blocked", id="cloudflare-challenge"),
        pytest.param("<h1>Attention Required! | Cloudflare</h1>", ("<p>Sorry, you have been blocked</p>",),
                     None, "blocked", id="cloudflare-block"),
        pytest.param("<h1>Access Denied</h1>", ("<p>You don't have permission to access this page.</p>",),
                     None, "blocked", id="akamai"),
        pytest.param("<h1>Budget 2022</h1>", ("<p>Request unsuccessful. Incapsula incident ID: 70300</p>",),
                     None, "blocked", id="incapsula"),
        pytest.param("<h1>Before you go</h1>", ("<p>We value your privacy. Accept cookies to continue.</p>",),
                     None, "consent_wall", id="consent"),
        pytest.param("", (), "empty", "empty", id="blank-answer"),
    ],
)  # fmt: skip
def test_validation_counts_a_block_or_blank_answer_as_a_failure_not_a_verdict(
    title: str, body: tuple[str, ...], not_article: str | None, reason: str
) -> None:
    """The site refused the fetch: a failure the exit code weighs, and not `NotAnArticle`, whose URL the
    spider would set aside although the page behind it may be a good article."""
    crawler = stats_crawler()
    raw = replace(RAW, title=title, body=body, not_article=not_article)
    article = run_pipelines(raw, below=VALIDATION)
    with pytest.raises(DropItem, match=rf"^{reason}: https://n\.example/news24/World/x-20220216") as dropped:
        ValidationPipeline.from_crawler(crawler).process_item(article)
    assert not isinstance(dropped.value, NotAnArticle)
    assert crawler.stats.get_stats() == {f"newscrawl/failed/{reason}": 1}


@pytest.mark.parametrize(
    ("title", "body"),
    [
        pytest.param("<h1>Are you a robot? How call centres test you</h1>", LONG_ARTICLE, id="long-article"),
        pytest.param("<h1>Just a moment... of silence</h1>", ("<p>The city paused.</p>",), id="title"),
        pytest.param("<h1>Court hears of access denied</h1>", ("<p>Short brief.</p>",), id="phrase"),
    ],
)
def test_validation_keeps_articles_that_mention_block_words(title: str, body: tuple[str, ...]) -> None:
    crawler = stats_crawler()
    article = run_pipelines(replace(RAW, title=title, body=body), below=VALIDATION)
    assert ValidationPipeline.from_crawler(crawler).process_item(article) is article
    assert crawler.stats.get_stats() == {}


def test_validation_length_guard_is_a_setting() -> None:
    crawler = get_crawler(settings_dict={"NEWSCRAWL_INTERSTITIAL_MAX_CHARS": 1000})
    crawler.stats.open_spider()
    article = run_pipelines(replace(RAW, title="<h1>Page not found</h1>", body=LONG_ARTICLE))
    assert len(article.body) == 438  # over the default 400
    with pytest.raises(DropItem, match=r"^soft_404: "):
        ValidationPipeline.from_crawler(crawler).process_item(article)
    assert crawler.stats.get_stats() == {"newscrawl/dropped/soft_404": 1}


def test_versions_look_an_article_up_once_per_distinct_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    crawler = get_crawler(settings_dict={"NEWSCRAWL_STATE_DIR": str(tmp_path)})
    crawler.stats.open_spider()
    store = CrawlState.of(crawler).site_state("news24").store
    assert isinstance(store, SQLiteStateStore)
    asked: list[str] = []
    monkeypatch.setattr(store, "get", lambda key: asked.append(key) or SQLiteStateStore.get(store, key))
    versions = VersionPipeline.from_crawler(crawler)
    direct = run_pipelines(RAW, below=VALIDATION)
    redirected = replace(direct, fetch=Fetch(requested_url="https://n.example/news24/world/old-20220216"))
    assert versions.process_item(direct).version == 1
    assert asked == ["https://n.example/news24/world/x-20220216"]
    asked.clear()
    assert versions.process_item(redirected).version == 1
    assert asked == [
        "https://n.example/news24/world/x-20220216",
        "https://n.example/news24/world/old-20220216",
    ]
    store.close()


def test_a_publication_date_far_after_the_fetch_is_counted_and_the_next_one_used() -> None:
    dates = (
        DateCandidate(JSONLD, "9999-12-31T00:00:00+00:00"),
        DateCandidate(ARTICLE_META, "2022-02-16T14:56:00+02:00"),
    )
    crawler = stats_crawler()
    article = Article(raw=replace(RAW, dates=dates))
    TimestampPipeline.from_crawler(crawler).process_item(article)
    assert (article.published_at, article.published_at_source) == (
        "2022-02-16T14:56:00+02:00",
        "article_meta",
    )
    assert crawler.stats.get_stats() == {"newscrawl/dates/future": 1}
