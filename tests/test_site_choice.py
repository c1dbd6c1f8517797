"""Which profile reads which pages: forced, by host, by URL path, by page layout, else the fallback; and a
run over two hosts, each read by its own profile."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest

from newscrawl.page import Page
from newscrawl.sites.registry import FALLBACK_SITE, SiteChooser, load_site_modules, site_named
from newscrawl.state import SQLiteStateStore, state_path
from newscrawl.state.owner import SiteState
from tests.server import Reply, RouteServer
from tests.support import CONTRACT_FIELDS, FIXTURES, read_jsonl, scrapy_crawl
from tests.test_bad_input import article_html, listing_html, stat
from tests.test_second_site import ROUTES as TINY_ROUTES

if TYPE_CHECKING:
    from pathlib import Path

load_site_modules(["tests.sites.tinytimes"])
NEWS24_LISTING = (FIXTURES / "news24" / "listing.html").read_bytes()
NEWS24_ARTICLE = (FIXTURES / "news24" / "article.html").read_bytes()
TINY_INDEX = (FIXTURES / "tinytimes" / "index.html").read_bytes()
TINY_STORY = (FIXTURES / "tinytimes" / "story.html").read_bytes()


def page(url: str, body: bytes) -> Page:
    return Page(url, body, "utf-8", fetched_at=datetime(2022, 2, 16, tzinfo=UTC))


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.news24.com/anything", "news24"),  # its host
        ("https://tiny.example/story/1-a", "tinytimes"),
        ("http://127.0.0.1:8000/news24/world/news", "news24"),  # its URL path
        ("http://127.0.0.1:8000/NEWS24", "news24"),
        ("http://127.0.0.1:8000/", None),  # only its first page can tell
        ("http://127.0.0.1:8000/news24x/world", None),
    ],
)
def test_a_profile_is_known_by_host_or_url_path_before_any_fetch(url: str, expected: str | None) -> None:
    site = SiteChooser().for_url(url)
    assert (site.name if site else None) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (NEWS24_LISTING, "news24"),
        (NEWS24_ARTICLE, "news24"),
        (article_html(None).encode(), "news24"),  # an article whose title is missing
        (TINY_INDEX, "tinytimes"),
        (TINY_STORY, "tinytimes"),
    ],
)
def test_an_unclaimed_origin_gets_the_profile_whose_layout_its_first_page_shows(
    body: bytes, expected: str
) -> None:
    chooser = SiteChooser()
    assert chooser.for_page(page("http://127.0.0.1:8000/", body)).name == expected
    assert [site.name for site in chooser.chosen.values()] == [expected]


def test_each_profile_recognizes_only_its_own_layout() -> None:
    news24, tiny = site_named("news24"), site_named("tinytimes")
    pages = [
        page("http://x.example/", body) for body in (NEWS24_LISTING, NEWS24_ARTICLE, TINY_INDEX, TINY_STORY)
    ]
    assert [(news24.recognizes(p), tiny.recognizes(p)) for p in pages] == [
        (True, False), (True, False), (False, True), (False, True),
    ]  # fmt: skip
    assert not news24.recognizes(page("http://x.example/", b"<html><body><p>Hello</p></body></html>"))


def test_an_origin_keeps_its_profile_for_pages_without_markers_and_others_get_theirs() -> None:
    chooser = SiteChooser()
    assert chooser.for_page(page("http://127.0.0.1:8000/", TINY_INDEX)).name == "tinytimes"
    assert chooser.for_page(page("http://127.0.0.1:8000/?page=9", b"<html></html>")).name == "tinytimes"
    assert chooser.for_url("http://127.0.0.1:8000/news24/world/news").name == "tinytimes"  # type: ignore[union-attr]
    assert chooser.for_page(page("http://127.0.0.1:8001/", b"<html></html>")).name == FALLBACK_SITE
    assert chooser.for_page(page("http://127.0.0.2:8000/", NEWS24_LISTING)).name == "news24"
    chosen = {origin: site.name for origin, site in chooser.chosen.items()}
    assert chosen == {
        "http://127.0.0.1:8000": "tinytimes",
        "http://127.0.0.1:8001": FALLBACK_SITE,
        "http://127.0.0.2:8000": "news24",
    }


def test_a_forced_profile_reads_every_page() -> None:
    chooser = SiteChooser(site_named("tinytimes"))
    assert chooser.for_url("https://www.news24.com/news24/world/news").name == "tinytimes"  # type: ignore[union-attr]
    assert chooser.for_page(page("http://127.0.0.1:8000/", NEWS24_LISTING)).name == "tinytimes"


SECTION = "/news24/world/news"
REFERENCE = f"{SECTION}/nato-says-russia-still-adding-troops-to-ukraine-build-up-20220216"
LINKED = REFERENCE.replace("/world/news/", "/World/News/")  # as the section links it: its path case varies
PROMOS = (
    f"{SECTION}/tiktok-is-full-of-videos-of-russias-troop-build-up-it-may-be-aiding-putins-intimidation-campaign-20220215",
    f"{SECTION}/us-has-not-seen-any-sign-of-russian-troop-pullback-near-ukraine-as-eu-warns-of-punishment-20220216",
)


def news24_routes(base_url: str) -> dict[str, Reply]:
    """A section with the reference article, whose absolute links name this server."""
    article = NEWS24_ARTICLE.replace(b"https://www.news24.com", base_url.encode())
    promos = {path: Reply(article_html(f"Promo {n}")) for n, path in enumerate(PROMOS)}
    return {SECTION: Reply(listing_html([LINKED])), LINKED: Reply(article), **promos}


@pytest.mark.integration
def test_one_run_reads_each_host_with_its_own_profile(tmp_path: Path) -> None:
    tiny_date = "Mon, 01 May 2023 09:30:00 GMT"  # its pages are of May 2023: a later date is believed
    with RouteServer({}) as news24, RouteServer(TINY_ROUTES, tiny_date, host="127.0.0.2") as tiny:
        news24.routes = news24_routes(news24.base_url)
        starts = f"start_urls={news24.base_url}{SECTION},{tiny.base_url}/"
        result = scrapy_crawl(
            tmp_path, "-a", starts, "-s", "NEWSCRAWL_SITE_MODULES=tests.sites.tinytimes", "-O", "out.jsonl"
        )
    assert result.returncode == 0, result.stderr[-3000:]
    records = {record["canonical_url"]: record for record in read_jsonl(tmp_path / "out.jsonl")}
    assert sorted((record["site"], url) for url, record in records.items()) == sorted(
        [("news24", news24.base_url + path) for path in (REFERENCE, *PROMOS)]
        + [("tinytimes", f"{tiny.base_url}/story/{name}") for name in TINY_STORIES]
    )
    reference = json.loads(
        (FIXTURES / "news24/article.expected.json")
        .read_text()
        .replace("https://www.news24.com", news24.base_url)
    )
    story = json.loads(
        (FIXTURES / "tinytimes/story.expected.json")
        .read_text()
        .replace("https://tiny.example", tiny.base_url)
    )
    for expected in (reference, story):
        got = records[expected["canonical_url"]]
        assert {field: got[field] for field in CONTRACT_FIELDS} == expected
    assert re.search(
        rf"Site profile news24 reads {news24.base_url} \(chosen by its URL path\)", result.stderr
    )
    assert re.search(
        rf"Site profile tinytimes reads {tiny.base_url} \(chosen by its page layout\)", result.stderr
    )
    manifest = json.loads((tmp_path / "out.jsonl.manifest.json").read_text())
    assert manifest["site"] == "news24,tinytimes"
    for name, base, other in (
        ("news24", news24.base_url, tiny.base_url),
        ("tinytimes", tiny.base_url, news24.base_url),
    ):
        with SQLiteStateStore(state_path(tmp_path / "state", name)) as store:
            state = SiteState(site_named(name), store)
            mine = [url for url in records if url.startswith(base)]
            theirs = [url for url in records if url.startswith(other)]
            assert [store.get(state.key(url)).status for url in mine] == ["exported"] * len(mine)  # type: ignore[union-attr]
            assert [store.get(state.key(url)) for url in theirs] == [None] * len(theirs)


TINY_STORIES = ("7-baustellen-im-mai", "8-neuer-wochenmarkt", "9-bruecke-wieder-offen")


@pytest.mark.integration
def test_a_copy_of_the_reference_layout_anywhere_is_read_by_the_reference_profile(tmp_path: Path) -> None:
    """No `-a site`, and nothing in the start URL says News24: the home page's cards do."""
    cards = json.loads((FIXTURES / "news24/listing.expected.json").read_text())["article_urls"]
    paths = [url.removeprefix("https://www.news24.com") for url in cards]
    routes = {
        "/": Reply(NEWS24_LISTING.replace(b"https://www.news24.com", b"")),
        **{path: Reply(article_html(f"Story {n}")) for n, path in enumerate(paths)},
        paths[0]: Reply(NEWS24_ARTICLE),
    }
    with RouteServer(routes) as server:
        result = scrapy_crawl(tmp_path, "-a", f"start_urls={server.base_url}/", "-O", "out.jsonl")
    assert result.returncode == 0, result.stderr[-3000:]
    assert f"Site profile news24 reads {server.base_url} (chosen by its page layout)" in result.stderr
    records = read_jsonl(tmp_path / "out.jsonl")
    assert sorted(record["url"] for record in records) == sorted(server.base_url + path for path in paths)
    assert {record["site"] for record in records} == {"news24"}
    reference = next(record for record in records if record["url"] == server.base_url + paths[0])
    expected = json.loads((FIXTURES / "news24/article.expected.json").read_text())
    fields = ("title", "summary", "body", "published_at", "section", "tags", "language")
    assert {field: reference[field] for field in fields} == {field: expected[field] for field in fields}
    # Its canonical link names www.news24.com, an origin this run does not crawl: the page keeps its URL.
    assert reference["canonical_url"] == server.base_url + paths[0]
    assert stat(result.stderr, "newscrawl/canonical/ignored") == 1


@pytest.mark.parametrize(
    ("site", "url", "store"),
    [
        ("news24", "https://www.news24.com/news24/world/news/a-20220216", "news24"),
        ("news24", "http://127.0.0.1:8000/news24/world/news", "news24"),
        ("generic", "https://www.dailycourier.example/news/a-story", "generic-www_dailycourier_example"),
        ("generic", "http://127.0.0.1:8000/", "generic-127_0_0_1"),
        ("generic", "https://xn--bcher-kva.example/a", "generic-xn--bcher-kva_example"),
        ("generic", "", "generic"),
    ],
)
def test_a_profile_keeps_one_store_and_the_generic_one_a_store_per_host(
    site: str, url: str, store: str
) -> None:
    assert site_named(site).state_name(url) == store
