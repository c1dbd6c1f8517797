"""`authors` is the byline a reader sees: the first of the page's bylines that names a person, from its
JSON-LD (an `@id` reference looked up in its `@graph`, an author on its `WebPage`), its byline metas in
any case, the author marks in its markup (`itemprop="author"`, `rel="author"`), the first element
after the headline classed as a byline, then a wire story's credit line; never a comment's, a
picture's, a card's, the newspaper's or the site's own name (sites/article.py, sites/jsonld.py,
extract/bylines.py)."""

from __future__ import annotations

import json

import pytest
from lxml import html as lxml_html
from scrapy.http import HtmlResponse

from newscrawl.extract.bylines import credited_bylines
from newscrawl.page import page_of
from newscrawl.sites.jsonld import person_names
from newscrawl.sites.registry import site_named

PERSON_ID = "https://bikes.example/#/schema/person/14fb6898"
PERSON = {"@type": "Person", "@id": PERSON_ID, "name": "Tomas Example"}
# Yoast SEO's graph: the article names its author by reference, the Person is a member of the graph.
YOAST_GRAPH = {
    "@context": "https://schema.org",
    "@graph": [{"@type": "Article", "headline": "Manual review", "author": {"@id": PERSON_ID}}, PERSON],
}
# Yoast SEO before its version 14: the author is the WebPage's, the graph holds no Article.
OLD_YOAST_GRAPH = {"@graph": [{"@type": "WebPage", "author": {"@id": PERSON_ID}}, PERSON]}
AGENCY_AS_PERSON = {"@type": "NewsArticle", "author": {"@type": "Person", "name": "Reuters"}}
# The Person declared in full inside the WebPage's `creator`, the article naming it by reference only.
NESTED_PERSON_GRAPH = {
    "@graph": [
        {"@type": "NewsArticle", "author": {"@id": PERSON_ID}},
        {"@type": "WebPage", "creator": PERSON},
    ]
}
BYLINE = '<p class="byline">By <span itemprop="author">Jana Beispiel</span></p>'
STORY = "<h1>Council backs the new bridge</h1><p>The council voted on Tuesday to fund the bridge.</p>"


def authors_of(head: str, body: str = "") -> tuple[str, ...]:
    html = f"<html><head>{head}</head><body><article>{STORY}{body}</article></body></html>"
    page = page_of(HtmlResponse("https://news.example/2020/01/02/bridge", body=html.encode()))
    assert page is not None
    return site_named("generic").article(page).authors


def authored(kind: str) -> dict[str, object]:
    return {"@type": kind, "author": {"@type": "Person", "name": "Lena Probe"}}


def json_ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


