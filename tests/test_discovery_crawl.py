"""Crawls of a site whose articles no listing page links: they are found through its feed, its news
sitemaps behind an index (one child gzipped), or both, each emitted once with the best date known."""

from __future__ import annotations

import gzip
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from tests.server import Reply, RouteServer
from tests.support import read_jsonl, scrapy_crawl
from tests.test_bad_input import stat

if TYPE_CHECKING:
    from pathlib import Path

    from tests.redisserver import RedisServer

pytestmark = pytest.mark.integration

DATED = "/news/2023/06/14/harbour-bridge-reopens-after-repair"  # declares its date; the feed disagrees
UNDATED = "/news/ferry-timetable-changes-from-july"  # declares none: the feed's or the sitemap's date
SITEMAP_ONLY = "/news/council-budget-vote-is-delayed-again"  # only in a sitemap
XML = "application/xml"


def story(title: str, published: str | None = None) -> Reply:
    """A story page the generic profile reads; `published` its JSON-LD date, if any."""
    jsonld = (
        f'<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "{title}", '
        f'"datePublished": "{published}"}}</script>'
        if published
        else ""
    )
    text = "".join(
        f"<p>{title}: paragraph {n}, long enough to be the story's own prose.</p>" for n in range(5)
    )
    head = f'<meta property="og:type" content="article"><title>{title}</title>{jsonld}'
    return Reply(
        f'<html lang="en"><head>{head}</head><body><article><h1>{title}</h1>{text}</article></body></html>'
    )


def rss(base: str) -> Reply:
    items = (
        (DATED, "Harbour bridge reopens", "Sat, 10 Jun 2023 08:00:00 +0000"),
        (UNDATED, "Ferry timetable changes", "Wed, 14 Jun 2023 09:30:00 +0200"),
        ("/about/contact-us", "Contact us", "Wed, 14 Jun 2023 09:30:00 +0200"),
    )
    body = "".join(
        f"<item><title>{title}</title><link>{base}{path}</link><pubDate>{date}</pubDate></item>"
        for path, title, date in items
    )
    return Reply(f'<?xml version="1.0"?><rss version="2.0"><channel>{body}</channel></rss>', content_type=XML)


def urlset(base: str, *entries: tuple[str, str]) -> bytes:
    body = "".join(
        f"<url><loc>{base}{path}</loc><news:news><news:publication_date>{date}</news:publication_date>"
        "</news:news></url>"
        for path, date in entries
    )
    return (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{body}</urlset>'
    ).encode()


def site(base: str) -> dict[str, Reply]:
    index = "".join(
        f"<sitemap><loc>{base}{path}</loc></sitemap>"
        for path in ("/sitemaps/news.xml.gz", "/sitemaps/more.xml", "/sitemap-index.xml")
    )
    return {
        "/rss": rss(base),
        "/sitemap-index.xml": Reply(f"<sitemapindex>{index}</sitemapindex>", content_type=XML),
        "/sitemaps/news.xml.gz": Reply(
            gzip.compress(urlset(base, (SITEMAP_ONLY, "2023-06-13T18:00:00+02:00"))),
            content_type="application/octet-stream",
        ),
        "/sitemaps/more.xml": Reply(
            urlset(base, (UNDATED, "2023-06-14T09:00:00+02:00"), (DATED, "2023-06-14T07:00:00+02:00")),
            content_type=XML,
        ),
        DATED: story("Harbour bridge reopens", "2023-06-14T07:00:00+02:00"),
        UNDATED: story("Ferry timetable changes"),
        SITEMAP_ONLY: story("Council budget vote is delayed again"),
    }


