"""The demo site over real sockets: the server's contract, the seed-0 hard cases, and a rule-following
mini crawl (shared/site/README.md, read literally) that must reach exactly the expected items."""

from __future__ import annotations

import json
import re
import urllib.request
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, cast
from urllib.error import HTTPError
from urllib.parse import urljoin, urlsplit

import pytest
from parsel import Selector

from newscrawl.demo import DemoServer, build_site

if TYPE_CHECKING:
    from collections.abc import Iterator
    from email.message import Message

    from newscrawl.demo.model import DemoSite

REFERENCE = "/news24/world/news/nato-says-russia-still-adding-troops-to-ukraine-build-up-20220216"
PINNED_DATE = "Wed, 16 Feb 2022 13:45:00 GMT"
HTML = "text/html; charset=utf-8"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "site"
PACKAGED = files("newscrawl.demo") / "pages"
ARTICLE_PATH = re.compile(r"-\d{8}(?:-\d{4})?$")


@pytest.fixture(scope="module")
def site() -> DemoSite:
    return build_site(0)


@pytest.fixture(scope="module")
def server(site: DemoSite) -> Iterator[DemoServer]:
    with DemoServer(site) as running:
        yield running


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def fetch(url: str, follow: bool = False) -> tuple[int, Message, str, str]:
    """Status, headers, decoded body and final URL; errors are answers too."""
    opener = urllib.request.build_opener() if follow else urllib.request.build_opener(_NoRedirects)
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, response.headers, response.read().decode(), response.url
    except HTTPError as error:
        with error:
            return error.code, error.headers, error.read().decode(), url


def test_every_reply_has_the_pinned_date_and_html_type(site: DemoSite, server: DemoServer) -> None:
    base = server.base_url
    for url in (site.start_urls(base)[0], base + REFERENCE, base + "/news24/nowhere"):
        _, headers, _, _ = fetch(url)
        assert (headers["Date"], headers["Content-Type"]) == (PINNED_DATE, HTML)


def test_robots_allows_everything(server: DemoServer) -> None:
    status, _, body, _ = fetch(server.base_url + "/robots.txt")
    assert (status, body) == (200, "User-agent: *\nAllow: /\n")


def test_article_path_is_case_insensitive_and_query_ignored(server: DemoServer) -> None:
    packaged = (PACKAGED / "reference-article.html").read_text("utf-8")
    spellings = (REFERENCE, REFERENCE.replace("/world/news/", "/World/News/"),
                 REFERENCE.upper().replace("/NEWS24/", "/news24/") + "?utm_source=x#c")  # fmt: skip
    for path in spellings:
        status, _, body, _ = fetch(server.base_url + path)
        assert (status, body) == (200, packaged)


def test_listed_old_slug_redirects_to_the_current_path(site: DemoSite, server: DemoServer) -> None:
    [(old, new)] = site.redirects.items()
    status, headers, _, _ = fetch(server.base_url + old.upper().replace("/NEWS24/", "/news24/"))
    assert (status, headers["Location"]) == (301, server.base_url + new)
    assert fetch(server.base_url + new)[0] == 200


def test_dead_promo_is_a_related_url_that_answers_404(site: DemoSite, server: DemoServer) -> None:
    items = site.expected_items(server.base_url)
    related = {url for item in items.values() for url in cast("list[str]", item["related_urls"])}
    [dead] = sorted(related - set(items))
    assert re.fullmatch(r"/news24/southafrica/news/[a-z0-9-]+-20220211", urlsplit(dead).path)
    assert fetch(dead)[0] == 404


def _article_cards(html: str, page_url: str, host: str) -> list[str]:
    """The README's card rule: not video cards, not partner content, not another host."""
    sel = Selector(text=html)
    hrefs = sel.css("article.article-item:not(.article-item--video) a.article-item--url::attr(href)")
    urls = [urljoin(page_url, href) for href in hrefs.getall()]
    return [
        url for url in urls
        if urlsplit(url).netloc == host and "/partnercontent/" not in url
        and "/video/" not in url and ARTICLE_PATH.search(urlsplit(url).path)
    ]  # fmt: skip


def test_listing_pages_paginate_and_stop(site: DemoSite, server: DemoServer) -> None:
    host = urlsplit(server.base_url).netloc
    counts = []
    for start in site.start_urls(server.base_url):
        url, path, pages = start, urlsplit(start).path, []
        while url:
            _, _, html, _ = fetch(url)
            sel = Selector(text=html)
            pages.append(len(_article_cards(html, url, host)))
            nxt = f"{path}?pageNumber={len(pages) + 1}"
            links = (
                sel.css("link[rel=next]::attr(href)").get(),
                sel.css("a.load-more__button::attr(href)").get(),
            )
            assert links in ((server.base_url + nxt, nxt), (None, None))
            url = links[0] or ""
        counts.append(pages)
        assert fetch(f"{start}?pageNumber={len(pages) + 1}")[0] == 404
        assert fetch(f"{start}?pageNumber=0")[0] == 404
    assert counts == [[6, 5, 6, 6], [6, 7, 6, 5], [6, 6, 5]]


