"""Which link URLs of an unknown layout are shaped like an article's (newscrawl/extract/urlshape.py)."""

from __future__ import annotations

import pytest

from newscrawl.extract.urlshape import looks_like_article


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        pytest.param("https://example.com/world/2023/06/13/storm-hits", True, id="dated-path"),
        pytest.param("https://example.com/world/storm-hits-the-coast", True, id="slug-of-words"),
        pytest.param("https://example.com/news/world-europe-65912345", True, id="long-id-beside-word"),
        pytest.param("https://example.com/news/articles/c4ngxrp27xxo", True, id="base36-id"),
        pytest.param("https://example.com/content/0f1c2b3e-4d5e-6f70-8192-a3b4c5d6e7f8", True, id="uuid"),
        pytest.param("https://example.com/05574cff163845a3982b1f04735bd41d", True, id="hex-id"),
        pytest.param("https://example.com/e/5d8c31a659b95cc1.html", True, id="hex-id-html"),
        pytest.param("https://example.com/moskva/8836033", True, id="long-id-under-a-word"),
        pytest.param("https://example.com/news/story/5603/4909425/", True, id="ids-under-a-word"),
        pytest.param("https://example.com/mnews.asp?pk_no=1412361", True, id="id-in-the-query"),
        pytest.param("https://example.com/politica/noticia/2020/03/08/acordo.ghtml", True, id="ghtml"),
        pytest.param("https://example.com/news/showNews.do?objectId=1503302", True, id="java-page"),
        pytest.param("https://example.com/2338761/", False, id="long-id-alone"),
        pytest.param("https://example.com/blog/m/201402", False, id="month-archive"),
        pytest.param("https://example.com/blog/d/20200708", False, id="day-archive"),
        pytest.param("https://example.com/news?page=2&t=1234", False, id="short-query-value"),
        pytest.param("https://example.com/files/annual-report-2020.pdf", False, id="document"),
        pytest.param("https://example.com/euro2024", False, id="word-with-year"),
        pytest.param("https://example.com/guides/9to5toys", False, id="short-mixed-name"),
        pytest.param("https://example.com/topics/cx1m7zg0gzdt", False, id="id-under-topics"),
        pytest.param("https://example.com/img/c4ngxrp27xxo.jpg", False, id="id-of-an-image"),
        pytest.param("https://example.com/sport", False, id="section"),
        pytest.param("https://example.com/page/2", False, id="pagination"),
        pytest.param("ftp://example.com/news/articles/c4ngxrp27xxo", False, id="not-http"),
    ],
)
def test_looks_like_article(url: str, expected: bool) -> None:
    assert looks_like_article(url) is expected
