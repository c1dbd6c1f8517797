"""The page's lines among a story's blocks or a reader's lines: labels, share bars, captions, datelines."""

from __future__ import annotations

from newscrawl.extract.plaintext import reader_text
from tests.test_content import blocks_of

STORY_TEXT = [
    "The harbour board voted on Monday to close the north quay for repairs until the spring.",
    "Ferries will berth at the south quay, which the board says can take two ships at once.",
]
STORY = "".join(f"<p>{text}</p>" for text in STORY_TEXT)


def test_a_share_bar_is_not_the_story_with_or_without_spaces() -> None:
    assert (
        blocks_of(
            "<html><body><article><div><span>Connect</span><span>Tweet</span><span>LinkedIn</span>"
            "<span>Email</span><span>More</span></div>"
            f"{STORY}<div>Facebook Twitter WhatsApp Pinterest Print</div></article></body></html>"
        )
        == STORY_TEXT
    )


def test_a_sentence_naming_share_services_is_prose() -> None:
    assert (
        blocks_of(
            f"<html><body><article>{STORY}<p>Twitter and Facebook shares both fell.</p></article></body>"
        )[-1]
        == "Twitter and Facebook shares both fell."
    )


def test_the_calls_to_act_that_end_a_story_are_not_its_text() -> None:
    assert (
        blocks_of(
            f"<html><body><article>{STORY}"
            "<p>Got a tip? Email Jane Roe at jroe@example.com. Follow her on Twitter @janeroe.</p>"
            "<p>Get local news delivered to your inbox!</p><p>Sign up!</p>"
            "<p>Síguenos en Facebook: El Diario y en Twitter: @eldiario</p></article></body></html>"
        )
        == STORY_TEXT
    )


def test_a_storys_sentences_about_subscribers_and_followers_stay() -> None:
    sentences = [
        "Follow the money, the auditor told the board, and it leads to the ferry company's accounts.",
        "The ferry company's app lost a third of its subscribers after the fares went up in May.",
        "The mayor, who has 40,000 followers on Twitter, said he would subscribe to the new pass himself.",
    ]
    assert (
        blocks_of(
            f"<html><body><article>{''.join(f'<p>{sentence}</p>' for sentence in sentences)}</article></body>"
        )
        == sentences
    )


def test_a_call_to_act_before_the_storys_end_is_left_to_it() -> None:
    middle = "Readers can follow the vote live on the council's YouTube channel from 7 pm on Thursday."
    assert blocks_of(f"<html><body><article><p>{middle}</p>{STORY}</article></body></html>")[0] == middle


def test_a_second_readers_text_ends_where_the_story_does() -> None:
    text = (
        "Harbour cranes stand idle\nShips wait at anchor.\nTalks resume on Thursday.\n"
        "Do you have a story tip? Email: news@example.com.\n\n"
        "You can also follow us on Facebook, Instagram and Twitter.\n"
    )
    assert (
        reader_text(text, "Harbour cranes stand idle", set())
        == "Ships wait at anchor.\nTalks resume on Thursday."
    )


def test_read_also_labels_and_teaser_lines_in_any_language_are_not_the_story() -> None:
    assert (
        blocks_of(
            f"<html><body><article>{STORY}<p>Baca juga: Pelabuhan utara ditutup sampai musim semi</p>"
            "<p>ALSO READ | Ferry fares to rise in May</p><p>Lue myös:</p><p>Te recomendamos ⬇</p>"
            "<p>Mehr zum Thema</p></article></body></html>"
        )
        == STORY_TEXT
    )


def test_a_sentence_that_starts_like_a_label_is_prose() -> None:
    sentences = [
        "Read more closely, the board's minutes show the vote was closer than it first appeared.",
        "Related questions about the south quay's depth will be answered by the engineers in June.",
        "Story continues below the map of the harbour, which shows both quays and the ferry routes.",
    ]
    assert (
        blocks_of(f"<html><body><article>{''.join(f'<p>{text}</p>' for text in sentences)}</article></body>")
        == sentences
    )


def test_a_second_readers_widget_lines_are_left_out() -> None:
    text = "Ships wait at anchor.\nAlso read: Ferry fares to rise in May\nRELATED INFORMATION\nTalks resume."
    assert reader_text(text, "", set()) == "Ships wait at anchor.\nTalks resume."