def test_seed0_size_and_sections(site: DemoSite, server: DemoServer) -> None:
    base = server.base_url
    assert site.start_urls(base) == [
        base + "/news24/world/news",
        base + "/news24/southafrica/news",
        base + "/news24/politics/parliament",
    ]
    assert (len(site.expected_items(base)), len(site.trap_urls(base))) == (64, 14)


def test_other_seed_is_another_site() -> None:
    seed0, seed1 = build_site(0), build_site(1)
    paths0 = {urlsplit(url).path for url in seed0.expected_items("http://h")}
    paths1 = {urlsplit(url).path for url in seed1.expected_items("http://h")}
    assert (paths0 & paths1, len(paths1) >= 40) == (set(), True)
    assert build_site(1).expected_items("http://h") == seed1.expected_items("http://h")


def test_reference_item_is_the_shared_expected_rebased(site: DemoSite, server: DemoServer) -> None:
    raw = (PACKAGED / "reference-article.expected.json").read_text("utf-8")
    expected = json.loads(raw.replace("https://www.news24.com", server.base_url))
    assert site.expected_items(server.base_url)[server.base_url + REFERENCE] == expected


def test_packaged_reference_matches_its_sources() -> None:
    fixtures = Path(__file__).parent / "fixtures"
    sources = [SHARED / "article.expected.json", *fixtures.glob("**/article.expected.json")]
    sources = [path for path in sources if path.is_file()]
    if not sources:
        pytest.skip("neither shared/site nor a tests fixture holds article.expected.json")
    packaged = (PACKAGED / "reference-article.expected.json").read_bytes()
    assert [path.read_bytes() for path in sources] == [packaged] * len(sources)
    if (SHARED / "article.html").is_file():
        html = (SHARED / "article.html").read_text("utf-8").replace("https://www.news24.com", "")
        assert (PACKAGED / "reference-article.html").read_text("utf-8") == html


@pytest.fixture(scope="module")
def crawled(site: DemoSite, server: DemoServer) -> dict[str, str]:
    """Each expected article's page as served (canonical URL -> HTML); the crawl itself is test_crawl's."""
    return {url: fetch(url, follow=True)[2] for url in site.expected_items(server.base_url)}


def test_traps_are_served_articles(site: DemoSite, server: DemoServer) -> None:
    traps = site.trap_urls(server.base_url)
    assert {fetch(url)[0] for url in traps} == {200}
    assert traps[-1].startswith(server.base_url.replace("127.0.0.1", "localhost"))


def date_signals(html: str) -> tuple[str | None, ...]:
    """Visible date, relative text, `<time datetime>`, publisheddate, JSON-LD published / modified."""
    sel = Selector(text=html)
    jsonld = [json.loads(t) for t in sel.css('script[type="application/ld+json"]::text').getall()]
    return (
        sel.css("p.article__date .article__date-full::text").get(),
        sel.css("p.article__date .article__date-ago::text").get(),
        sel.css("p.article__date time::attr(datetime)").get(),
        sel.css('meta[name="publisheddate"]::attr(content)').get(),
        next((d["datePublished"] for d in jsonld if "datePublished" in d), None),
        next((d["dateModified"] for d in jsonld if "dateModified" in d), None),
    )


def test_date_modes_resolve_as_the_contract_says(
    site: DemoSite, server: DemoServer, crawled: dict[str, str]
) -> None:
    items = site.expected_items(server.base_url)
    rows = {(*date_signals(html), items[url]["published_at"], items[url]["modified_at"])
            for url, html in crawled.items()}  # fmt: skip
    assert {
        ("2022-02-16", "49m ago", None, None, None, None, "2022-02-16T14:56:00+02:00", None),
        ("2022-02-16", "2h ago", None, None, None, None, "2022-02-16T13:45:00+02:00", None),
        ("2022-02-14", "2h ago", None, None, None, None, "2022-02-14T00:00:00+02:00", None),
        ("2022-02-15", None, None, None, None, None, "2022-02-15T00:00:00+02:00", None),
        ("2022-02-15", "15 Feb", None, "2022/02/15 09:30:00", None, None, "2022-02-15T09:30:00+02:00", None),
        (None, None, None, None, None, None, None, None),
    } <= rows
    for url, html in crawled.items():
        *_, stamp, published, jsonld, modified = date_signals(html)
        assert items[url]["modified_at"] == modified
        if jsonld is not None:
            naive = f"{jsonld[:10].replace('-', '/')} {jsonld[11:19]}"
            assert (stamp, items[url]["published_at"], published) == (jsonld, jsonld, naive)


def test_bylines_and_breadcrumb_sections(site: DemoSite, server: DemoServer, crawled: dict[str, str]) -> None:
    items = site.expected_items(server.base_url)
    bylined = [url for url, item in items.items() if item["authors"]]
    no_meta = [url for url, html in crawled.items() if 'property="article:section"' not in html]
    assert (len(bylined), len(no_meta), items[no_meta[0]]["section"]) == (31, 1, "South Africa")