def crawl(
    tmp_path: Path, *starts: str, options: tuple[str, ...] = (), exit_code: int = 0
) -> tuple[dict[str, tuple[str, str, str]], str, RouteServer]:
    """Published date, source and precision of each exported path, the log, and the server; the run
    exits with `exit_code`."""
    with RouteServer({}, http_date="Thu, 15 Jun 2023 10:00:00 GMT") as server:
        base = server.base_url
        server.routes = site(base)
        urls = ",".join(base + start for start in starts)
        # discover=0: these crawls test what the start URLs lead to, not what the host has besides.
        result = scrapy_crawl(
            tmp_path, "-a", f"start_urls={urls}", "-a", "discover=0", "-s", "NEWSCRAWL_STATE_DIR=",
            "-O", "out.jsonl", *options,
        )  # fmt: skip
    assert result.returncode == exit_code, result.stderr[-3000:]
    records = read_jsonl(tmp_path / "out.jsonl")
    paths = [record["url"].removeprefix(base) for record in records]
    assert len(paths) == len(set(paths))  # each article once
    dates = {
        path: (record["published_at"], record["published_at_source"], record["published_at_precision"])
        for path, record in zip(paths, records, strict=True)
    }
    return dates, result.stderr, server


def test_articles_found_only_through_a_feed_carry_its_dates(tmp_path: Path) -> None:
    dates, log, server = crawl(tmp_path, "/rss")
    assert dates == {
        DATED: ("2023-06-14T07:00:00+02:00", "jsonld", "second"),
        UNDATED: ("2023-06-14T09:30:00+02:00", "feed", "second"),
    }
    assert stat(log, "newscrawl/fetched/feed") == 1
    assert stat(log, "newscrawl/dates/link_disagrees") == 1
    assert (
        "Dates disagree by more than a day: the page says 2023-06-14T07:00:00+02:00 (jsonld), its feed "
        f"2023-06-10T08:00:00+00:00; the page's is kept (logged once a run, counted in "
        f"newscrawl/dates/link_disagrees): {server.base_url}{DATED}"
    ) in log
    assert "/about/contact-us" not in server.hits  # not shaped like an article


def test_articles_found_only_through_a_sitemap_index_with_a_gzipped_child(tmp_path: Path) -> None:
    dates, log, server = crawl(tmp_path, "/sitemap-index.xml")
    assert dates == {
        DATED: ("2023-06-14T07:00:00+02:00", "jsonld", "second"),
        UNDATED: ("2023-06-14T09:00:00+02:00", "sitemap", "second"),
        SITEMAP_ONLY: ("2023-06-13T18:00:00+02:00", "sitemap", "second"),
    }
    assert stat(log, "newscrawl/fetched/sitemap") == 3
    assert stat(log, "newscrawl/sitemap/self") == 1  # the index names itself: not read again
    assert server.hits["/sitemap-index.xml"] == 1
    assert stat(log, "newscrawl/dates/link_disagrees") is None


def test_through_both_each_article_is_emitted_once(tmp_path: Path) -> None:
    dates, log, _ = crawl(tmp_path, "/rss", "/sitemap-index.xml")
    assert set(dates) == {DATED, UNDATED, SITEMAP_ONLY}
    assert dates[DATED] == ("2023-06-14T07:00:00+02:00", "jsonld", "second")
    assert dates[UNDATED][1] in ("feed", "sitemap")  # whichever led there first
    assert stat(log, "newscrawl/fetched/article") == 3


def test_sitemaps_deeper_than_the_setting_are_counted_not_fetched(tmp_path: Path) -> None:
    depth = ("-s", "NEWSCRAWL_SITEMAP_DEPTH=0")
    dates, log, server = crawl(tmp_path, "/sitemap-index.xml", options=depth, exit_code=7)  # nothing found
    assert dates == {}
    assert stat(log, "newscrawl/sitemap/too_deep") == 2
    assert "/sitemaps/more.xml" not in server.hits


def home(base: str) -> Reply:
    """A home page without article links of its own, declaring its feed."""
    link = f'<link rel="alternate" type="application/rss+xml" title="News" href="{base}/feeds/main.xml">'
    return Reply(f"<html><head>{link}<title>Example</title></head><body><p>Welcome.</p></body></html>")


