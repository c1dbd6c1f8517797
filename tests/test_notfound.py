"""Soft 404s told by their own words: a status headline at any length, an apology on a short page."""

from __future__ import annotations

import pytest

from newscrawl.extract.notfound import is_status_title, says_not_found


@pytest.mark.parametrize(
    ("title", "status"),
    [
        ("404 - Page not found", True),
        ("404 | News24", True),
        ("Error 404", True),
        ("404 Not Found", True),
        ("Not Found", True),
        ("Error 404: why the web keeps breaking", False),
        ("404 people evacuated after flood", False),
        ("Page not found: why the tax site failed", False),  # a story's headline; only short pages judged
    ],
)
def test_a_status_headline_is_told_from_a_story_about_one(title: str, status: bool) -> None:
    assert is_status_title(title) is status


@pytest.mark.parametrize(
    "text",
    [
        "Oops! We can\u2019t seem to find the story you're looking for",
        "Sorry, we couldn't find that page.",
        "The article you are looking for has moved.",
        "This page no longer exists.",
        "P\u00e1gina no encontrada",
        "Seite nicht gefunden",
        "Page introuvable",
        "\u0421\u0442\u0440\u0430\u043d\u0438\u0446\u0430 \u043d\u0435 "  # ru
        "\u043d\u0430\u0439\u0434\u0435\u043d\u0430",
        "\u30da\u30fc\u30b8\u304c\u898b\u3064\u304b\u308a\u307e\u305b\u3093",
        "Error 404 - nothing here",
    ],
)
def test_apologies_for_a_missing_page_in_many_languages(text: str) -> None:
    assert says_not_found(text)


@pytest.mark.parametrize(
    "text",
    ["Suspect not found after a week-long search", "Police could not find the car", "Flight 404 lands"],
)
def test_news_that_mentions_finding_is_no_apology(text: str) -> None:
    assert not says_not_found(text)
