"""Widgets known by the words in their class: a carousel of other items is not the story's container,
though a listing's carousel of headlines is still read for links."""

from __future__ import annotations

from scrapy.http import HtmlResponse

from newscrawl.discovery.links import LinkListing
from newscrawl.page import page_of
from tests.test_content import blocks_of

STORY = [
    "The harbour board voted on Monday to close the north quay for repairs until the spring.",
    "Ferries will berth at the south quay, which the board says can take two ships at once.",
]
NOTICES = [
    "Notice one: the family of a long-serving harbour pilot announces his funeral on Friday.",
    "Notice two: the family of a retired ferry captain thanks all who came to her funeral.",
    "Notice three: the family of a crane driver announces his funeral at the chapel on Monday.",
]


def test_a_carousel_of_other_items_is_not_the_story() -> None:
    story = "".join(f"<p>{text}</p>" for text in STORY)
    slides = "".join(f"<p>{text}</p>" for text in NOTICES)
    carousel = f'<div class="swiper-container"><div class="swiper-wrapper">{slides}</div></div>'
    page = f"<html><body><article><div>{story}</div></article><div>{carousel}</div></body></html>"
    assert blocks_of(page) == STORY


def test_a_story_whose_class_mentions_a_slider_elsewhere_in_a_token_is_kept() -> None:
    body = "".join(f"<p>{text}</p>" for text in STORY)
    assert (
        blocks_of(f'<html><body><div class="has-slider-layout"><div>{body}</div></div></body></html>')
        == STORY
    )


def test_a_listings_carousel_of_headlines_is_still_read_for_links() -> None:
    body = (
        '<html><body><div class="swiper-wrapper"><h3><a href="/news/2024/05/06/north-quay-closes">'
        "North quay closes for repairs until the spring</a></h3></div></body></html>"
    )
    page = page_of(HtmlResponse("https://harbour.example/news/", body=body.encode()))
    assert page is not None
    assert [link.url for link in LinkListing().read(page).links] == [
        "https://harbour.example/news/2024/05/06/north-quay-closes"
    ]


def test_a_modal_dialogs_form_is_not_the_story() -> None:
    story = "".join(f"<p>{text}</p>" for text in STORY)
    modal = (
        '<div class="modal modal--suggest-a-correction"><div class="modal__dialog-content">'
        '<h3 class="modal__dialog-title">Suggest a Correction</h3><div><form class="contact-form">'
        '<div class="field-wrap"><label>Your name<span>(required)</span></label><input name="n"></div>'
        "</form></div></div></div>"
    )
    assert blocks_of(f"<html><body><article>{story}{modal}</article></body></html>") == STORY
