"""The generic profile's second reader: asked only when the story's blocks look like the wrong part of
the page, and kept only when it reads much more of it."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape

from trafilatura import extract

from newscrawl.extract.plaintext import after_headline, without_lines
from newscrawl.page import Page
from newscrawl.sites.generic import GenericArticle
from newscrawl.sites.registry import site_named
from tests.support import FIXTURES

URL = "https://www.coastalcourier.example/news/2024/03/05/harbour-cranes-idle-dock-strike"
FETCHED = datetime(2024, 3, 5, 12, 0, tzinfo=UTC)


def read(html: bytes) -> tuple[str, ...]:
    return site_named("generic").article(Page(URL, html, "utf-8", FETCHED)).body


def test_a_story_loose_in_a_table_cell_beside_an_ad_slot_is_read_by_the_second_reader() -> None:
    html = (FIXTURES / "generic" / "table-story.html").read_bytes()
    second = extract(html.decode(), url=URL, include_comments=False, include_tables=False)
    assert second is not None
    body = read(html)
    assert body == tuple(f"<p>{escape(line)}</p>" for line in second.splitlines() if line.strip())
    assert "forty-one container ships were waiting at anchor" in body[-1]


def test_blocks_that_hold_the_story_ask_no_second_reader() -> None:
    html = (FIXTURES / "generic" / "courier-story.html").read_bytes()
    story = GenericArticle(Page(URL, html, "utf-8", FETCHED), site_named("generic"))
    assert story.second_reading is None
    assert story.body()[0] == (
        "<p>The harbour bridge will reopen to cars on Thursday morning, two years after cracks in its main "
        "span forced the council to close it.</p>"
    )


def test_the_readers_headline_and_the_labels_above_it_are_not_body() -> None:
    text = "Review\nHarbour  cranes stand idle\nPort officials said on Tuesday that ships waited.\nMore."
    assert after_headline(text, "Harbour cranes stand idle") == (
        "Port officials said on Tuesday that ships waited.\nMore."
    )


def test_a_line_like_the_headline_deep_in_the_text_is_body() -> None:
    text = "Ships wait.\nUnions meet.\nTalks resume.\nHarbour cranes stand idle\nThe end."
    assert after_headline(text, "Harbour cranes stand idle") == text
    assert after_headline(" \nShips wait.", "") == " \nShips wait."


def test_other_stories_cards_do_not_count_as_text_the_blocks_missed() -> None:
    story = (
        "Port officials said on Tuesday that forty-one container ships were waiting at anchor outside the "
        "harbour, the highest number since the port opened its second terminal in 1998."
    )
    cards = "".join(
        f'<article class="postbox"><h2><a href="/news/{n}">Story {n}</a></h2><p>Teaser {n}: the first '
        "paragraph of another story from the port, which readers may like next.</p></article>"
        for n in range(1, 5)
    )
    html = (
        "<html><head><title>Ships wait</title></head><body><article><h1>Ships wait</h1>"
        f"<p>{story}</p></article><section>{cards}</section></body></html>"
    )
    page = GenericArticle(Page(URL, html.encode(), "utf-8", FETCHED), site_named("generic"))
    assert page.second_reading is None
    assert page.body() == (f"<p>{story}</p>",)


def test_lines_are_dropped_whatever_their_spacing() -> None:
    assert without_lines("Ships wait.\n  Teaser  one. \nTalks resume.", {"Teaser one."}) == (
        "Ships wait.\nTalks resume."
    )


def test_lines_of_a_story_written_with_br_count_as_the_pages_prose() -> None:
    line = "The consumers' group asked the President on Sunday to step in, after a month of daily brownouts."
    story = f"<div class='post-body'>{line}<br><br>{line}<br>{line[:70]}<br><div class='ad'></div></div>"
    html = f"<html><body><p>{line}</p><p>Short caption.</p>{story}</body></html>"
    page = GenericArticle(Page(URL, html.encode(), "utf-8", FETCHED), site_named("generic"))
    assert len(line) == 96
    assert page.prose_chars() == 3 * 96
