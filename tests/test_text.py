"""Text cleaning tables: what a reader sees is what the JSONL holds."""

from __future__ import annotations

import pytest

from newscrawl.normalize.text import clean_text, fragment_to_text, fragments_to_texts


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("  plain  ", "plain", id="trimmed"),
        pytest.param("a\u00a0b", "a b", id="no-break-space"),
        pytest.param("150\u2009000 troops", "150 000 troops", id="thin-space"),
        pytest.param("a\u202fb\u3000c", "a b c", id="narrow-and-ideographic-space"),
        pytest.param("zero\u200bwidth\u200c\u200d\u2060\ufeff", "zerowidth", id="zero-width-removed"),
        pytest.param("soft\u00adhyphen", "softhyphen", id="soft-hyphen-removed"),
        pytest.param("line\nbreak\t\ttab", "line break tab", id="whitespace-collapsed"),
        pytest.param("Petro\u0301polis", "Petrópolis", id="nfc-composed"),
        pytest.param(
            "\u201cQuoted\u201d \u2014 dash\u2026",
            "\u201cQuoted\u201d \u2014 dash\u2026",
            id="punctuation-kept",
        ),
        pytest.param("", "", id="empty"),
    ],
)
def test_clean_text(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        pytest.param("<p>Rock &amp; roll</p>", "Rock & roll", id="entity-decoded"),
        pytest.param("<p>&amp;lt;b&amp;gt;</p>", "&lt;b&gt;", id="entities-decoded-once"),
        pytest.param("<p>It&#8217;s &quot;fine&quot;</p>", 'It\u2019s "fine"', id="numeric-and-named"),
        pytest.param("<li>Bullet&nbsp;</li>", "Bullet", id="nbsp-entity-trailing"),
        pytest.param("<p><strong>Bold</strong>er text</p>", "Bolder text", id="inline-tag-no-space"),
        pytest.param("<p>one<br>two<br/>three</p>", "one two three", id="br-is-space"),
        pytest.param(
            "<blockquote>\n <p>First.</p><p>Second.</p>\n</blockquote>",
            "First. Second.",
            id="blockquote-paragraphs",
        ),
        pytest.param("<p>a<script>var x = '<p>';</script>b</p>", "a b", id="script-dropped"),
        pytest.param("<p> \u00a0 </p>", "", id="blank-paragraph"),
        pytest.param("<h3>Eastern   flank</h3>", "Eastern flank", id="subheading"),
        pytest.param("<p>5 &lt; 6</p>", "5 < 6", id="escaped-angle-kept"),
    ],
)
def test_fragment_to_text(fragment: str, expected: str) -> None:
    assert fragment_to_text(fragment) == expected


def test_fragments_to_texts_drops_empty_keeps_order() -> None:
    assert fragments_to_texts(("<p>b</p>", "<p> </p>", "<p>a</p>")) == ["b", "a"]
