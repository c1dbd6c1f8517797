"""The generic profile's date candidates: what it reads for the normalizer, and when it asks htmldate."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newscrawl.items import HTMLDATE, MICRODATA, URL_PATH, VISIBLE_DATE
from newscrawl.normalize.timestamps import resolve_published
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
    found = candidates(url, marked="<p class='date'>الأحد، 06 ديسمبر 2020</p>")  # in no format of ours
    assert any(source == HTMLDATE for source, _, _ in found) is asked


def test_a_publication_date_marked_in_words_is_a_visible_date_and_an_attribute_is_microdata() -> None:
    url = "https://n.example/news/ferries-1265473"
    marked = '<span itemprop="datePublished">06 Dicembre 2020</span>'
    assert candidates(url, marked=marked)[0] == (VISIBLE_DATE, "06 Dicembre 2020", "published")
    marked = '<span itemprop="datePublished" content="2020-12-06T00:15:00+01:00">06 Dicembre 2020</span>'
    assert candidates(url, marked=marked)[0] == (MICRODATA, "2020-12-06T00:15:00+01:00", "published")


@pytest.mark.parametrize(
    ("head", "marked", "expected"),
    [
        # The story's own (in the head, or the first in the page), not a related story's or a comment's
        # after it, nor the byline's update time marked the same way.
        ('<meta itemprop="datePublished" content="2020-12-06T07:15:00Z">',
         '<span class="updated">Updated <time itemprop="datePublished" datetime="2020-12-06T08:02:00Z">'
         "</time></span>", "2020-12-06T07:15:00Z"),
        ("", '<time itemprop="datePublished" datetime="2020-12-06T07:15:00Z"></time><ul class="list">'
         '<li><time itemprop="datePublished" datetime="2020-11-02T10:00:00Z"></time></li></ul>',
         "2020-12-06T07:15:00Z"),
        # The first that gives a value: a text alone is a visible date.
        ("", '<span itemprop="datePublished">06 Dicembre 2020</span>'
         '<time itemprop="datePublished" datetime="2020-12-06T07:15:00Z"></time>', "2020-12-06T07:15:00Z"),
        ("", "", None),
    ],
)  # fmt: skip
def test_microdata_is_the_first_date_marked_in_the_page(head: str, marked: str, expected: str | None) -> None:
    found = candidates("https://n.example/news/ferries-1265473", head, marked)
    assert next((raw for source, raw, _ in found if source == MICRODATA), None) == expected


def test_the_canonical_url_is_a_date_candidate_after_the_page_url() -> None:
    canonical = "https://origin.example/world/ferries-20201205"
    found = candidates(
        "https://n.example/2020/12/06/ferries", head=f'<link rel="canonical" href="{canonical}">'
    )
    assert [raw for source, raw, _ in found if source == URL_PATH] == [
        "https://n.example/2020/12/06/ferries",
        canonical,
    ]


HEADER = (
    "<header><p class='site-date'>Monday, 7 December 2020</p><nav><ul>"
    + "".join(
        f"<li><a href='/{name}'>{name}</a></li>"
        for name in ("news", "sport", "travel", "ferries", "rail", "roads")
    )
    + "</ul></nav></header>"
    "<article><h1>Ferries</h1><div class='byline'>By Ann Lee <time datetime='2020-12-06T07:15:00Z'>"
    "Dec. 6, 2020 8:15 a.m. CET</time></div>{story}"
    "<aside class='related'><h3>Fares rise</h3><span class='date'>Nov. 2, 2020</span></aside>"
    "<section id='comments'><h2>Comments</h2><span class='comment-date'>Dec. 6, 2020 9:02 p.m.</span>"
    "</section></article>"
)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # The story's header, from the headline to its first paragraph: the byline's and its `<time>`'s
        # texts, not the site's date above, a related story's or a comment's after.
        (HEADER.format(story=STORY), ["By Ann Lee Dec. 6, 2020 8:15 a.m. CET", "Dec. 6, 2020 8:15 a.m. CET"]),
        (HEADER.replace("h1>", "h2>").format(story=STORY), []),  # no headline, no header
        ("<h1>Ferries</h1><p class='updated'>Dec. 6, 2020</p><section id='comments'>"
         "<p class='date'>Dec. 7, 2020</p></section>", ["Dec. 6, 2020"]),  # no story: the next elements
        # The day and the time in elements of their own, nothing between them: read apart.
        ("<h1>Ferries</h1><time><span>Published Sun, Dec 6 2020</span><span>8:15 AM EST</span></time>",
         ["Published Sun, Dec 6 2020 8:15 AM EST"]),
        # Without a year: a day and a clock, not a clock alone nor a day alone.
        ("<h1>Ferries</h1><p class='byline'>Posted Dec 6, 8:15 AM</p><span class='time'>8:15 AM</span>"
         "<span class='date'>Dec 6</span><span class='meta'>Today 9:02 AM</span>",
         ["Posted Dec 6, 8:15 AM", "Today 9:02 AM"]),
        # Below the story, a text that says it is the publication's, in any element, last; not a related
        # story's date, one without its label, or a comment's.
        (f"<h1>Ferries</h1><p class='updated'>Updated Dec 6, 2020 9:41 AM</p>{STORY}<footer><p>"
         "<small>First published on Dec. 6, 2020 / 8:15 AM</small></p></footer>",
         ["Updated Dec 6, 2020 9:41 AM", "First published on Dec. 6, 2020 / 8:15 AM"]),
        (HEADER.format(story=STORY + "<div class='related-box'><p>Published: Nov. 2, 2020</p></div>"),
         ["By Ann Lee Dec. 6, 2020 8:15 a.m. CET", "Dec. 6, 2020 8:15 a.m. CET"]),
        (f"<h1>Ferries</h1>{STORY}<p class='date'>Dec. 6, 2020 8:15 AM</p>"
         "<div id='comments'><p>Published on Dec. 7, 2020 by Bo</p></div>", []),
    ],
)  # fmt: skip
def test_the_datelines_of_the_story_header_are_visible_dates(body: str, expected: list[str]) -> None:
    html = f"<html><head></head><body>{body}</body></html>"
    story = GenericArticle(Page("https://n.example/news/ferries-1265473", html.encode(), "utf-8", FETCHED),
                           site_named("generic"))  # fmt: skip
    assert [found.raw for found in story.dates() if found.source == VISIBLE_DATE] == expected


def test_the_byline_gives_the_page_s_offset_to_a_utc_time() -> None:
    html = f"<html><head></head><body>{HEADER.format(story=STORY)}</body></html>"
    story = GenericArticle(
        Page("https://n.example/news/ferries-1265473", html.encode(), "utf-8", FETCHED), site_named("generic")
    )
    found = resolve_published(story.dates(), None, FETCHED)
    assert found is not None
    assert (found.isoformat(), found.source) == ("2020-12-06T08:15:00+01:00", "time_element")
