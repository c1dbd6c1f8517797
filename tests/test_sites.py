"""Every saved page of every site against its expected JSON: adding a site adds fixtures, not code."""

from __future__ import annotations

import json

import pytest

from newscrawl.sites.registry import get_site
from tests.support import (
    CONTRACT_FIELDS,
    FIXTURES,
    fixture_page,
    item_from_fixture,
    schema_validator,
)

EXPECTED = sorted(FIXTURES.glob("*/*.expected.json"))
ARTICLES = [p for p in EXPECTED if "article_urls" not in json.loads(p.read_text())]
LISTINGS = [p for p in EXPECTED if "article_urls" in json.loads(p.read_text())]


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


@pytest.mark.parametrize("expected_path", LISTINGS, ids=fixture_id)
def test_listing_page_gives_expected_links(expected_path: object) -> None:
    site_dir, name = fixture_id(expected_path).split("/")
    expected = json.loads((FIXTURES / site_dir / f"{name}.expected.json").read_text())
    site_name, page = fixture_page(site_dir, name)
    site = get_site(site_name)
    listing = site.listing(page)
    assert list(listing.article_urls) == expected["article_urls"]
    assert listing.next_page_url == expected["next_page_url"]
    must_not = expected["must_not_be_treated_as_articles"]
    assert [url for url in must_not if site.is_article_url(url) or url in listing.article_urls] == []
