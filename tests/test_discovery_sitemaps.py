"""Sitemaps as discovery: news fields kept, the protocol's limits held, every bad input counted and the
good entries of the same file kept."""

from __future__ import annotations

import gzip
import time
from pathlib import Path

from newscrawl.discovery.sitemaps import MAX_BYTES, MAX_URLS, sitemap_links
from newscrawl.items import SITEMAP, DateCandidate, Link

FIXTURES = Path(__file__).parent / "fixtures" / "feeds"
URLSET = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{}</urlset>'


def urlset(*locs: str) -> bytes:
    return URLSET.format("".join(f"<url><loc>{loc}</loc></url>" for loc in locs)).encode()


def test_a_news_sitemap_keeps_the_news_fields_and_lastmod() -> None:
    found = sitemap_links(
        (FIXTURES / "news-sitemap.xml").read_bytes(), "https://news.example/news-sitemap.xml"
    )
    assert found.links == (
        Link("https://news.example/business/rand-firms-as-markets-weigh-20220216", SITEMAP,
             "Rand firms as markets weigh and wait",
             (DateCandidate(SITEMAP, "2022-02-16T14:56:00+02:00", "published"),
              DateCandidate(SITEMAP, "2022-02-16T15:10:00+02:00", "modified")),
             ("rand", "markets", "currency")),
        Link("https://news.example/news/floods-close-the-n2-again-20220216", SITEMAP, None,
             (DateCandidate(SITEMAP, "2022-02-16", "published"),)),
    )  # fmt: skip
    assert found.counts == {"relative": 1, "other_host": 1, "not_http": 1, "no_loc": 1}


def test_an_index_lists_its_sitemaps_but_never_itself_nor_another_host() -> None:
    found = sitemap_links(
        (FIXTURES / "sitemap-index.xml").read_bytes(), "https://news.example/sitemap-index.xml"
    )
    assert found.links == ()
    assert found.children == (
        "https://news.example/news-sitemap.xml",
        "https://news.example/sitemaps/2022-02.xml.gz",
    )
    assert found.counts == {"self": 1, "relative": 1, "other_host": 1}


def test_robots_txt_may_vouch_for_a_sitemap_on_another_host() -> None:
    found = sitemap_links(
        urlset("https://news.example/a-story-here"), "https://cdn.example/s.xml", ["news.example"]
    )
    assert found.urls == ("https://news.example/a-story-here",)


def test_a_gzipped_sitemap_is_read_like_a_plain_one() -> None:
    body = gzip.compress(urlset("https://h.example/one", "https://h.example/two"))
    assert sitemap_links(body, "https://h.example/s.xml.gz").urls == (
        "https://h.example/one",
        "https://h.example/two",
    )


def test_a_gzip_bomb_stops_at_the_size_limit_keeping_what_came_before() -> None:
    head = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://h.example/a</loc></url>'
    padding = b"<!--" + b" " * (MAX_BYTES + 1024) + b"-->"
    body = gzip.compress(head + padding + b"</urlset>", compresslevel=9)
    assert len(body) < 100_000
    found = sitemap_links(body, "https://h.example/bomb.xml.gz")
    assert (found.urls, found.counts) == (("https://h.example/a",), {"too_large": 1})


def test_a_truncated_gzip_keeps_what_inflated() -> None:
    body = gzip.compress(urlset(*(f"https://h.example/story-{n}" for n in range(2000))))
    found = sitemap_links(body[: len(body) // 2], "https://h.example/s.xml.gz")
    assert 0 < len(found.links) < 2000
    assert found.counts == {"malformed": 1}


def test_more_than_50000_entries_reads_the_first_50000() -> None:
    found = sitemap_links(
        urlset(*(f"https://h.example/{n}" for n in range(MAX_URLS + 5))), "https://h.example/s"
    )
    assert len(found.links) == MAX_URLS
    assert found.links[-1].url == f"https://h.example/{MAX_URLS - 1}"
    assert found.counts == {"too_many": 1}


def test_malformed_xml_keeps_the_entries_before_the_break() -> None:
    body = urlset("https://h.example/one").replace(b"</urlset>", b"<url><loc>x</lo></url></urlset>")
    found = sitemap_links(body, "https://h.example/s.xml")
    assert (found.urls, found.counts) == (("https://h.example/one",), {"malformed": 1})


def test_html_served_as_a_sitemap_gives_nothing_and_says_so() -> None:
    found = sitemap_links(b"<html><body>Not found</body></html>", "https://h.example/sitemap.xml")
    assert (found.links, found.counts) == ((), {"not_a_sitemap": 1})


def test_billion_laughs_expands_nothing_and_keeps_the_entries_before_it() -> None:
    """libxml2 refuses the reference (its amplification guard) and the file counts as malformed."""
    entities = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{n} "{f"&a{n - 1};" * 10}">' for n in range(1, 10))
    entries = urlset("https://h.example/first", "https://h.example/&a9;", "https://h.example/last").decode()
    body = f'<?xml version="1.0"?><!DOCTYPE urlset [{entities}]>{entries}'
    started = time.perf_counter()
    found = sitemap_links(body.encode(), "https://h.example/s.xml")
    assert time.perf_counter() - started < 0.2
    assert (found.urls, found.counts) == (("https://h.example/first",), {"malformed": 1})


def test_an_external_entity_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("https://h.example/secret-path")
    body = f'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY x SYSTEM "file://{secret}">]>' + URLSET.format(
        "<url><loc>&x;</loc></url><url><loc>https://h.example/fine</loc></url>"
    )
    found = sitemap_links(body.encode(), "https://h.example/s.xml")
    assert (found.urls, found.counts) == (("https://h.example/fine",), {"no_loc": 1})


def test_a_url_whose_user_part_names_the_host_is_on_another_host() -> None:
    found = sitemap_links(
        urlset("https://h.example:@evil.example/x", "https://h.example/ok"), "https://h.example/s"
    )
    assert (found.urls, found.counts) == (("https://h.example/ok",), {"other_host": 1})
