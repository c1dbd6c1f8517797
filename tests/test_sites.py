"""Every saved page of every site against its expected JSON: adding a site adds fixtures, not code."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest
from parsel import Selector
from scrapy.exceptions import DropItem

from newscrawl.discovery.listing import LISTING
from newscrawl.page import Page
from newscrawl.sites.news24 import News24, News24Article
from newscrawl.sites.registry import site_named
from newscrawl.sites.select import (
    child_elements,
    css_elements,
    css_first_string,
    declarations,
    first_string,
    html_of,
    with_class,
    xpath_string,
)
from tests.support import (
    CONTRACT_FIELDS,
    FIXTURES,
    fixture_page,
    item_from_fixture,
    schema_validator,
)

EXPECTED = {path: json.loads(path.read_text()) for path in sorted(FIXTURES.glob("*/*.expected.json"))}
LISTINGS = [path for path, expected in EXPECTED.items() if "article_urls" in expected]
NOT_ARTICLES = [path for path, expected in EXPECTED.items() if "not_an_article" in expected]
ARTICLES = [path for path in EXPECTED if path not in LISTINGS and path not in NOT_ARTICLES]


def fixture_id(path: object) -> str:
    assert hasattr(path, "parent")
    return f"{path.parent.name}/{path.name.removesuffix('.expected.json')}"


@pytest.mark.parametrize("expected_path", ARTICLES, ids=fixture_id)
def test_article_page_gives_expected_item(expected_path: object) -> None:
    site_dir, name = fixture_id(expected_path).split("/")
    expected = json.loads((FIXTURES / site_dir / f"{name}.expected.json").read_text())
    item = item_from_fixture(site_dir, name)
    schema_validator().validate(item)
    assert {field: item[field] for field in CONTRACT_FIELDS} == expected


@pytest.mark.parametrize("expected_path", NOT_ARTICLES, ids=fixture_id)
def test_a_page_that_is_not_an_article_is_dropped_with_its_reason(expected_path: object) -> None:
    site_dir, name = fixture_id(expected_path).split("/")
    expected = json.loads((FIXTURES / site_dir / f"{name}.expected.json").read_text())
    with pytest.raises(DropItem, match=f"^{expected['not_an_article']}: {re.escape(expected['url'])}$"):
        item_from_fixture(site_dir, name)


@pytest.mark.parametrize("expected_path", LISTINGS, ids=fixture_id)
def test_listing_page_gives_expected_links(expected_path: object) -> None:
    site_dir, name = fixture_id(expected_path).split("/")
    expected = json.loads((FIXTURES / site_dir / f"{name}.expected.json").read_text())
    site_name, page = fixture_page(site_dir, name)
    site = site_named(site_name)
    listing = site.discover(LISTING, page)
    assert list(listing.urls) == expected["article_urls"]
    assert listing.next_page == expected["next_page_url"]
    must_not = expected["must_not_be_treated_as_articles"]
    assert [url for url in must_not if site.is_article_url(url) or url in listing.urls] == []


TRICKY_CLASSES = """<html><body>
<a class="article__tag" href="/1">one</a>
<a class="x  article__tag\ty" href="/2">two</a>
<a class="article__tags" href="/3">not a tag</a>
<a class="article__tag-label" href="/4">not a tag</a>
<a class="xarticle__tag" href="/5">not a tag</a>
<a class="Article__Tag" href="/6">case differs</a>
<a class="article__tag\u00a0" href="/7">no-break space is part of the name</a>
<div class="article__tag">not an a</div>
<a href="/8">no class</a>
<p class="article__date"><a class="
article__tag" href="/9">nested</a></p>
</body></html>"""


DECLARING_PAGE = """<html><head>
<meta property="og:title" content="First"><meta property="og:title" content="Second">
<meta name="author" content="A. Writer"><meta name="robots"><meta property="x" name="y" content="both">
<link rel="canonical"><link rel="alternate" href="/amp"><link rel="canonical" href=" /story-20220216 ">
<script type="application/ld+json"></script><script>var x = 1;</script>
<script type="application/ld+json">{"@type": "NewsArticle"}</script>
</head><body><meta name="late" content="in body"><script type="application/ld+json">[1]</script>
<article class="article-item"><article class="article x"></article></article>
<link rel="canonical" href="/third"></body></html>"""


def test_declarations_are_what_the_page_wide_selectors_find_first() -> None:
    sel = Selector(text=DECLARING_PAGE)
    found = declarations(sel.root)
    assert found.canonical == sel.css('link[rel="canonical"]::attr(href)').get() == " /story-20220216 "
    assert found.json_ld == sel.css('script[type="application/ld+json"]::text').getall()
    assert found.json_ld == ['{"@type": "NewsArticle"}', "[1]"]
    assert found.articles == [s.root for s in sel.css("article")]
    assert [article.get("class") for article in found.articles] == ["article-item", "article x"]
    assert found.metas == {
        ("property", "og:title"): "First",
        ("name", "author"): "A. Writer",
        ("property", "x"): "both",
        ("name", "y"): "both",
        ("name", "late"): "in body",
    }


def test_with_class_selects_exactly_what_css_selects() -> None:
    sel = Selector(text=TRICKY_CLASSES)
    expected = [s.root for s in sel.css("a.article__tag")]
    assert [element.get("href") for element in expected] == ["/1", "/2", "/9"]
    assert with_class(sel.root, "a", "article__tag") == expected
    (paragraph,) = with_class(sel.root, "p", "article__date")
    assert with_class(paragraph, "a", "article__tag") == expected[-1:]
    assert with_class(paragraph, "p", "article__date") == [paragraph]
    assert with_class(sel.root, "a", "missing") == []


MIXED_CHILDREN = """<html><body><div id="body"><!-- note --><p>Read <b>this</b> &amp; <a>no href</a>
<a href="/first">one</a><a href="/second">two</a></p><?pi x?><ul><li>a</li><li>b &lt;</li></ul>
<p class="d"></p><p class="d">t<time datetime="late">x</time><span class="full">Feb 16</span></p>
<p class="d"><time datetime="later"></time><span class="full">Feb 17</span></p></div></body></html>"""


def test_element_helpers_give_what_parsel_gives() -> None:
    sel = Selector(text=MIXED_CHILDREN)
    (body,) = sel.css("#body")
    children = child_elements(body.root)
    assert children == [s.root for s in body.xpath("./*")]
    assert [child.tag for child in children] == ["p", "ul", "p", "p", "p"]
    assert [html_of(child) for child in children] == body.xpath("./*").getall()
    assert xpath_string(children[0], "string()") == body.xpath("./p[1]").xpath("string()").get()
    assert xpath_string(children[0], "string()") == "Read this & no href\nonetwo"
    assert first_string(children[0], ".//a/@href") == "/first"
    assert first_string(children[1], ".//a/@href") is None
    dates = sel.css("p.d")
    for css, expected in (("time::attr(datetime)", "late"), (".full::text", "Feb 16"), ("i::text", None)):
        assert css_first_string([d.root for d in dates], css) == dates.css(css).get() == expected
    assert [html_of(e) for e in css_elements(sel.root, "ul li")] == sel.css("ul li").getall()


def story_page(html: str) -> News24Article:
    page = Page(
        url="https://www.news24.com/news24/x-20220216",
        body=html.encode("utf-8"),
        encoding="utf-8",
        fetched_at=datetime(2022, 2, 16, tzinfo=UTC),
    )
    return News24Article(page, News24())


def test_fields_inside_the_story_win_over_lookalikes_in_sidebars() -> None:
    article = story_page(
        '<aside><h1 class="article__title">Trending</h1><a class="article__tag">sidebar</a></aside>'
        '<article class="article"><h1 class="article__title">Story</h1>'
        '<div class="article__tags"><a class="article__tag">nato</a></div></article>'
    )
    assert (article.title(), article.tags()) == (
        '<h1 class="article__title">Story</h1>',
        ('<a class="article__tag">nato</a>',),
    )


def test_an_untagged_story_takes_no_tags_from_elsewhere_on_the_page() -> None:
    article = story_page(
        '<article class="article"><h1 class="article__title">Story</h1>'
        '<div class="article__tags"><span class="article__tags-label">Tags</span></div></article>'
        '<aside><a class="article__tag">sidebar</a></aside>'
    )
    assert article.tags() == ()


def test_fields_moved_out_of_the_story_are_still_found_page_wide() -> None:
    article = story_page(
        '<h1 class="article__title">Hero title</h1><article class="article"><p>text</p></article>'
        '<footer><a class="article__tag">moved</a></footer>'
    )
    assert (article.title(), article.tags()) == (
        '<h1 class="article__title">Hero title</h1>',
        ('<a class="article__tag">moved</a>',),
    )
    assert story_page('<h1 class="article__title">No article element</h1>').title() == (
        '<h1 class="article__title">No article element</h1>'
    )