def test_a_caption_written_as_a_paragraph_is_known_by_its_credit() -> None:
    assert (
        blocks_of(
            "<html><body><article><p>FILE PHOTO: The north quay at dawn, seen from the ferry terminal.</p>"
            f"{STORY}<p>The south quay in 1962. — Foto: Ana Lima/Arquivo</p>"
            "<p>Dockworkers leave the north quay. (Credits: PTI)</p></article></body></html>"
        )
        == STORY_TEXT
    )


def test_a_sentence_about_a_photo_or_credits_is_prose() -> None:
    sentences = [
        "The photo the board released shows the north quay's cracked piles at low tide.",
        "The credits of the harbour documentary list every dockworker who spoke on camera.",
    ]
    assert (
        blocks_of(f"<html><body><article>{''.join(f'<p>{text}</p>' for text in sentences)}</article></body>")
        == sentences
    )


def test_a_byline_printed_as_a_paragraph_is_not_the_story() -> None:
    assert (
        blocks_of(
            f"<html><body><article><p>By Jane Roe and John Doe</p><p>Por ANA LIMA</p>{STORY}</article></body>"
        )
        == STORY_TEXT
    )


def test_a_sentence_starting_with_by_is_prose() -> None:
    page = f"<html><body><article><p>By Monday, the quay was closed.</p>{STORY}</article></body>"
    assert blocks_of(page)[0] == "By Monday, the quay was closed."


def test_a_dateline_standing_alone_above_the_story_is_not_its_text() -> None:
    assert (
        blocks_of(
            "<html><body><article><p>January 18, 2020</p><p>15.12.2020 - 14:49</p>"
            f"{STORY}</article></body></html>"
        )
        == STORY_TEXT
    )


def test_short_lines_with_dates_or_prices_in_the_story_stay() -> None:
    lines = [
        "Ferry timetable 2020",
        "PS4 controller for $39.99 at 10",
        "The harbour board voted on Monday to close the north quay for repairs until the spring.",
        "Monday 6 April, 07:30",
        "The quay closed on January 18, 2020.",
    ]
    assert blocks_of(
        f"<html><body><article>{''.join(f'<p>{line}</p>' for line in lines)}</article></body>"
    ) == (lines)


def test_a_second_readers_dateline_is_left_out() -> None:
    text = "THE TIMES OF INDIA | Oct 02, 2020, 19:02:47 IST\n" + STORY.replace("<p>", "").replace(
        "</p>", "\n"
    )
    assert reader_text(text, "", set()).splitlines() == [
        "The harbour board voted on Monday to close the north quay for repairs until the spring.",
        "Ferries will berth at the south quay, which the board says can take two ships at once.",
    ]


def test_gallery_share_count_and_wordpress_labels_are_not_the_story() -> None:
    assert (
        blocks_of(
            "<html><body><article><p>Caption</p><p>Close</p><p>Back to Gallery</p>"
            f"{STORY}<p>Sharing is caring!</p><p>858 shares</p><p>Sukai ini:</p><p>Suka Memuat...</p>"
            "<p>Places in this Story</p><p>You may also like...</p>"
            "<p>Click here to subscribe to The Harbour Newsletter</p></article></body></html>"
        )
        == STORY_TEXT
    )


def test_a_year_or_a_count_alone_is_not_a_share_bar() -> None:
    assert blocks_of(f"<html><body><article>{STORY}<p>2020</p><p>858</p></article></body></html>") == [
        *STORY_TEXT,
        "2020",
        "858",
    ]


def test_reporting_credits_that_end_a_story_are_not_its_text() -> None:
    assert (
        blocks_of(
            f"<html><body><article>{STORY}<p>(Reporting by Jane Roe; Editing by John Doe)</p>"
            "<p>Ana Lima in Lisbon contributed to this report.</p></article></body></html>"
        )
        == STORY_TEXT
    )


def test_a_storys_last_sentence_about_contributions_stays() -> None:
    last = "The ferry company said three of its captains contributed to the harbour fund."
    assert blocks_of(f"<html><body><article>{STORY}<p>{last}</p></article></body></html>") == [
        *STORY_TEXT,
        last,
    ]
