"""Is this page an article? The kinds `newscrawl.extract.pagetype` tells from a page's signals."""

from __future__ import annotations

import pytest

from newscrawl.extract.pagetype import PageSignals, not_article_reason

STORY = "https://example.com/news/2023/06/14/harbour-bridge-reopens"


def signals(
    url: str = STORY,
    *,
    title: str = "Harbour bridge reopens",
    body_chars: int = 2000,
    cards: int = 0,
    types: frozenset[str] = frozenset(),
    declares_article: bool = False,
) -> PageSignals:
    return PageSignals(url, types, title, body_chars, declares_article, cards)


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        pytest.param(signals(), None, id="story"),
        pytest.param(signals(body_chars=0, declares_article=True), None, id="declared-brief"),
        pytest.param(signals(body_chars=120), None, id="thin-story-few-links"),
        pytest.param(signals(title="", body_chars=0), "empty", id="blank-answer"),
        pytest.param(signals(title="", body_chars=0, cards=6), "section", id="untitled-index"),
        pytest.param(signals(title="", body_chars=900), "section", id="untitled-text"),
        pytest.param(signals(body_chars=120, cards=6), "section", id="index"),
        pytest.param(signals("https://example.com/"), "home", id="home"),
        pytest.param(signals("https://example.com/tag/harbour-bridge"), "tag", id="tag"),
        pytest.param(signals(title="404 Not Found"), "soft_404", id="status-title"),
        pytest.param(signals(types=frozenset({"CollectionPage"})), "section", id="collection"),
    ],
)
def test_not_article_reason(page: PageSignals, expected: str | None) -> None:
    assert not_article_reason(page) == expected
