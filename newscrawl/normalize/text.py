"""Text cleaning for strings cut out of HTML: markup to plain text, spacing made uniform.

Readers never see the difference between a no-break space, a thin space and a plain one, but
downstream diffing and search do; zero-width spaces, word joiners and BOMs are invisible noise. The
zero-width (non-)joiners U+200C/U+200D are kept: they spell emoji sequences and Persian words. Punctuation
is kept exactly as published (no quote or dash "smartening").

Hostile input is made safe here, because every text field passes through `clean_text`: control
characters, NUL, lone surrogates (which cannot be encoded as UTF-8 and would break the JSONL export)
and U+FFFD replacement characters (bytes the decoder could not read, e.g. a stray `\\xed\\xa0\\x80`)
are removed. Mojibake (UTF-8 read as cp1252, as when a page's header says `charset=iso-8859-1` but its
bytes are UTF-8: `CafÃ©`, `â€™`) is repaired with ftfy, but only when a cheap signature matches:
`ftfy.fix_encoding` costs ~1 ms on a 5 kB paragraph, the signature search a few microseconds.
"""

from __future__ import annotations

import re
import unicodedata

from w3lib.html import remove_tags, replace_entities

BLOCK_TAG = re.compile(r"<\s*/?\s*(?:p|br|div|li|ul|ol|h[1-6]|blockquote|tr|td|th)\b[^>]*>", re.I)
SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)
# Removed outright: zero-width space, word joiner, BOM and the soft hyphen (not the joiners U+200C/D);
# control characters (C0, DEL, C1) except those Unicode counts as whitespace (tab to CR, U+001C-001F,
# NEL U+0085), which become one space like any other; lone surrogates; the replacement character.
INVISIBLE_OR_UNREADABLE = re.compile(
    "[\u200b\u2060\ufeff\u00ad\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff\ufffd]+"
)
# A UTF-8 lead byte read as Latin-1/cp1252 (`Â`..`ô`) followed by a continuation byte read the same way
# (U+0080-00BF, or the cp1252 letters and punctuation at 0x80-0x9F): the shape of every mojibake pair.
# Real text matches it rarely (`à\u00a0!`), and then ftfy's own badness check leaves it alone.
MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\ufffd]"
)


def clean_text(text: str) -> str:
    """One line of valid UTF-8 text: mojibake repaired, NFC, every Unicode space run collapsed to one
    space, zero-width and unreadable characters (controls, lone surrogates, U+FFFD) removed."""
    if MOJIBAKE.search(text):
        from ftfy import fix_encoding  # here, not at the top: its import is ~30 ms of every run's start-up

        text = fix_encoding(text)
    text = unicodedata.normalize("NFC", INVISIBLE_OR_UNREADABLE.sub("", text))
    # str.split() splits on exactly what regex `\s` matches (str.isspace), ~5x faster than re.sub.
    return " ".join(text.split())


def fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment; block boundaries become spaces, entities are decoded once."""
    without_code = SCRIPT_OR_STYLE.sub(" ", fragment)
    text = remove_tags(BLOCK_TAG.sub(" ", without_code))
    return clean_text(replace_entities(text) if "&" in text else text)


def fragments_to_texts(fragments: tuple[str, ...]) -> list[str]:
    """The non-empty plain texts of `fragments`, in order."""
    return [text for text in map(fragment_to_text, fragments) if text]
