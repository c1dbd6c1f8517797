"""The generic profile's summary: the standfirst or key points shown between the headline and the story,
never another story's teaser, a banner, or the story's own first paragraph."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newscrawl.normalize.text import fragments_to_texts
from newscrawl.page import Page
from newscrawl.sites.registry import site_named

URL = "https://www.harbourtimes.example/news/2024/05/07/ferry-timetable-changes"
FETCHED = datetime(2024, 5, 7, 9, 0, tzinfo=UTC)
HEADLINE = "Island ferry timetable changes from June"
STORY = (
    "The island ferry will sail every forty minutes instead of every hour from the first of June, the"
    " operator said on Tuesday after a year of complaints about crowded boats.",
    "Two boats will share the route at peak times, and the last crossing of the day moves from nine to"
    " eleven in the evening during the summer months, when visitor numbers are highest.",
    "Fares stay the same until the end of the year, though the operator warned that the price of fuel"
    " could force a review of season tickets in the spring.",
)
DEK = "More sailings at peak times, and a later last boat in summer."
TEASER = '<div class="rail"><p class="item__dek">A new playground opens by the quay this weekend.</p></div>'


def summary_of(
    header: str, *, head: str = "", rail: str = TEASER, story: tuple[str, ...] = STORY
) -> list[str]:
    """The normalized summary of a page with `header` between its headline and its story."""
    paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in story)
    html = (
        f"<html><head><title>{HEADLINE}</title>{head}</head><body>{rail}<article><h1>{HEADLINE}</h1>"
        f'{header}<div class="byline">By Ann Price</div><div class="body">{paragraphs}</div></article>'
        f"{rail}</body></html>"
    )
    page = Page(URL, html.encode(), "utf-8", FETCHED)
    return fragments_to_texts(site_named("generic").article(page).summary)


@pytest.mark.parametrize(
    ("header", "head"),
    [
        (f'<p class="story__standfirst">{DEK}</p>', ""),
        (f'<h2 class="post-chapo">{DEK}</h2>', ""),
        # A class of no known name, showing the very description the page declares.
        (f'<h2 class="sub-head">{DEK}</h2>', f'<meta property="og:description" content="{DEK}">'),
        (f"<h2>{DEK}</h2>", f'<meta name="description" content="{DEK}">'),
        (f'<h2 class="news-stit">{DEK}</h2>', ""),  # the subheading right after the headline
        (f'<p class="blurb">{DEK}</p>', ""),
        (f'<p class="teaser">{DEK}</p>', ""),
        (f'<p class="podtitle">{DEK}</p>', ""),
        (f'<div class="cell chamada"><h2>{DEK}</h2></div>', ""),
        (f'<div class="entry-excerpt">{DEK}</div>', ""),
    ],
)
def test_the_standfirst_under_the_headline_is_the_summary(header: str, head: str) -> None:
    assert summary_of(header, head=head) == [DEK]


def test_key_points_under_the_headline_are_the_summary_one_point_each() -> None:
    points = (
        '<ul class="summary-list"><li>Sailings every forty minutes from June.</li>'
        "<li>The last boat leaves at eleven in summer.</li>"
        '<li><a href="/">Visit our homepage for more stories</a></li></ul>'
    )
    assert summary_of(points) == [
        "Sailings every forty minutes from June.",
        "The last boat leaves at eleven in summer.",
    ]


LONG_DEK = (
    "More sailings at peak times and a later last boat in summer, as the operator answers a year of"
    " complaints about crowded crossings."
)
CUT = (
    '<meta property="og:description"'
    ' content="More sailings at peak times and a later last boat in summer, as...">'
)


def test_a_lead_the_description_was_cut_from_is_the_summary() -> None:
    assert summary_of(f'<div class="b-article__lead"><p>{LONG_DEK}</p></div>', head=CUT) == [LONG_DEK]


@pytest.mark.parametrize(
    "header",
    [
        f'<div class="post-content"><div>{LONG_DEK}</div></div>',  # no lead: a blog's first lines
        f'<div class="article-lead">{DEK} And more on page two.</div>',  # a lead of another text
    ],
)
def test_no_summary_from_a_cut_description_without_a_lead(header: str) -> None:
    assert summary_of(header, head=CUT) == []


@pytest.mark.parametrize(
    "label",
    [
        "<h3>Key points</h3>",
        "<p><strong>Das Wichtigste in K\u00fcrze:</strong></p>",
        '<div class="x">En bref</div>',
    ],
)
def test_a_list_under_a_key_points_label_is_the_summary(label: str) -> None:
    points = (
        "<ul><li>Sailings every forty minutes from June.</li>"
        "<li>The last boat leaves at eleven in summer.</li></ul>"
    )
    assert summary_of(label + points) == [
        "Sailings every forty minutes from June.",
        "The last boat leaves at eleven in summer.",
    ]


@pytest.mark.parametrize(
    ("header", "head"),
    [
        ("", ""),  # only another story's teaser in the rails carries a dek's class name
        (f'<p class="story__standfirst">{STORY[0]}</p>', ""),  # the story's first paragraph, shown twice
        (f'<div class="alert-summary">{DEK} We use cookies to improve our services.</div>', ""),
        (f'<p class="standfirst hidden">{DEK}</p>', ""),
        ('<p class="standfirst">Ferry news in brief</p>', ""),  # a label
        ("<h2>Ferry operator news</h2>", '<meta property="og:description" content="Ferry operator news">'),
        (f'<p class="subtitle">{HEADLINE}</p>', ""),  # the headline again
        ('<h3 class="byline">by Ann Price and Tom Ashdown, Monday 6 May 2024</h3>', ""),
        (f'<div class="byline">By Ann Price</div><h2 class="news-stit">{DEK}</h2>', ""),  # not right after it
        ('<div class="group-blog-blurb">Opinions expressed by our contributors are their own.</div>', ""),
        (f'<div class="node-teaser"><p>{DEK}</p></div>', ""),  # another story's card
        ('<div class="excerpt">Two boats will share the route at peak times, and the last...</div>', ""),
        (f'<p class="teaser">Harbourside. {DEK}</p>', ""),  # a dateline opens the story's first paragraph
        (f'<p class="post-chapo">PORTSMOUTH (AFP) - {DEK}</p>', ""),
        (f"<h3>Highlights</h3><p>{DEK}</p>", ""),  # a label of no list
        ('<h3>Highlights</h3><ul><li><a href="/a">Read our ferry guide for the summer</a></li></ul>', ""),
    ],
)
def test_no_summary_without_a_standfirst_of_the_story(header: str, head: str) -> None:
    assert summary_of(header, head=head) == []


def test_a_body_field_classed_text_with_summary_is_the_story_not_its_summary() -> None:
    """Drupal's body field (`field--type-text-with-summary`), here a teaser's under the headline."""
    teaser = f'<div class="field field--type-text-with-summary"><p>{DEK}</p></div>'
    assert summary_of(teaser, rail="") == []
