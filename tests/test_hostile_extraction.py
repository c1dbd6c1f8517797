"""Hostile pages through the generic profile and the pipelines: each finishes with exact fields.

No timing asserts (the guide forbids timed unit tests): the inputs are sized so that the linear rules take
well under half a second each (the whole file about 2 s), while a regression to quadratic backtracking takes
minutes (the meta author with 100 000 spaces took 487 s, the JSON-LD name more than 60 s, before `PARTS`
stopped starting inside runs of spaces; the date meta of 100 000 `(` 27 s) and an exponential one never
ends."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from newscrawl.page import Page
from newscrawl.sites.registry import site_named
from tests.support import run_pipelines

URL = "https://news.example/2020/01/02/harbour-story"
STORY = "The harbour opened its new quay on Thursday after two years of work. " * 8
SPACES = " " * 100_000


def extracted(head: str = "", body: str = "", above: str = "") -> dict[str, object]:
    """The exported fields of a page that holds `head`, `above` its headline and `body` after it."""
    title = "Harbour opens its new quay"
    html = (
        f'<html lang="en"><head><title>{title}</title>{head}</head><body><article>{above}<h1>{title}</h1>'
        f"{body}<p>{STORY}</p></article></body></html>"
    )
    page = Page(URL, html.encode(), "utf-8", datetime(2020, 1, 3, tzinfo=UTC), None)
    article = run_pipelines(site_named("generic").article(page))
    return {
        "title": article.title,
        "authors": article.authors,
        "published_at": article.published_at,
        "body_chars": len(article.body),
    }


def fields(authors: list[str], body_chars: int) -> dict[str, object]:
    """What each hostile page gives: the story's own title, the day its URL names, and these."""
    return {
        "title": "Harbour opens its new quay",
        "authors": authors,
        "published_at": "2020-01-02T00:00:00",
        "body_chars": body_chars,
    }


def json_ld(article: dict[str, object]) -> str:
    return f'<script type="application/ld+json">{json.dumps({"@type": "NewsArticle", **article})}</script>'


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        # Authors split on separators after 100 000 spaces (a meta and a JSON-LD name).
        (
            '<meta name="author" content="Jana Roe' + SPACES + 'and Tomas Example">',
            "",
            fields(["Jana Roe", "Tomas Example"], 551),
        ),
        (
            json_ld({"author": {"@type": "Person", "name": "Jana" + SPACES + "Roe"}}),
            "",
            fields(["Jana Roe"], 551),
        ),
        # A declared date of 100 000 `(` (a JavaScript date's zone name is read between brackets).
        ('<meta property="article:published_time" content="Tue ' + "(" * 100_000 + '">', "", fields([], 551)),
        # The brief's hostile shapes, each of its size: a 2 MB word, a byline of 100 000 characters,
        # 10 000 `<time>` elements, a dateline of 100 000 digits and separators, 10 000 JSON-LD authors,
        # "By By By ..." in a byline and in a paragraph.
        ("", "<p>" + "x" * 2_000_000 + "</p>", fields([], 2_000_553)),
        ("", '<div class="byline">By ' + "Jana Roe " * 11_000 + "</div>", fields([], 99_555)),
        ("", '<time datetime="2020-01-01T10:00:00Z">Jan 1, 2020</time>' * 10_000, fields([], 551)),
        ("", '<div class="date">' + "1-1." * 25_000 + "</div>", fields([], 100_553)),
        (
            json_ld({"author": [{"@type": "Person", "name": f"Jana Roe{i}"} for i in range(10_000)]}),
            "",
            fields([], 551),
        ),
        ("", '<div class="byline">' + "By " * 30_000 + "</div>", fields([], 90_552)),
        ("", "<p>" + "By " * 30_000 + "</p>", fields([], 90_552)),
    ],
)
def test_hostile_page_finishes_with_exact_fields(head: str, body: str, expected: dict[str, object]) -> None:
    assert extracted(head, body) == expected


def test_a_headline_after_50_000_elements_of_its_block_finishes_with_the_byline_above_it() -> None:
    # The XPath that read them (preceding siblings' descendants) was quadratic: 2.4 s for 20 000.
    above = '<p class="byline">By Jana Roe</p>' + "<span>x</span>" * 50_000
    assert extracted(above=above) == fields(["Jana Roe"], 551)
