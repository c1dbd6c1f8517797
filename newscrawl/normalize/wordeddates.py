"""A day written in words, as pages show it in the languages of most of the news we read: `06 Dicembre
2020`, `6 de diciembre de 2020`, `6. Dezember 2020`, `Domenica 06 Dicembre 2020`, `December 6, 2020`.

A closed set: a full month name of English, French, Italian, Spanish, Portuguese, German or Dutch (any
case, accents as written), with the day before it or, in the English order, after it, a four-digit year
last, and an optional leading weekday or other word. A numeric date (`06/12/2020`) is left alone: which
of its numbers is the month no reader can tell. dateparser reads every language but loads every locale
the first time a string is in none (~3 s, bench/README.md); this table costs a dictionary lookup.
"""

from __future__ import annotations

import re
from datetime import date

_MONTH_NAMES = {
    "en": "january february march april may june july august september october november december",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "de": "januar februar märz april mai juni juli august september oktober november dezember",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
}
# No name means two months: the languages' tables agree wherever they share a spelling (`marzo`, `mai`).
_MONTHS = {name: number for names in _MONTH_NAMES.values() for number, name in enumerate(names.split(), 1)}
_LETTERS = r"[^\W\d_]+"  # a word of any script, without digits
_DAY_FIRST = re.compile(
    rf"(?:{_LETTERS},?\s+)?([0-9]{{1,2}})\.?\s+(?:de\s+)?({_LETTERS})\s+(?:de\s+)?([0-9]{{4}})"
)
_MONTH_FIRST = re.compile(rf"(?:{_LETTERS},?\s+)?({_LETTERS})\s+([0-9]{{1,2}}),?\s+([0-9]{{4}})")


def worded_day(text: str) -> date | None:
    """The day `text` names in one of the forms above, all of it; None for anything else or no such day
    (`31 febbraio 2020`)."""
    cleaned = " ".join(text.split()).lower()
    if day_first := _DAY_FIRST.fullmatch(cleaned):
        day, month, year = day_first[1], day_first[2], day_first[3]
    elif month_first := _MONTH_FIRST.fullmatch(cleaned):
        month, day, year = month_first[1], month_first[2], month_first[3]
    else:
        return None
    number = _MONTHS.get(month)
    try:
        return None if number is None else date(int(year), number, int(day))
    except ValueError:
        return None
