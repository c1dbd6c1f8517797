"""The generic profile's date candidates: what it reads for the normalizer, and when it asks htmldate."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newscrawl.items import HTMLDATE, MICRODATA, URL_PATH, VISIBLE_DATE
from newscrawl.page import Page
from newscrawl.sites.generic import GenericArticle
from newscrawl.sites.registry import site_named

FETCHED = datetime(2020, 12, 6, 8, 0, tzinfo=UTC)
STORY = (
    "<p>The new timetable starts on Monday, with sailings every forty minutes into the evening.</p>"
    "<p>Commuters had asked for more sailings after eight for years, the operator said.</p>"
)


def candidates(url: str, head: str = "", marked: str = "") -> list[tuple[str, str, str]]:
    html = f"<html><head>{head}</head><body><h1>Ferries</h1>{marked}<div>{STORY}</div></body></html>"
    story = GenericArticle(Page(url, html.encode(), "utf-8", FETCHED), site_named("generic"))
    return [(found.source, found.raw, found.role) for found in story.dates()]


@pytest.mark.parametrize(
    ("url", "asked"),
    [
        ("https://n.example/news/2020/12/06/ferries", False),  # a URL's date outranks htmldate's
        ("https://n.example/news/ferries-1265473", True),
    ],
)
def test_htmldate_is_asked_only_when_no_candidate_can_be_read(url: str, asked: bool) -> None:
    found = candidates(url, marked="<p class='date'>Sunday, 6 December 2020</p>")
    assert any(source == HTMLDATE for source, _, _ in found) is asked


def test_a_publication_date_marked_in_words_is_a_visible_date_and_an_attribute_is_microdata() -> None:
    url = "https://n.example/news/ferries-1265473"
    marked = '<span itemprop="datePublished">06 Dicembre 2020</span>'
    assert candidates(url, marked=marked)[0] == (VISIBLE_DATE, "06 Dicembre 2020", "published")
    marked = '<span itemprop="datePublished" content="2020-12-06T00:15:00+01:00">06 Dicembre 2020</span>'
    assert candidates(url, marked=marked)[0] == (MICRODATA, "2020-12-06T00:15:00+01:00", "published")


def test_the_canonical_url_is_a_date_candidate_after_the_page_url() -> None:
    canonical = "https://origin.example/world/ferries-20201205"
    found = candidates(
        "https://n.example/2020/12/06/ferries", head=f'<link rel="canonical" href="{canonical}">'
    )
    assert [raw for source, raw, _ in found if source == URL_PATH] == [
        "https://n.example/2020/12/06/ferries",
        canonical,
    ]
