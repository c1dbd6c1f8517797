"""The story's blocks on a page of unknown layout: its paragraphs, without what surrounds them."""

from __future__ import annotations

from lxml import html

from newscrawl.extract.content import main_container, story_blocks, text_of

PAGE = """<html><body><nav><a href="/">Home</a></nav><article><h1>Cranes idle</h1><div class="story">
<p>Forty-one container ships were waiting at anchor outside the harbour on Tuesday.</p>
<p>Advertisement</p>
<p>The dockworkers' union walked out on February 19 after talks over shift patterns collapsed.</p>
<p>More:</p>
<p><a href="/news/a">Port strike: what it means for shoppers</a></p>
<p>Tell us what you think...</p>
<h2>Talks on Thursday</h2>
<p>The regional government has offered to mediate, and both sides meet again on Thursday.</p>
<div class="share-tools"><p>Share this article with your friends and family today.</p></div>
</div></article><footer><p>Copyright 2024 Coastal Courier, all rights reserved everywhere.</p></footer>
</body></html>"""


def test_the_blocks_are_the_story_without_labels_teasers_or_widgets() -> None:
    root = html.fromstring(PAGE)
    assert [text_of(block) for block in story_blocks(main_container(root))] == [
        "Forty-one container ships were waiting at anchor outside the harbour on Tuesday.",
        "The dockworkers' union walked out on February 19 after talks over shift patterns collapsed.",
        "Talks on Thursday",
        "The regional government has offered to mediate, and both sides meet again on Thursday.",
    ]
