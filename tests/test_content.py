"""The story's blocks on a page of unknown layout: its paragraphs, without what surrounds them."""

from __future__ import annotations

import pytest
from lxml import html

from newscrawl.extract.content import is_sentence, main_container, story_blocks, text_of

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


def test_a_scripts_text_is_code_not_prose() -> None:
    root = html.fromstring(
        "<html><body><article><div><script>var story = {title: 'not prose at all, only code'};</script></div>"
        "<p>The only paragraph of the story, long enough to be one.</p>"
        "<p>Its second paragraph<style>.x{color:red}</style> says more.</p></article></body></html>"
    )
    assert [text_of(block) for block in story_blocks(main_container(root))] == [
        "The only paragraph of the story, long enough to be one.",
        "Its second paragraph says more.",
    ]


def blocks_of(page: str) -> list[str]:
    root = html.fromstring(page)
    return [text_of(block) for block in story_blocks(main_container(root))]


def test_a_storys_lists_and_table_rows_are_its_blocks() -> None:
    assert blocks_of(
        "<html><body><article><p>The council published the results of Sunday's vote in four wards.</p>"
        "<ul><li>Turnout rose in every ward</li><li>Two seats changed hands</li></ul>"
        "<table><tr><th>Ward</th><th>Turnout</th></tr><tr><td>North</td><td>61%</td></tr></table>"
        "<p>The new council meets for the first time on the second Monday of May.</p></article></body></html>"
    ) == [
        "The council published the results of Sunday's vote in four wards.",
        "Turnout rose in every ward",
        "Two seats changed hands",
        "WardTurnout",
        "North61%",
        "The new council meets for the first time on the second Monday of May.",
    ]


def test_a_list_of_headlines_with_links_is_not_the_story() -> None:
    assert blocks_of(
        "<html><body><article><p>The bridge reopens to cars on Monday after eighteen months of repairs.</p>"
        "<p>Cyclists keep the lane they were given during the works, the city said on Friday.</p>"
        '<ul><li>Bus fares rise, <a href="/a">and so do the complaints</a></li>'
        '<li>A new ferry line, <a href="/b">ready by the summer</a></li>'
        '<li>Parking in the old town: <a href="/c">what changes</a></li></ul></article></body></html>'
    ) == [
        "The bridge reopens to cars on Monday after eighteen months of repairs.",
        "Cyclists keep the lane they were given during the works, the city said on Friday.",
    ]


def test_a_layout_tables_row_is_not_one_block() -> None:
    assert blocks_of(
        "<html><body><article><p>The harbour's new crane lifted its first container on Monday.</p>"
        "<p>It can lift twice the weight of the old ones, the port authority said.</p><table><tr><td>"
        "<p>Dockers were trained on it for six weeks before the first lift.</p></td><td class='sidebar'>"
        "<p>Subscribe to our weekly newsletter and never miss a story from the port.</p></td></tr></table>"
        "</article></body></html>"
    ) == [
        "The harbour's new crane lifted its first container on Monday.",
        "It can lift twice the weight of the old ones, the port authority said.",
        "Dockers were trained on it for six weeks before the first lift.",
    ]


def column(*paragraphs: str) -> str:
    text = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return f'<div class="story-column"><div class="text">{text}</div></div>'


def test_a_story_split_into_sections_of_one_kind_is_read_whole() -> None:
    first = (
        "The council voted on Tuesday to close the harbour bridge to lorries from the first of May.",
        "Engineers found cracks in two of its supports during an inspection in the autumn.",
    )
    second = (
        "Hauliers say the detour adds forty minutes to every trip to the container terminal.",
        "The council has promised a decision on repairs before the end of the year.",
    )
    page = (
        "<html><body><section>" + column(*first) + '<aside class="ad-slot"><p>Advertisement</p></aside>'
        + column(*second) + "</section></body></html>"
    )  # fmt: skip
    assert blocks_of(page) == [*first, *second]


