"""Widgets' words among the story's blocks, known by the words alone: share bars, readers' calls to act."""

from __future__ import annotations

from lxml import html

from newscrawl.extract.content import main_container, story_blocks, text_of

STORY = (
    "<p>The harbour board voted on Monday to close the north quay for repairs until the spring.</p>"
    "<p>Ferries will berth at the south quay, which the board says can take two ships at once.</p>"
)


def blocks_of(page: str) -> list[str]:
    root = html.fromstring(page)
    return [text_of(block) for block in story_blocks(main_container(root))]


def test_a_share_bar_is_not_the_story_with_or_without_spaces() -> None:
    assert blocks_of(
        "<html><body><article><div><span>Connect</span><span>Tweet</span><span>LinkedIn</span>"
        "<span>Email</span><span>More</span></div>"
        f"{STORY}<div>Facebook Twitter WhatsApp Pinterest Print</div></article></body></html>"
    ) == [
        "The harbour board voted on Monday to close the north quay for repairs until the spring.",
        "Ferries will berth at the south quay, which the board says can take two ships at once.",
    ]


def test_a_sentence_naming_share_services_is_prose() -> None:
    assert (
        blocks_of(
            f"<html><body><article>{STORY}<p>Twitter and Facebook shares both fell.</p></article></body></html>"
        )[-1]
        == "Twitter and Facebook shares both fell."
    )
