"""Sections and tags as pages declare them, without the CMS's own words (`sites/taxonomy.py`), and the
generic profile's section from a page's metas, JSON-LD and breadcrumb trail."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from newscrawl.page import Page
from newscrawl.sites.registry import site_named
from newscrawl.sites.taxonomy import breadcrumb_section, section_of, tags_of

URL = "https://www.valleyherald.example/news/2024/02/11/mill-reopens"
FETCHED = datetime(2024, 2, 11, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("keywords", "tags"),
    [
        # Tickers after the companies they stand for, with or without their exchange.
        (
            [
                "Acme Mills",
                "AM",
                "Microsoft",
                "MSFT",
                "Sony",
                "6758.TO",
                "SNE",
                "Ubisoft",
                "UBI.FR",
                "textiles",
            ],
            ("Acme Mills", "Microsoft", "Sony", "Ubisoft", "textiles"),
        ),
        # Capitals that abbreviate no name before them are a topic.
        (
            ["US Presidential Election", "USA", "Health", "EEE", "NASA"],
            ("US Presidential Election", "USA", "Health", "EEE", "NASA"),
        ),
        # The same topic in two cases, once.
        (["Social Media", "Mills", "social media", "MILLS"], ("Social Media", "Mills")),
        # Labelled topics keep their topic; placements, keyed tokens and a chain's papers go.
        (
            [
                "tag:Coronavirus",
                "Category: Jupiter",
                "topic: White House",
                "section: Article",
                "Front Page",
                "Top Stories",
                "breaking-news",
                "Uncategorized",
                "[SYNDICATED CONTENT]",
                "AR_Arkadelphia - siftingsherald.com",
                "FIRST_PUBLISH_HEADLINE|Mill reopens",
                "Nation/World",
            ],
            ("Coronavirus", "Jupiter", "White House", "Nation/World"),
        ),
    ],
)
def test_tags_are_topics_not_tickers_placements_or_tokens(keywords: list[str], tags: tuple[str, ...]) -> None:
    assert tags_of([], keywords) == tags


@pytest.mark.parametrize(
    ("candidates", "section"),
    [
        (["Business,Entrepreneurs,Small Business"], "Business"),
        (["Nation & World, News"], "Nation & World"),
        ([["U.S.", "Politics"]], "U.S."),
        (["Front Page", None, "Science & Health"], "Science & Health"),
        (["gizmodo.com"], None),  # the host's name
        (["Valley Herald", "Local"], "Local"),  # the site's name
        (["featured", "Latest Headlines"], None),
        ([None, ""], None),
    ],
)
def test_the_section_is_the_first_declared_name_of_one(candidates: list[object], section: str | None) -> None:
    url = "https://gizmodo.com/2024/02/11/mill-reopens" if section is None else URL
    assert section_of(candidates, ("Valley Herald",), url) == section


def test_a_portal_section_named_as_its_site_stays_when_its_path_names_it() -> None:
    assert (
        section_of(["Diversao"], ("Diversao",), "https://www.otempo.example/diversao/story-1") == "Diversao"
    )


def trail(*crumbs: tuple[str, str | None]) -> dict[str, object]:
    elements = [{"@type": "ListItem", "position": n, "name": name, **({"item": url} if url else {})}
                for n, (name, url) in enumerate(crumbs, 1)]  # fmt: skip
    return {"@type": "BreadcrumbList", "itemListElement": elements}


HEADLINE = "Mill reopens after two years with 80 jobs"


@pytest.mark.parametrize(
    ("crumbs", "section"),
    [
        (
            trail(("Home", "https://www.valleyherald.example/"), ("Business", "/business"), (HEADLINE, None)),
            "Business",
        ),
        (
            trail(
                ("Valley Herald", "/"), ("News", "/news"), ("Economy", "/news/economy"), ("Mill reopens", URL)
            ),
            "Economy",
        ),
        (
            trail(("Inicio", None), ("Economía", "/economia"), ("Mill reopens after two years...", None)),
            "Economía",
        ),
        (trail(("Home", "/"), (HEADLINE, URL)), None),  # the home page and the story: no section
        ({"@type": "WebPage", "name": "Business"}, None),
        (
            {
                "@type": "BreadcrumbList",
                "itemListElement": ["Home", None, {"name": "Business", "item": "/b"}],
            },
            "Business",
        ),
    ],
)
def test_the_breadcrumb_section_is_the_deepest_crumb_above_the_story(
    crumbs: dict[str, object], section: str | None
) -> None:
    assert breadcrumb_section([crumbs], {URL, ""}, HEADLINE) == section


def section_of_page(head: str, body: str = "") -> str | None:
    story = f"<h1>{HEADLINE}</h1><p>The mill reopened on Monday.</p>"
    html = f"<html><head>{head}</head><body>{body}{story}</body></html>"
    return site_named("generic").article(Page(URL, html.encode(), "utf-8", FETCHED)).section


def test_the_generic_profile_reads_the_breadcrumb_trail_when_no_section_is_declared() -> None:
    crumbs = trail(("Home", "/"), ("Business", "/business"), (HEADLINE, URL))
    ld = f'<script type="application/ld+json">{json.dumps(crumbs)}</script>'
    assert section_of_page(ld) == "Business"
    assert section_of_page(f'<meta property="article:section" content="Front Page">{ld}') == "Business"
    assert section_of_page(f'<meta property="article:section" content="Local">{ld}') == "Local"
    assert section_of_page('<meta property="article:section" content="Front Page">') is None


@pytest.mark.parametrize(
    ("trail_html", "section"),
    [
        (
            '<nav class="breadcrumb"><a href="/">Home</a> &raquo; <a href="/business">Business</a> &raquo; '
            '<a href="/business/industry">Industry</a></nav>',
            "Industry",
        ),
        # The story's own link, a year's archive and a counter are no section.
        (
            '<ol class="c-breadcrumbs"><li><a href="https://www.valleyherald.example/">Valley Herald</a></li>'
            '<li><a href="/news">News</a></li><li><a href="/news/2024">2024</a></li>'
            f'<li><a href="{URL}">Mill reopens</a></li><li><a href="/today">Today 155</a></li></ol>',
            "News",
        ),
        ('<ul itemtype="https://schema.org/BreadcrumbList"><li><a href="/">Inicio</a></li></ul>', None),
        # A whole story whose class names its trail is not the trail.
        (
            '<article class="has-breadcrumb"><a href="/tech">TECH</a> <a href="/s">EMAIL</a></article>',
            None,
        ),
    ],
)
def test_the_shown_breadcrumb_trail_gives_a_section_when_none_is_declared(
    trail_html: str, section: str | None
) -> None:
    assert section_of_page("", body=trail_html) == section


def test_the_headline_and_sentences_are_no_tags_a_long_name_is() -> None:
    keywords = [
        "#Mills",
        f"{HEADLINE} | Valley Herald",
        "The mill will reopen on Monday with eighty jobs, the owners said on Sunday.",
        "Center on Policy and Health Initiatives on Opioids and Other",
    ]
    assert tags_of([], keywords, HEADLINE) == (
        "Mills",
        "Center on Policy and Health Initiatives on Opioids and Other",
    )


def tags_of_page(head: str, body: str) -> tuple[str, ...]:
    html = f"<html><head>{head}</head><body><h1>{HEADLINE}</h1><p>The mill reopened.</p>{body}</body></html>"
    return site_named("generic").article(Page(URL, html.encode(), "utf-8", FETCHED)).tags


def test_the_tag_links_a_page_shows_are_its_tags_when_it_declares_none() -> None:
    shown = (
        '<div class="tags"><a rel="category tag" href="/c/business">Business</a>'
        '<a rel="tag" href="/t/mills">mills</a> <a rel="tag" href="/t/jobs">Jobs</a></div>'
    )
    assert tags_of_page("", shown) == ("mills", "Jobs")
    assert tags_of_page('<meta property="article:tag" content="Valley">', shown) == ("Valley",)
    cloud = "".join(f'<a rel="tag" href="/t/{n}">Topic {n}</a>' for n in range(31))  # the site's menus
    assert tags_of_page("", cloud) == ()
