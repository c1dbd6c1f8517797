"""A hostile site on two ports of 127.0.0.1, crawled twice with the state store on.

The main port serves a section of the reference layout whose links try what hostile pages do: a card, a
`READ |` promo, a redirect and a meta refresh to another port (a stand-in internal service); redirects
to pages no article filter admits; canonical links naming the section or another article; soft 404s
that are long or phrased unusually; pages whose declared charset is wrong; a date in year 9999.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from tests.server import Reply, RouteServer
from tests.support import read_jsonl, scrapy_crawl
from tests.test_bad_input import listing_html, stat

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.integration

SECTION = "/news24/world/news"
DATE_LINE = '<span class="article__date-full">2022-02-16</span><span class="article__date-ago">1h ago</span>'
TEASERS = tuple(
    f"Popular now: {topic} and what it means for the week ahead in South African politics and business."
    for topic in ("Budget 2022", "Load shedding", "Fuel prices", "Rand outlook", "Cabinet reshuffle")
)


def path(name: str) -> str:
    return f"{SECTION}/{name}-20220216"


def story(
    title: str, paragraphs: tuple[str, ...], head: str = '<meta charset="utf-8">', date_line: str = DATE_LINE
) -> str:
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return (
        f'<html lang="en"><head>{head}</head><body><div class="article__header"><p class="article__date">'
        f'{date_line}</p><h1 class="article__title">{title}</h1></div><div class="article__body">{body}</div>'
        "</body></html>"
    )


def moved(location: str) -> Reply:
    return Reply(status=302, headers={"Location": location})


EXPORTED = ("good", "victim", "impostor", "twin-a", "twin-b", "cafe", "quote", "future")
DROPPED = ("to-admin", "to-video", "to-tags", "to-internal", "refresh", "lost", "oops")


def main_routes(base: str, internal: str) -> dict[str, Reply]:
    canonical = '<meta charset="utf-8"><link rel="canonical" href="{}">'
    promo = f'READ | <a href="{internal}{path("promo")}">Internal promo</a>'
    refresh = (
        f'<html><head><meta http-equiv="refresh" content="0; url={internal}/admin/config"></head></html>'
    )
    return {
        SECTION: Reply(listing_html([*map(path, EXPORTED + DROPPED), f"{internal}{path('card')}"])),
        path("good"): Reply(story("Good story", ("A good story.", promo))),
        path("victim"): Reply(story("Victim story", ("The victim's own story.",))),
        path("impostor"): Reply(
            story("Impostor story", ("An impostor story.",), head=canonical.format(base + path("victim")))
        ),
        path("twin-a"): Reply(story("Twin A", ("First twin.",), head=canonical.format(base + SECTION))),
        path("twin-b"): Reply(story("Twin B", ("Second twin.",), head=canonical.format(base + SECTION))),
        path("cafe"): Reply(
            story("Caf\u00e9 in S\u00e3o Paulo", ("Quoted na\u00efve fa\u00e7ade.",), head="").encode(
                "cp1252"
            )
        ),
        path("quote"): Reply(
            story("Quotes", ("\u201cQuoted,\u201d she said.",)).encode(),
            content_type="text/html; charset=iso-8859-1",
        ),
        path("future"): Reply(
            story(
                "From the future",
                ("Dated 9999.",),
                date_line='<time datetime="9999-01-01T00:00:00Z"></time>' + DATE_LINE,
            )
        ),
        path("to-admin"): moved("/admin/config"),
        "/admin/config": Reply(story("Admin config", ("Secret settings.",))),
        path("to-video"): moved("/news24/video/clip-20220216"),
        "/news24/video/clip-20220216": Reply(story("A clip", ("Watch this.",))),
        path("to-tags"): moved("/tags/budget"),
        "/tags/budget": Reply(story("Budget", ("Tagged stories.",))),
        path("to-internal"): moved(f"{internal}{path('internal')}"),
        path("refresh"): Reply(refresh),
        path("lost"): Reply(story("404 - Page not found", TEASERS)),
        path("oops"): Reply(
            story(
                "Oops! We can't seem to find the story you're looking for",
                ("Try the search box above, or start again from our home page.",),
            )
        ),
    }


def internal_routes() -> dict[str, Reply]:
    page = Reply(story("Internal", ("Internal only.",)))
    return {
        "/robots.txt": Reply("User-agent: *\nAllow: /\n", content_type="text/plain"),
        "/admin/config": page,
    }


def crawl(tmp_path: Path, base: str, output: str) -> tuple[int, str, list[dict[str, Any]]]:
    result = scrapy_crawl(tmp_path, "-a", f"start_urls={base}{SECTION}", "-O", output)
    return result.returncode, result.stderr, read_jsonl(tmp_path / output)


def test_a_hostile_site_exports_only_its_own_articles_under_their_own_ids(tmp_path: Path) -> None:
    routes: dict[str, Reply] = {}
    with RouteServer(internal_routes()) as internal, RouteServer(routes) as main:
        base = main.base_url
        routes.update(main_routes(base, internal.base_url))
        code, log, first = crawl(tmp_path, base, "first.jsonl")
        hits_after_first = dict(main.hits)
        code_again, log_again, second = crawl(tmp_path, base, "second.jsonl")
    assert internal.hits == {}  # no card, promo, redirect, meta refresh or robots.txt reached the other port
    assert (code, code_again) == (0, 0), log[-3000:] + log_again[-3000:]
    by_title = {record["title"]: record for record in first}
    assert sorted(by_title) == sorted(
        [
            "Good story",
            "Victim story",
            "Impostor story",
            "Twin A",
            "Twin B",
            "Caf\u00e9 in S\u00e3o Paulo",
            "Quotes",
            "From the future",
        ]
    )
    # Every article keeps its own URL as its identity, whatever its canonical link said.
    assert {title: record["canonical_url"] for title, record in by_title.items()} == {
        title: record["url"] for title, record in by_title.items()
    }
    assert len({record["id"] for record in first}) == len(first)
    assert by_title["Caf\u00e9 in S\u00e3o Paulo"]["body"] == "Quoted na\u00efve fa\u00e7ade."
    assert by_title["Quotes"]["body"] == "\u201cQuoted,\u201d she said."
    assert by_title["From the future"]["published_at"].startswith("2022-02-16")
    assert stat(log, "newscrawl/canonical/conflict") == 1  # the impostor; the twins' section is no article
    assert stat(log, "newscrawl/encoding/repaired") == 2
    assert stat(log, "newscrawl/dates/future") == 1
    assert {key: stat(log, f"newscrawl/dropped/{key}") for key in ("soft_404", "not_article_url")} == {
        "soft_404": 2,
        "not_article_url": 3,
    }
    assert stat(log, "newscrawl/refused/other_origin") == 2  # the redirect and the meta refresh
    for name in ("to-admin", "to-video", "to-tags"):
        assert f"Dropped article: not_article_url: {base}" in log, name
    # The second run: nothing changed, nothing written, and no dropped page or redirect source fetched again.
    assert second == []
    assert {name: main.hits.get(path(name)) for name in DROPPED} == {
        name: hits_after_first.get(path(name)) for name in DROPPED
    }
    assert hits_after_first.get(path("to-admin")) == 1
    assert stat(log_again, "newscrawl/canonical/conflict") is None
