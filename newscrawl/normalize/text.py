"""Text cleaning for strings cut out of HTML: markup to plain text, spacing made uniform.

Readers never see the difference between a no-break space, a thin space and a plain one, but
downstream diffing and search do; zero-width characters are invisible noise. Punctuation is kept
exactly as published (no quote or dash "smartening").
"""

from __future__ import annotations

import re
import unicodedata

from w3lib.html import remove_tags, replace_entities

ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
BLOCK_TAG = re.compile(r"<\s*/?\s*(?:p|br|div|li|ul|ol|h[1-6]|blockquote|tr|td|th)\b[^>]*>", re.I)
SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)
WHITESPACE = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """One line of text: NFC, zero-width removed, every Unicode space run collapsed to one space."""
    text = unicodedata.normalize("NFC", text).translate(ZERO_WIDTH)
    return WHITESPACE.sub(" ", text).strip()


def fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment; block boundaries become spaces, entities are decoded once."""
    without_code = SCRIPT_OR_STYLE.sub(" ", fragment)
    spaced = BLOCK_TAG.sub(" ", without_code)
    return clean_text(replace_entities(remove_tags(spaced)))


def fragments_to_texts(fragments: tuple[str, ...]) -> list[str]:
    """The non-empty plain texts of `fragments`, in order."""
    return [text for text in map(fragment_to_text, fragments) if text]