def discoverable(base: str) -> dict[str, Reply]:
    """The site, its feed at a path no convention names, its index named in robots.txt, which also
    keeps crawlers out of `/rss`."""
    routes = site(base)
    routes["/feeds/main.xml"] = routes.pop("/rss")
    robots = f"User-agent: *\nDisallow: /rss\n\nSitemap: {base}/sitemap-index.xml\n"
    return {**routes, "/": home(base), "/robots.txt": Reply(robots, content_type="text/plain")}


def test_a_start_page_leads_to_the_feed_it_declares_and_the_sitemaps_robots_txt_names(tmp_path: Path) -> None:
    with RouteServer({}, http_date="Thu, 15 Jun 2023 10:00:00 GMT") as server:
        server.routes = discoverable(server.base_url)
        result = scrapy_crawl(tmp_path, "-a", f"start_urls={server.base_url}/", "-O", "out.jsonl")
    assert result.returncode == 0, result.stderr[-3000:]
    paths = sorted(
        record["url"].removeprefix(server.base_url) for record in read_jsonl(tmp_path / "out.jsonl")
    )
    assert paths == sorted([DATED, UNDATED, SITEMAP_ONLY])
    log = result.stderr
    assert server.hits["/feeds/main.xml"] == 1
    assert server.hits["/sitemap-index.xml"] == 1
    assert "/rss" not in server.hits  # robots.txt says no
    # The conventional paths are tried once each; those not there are no failure of the run.
    guesses = ("/sitemap.xml", "/sitemap_index.xml", "/news-sitemap.xml", "/feed")
    assert [server.hits.get(path) for path in guesses] == [1, 1, 1, 1]
    assert stat(log, "newscrawl/discovery/absent") == 4
    assert stat(log, "newscrawl/fetched/robots") == 1
    assert not [line for line in log.splitlines() if "newscrawl/failed/" in line]


def test_discover_0_reads_the_start_pages_only(tmp_path: Path) -> None:
    with RouteServer({}, http_date="Thu, 15 Jun 2023 10:00:00 GMT") as server:
        server.routes = discoverable(server.base_url)
        result = scrapy_crawl(
            tmp_path, "-a", f"start_urls={server.base_url}/", "-a", "discover=0", "-O", "out.jsonl"
        )
    # Nothing found (exit code 7): the home page holds no article link and no feed or sitemap is read.
    assert result.returncode == 7, result.stderr[-3000:]
    assert read_jsonl(tmp_path / "out.jsonl") == []
    assert set(server.hits) <= {"/", "/robots.txt"}


def with_etags(routes: dict[str, Reply]) -> dict[str, Reply]:
    return {
        path: replace(reply, headers={"ETag": f'"{len(path)}-{path[-4:]}"'}) for path, reply in routes.items()
    }


def test_a_second_run_with_nothing_new_gets_304s_and_writes_nothing(tmp_path: Path) -> None:
    with RouteServer({}, http_date="Thu, 15 Jun 2023 10:00:00 GMT") as server:
        server.routes = with_etags(discoverable(server.base_url))
        starts = f"start_urls={server.base_url}/,{server.base_url}/sitemap-index.xml"
        first = scrapy_crawl(tmp_path, "-a", starts, "-O", "first.jsonl")
        assert first.returncode == 0, first.stderr[-3000:]
        assert len(read_jsonl(tmp_path / "first.jsonl")) == 3
        server.hits.clear()
        second = scrapy_crawl(tmp_path, "-a", starts, "-O", "second.jsonl")
    assert second.returncode == 0, second.stderr[-3000:]
    assert read_jsonl(tmp_path / "second.jsonl") == []
    log = second.stderr
    assert (stat(log, "newscrawl/feed/unchanged"), stat(log, "newscrawl/sitemap/unchanged")) == (1, 1)
    assert stat(log, "newscrawl/robots/unchanged") == 1
    # The index answered 304: its sitemaps are not asked for again.
    assert "/sitemaps/more.xml" not in server.hits
    assert "/sitemaps/news.xml.gz" not in server.hits
    conditional = [headers.get("If-None-Match") for headers in server.headers["/sitemap-index.xml"]]
    assert conditional[-1] == with_etags(discoverable(server.base_url))["/sitemap-index.xml"].headers["ETag"]


