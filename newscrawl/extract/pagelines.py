"""The page's lines among a story's, known by their words alone, for blocks cut out of the page and a
second reader's lines alike: widgets' labels ("Advertisement", "More:", "Lue myös:"), share bars,
"Also read: ..." teasers, captions with their credit, bylines; and, by where they stand, datelines above
the story and the calls to follow, subscribe or tip off that end it. Classes and tags are `boilerplate`'s.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newscrawl.extract.boilerplate import READ_ALSO, is_label

if TYPE_CHECKING:
    from collections.abc import Sequence

# A "read also" label followed by `:` or `|` and a headline: a teaser written as a paragraph.
TEASER_LINE = re.compile(rf"(?:{'|'.join(map(re.escape, READ_ALSO))})\s*[:|]", re.I)
MAX_TEASER_LINE = 200  # characters: the label and one headline
# Share services' names (and the buttons' verbs), each after its count or not ("858 shares"), as share bars
# print them, run together once spaces and punctuation are gone; the Arabic names are those of
# `فيسبوك تويتر` bars.
SHARE_BAR = re.compile(
    r"(?:\d*(?:facebook|twitter|tweet|linkedin|whatsapp|pininterest|pinterest|telegram|reddit|email|mail"
    r"|print|comments?|connect|shares?|more|فيسبوك|تويتر|لينكدين|طباعة))+",
    re.I,
)
NOT_WORD = re.compile(r"[\W_]+")
# What the lines after a story ask of its reader: to follow the site or its reporter somewhere, to get its
# newsletter, to send a tip or a donation, to agree to its terms, to get its app. Phrases, not words: a
# story's own sentence may say "subscribers" or "follow the money".
CALL_TO_ACTION = re.compile(
    r"\bfollow\b[^.!?]{0,40}\b(?:twitter|facebook|instagram|linkedin|youtube|telegram|tiktok)\b"
    r"|\bfollow and like us\b|\bs[i\u00ed]guenos\b|\bsuivez-nous\b|\bfolgen sie uns\b|\bsiga-nos\b"
    r"|\bseguici\b"
    r"|\bdelivered to your (?:inbox|mailbox)\b|\benter your e-?mail\b|^sign up\W*$"
    r"|\bsign up for (?:our|the)\b[^.!?]{0,30}\bnewsletter\b|\bsubscribe to\b[^.!?]{0,40}\bnewsletters?\b"
    r"|\b(?:story tip|got a tip)\b"
    r"|\bplease consider (?:making a donation|donating|supporting)\b|\bconstitutes (?:acceptance|agreement)\b"
    r"|\bdownload (?:our|the)\b[^.!?]{0,30}\bapp\b",
    re.I,
)
# Who reported, wrote or edited the story, as wires and papers print it after the story ("(Reporting by
# ...; Editing by ...)", "Keith Bradsher contributed reporting from Hong Kong.", "... contributed.").
CREDIT = re.compile(
    r"^\(?(?:additional )?(?:reporting|writing|editing) by\b|\bcontributed (?:to this report|reporting)\b"
    r"|\bcontributed\.?$",
    re.I,
)
MAX_CALL = 300  # characters: a longer block is a paragraph of prose that happens to say one of them
# A photo's credit, as captions written as paragraphs carry it ("... — Foto: Mayara Subtil/G1", "FILE
# PHOTO: ...", "(Credits: PTI)", "사진=세종시 제공", Chinese "圖/騰訊科技" and "(資料照)" with full-width
# marks): a block this short with one is a caption, not the story's prose.
CAPTION = re.compile(
    r"(?:^|[\s(\uff08\u2014\u2013|\u25b2])"
    r"(?:file photo|photo|foto|fotos|fot\u00f3|credits?|\u5716|\u56fe|\uc0ac\uc9c4)\s*[:\uff1a/\uff0f=]"
    r"|[(\uff08]\u8cc7\u6599\u7167[)\uff09]$",
    re.I,
)
MAX_CAPTION = 300
# The word a byline starts with, in the corpus's languages ("By Cristina Alonso", "Por FIDEL RENDÓN"), the
# words that join its names, and how many words it has at most.
BYLINE_WORDS = frozenset({"by", "por", "von", "par", "di", "oleh", "door"})
NAME_JOINS = frozenset({"and", "y", "e", "und", "et", "&", "dan", "en"})
MAX_BYLINE_WORDS = 7
# A date and time printed on their own line above a story ("January 18, 2020", "15.12.2020 - 14:49",
# "Christian Weisflog 15.06.2020, 12.11 Uhr"): a time (with a colon: `39.99` is a price), a date in
# figures, or a year and a day; among the first lines of a story (`HEAD_LINES`), where a page prints it.
CLOCK = re.compile(
    r"\b\d{1,2}[:\uff1a]\d{2}\b|\b\d{1,2}\.\d{2} ?uhr\b|\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b", re.I
)
YEAR = re.compile(r"(?<!\d)(?:1[3-4]|19|20)\d{2}(?!\d)")
DAY = re.compile(r"\b(?:0?[1-9]|[12]\d|3[01])\b")
MAX_DATELINE = 80
LONG_LINE = 80  # characters: a paragraph of prose, where a story's text has begun
HEAD_LINES = 4
SENTENCE_END = tuple(".!?\u3002")


def is_widget_text(text: str) -> bool:
    """Whether a block's words are a widget's or the page's, not the story's, wherever it stands: a label,
    a share bar, a teaser written as a line ("Also read: ..."), a caption, a byline. (Not a copyright
    notice: `© 2019 Associated Press. All Rights Reserved.` is the story's text to aeb/'s annotators.)"""
    return is_label(text) or is_share_bar(text) or is_teaser_line(text) or is_caption(text) or is_byline(text)


def is_dateline(text: str) -> bool:
    """A dateline standing alone: short, not a sentence, and a date or a time is in it."""
    if len(text) > MAX_DATELINE or text.endswith(SENTENCE_END):
        return False
    return bool(CLOCK.search(text)) or (bool(YEAR.search(text)) and bool(DAY.search(YEAR.sub(" ", text))))


def is_byline(text: str) -> bool:
    """A byline printed as a paragraph: "By" (or its word in another language) and names, each
    capitalised, and nothing else ("By Monday, the quay was closed" goes on in lower case)."""
    words = text.replace(",", " ").split()
    names = [word for word in words[1:] if word.lower() not in NAME_JOINS]
    return (
        1 < len(words) <= MAX_BYLINE_WORDS
        and words[0].lower() in BYLINE_WORDS
        and bool(names)
        and all(name[0].isupper() for name in names)
    )


def is_caption(text: str) -> bool:
    """A photo's caption or credit written as a paragraph, known by the credit it carries."""
    return len(text) <= MAX_CAPTION and bool(CAPTION.search(text))