@pytest.mark.parametrize(
    ("head", "body", "authors"),
    [
        pytest.param(json_ld(YOAST_GRAPH), "", ("Tomas Example",), id="json-ld-id-reference"),
        pytest.param(json_ld(OLD_YOAST_GRAPH), "", ("Tomas Example",), id="json-ld-web-page-author"),
        pytest.param('<meta name="Author" content="Rosa Muster">', "", ("Rosa Muster",), id="meta-any-case"),
        pytest.param(
            '<meta name="parsely-author" content="Lena Probe">', "", ("Lena Probe",), id="parsely-meta"
        ),
        pytest.param(
            json_ld(AGENCY_AS_PERSON), BYLINE, ("Jana Beispiel",), id="agency-declared-person-shown"
        ),
        pytest.param(
            "",
            '<div itemprop="author" itemscope itemtype="https://schema.org/Person">'
            '<a href="/authors/mustermann" itemprop="url">M. Mustermann</a>'
            '<meta itemprop="name" content="Max Mustermann"></div>',
            ("Max Mustermann",),
            id="microdata-person-name",
        ),
        pytest.param(
            "",
            'by <a rel="author" href="/author/erika">Erika Musterfrau</a>',
            ("Erika Musterfrau",),
            id="rel-author",
        ),
        # The site's own name in the author meta is no byline: the template's byline is read.
        pytest.param(
            '<meta property="og:site_name" content="Faro Example">'
            '<meta name="author" content="Faro Example">',
            '<div class="byline">By Lena Probe</div>',
            ("By Lena Probe",),
            id="site-name-meta",
        ),
        # A byline that names a person where the page declares one is the page's: the marks are not read.
        pytest.param(
            '<meta name="author" content="Rosa Muster">', BYLINE, ("Rosa Muster",), id="declared-first"
        ),
        # The template's byline: its classed parts, each tried until one names a person.
        pytest.param(
            "",
            '<div class="post__byline">By <span class="byline__author-name">Lena Probe</span>'
            " May 5, 2020</div>",
            ("Lena Probe",),
            id="classed-byline",
        ),
        pytest.param(
            "",
            '<div class="story-byline"><div>By JANA BEISPIEL and TOMAS EXAMPLE</div>'
            "<div>Associated Press</div></div>",
            ("By JANA BEISPIEL and TOMAS EXAMPLE | Associated Press",),
            id="classed-byline-blocks",
        ),
        pytest.param(
            "", '<a class="author_name" href="/a/rosa">Rosa Muster,</a>', ("Rosa Muster,",), id="author_name"
        ),
        pytest.param(
            "",
            '<h3 class="byline">by Tomas Example<br><span class="date">Monday, May 4, 2020</span></h3>',
            ("by Tomas Example | Monday, May 4, 2020",),
            id="classed-byline-lines",
        ),
        pytest.param(
            '<script type="application/ld+json">{"@type": "NewsArticle", "description": "Two\nlines",'
            ' "author": {"@type": "Person", "name": "Lena Probe"}}</script>',
            "",
            ("Lena Probe",),
            id="json-ld-raw-line-break",
        ),
        pytest.param(json_ld(authored("BlogPosting")), "", ("Lena Probe",), id="json-ld-blog-posting"),
        pytest.param(json_ld(authored("MedicalWebPage")), "", ("Lena Probe",), id="json-ld-web-page-kind"),
        pytest.param(json_ld(NESTED_PERSON_GRAPH), "", ("Tomas Example",), id="json-ld-nested-person"),
        pytest.param(
            "",
            '<div class="byline">By Jana Roe and Tomas Example<br>Monday, November 18, 2019, 04:05 pm PT'
            " (07:05 pm ET)<br>Updated Tuesday, November 19, 2019</div>",
            ("By Jana Roe and Tomas Example",),
            id="classed-byline-with-long-date",
        ),
        pytest.param(
            json_ld(authored("NewsArticle")),
            '<p class="byline">By Lena Probe, Tomas Example</p>',
            ("By Lena Probe, Tomas Example",),
            id="shown-byline-names-more",
        ),
        pytest.param(
            json_ld(authored("NewsArticle")),
            '<p class="byline">By Tomas Example and Rosa Muster</p>',
            ("Lena Probe",),
            id="shown-byline-names-others",
        ),
        pytest.param(
            json_ld({"@type": "NewsArticle", "author": ["Lena Probe", "Tomas Example"]}),
            '<p class="byline">By Lena Probe</p>',
            ("Lena Probe", "Tomas Example"),
            id="shown-byline-names-fewer",
        ),
    ],
)
def test_the_byline_names_the_storys_author(head: str, body: str, authors: tuple[str, ...]) -> None:
    assert authors_of(head, body) == authors


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(
            '<ol class="comment-list"><li><span itemprop="author">Erika Musterfrau</span> said</li></ol>',
            id="comment-box",
        ),
        pytest.param(
            '<div itemscope itemtype="https://schema.org/Comment">'
            '<b itemprop="author">Erika Musterfrau</b></div>',
            id="comment-item",
        ),
        pytest.param(
            '<p><span class="comment-author">Erika Musterfrau</span> wrote:</p>', id="comment-class"
        ),
        pytest.param(
            '<figure><img src="/a.jpg"><figcaption><span itemprop="author">Photo: Max Mustermann</span>'
            "</figcaption></figure>",
            id="photo-credit",
        ),
        pytest.param(
            '<div itemprop="author" itemscope itemtype="https://schema.org/Organization">'
            '<meta itemprop="name" content="Daily Example Courier"></div>',
            id="newspaper",
        ),
        pytest.param(
            f'<span itemprop="author">{"Jana Beispiel is a reporter who covers " * 3}</span>', id="bio"
        ),
        pytest.param(
            '<a href="/2020/05/04/other-story"><h3>Other story</h3>'
            '<span class="thumb-author">Rosa Muster</span></a>',
            id="card-in-a-link",
        ),
        # The byline names an agency: a sidebar's columnist further down is not the story's author.
        pytest.param(
            '<div class="article-author">Associated Press</div>'
            '<aside><div class="author">Lena Probe</div></aside>',
            id="agency-then-sidebar",
        ),
        pytest.param(
            '<div class="byline">Example Wire<br>March 16, 2020<br>7:22 AM EDT<br>Filed under<br>Lena Probe'
            "<br>Comment on this story and share it with your friends</div>",
            id="long-byline-names-after-the-date",
        ),
        pytest.param(
            '<div class="author">Lena Probe has covered city hall for the paper since 2011 and writes about'
            " housing, transport and the budget.</div>",
            id="author-bio",
        ),
    ],
)
def test_author_marks_of_other_things_name_nobody(body: str) -> None:
    assert authors_of("", body) == ()