@pytest.mark.redis
def test_in_a_distributed_crawl_a_links_feed_date_survives_the_shared_queue(
    tmp_path: Path, redis_db: RedisServer
) -> None:
    with RouteServer({}, http_date="Thu, 15 Jun 2023 10:00:00 GMT") as server:
        server.routes = site(server.base_url)
        result = scrapy_crawl(
            tmp_path, "-a", f"start_urls={server.base_url}/rss", "-a", "discover=0",
            "-s", f"NEWSCRAWL_REDIS_URL={redis_db.url}", "-s", "NEWSCRAWL_WORKER_ID=w1",
        )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    files = [path for path in tmp_path.glob("output/news/*.jsonl") if not path.name.startswith(".")]
    records = {r["url"].removeprefix(server.base_url): r for path in files for r in read_jsonl(path)}
    assert set(records) == {DATED, UNDATED}
    undated = records[UNDATED]
    assert (undated["published_at"], undated["published_at_source"]) == ("2023-06-14T09:30:00+02:00", "feed")
    with redis_db.client() as client:  # the crawl's state is the shared one, the feed's validators too
        assert client.hlen("newscrawl:state:generic-127_0_0_1:articles") == 2
        assert client.hkeys("newscrawl:state:generic-127_0_0_1:sources") == [
            f"{server.base_url}/rss".encode()
        ]


def test_bad_sources_are_counted_and_the_good_entries_kept(tmp_path: Path) -> None:
    """A sitemap redirecting in a loop, a gzip bomb behind a good entry, HTML declared as a feed."""
    with RouteServer({}, http_date="Thu, 15 Jun 2023 10:00:00 GMT") as server:
        base = server.base_url
        bomb = urlset(base, (SITEMAP_ONLY, "2023-06-13T18:00:00+02:00")).replace(
            b"</urlset>", b"<!--" + b" " * (60 * 2**20) + b"--></urlset>"
        )
        index = "".join(
            f"<sitemap><loc>{base}{path}</loc></sitemap>" for path in ("/loop.xml", "/bomb.xml.gz")
        )
        routes = site(base)
        del routes["/rss"]
        declared = '<link rel="alternate" type="application/rss+xml" href="/news/">'
        server.routes = {
            **routes,
            "/sitemap-index.xml": Reply(f"<sitemapindex>{index}</sitemapindex>", content_type=XML),
            "/loop.xml": Reply(status=302, headers={"Location": f"{base}/loop-2.xml"}),
            "/loop-2.xml": Reply(status=302, headers={"Location": f"{base}/loop.xml"}),
            "/bomb.xml.gz": Reply(gzip.compress(bomb), content_type="application/octet-stream"),
            "/": Reply(f"<html><head>{declared}</head><body><p>Welcome.</p></body></html>"),
            "/news/": Reply("<html><body><p>All our news, in one place.</p></body></html>"),
        }
        starts = f"start_urls={base}/sitemap-index.xml,{base}/"
        result = scrapy_crawl(tmp_path, "-a", starts, "-a", "discover=1", "-O", "out.jsonl")
    # The looping sitemap is lost as an HTTP error would lose it: 1 failed page of 2, exit code 4.
    assert result.returncode == 4, result.stderr[-3000:]
    assert [r["url"] for r in read_jsonl(tmp_path / "out.jsonl")] == [base + SITEMAP_ONLY]
    log = result.stderr
    assert stat(log, "newscrawl/sitemap/too_large") == 1  # 60 MiB inflated from ~60 KiB
    assert stat(log, "newscrawl/feed/not_a_feed") == 1
    assert stat(log, "dupefilter/filtered") == 1  # the loop ends where it began
    assert stat(log, "newscrawl/failed/redirect_loop") == 1
    assert f"Failed: redirect loop back to {base}/loop.xml (from {base}/loop.xml)" in log
    assert (server.hits["/loop.xml"], server.hits["/loop-2.xml"]) == (1, 1)
    assert "Traceback" not in log


