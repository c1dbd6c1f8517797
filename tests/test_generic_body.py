"""The generic profile's body when the page's blocks are too thin: the `articleBody` it declares."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from newscrawl.extract.plaintext import declared_text
from newscrawl.normalize.text import fragments_to_texts
from newscrawl.page import Page
from newscrawl.sites.registry import site_named

URL = "https://www.gadgetdesk.example/reviews/2024/03/05/laptop-review"
FETCHED = datetime(2024, 3, 5, 12, 0, tzinfo=UTC)


def test_a_declared_body_in_plain_text_is_kept_as_it_is() -> None:
    text = "Apple's laptop is faster.\r\n\r\nIts keyboard is better & a < b holds."
    assert declared_text(text) == text


def test_markup_in_a_declared_body_is_read_as_html_even_escaped() -> None:
    escaped = (
        "The laptop is faster.\r\n\r\n&lt;div align=&quot;center&quot;&gt;&lt;img src=&quot;a.jpg&quot;"
        " /&gt;\r\n&lt;span&gt;The new laptop&lt;/span&gt;&lt;/div&gt;\r\n\r\nIts keyboard is &lt;a "
        "href=&quot;/k&quot;&gt;better&lt;/a&gt;."
    )
    expected = "The laptop is faster.\n\n\nThe new laptop\n\nIts keyboard is better."  # lxml reads \r\n as \n
    assert declared_text(escaped) == expected
    assert declared_text("<p>Faster.</p><script>track()</script><p>Better.</p>") == "Faster.Better."


def test_a_thin_page_is_read_from_the_markup_it_declares() -> None:
    declared = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "The laptop, reviewed",
        "articleBody": "We spent a week with the new laptop, and it is the fastest we have tested.\n"
        "&lt;div&gt;&lt;img src=&quot;a.jpg&quot;&gt;&lt;/div&gt;\nIts keyboard is quieter than last year's, "
        "and its battery lasted a whole working day and more.",
    }
    html = (
        f'<html><head><script type="application/ld+json">{json.dumps(declared)}</script></head>'
        '<body><h1>The laptop, reviewed</h1><div id="app"><p>Loading the review...</p></div></body></html>'
    )
    body = site_named("generic").article(Page(URL, html.encode(), "utf-8", FETCHED)).body
    assert fragments_to_texts(body) == [
        "We spent a week with the new laptop, and it is the fastest we have tested.",
        "Its keyboard is quieter than last year's, and its battery lasted a whole working day and more.",
    ]