@pytest.mark.parametrize(
    "head",
    [
        pytest.param(json_ld(authored("Comment")), id="comment-item"),  # a reader's
        pytest.param(
            '<meta property="og:site_name" content="Faro Example"><meta name="author" content="Posted by Faro'
            ' Example">',
            id="posted-by-the-site",
        ),
        pytest.param(json_ld(authored("ImageObject")), id="image-item"),  # a photographer's
        pytest.param(json_ld({"@type": "NewsArticle", "author": {"@id": PERSON_ID}}), id="unknown-reference"),
        pytest.param(
            '<script type="application/ld+json">{"@type": "NewsArticle", "author": </script>', id="broken"
        ),
    ],
)
def test_json_ld_authors_of_other_things_name_nobody(head: str) -> None:
    assert authors_of(head) == ()


def test_a_json_ld_reference_is_the_object_it_names() -> None:
    known = {PERSON_ID: PERSON, "#org": {"@type": "Organization", "@id": "#org", "name": "Bikes Weekly"}}
    assert person_names([{"@id": PERSON_ID}, {"@id": "#org"}, {"@id": "#unknown"}], known) == (
        "Tomas Example",
    )


@pytest.mark.parametrize(
    ("paragraph", "bylines"),
    [
        ("(Reporting by Jana Beispiel; Editing by Max Mustermann)", ("Jana Beispiel",)),
        (
            "(Reporting by Jana Beispiel and Tomas Example in New York; Additional reporting by"
            " Rosa Muster in Berlin; Writing by Lena Probe; Editing by Max Mustermann)",
            ("Jana Beispiel and Tomas Example", "Rosa Muster", "Lena Probe"),
        ),
        (
            "(Reporting by Jana Beispiel, with reporting by Rosa Muster, editing by Max Mustermann.)",
            ("Jana Beispiel, with reporting by Rosa Muster",),
        ),
        ("(Editing by Max Mustermann)", ()),  # an editor is no author
        ("The reporting by the ministry was late.", ()),  # a sentence of the story
    ],
)
def test_a_wire_credit_line_names_the_reporters(paragraph: str, bylines: tuple[str, ...]) -> None:
    page = lxml_html.fromstring(f"<div><p>The council met.</p><p>{paragraph}</p></div>")
    assert credited_bylines(page) == bylines


def test_the_credit_line_is_read_when_no_byline_names_a_person() -> None:
    body = '<div class="byline">Reuters</div><p>(Reporting by Jana Beispiel; Editing by Max Mustermann)</p>'
    assert authors_of("", body) == ("Jana Beispiel",)


def authors_of_page(body: str) -> tuple[str, ...]:
    html = f"<html><head></head><body>{body}</body></html>"
    page = page_of(HtmlResponse("https://news.example/2020/01/02/bridge", body=html.encode()))
    assert page is not None
    return site_named("generic").article(page).authors


@pytest.mark.parametrize(
    ("body", "authors"),
    [
        pytest.param(
            '<article><header><p class="about">Von <a class="author-link" href="/a/jana">Jana Beispiel</a>'
            "</p><h1>Council backs the new bridge</h1></header><p>The council voted for it.</p></article>",
            ("Jana Beispiel",),
            id="byline-above-the-headline",
        ),
        pytest.param(
            '<ul class="authors"><li>Lena Probe</li></ul><h1>Council backs the new bridge</h1>'
            "<p>The council voted to fund it.</p>",
            (),
            id="page-above-a-headline-in-body",
        ),
    ],
)
def test_a_byline_above_the_headline_in_its_block(body: str, authors: tuple[str, ...]) -> None:
    assert authors_of_page(body) == authors
