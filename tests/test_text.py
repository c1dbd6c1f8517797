"""Text cleaning tables: what a reader sees is what the JSONL holds."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from newscrawl.normalize.text import clean_text, fragment_to_text, fragments_to_texts


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("  plain  ", "plain", id="trimmed"),
        pytest.param("a\u00a0b", "a b", id="no-break-space"),
        pytest.param("150\u2009000 troops", "150 000 troops", id="thin-space"),
        pytest.param("a\u202fb\u3000c", "a b c", id="narrow-and-ideographic-space"),
        pytest.param("zero\u200bwidth\u2060\ufeff", "zerowidth", id="zero-width-removed"),
        pytest.param(
            "\U0001f468\u200d\U0001f469\u200d\U0001f467",
            "\U0001f468\u200d\U0001f469\u200d\U0001f467",
            id="emoji-zwj-kept",
        ),
        pytest.param(
            "\u0645\u06cc\u200c\u062e\u0648\u0627\u0645",
            "\u0645\u06cc\u200c\u062e\u0648\u0627\u0645",
            id="persian-zwnj-kept",
        ),
        pytest.param("soft\u00adhyphen", "softhyphen", id="soft-hyphen-removed"),
        pytest.param("line\nbreak\t\ttab", "line break tab", id="whitespace-collapsed"),
        pytest.param("Petro\u0301polis", "Petrópolis", id="nfc-composed"),
        pytest.param(
            "\u201cQuoted\u201d \u2014 dash\u2026",
            "\u201cQuoted\u201d \u2014 dash\u2026",
            id="punctuation-kept",
        ),
        pytest.param("", "", id="empty"),
        pytest.param("a\x00b", "ab", id="nul-removed"),
        pytest.param("bell\x07\x1b[31m", "bell[31m", id="c0-control-removed"),
        pytest.param("a\x7f\x80\x9fb", "ab", id="del-and-c1-removed"),
        pytest.param("next\x85line", "next line", id="c1-nel-is-whitespace"),
        pytest.param("a \x00 b", "a b", id="removed-between-spaces"),
        pytest.param("lone\ud800 \udfffsurrogates", "lone surrogates", id="lone-surrogates-removed"),
        pytest.param("stray\ufffd\ufffd\ufffd bytes", "stray bytes", id="replacement-char-removed"),
        pytest.param("It\u00e2\u20ac\u2122s", "It\u2019s", id="mojibake-apostrophe"),
        pytest.param("Caf\u00c3\u00a9", "Caf\u00e9", id="mojibake-e-acute"),
        pytest.param(
            "Caf\u00c3\u00a9 \u00e2\u20ac\u201c na\u00c3\u00afve",
            "Caf\u00e9 \u2013 na\u00efve",
            id="mojibake-cp1252-dash",
        ),
        pytest.param("voil\u00e0\u00a0!", "voil\u00e0 !", id="mojibake-lookalike-kept"),
    ],
)
def test_clean_text(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Launch \U0001f680 \U0001f44d\U0001f3fd \U0001f1ff\U0001f1e6", id="emoji"),
        pytest.param("\u5317\u4eac\u5e02 \u6771\u4eac \uc11c\uc6b8", id="cjk"),
        pytest.param("\u0627\u0644\u0633\u0644\u0627\u0645 \u0639\u0644\u064a\u0643\u0645", id="arabic"),
        pytest.param("q\u0307 x\u0323\u0302 \u0915\u094d\u0937\u093f Vi\u1ec7t", id="combining-marks"),
        pytest.param("Gr\u00fc\u00dfe, \u00c0 bient\u00f4t, \u00a35 \u00a9 \u00bd", id="latin-1-letters"),
        pytest.param("\u201cQ\u201d \u2018s\u2019 \u2013\u2014\u20ac\u2122\u2026", id="cp1252-punct"),
    ],
)
def test_clean_text_keeps_legitimate_text(text: str) -> None:
    assert clean_text(text) == text


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


def test_every_unicode_space_collapses_to_one_and_nothing_else_does() -> None:
    """clean_text splits with str.split(); its spaces must be exactly what regex `\\s` calls space."""
    characters = [chr(point) for point in range(sys.maxunicode + 1)]
    spaces = [c for c in characters if re.fullmatch(r"\s", c)]
    assert spaces == [c for c in characters if c.isspace()]
    assert len(spaces) == 29
    assert {clean_text(f"a{c}{c} b{c}") for c in spaces} == {"a b"}
    assert clean_text("a\u200cb\u3164c") == "a\u200cb\u3164c"


def test_ftfy_is_imported_only_for_text_that_looks_like_mojibake() -> None:
    """Its import costs every run's start-up; most runs never meet mojibake."""
    script = (
        "import sys\n"
        "from newscrawl.normalize.text import clean_text\n"
        "assert clean_text('Caf\\u00e9 na\\u00efve') == 'Caf\\u00e9 na\\u00efve'\n"
        "print('ftfy' in sys.modules)\n"
        "assert clean_text('Caf\\u00c3\\u00a9') == 'Caf\\u00e9'\n"
        "print('ftfy' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "True"]
