"""Feeds as discovery: every format's items become links with their raw dates and titles; bad feeds are
counted, never raised, and their good items kept. Also how feeds and sitemaps are found: declared on a
page, named in robots.txt."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newscrawl.discovery.feeds import declared_feeds, feed_links
from newscrawl.discovery.recognize import FEED, ROBOTS, SITEMAP, kind_of
from newscrawl.discovery.robots import robots_sitemaps
from newscrawl.items import DateCandidate, Link
from newscrawl.page import Page

FIXTURES = Path(__file__).parent / "fixtures" / "feeds"


def read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def published(raw: str) -> DateCandidate:
    return DateCandidate(FEED, raw, "published")


def modified(raw: str) -> DateCandidate:
    return DateCandidate(FEED, raw, "modified")


def test_rss20_items_keep_their_raw_dates_titles_and_absolute_links() -> None:
    found = feed_links(read("rss20.xml"), "https://news.example/rss")
    assert found.links == (
        Link("https://news.example/business/rand-firms-as-markets-weigh-20220216", FEED,
             "Rand firms as markets weigh & wait", (published("Wed, 16 Feb 2022 14:56:00 SAST"),)),
        Link("https://news.example/news/floods-close-the-n2-again-20220216", FEED,
             "Floods close the N2 <em>again</em>", (published("Wed, 16 Feb 2022 12:00:00 +0000"),)),
        Link("https://news.example/world/guid-only-story-20220215", FEED, "Guid only",
             (published("Tue, 15 Feb 2022 09:10:00 GMT"),)),
    )  # fmt: skip
    assert found.counts == {"no_link": 1}
    assert found.next_page is None


def test_atom_entries_resolve_against_xml_base_and_keep_published_and_updated() -> None:
    found = feed_links(read("atom.xml"), "https://news.example/sport/atom")
    assert found.links == (
        Link("https://news.example/sport/bafana-name-squad-for-qualifier-20220216", FEED,
             "Bafana <b>name</b> squad",
             (published("2022-02-16T10:00:00+02:00"), modified("2022-02-16T13:30:00+02:00"))),
        # An entry with only `updated` is dated by it.
        Link("https://news.example/sport/only-updated-story-here-20220215", FEED, "Only updated",
             (published("2022-02-15T08:00:00Z"), modified("2022-02-15T08:00:00Z"))),
    )  # fmt: skip
    assert found.counts == {}


def test_rss10_dc_date_dates_the_item() -> None:
    found = feed_links(read("rss10.rdf"), "https://news.example/rss10")
    url = "https://news.example/politics/budget-speech-date-set-20220216"
    dates = (published("2022-02-16T08:15:00+02:00"), modified("2022-02-16T08:15:00+02:00"))
    assert found.links == (Link(url, FEED, "Budget speech date set", dates),)


def test_json_feed_items_with_url_or_external_url() -> None:
    found = feed_links(read("feed.json"), "https://news.example/feed.json")
    assert found.links == (
        Link("https://news.example/tech/chip-plant-opens-in-gauteng-20220216", FEED,
             "Chip plant opens in Gauteng",
             (published("2022-02-16T11:00:00+02:00"), modified("2022-02-16T12:00:00+02:00"))),
        Link("https://news.example/tech/relative-external-story-here-20220216", FEED, "Relative external"),
    )  # fmt: skip
    assert found.counts == {"no_link": 2}


def test_a_broken_json_feed_is_counted() -> None:
    body = b'{"version": "https://jsonfeed.org/version/1", "items": [{"url": "https://h/a"'
    assert feed_links(body, "https://h/feed.json").counts == {"malformed": 1}


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (read("rss20.xml"), FEED),
        (read("atom.xml"), FEED),
        (read("rss10.rdf"), FEED),
        (read("feed.json"), FEED),
        (b'\xef\xbb\xbf<rss version="0.91">', FEED),
        (read("news-sitemap.xml"), SITEMAP),
        (read("sitemap-index.xml"), SITEMAP),
        (b"<!DOCTYPE html>\n<html><head><title>Feed</title></head></html>", None),
        (b'{"items": []}', None),
        (b"\x1f\x8b\x08 not really gzip", None),
        (b"", None),
    ],
)
def test_documents_are_recognized_by_their_content(body: bytes, kind: str | None) -> None:
    assert kind_of(body) == kind


def test_html_served_as_a_feed_gives_no_link_and_says_so() -> None:
    body = b'<html><body><a href="/news/a-real-story-link-20220216">A real story</a></body></html>'
    found = feed_links(body, "https://news.example/rss")
    assert (found.links, found.counts) == ((), {"not_a_feed": 1})


def test_malformed_xml_keeps_the_items_before_and_after_the_break() -> None:
    body = (
        b'<rss version="2.0"><channel>'
        b"<item><title>Good one</title><link>https://h.example/good-one</link></item>"
        b"<item><title>Broken <b>tag</title><link>https://h.example/broken-one</link></item>"
        b"<item><title>Good two</title><link>https://h.example/good-two</link></item>"
    )
    found = feed_links(body, "https://h.example/rss")
    assert found.urls == (
        "https://h.example/good-one",
        "https://h.example/broken-one",
        "https://h.example/good-two",
    )
    assert found.counts == {"malformed": 1}


def billion_laughs(root: str) -> bytes:
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">' for level in range(1, 10)
    )
    return f"<?xml version='1.0'?><!DOCTYPE r [{entities}]>{root}".encode()


def test_billion_laughs_expands_nothing_and_keeps_the_good_items_at_once() -> None:
    body = billion_laughs(
        '<rss version="2.0"><channel><item><title>&lol9;</title><link>https://h.example/a</link></item>'
        "<item><title>Fine</title><link>https://h.example/b</link></item></channel></rss>"
    )
    started = time.perf_counter()
    found = feed_links(body, "https://h.example/rss")
    assert time.perf_counter() - started < 0.2  # expat's own guard would take ~0.8 s to give up
    assert [(link.url, link.title) for link in found.links] == [
        ("https://h.example/a", "&lol9;"),
        ("https://h.example/b", "Fine"),
    ]


def test_an_external_entity_is_not_fetched(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    body = (
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><item><title>&x;</title><link>https://h.example/a</link></item>'
        "</channel></rss>"
    ).encode()
    found = feed_links(body, "https://h.example/rss")
    assert found.urls == ("https://h.example/a",)
    assert "SECRET" not in (found.links[0].title or "")


def test_a_page_declares_its_feeds_in_link_rel_alternate() -> None:
    html = (
        b'<html><head><link rel="alternate" type="application/rss+xml" href="/rss">'
        b'<link rel="alternate stylesheet" type="text/css" href="/x.css">'
        b'<link rel="alternate" type="application/atom+xml" href="https://news.example/atom.xml">'
        b'<link rel="alternate" type="application/rss+xml" href="/rss">'
        b'<link rel="alternate" hreflang="fr" href="/fr/">'
        b'<link rel="alternate" type="application/feed+json" href="javascript:void(0)">'
        b"</head><body></body></html>"
    )
    page = Page("https://news.example/world/", html, "utf-8", datetime(2022, 2, 16, tzinfo=UTC))
    assert declared_feeds(page) == ("https://news.example/rss", "https://news.example/atom.xml")


def test_robots_txt_names_its_sitemaps() -> None:
    body = (
        b"# robots\nUser-agent: *\nDisallow: /search\nSitemap: https://news.example/sitemap-index.xml\n"
        b"Sitemap: /news-sitemap.xml\nsitemap: https://news.example/sitemap-index.xml\nSitemap: ftp://x/y\n"
    )
    assert kind_of(body) == ROBOTS
    found = robots_sitemaps(body, "https://news.example/robots.txt")
    assert found.children == (
        "https://news.example/sitemap-index.xml",
        "https://news.example/news-sitemap.xml",
    )
    assert found.links == ()