def is_teaser_line(text: str) -> bool:
    """A line heading another story's headline with a "read also" label (`ALSO READ | Serena donates ...`)."""
    return len(text) <= MAX_TEASER_LINE and bool(TEASER_LINE.match(text))


def is_share_bar(text: str) -> bool:
    """A block of share services' names only, its buttons' words run together or not
    (`CONNECTTWEETLINKEDINCOMMENTEMAILMORE`, `Facebook Twitter WhatsApp Email`)."""
    return bool(SHARE_BAR.fullmatch(NOT_WORD.sub("", text)))


def is_call_to_action(text: str) -> bool:
    """A short block asking the reader to follow, subscribe, tip off, donate or get an app: what sites
    print after a story (`Síguenos en Facebook`, `Get local news delivered to your inbox!`)."""
    return len(text) <= MAX_CALL and bool(CALL_TO_ACTION.search(text))


def page_lines(texts: Sequence[str]) -> set[int]:
    """Which of `texts` (a story's blocks, a reader's lines) are the page's, not the story's, by where
    they stand: datelines standing alone in the first lines, above its first long paragraph (below it,
    or on a page of short lines only, a short line with a date is the text's: a table's row, a
    schedule), and the run of calls to act and reporting credits that ends it."""
    first = next((i for i, text in enumerate(texts) if len(text) >= LONG_LINE), 0)
    datelines = {i for i, text in enumerate(texts[: min(first, HEAD_LINES)]) if is_dateline(text)}
    return datelines | set(range(trailer_start(texts), len(texts)))


def trailer_start(texts: Sequence[str]) -> int:
    """Where the run of calls to act and reporting credits that ends `texts` (a story's blocks or a
    reader's lines) begins: the site's lines after the story. Only at the end: before it, a block that
    says so is more likely the story's own sentence about a newsletter or a reporter."""
    end = len(texts)
    while end and is_trailer(" ".join(texts[end - 1].split())):
        end -= 1
    return end


def is_trailer(text: str) -> bool:
    """A line that may end a story without being its text: blank, a call to act, a reporting credit."""
    return not text or is_call_to_action(text) or (len(text) <= MAX_CALL and bool(CREDIT.search(text)))
