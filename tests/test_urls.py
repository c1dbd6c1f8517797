"""URL identity tables: which links are one article."""

from __future__ import annotations

import hashlib

import pytest

from newscrawl.normalize.urls import article_id, key_digest, strip_tracking, url_key

BASE = "https://www.news24.com/news24/world/news/x-20220216"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        pytest.param(BASE, BASE, id="clean"),
        pytest.param(f"{BASE}#comments", BASE, id="fragment"),
        pytest.param(f"{BASE}?utm_source=tw&utm_medium=social", BASE, id="utm"),
        pytest.param(f"{BASE}?fbclid=abc&gclid=d", BASE, id="click-ids"),
        pytest.param(f"{BASE}?UTM_Campaign=x", BASE, id="case-insensitive-names"),
        pytest.param(f"{BASE}?page=2&utm_source=x#top", f"{BASE}?page=2", id="keeps-real-params"),
        pytest.param(f"{BASE}?b=2&a=1", f"{BASE}?b=2&a=1", id="keeps-order"),
        pytest.param(f"{BASE}?q=a%20b&mc_eid=1", f"{BASE}?q=a%20b", id="keeps-encoding"),
    ],
)
def test_strip_tracking(url: str, expected: str) -> None:
    assert strip_tracking(url) == expected


def test_url_key_folds_path_case_only_when_asked() -> None:
    variant = "https://WWW.news24.com/news24/World/News/x-20220216?utm_source=a&b=2&a=1#c"
    assert url_key(variant, fold_path_case=True) == f"{BASE}?a=1&b=2"
    assert url_key(variant, fold_path_case=False) == (
        "https://www.news24.com/news24/World/News/x-20220216?a=1&b=2"
    )


def test_url_key_is_cached_per_fold_flag_and_bounded() -> None:
    url = "https://www.news24.com/news24/World/News/cached-20220216"
    folded = url_key(url, fold_path_case=True)
    assert url_key(url, fold_path_case=False).endswith("/World/News/cached-20220216")
    assert url_key(url, fold_path_case=True) == folded.lower() == folded
    assert url_key.cache_info().maxsize == 8192


def test_key_digest_is_16_stable_bytes() -> None:
    assert key_digest(BASE).hex() == hashlib.blake2b(BASE.encode(), digest_size=16).hexdigest()
    assert key_digest(BASE) != key_digest(BASE + "/")


def test_article_id_is_stable_hex() -> None:
    assert article_id(BASE) == "55d098d1e3f19ce0be6e04fc82bf9594"
    assert article_id(BASE + "/") != article_id(BASE)