def test_a_section_much_shorter_than_the_story_is_not_its_twin() -> None:
    story = (
        "Harbour Systems reported a 12% rise in third-quarter sales on Thursday, led by its crane software.",
        "Orders from ports in Asia doubled, while European orders were flat, the company said.",
        "It expects full-year sales at the top of its earlier range and will publish them in February.",
    )
    about = "Harbour Systems makes software for ports and employs 900 people in six countries."
    page = f"<html><body><section>{column(*story)}{column(about)}</section></body></html>"
    assert blocks_of(page) == [*story]


def test_paragraphs_of_other_stories_cards_do_not_make_the_container() -> None:
    story = (
        "Living a true love is one of the greatest pleasures in life. To like is to feel with the soul, but "
        "how we show it depends on each of us, and it starts with loving yourself first."
    )
    cards = "".join(
        f'<article class="postbox"><a href="/post-{n}">Post {n}</a><p>Teaser {n}: the first paragraph of '
        "another post, long enough to count as prose, and all of them longer than the story.</p></article>"
        for n in range(1, 4)
    )
    page = f"<html><body><article><h1>Loving yourself</h1><p>{story}</p></article>{cards}</body></html>"
    assert blocks_of(page) == [story]


def test_without_a_headed_article_every_articles_paragraphs_count() -> None:
    story = (
        "The harbour bridge reopens to cars on Monday after eighteen months of repairs.",
        "Cyclists keep the lane they were given during the works, the city said on Friday.",
    )
    article = "".join(f"<p>{paragraph}</p>" for paragraph in story)
    note = "<div><p>Readers can send their questions about the works to the newsroom.</p></div>"
    page = f"<html><body><h1>Bridge reopens</h1><article>{article}</article>{note}</body></html>"
    assert blocks_of(page) == [*story]


def test_an_h1_heading_a_featured_card_does_not_make_its_article_the_storys() -> None:
    story = (
        "Early reviews of the streaming console are in, and most critics found its launch line-up thin.",
        "Several reviewers also reported lag on home connections slower than the advertised minimum.",
    )
    card = (
        '<article class="featured"><h1>Why not fight for the reindeer?</h1><p>A short teaser.</p></article>'
    )
    article = "".join(f"<p>{paragraph}</p>" for paragraph in story)
    page = (
        f'<html><body>{card}<article class="single"><h2>Reviews are in</h2>{article}</article></body></html>'
    )
    assert blocks_of(page) == ["Reviews are in", *story]


LEAD = (
    "The President made an unscheduled trip to the military hospital on Saturday for a quick check.",
    "The White House said the visit was part of his annual physical, which is usually done in one day.",
)
REST = (
    "Doctors who spoke to the paper said a physical split over months was unusual for a man of his age.",
    "His last full report, released in the spring, listed a common form of heart disease.",
    "The White House did not answer questions about the tests on Sunday.",
    "A spokesman said the President was in very good health and would keep his schedule this week.",
    "Past presidents have released detailed reports after each visit, often within a day or two of it.",
    "Two former White House physicians said a second visit within a year would not in itself be a concern.",
)


def story_page(*lead: str) -> str:
    paragraphs = "".join(f'<div class="body-paragraph">{paragraph}</div>' for paragraph in lead)
    rest = "".join(f"<p>{paragraph}</p>" for paragraph in REST)
    return f"<html><body><div>{paragraphs}<div class='read-all'>{rest}</div></div></body></html>"


def test_a_lead_written_beside_the_rest_of_the_story_is_read_with_it() -> None:
    assert blocks_of(story_page(*LEAD)) == [*LEAD, *REST]


def test_one_paragraph_beside_the_story_does_not_widen_it() -> None:
    assert blocks_of(story_page(LEAD[0])) == [*REST]


STORY = (
    "The manager agreed a deal on Wednesday to take over the club until the end of the season.",
    "He replaces the coach who was sacked after a run of one win in twelve league games.",
)


def test_headlines_in_a_list_of_other_stories_are_not_subheads() -> None:
    items = "".join(
        f'<li><a href="/story/{n}"><img src="{n}.jpg"><h4>Other story number {n}</h4></a></li>'
        for n in range(3)
    )
    story = "".join(f"<p>{paragraph}</p>" for paragraph in STORY)
    page = f"<html><body><article>{story}<div><ul>{items}</ul></div></article></body></html>"
    assert blocks_of(page) == [*STORY]