def test_an_exported_article_whose_lastmod_is_after_its_export_is_revalidated(tmp_path: Path) -> None:
    with RouteServer({}, http_date="Thu, 15 Jun 2023 10:00:00 GMT") as server:
        base = server.base_url
        server.routes = with_etags(site(base))
        starts = ("-a", f"start_urls={base}/sitemap-index.xml", "-a", "discover=0")
        first = scrapy_crawl(tmp_path, *starts, "-O", "first.jsonl")
        assert first.returncode == 0, first.stderr[-3000:]
        assert len(read_jsonl(tmp_path / "first.jsonl")) == 3
        # The ferry story is edited after the first run's export; the index and its sitemap say so.
        later = (datetime.now(UTC) + timedelta(minutes=5)).isoformat(timespec="seconds")
        edited = urlset(base, (UNDATED, "2023-06-14T09:00:00+02:00"), (DATED, "2023-06-14T07:00:00+02:00"))
        edited = edited.replace(
            b"</news:news></url>", f"</news:news><lastmod>{later}</lastmod></url>".encode(), 1
        )
        server.routes["/sitemaps/more.xml"] = Reply(edited, content_type=XML, headers={"ETag": '"more-2"'})
        index = server.routes["/sitemap-index.xml"]
        server.routes["/sitemap-index.xml"] = replace(
            index, body=f"{index.body!s}<!-- {later} -->", headers={}
        )
        server.routes[UNDATED] = replace(
            story("Ferry timetable changes, again"), headers={"ETag": '"ferry-2"'}
        )
        server.hits.clear()
        second = scrapy_crawl(tmp_path, *starts, "-O", "second.jsonl")
    assert second.returncode == 0, second.stderr[-3000:]
    assert [(r["url"], r["title"], r["version"]) for r in read_jsonl(tmp_path / "second.jsonl")] == [
        (base + UNDATED, "Ferry timetable changes, again", 2)
    ]
    assert stat(second.stderr, "newscrawl/sitemap/edited") == 1
    assert DATED not in server.hits  # its lastmod is not after its export
    assert stat(second.stderr, "newscrawl/sitemap/unchanged") == 1  # the gzipped news sitemap


OLDER = "/news/an-older-story-found-only-now"


@pytest.mark.parametrize(("backfill", "fetched"), [("0", False), ("1", True)])
def test_a_sitemap_whose_first_articles_are_exported_has_caught_up(
    tmp_path: Path, backfill: str, fetched: bool
) -> None:
    with RouteServer({}, http_date="Thu, 15 Jun 2023 10:00:00 GMT") as server:
        base = server.base_url
        server.routes = site(base)
        starts = (
            "-a",
            f"start_urls={base}/sitemaps/more.xml",
            "-a",
            "discover=0",
            "-s",
            "NEWSCRAWL_KNOWN_STREAK=2",
        )
        first = scrapy_crawl(tmp_path, *starts, "-O", "first.jsonl")
        assert len(read_jsonl(tmp_path / "first.jsonl")) == 2, first.stderr[-3000:]
        entries = (
            (UNDATED, "2023-06-14T09:00:00+02:00"),
            (DATED, "2023-06-14T07:00:00+02:00"),
            (OLDER, "2023-01-02"),
        )
        server.routes["/sitemaps/more.xml"] = Reply(urlset(base, *entries), content_type=XML)
        server.routes[OLDER] = story("An older story found only now")
        second = scrapy_crawl(tmp_path, *starts, "-a", f"backfill={backfill}", "-O", "second.jsonl")
    assert second.returncode == 0, second.stderr[-3000:]
    assert (OLDER in server.hits) is fetched
    assert stat(second.stderr, "newscrawl/sitemap/caught_up") == (None if fetched else 1)
    assert len(read_jsonl(tmp_path / "second.jsonl")) == int(fetched)