def test_a_lone_list_item_that_is_a_headline_link_is_not_the_story() -> None:
    story = "".join(f"<p>{paragraph}</p>" for paragraph in STORY)
    teaser = '<ul><li><h4><a href="/news/1">Club owners sell their stake</a></h4></li></ul>'
    kept = '<ul><li><h4>Results: <a href="/table">league table</a>, scorers and the week ahead</h4></li></ul>'
    page = f"<html><body><article>{story}{teaser}{kept}</article></body></html>"
    assert blocks_of(page) == [*STORY, "Results: league table, scorers and the week ahead"]


def test_class_words_are_read_in_camel_case_too() -> None:
    story = "".join(f"<p>{paragraph}</p>" for paragraph in STORY)
    promo = (
        '<div class="PromoSmall-description">A vulture fund bids for the club, and fans are worried.</div>'
    )
    last = "The club said the new manager will speak to reporters on Friday."
    layout = f'<div class="RichTextBody"><p>{last}</p></div>'
    page = f"<html><body><article>{story}{promo}{layout}</article></body></html>"
    assert blocks_of(page) == [*STORY, last]


def test_a_custom_element_is_a_block_not_text_of_the_div_around_it() -> None:
    story = "".join(f"<p>{paragraph}</p>" for paragraph in STORY)
    promo = '<ps-promo><div class="PromoSmall-title">Fans fear a sale</div></ps-promo>'
    promo = f'<div class="Enhancement">{promo}</div>'
    page = f"<html><body><article>{story}{promo}</article></body></html>"
    assert blocks_of(page) == [*STORY]


def test_microdata_values_printed_beside_the_story_are_not_its_blocks() -> None:
    story = "".join(f"<p>{paragraph}</p>" for paragraph in STORY)
    values = (
        '<div itemprop="headline">Club appoints new manager</div><div itemprop="datePublished">2019-11-20'
        '</div><div itemprop="keywords">football,manager,club,appointment,season,league</div>'
    )
    assert blocks_of(f"<html><body><article><div>{values}{story}</div></article></body></html>") == [*STORY]


def test_a_short_section_before_the_longest_is_the_storys_lead() -> None:
    lead = "The model said in an interview that she was afraid of growing old, and of being forgotten."
    rest = (
        "She began modelling at seventeen and was on the cover of every magazine within a few years.",
        "Her first film role came a decade later, and she has written two books since then.",
        "She now lives in New York with her family and still works for several fashion houses.",
        "Her new book, about ageing in the public eye, comes out in the spring.",
    )
    blocks = f"{column(lead)}<div class='story-image'><img src='a.jpg'></div>{column(*rest)}"
    assert blocks_of(f"<html><body><section>{blocks}</section></body></html>") == [lead, *rest]


def test_wordpress_like_widget_labels_are_not_the_story() -> None:
    story = "".join(f"<p>{paragraph}</p>" for paragraph in STORY)
    likes = '<div class="sharedaddy"><h3 class="sd-title">Like this:</h3><div>Like Loading...</div></div>'
    assert blocks_of(f"<html><body><article>{story}{likes}</article></body></html>") == [*STORY]


@pytest.mark.parametrize(
    ("markup", "sentence"),
    [
        ("<p>Officials say the risk of an outbreak is low, but many are concerned</p>", True),
        ("<p>Trending Now on NYPost.com</p>", False),  # a label
        (
            "<p><a href='/a'>Kraj Świat Opinie Gospodarka</a> <a href='/b'>Nauka Kultura</a> x</p>",
            False,
        ),
        ("<p>The LC 500 looks good even with <a href='/lc'>the roof</a> chopped off</p>", True),
    ],
)
def test_a_standfirst_is_a_sentence_not_a_label_or_a_menu(markup: str, sentence: bool) -> None:
    element = html.fragment_fromstring(markup)
    assert is_sentence(element, text_of(element)) is sentence
