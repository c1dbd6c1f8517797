"""The headline without the site's name glued on: `og:title`s and `<title>`s often end in "| TheHill",
"- Sportsnet.ca" or "— ZAXID.NET", and the title field is the story's headline, not the browser tab's.

The last part after a separator (a bar, a dash, a bullet between spaces) goes when it names the site: it
equals one of the names the page declares for itself (`og:site_name`, the JSON-LD publisher), or its
letters are in the host's name or hold it ("TheHill" on thehill.com, "Sportsnet.ca" on
www.sportsnet.ca), compared without case, accents, spaces or punctuation. It goes too when what precedes
it is the page's own `<h1>`. A colon is no separator: "Bubonic plague: third case in China" is one headline.
A `<h1>` the title begins and ends the headline in is the headline: a title cut short at ~110 characters
(Google's limit for a JSON-LD `headline`), or one with a date and the site glued on without spaces
("…公開", a date in full-width brackets, then "BIGLOBEニュース" after a full-width bar).
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

# Between spaces; `--` and the full-width bar (U+FF5C) also without: "稱…往負面想--上報".
SEPARATOR = re.compile(r"\s+(?:[|\u2013\u2014\u00b7\u2022\u00bb-]|::)\s+|\s*(?:--|\uff5c)\s*")
# A site's mobile edition named before the headline ("대전일보 모바일 :: …", "Example News Mobile | …").
MOBILE = re.compile(r"\s+(?:mobile|mobil|m\u00f3vil|\ubaa8\ubc14\uc77c|\u30e2\u30d0\u30a4\u30eb)$", re.I)
CUT = ".\u2026 "  # what a title cut short ends with
MIN_WORDS = 3  # of an `<h1>` a title ends in: a shorter one is a label ("Top Games" over a "Games" <h1>)
MAX_TRAIL_WORDS = 2  # of a section's name in a title's trail
MIN_SHOWN_SHARE = 0.5  # of the `<h1>` a title cut short still holds: a shorter one is another headline
TITLE_SUFFIX = re.compile(r"\s+[|\u2013\u2014-]\s+[^|\u2013\u2014]{2,60}$")  # "Story - Site", most sites
MIN_NAME = 3  # a shorter key ("tv", "ap") matches hosts by accident
MIN_HOST_PREFIX = 5  # letters of a site's name that a byline may start with and still be the site


def letters_of(text: str) -> str:
    """`text` lowercased, without accents, spaces or punctuation: "Sportsnet.ca" -> "sportsnetca"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if char.isalnum())


def host_names(host: str) -> tuple[str, ...]:
    """The host's name with and without its first label and top-level domain ("www.sportsnet.ca" ->
    "wwwsportsnetca", "sportsnetca", "sportsnet")."""
    labels = host.lower().removeprefix("www.").split(".")
    return tuple(letters_of(".".join(part)) for part in (labels, labels[:-1] if len(labels) > 1 else labels))


def names_the_site(part: str, site_names: Iterable[str], host: str) -> bool:
    """Whether a title's part is the site's name: one it declares, or the host's own."""
    key = letters_of(part)
    if len(key) < MIN_NAME:
        return False
    return key in {letters_of(name) for name in site_names} or any(
        key in name or (len(name) >= MIN_NAME and name in key) for name in host_names(host)
    )


def is_the_site(byline: str, site_names: Iterable[str], host: str) -> bool:
    """Whether a byline names the site rather than a person: a name it declares ("經濟日報"), its host's
    name ("Listin Diario" on listindiario.com), or that name and more ("Zitrod Articles" on zitrod.com).
    Stricter than for a title's part: a short host name inside a person's ("ign" in "Ignacio") is chance."""
    key = letters_of(byline)
    names = {letters_of(name) for name in site_names} | set(host_names(host))
    return key in names - {""} or any(len(name) >= MIN_HOST_PREFIX and key.startswith(name) for name in names)


def undeclared_headline(headings: list[str], titles: list[str]) -> str | None:
    """The headline of a page that declares none: its first `<h1>`, else its `<title>` without its last
    part. That `<title>` first when it holds none of the `<h1>`s: they are then the site's masthead
    ("엔터 미디어" over a "Story - Entermedia" tab) or other stories' headlines."""
    tab = next(iter(titles), "")
    story = TITLE_SUFFIX.sub("", tab)
    if story != tab and not any(heading in tab for heading in headings):
        return story
    return next(iter(headings), None) or story or None


def without_site_name(title: str, site_names: Iterable[str], host: str, headings: Iterable[str] = ()) -> str:
    """`title` without a last part that names the site or follows the page's `<h1>`, then without a first
    part that is a name the site declares or precedes the page's `<h1>`; then the `<h1>` it holds, if any."""
    ordered = list(headings)
    shown = set(ordered)
    title = " ".join(title.split())  # as the `<h1>`s are compared: a wide space (U+3000) is a space
    title = without_prefix(without_suffix(title, site_names, host, shown), site_names, shown)
    return next((heading for heading in ordered if is_shown_in(title, heading)), title)


def is_shown_in(title: str, heading: str) -> bool:
    """Whether `heading` is the headline `title` holds: the title cut short of it (at least half of it),
    it and a shorter tail that starts with no letter (a separator, a bracketed date), or it after a
    shorter word or two glued on without a separator (the site's name: "बिजनेस स्टैंडर्ड सेबी को…")."""
    cut = title.rstrip(CUT)
    if title == heading or not cut:
        return False
    if heading.startswith(cut):
        return len(cut) >= MIN_SHOWN_SHARE * len(heading)
    tail, head = title.removeprefix(heading), title.removesuffix(heading)
    if head != title:
        return len(head) < len(heading) and not head[-1:].isalnum() and len(heading.split()) >= MIN_WORDS
    return tail != title and len(tail) < len(heading) and not tail.lstrip()[:1].isalnum()


def without_suffix(title: str, site_names: Iterable[str], host: str, headings: set[str]) -> str:
    separators = list(SEPARATOR.finditer(title))
    if not separators:
        return title
    kept, suffix = title[: separators[-1].start()], title[separators[-1].end() :]
    if names_the_site(suffix, site_names, host):
        return without_trail(kept, separators[-1].group())
    masthead = suffix in headings and len(suffix) < len(kept)  # a blog's name as its `<h1>`
    return kept if kept in headings or masthead else title


def without_trail(title: str, separator: str) -> str:
    """`title` without the section trail between the headline and the site's name, written with the same
    separator ("索尼…華為 | 兩岸焦點 | 兩岸 | 經濟日報", "Story | US news | Site"): names of a word or two,
    each less than half the headline's length ("Coronavirus | Live updates" is one headline). A headline
    may hold another separator ("Impeachment - live | US news | Site")."""
    headline, *trail = title.split(separator)
    short = all(len(part.split()) <= MAX_TRAIL_WORDS and 2 * len(part) < len(headline) for part in trail)
    return headline if trail and short else title


def without_prefix(title: str, site_names: Iterable[str], headings: set[str]) -> str:
    """`title` without a first part glued before the headline: a section or kicker the `<h1>` does not
    show ("Opinion | Republicans Are Following Trump" where the `<h1>` is the rest) or shows in a label
    of its own ("Frain | Incendie…" where it is "Frain Incendie…"), or the site's name as it declares it
    ("Example News - Story"), its mobile edition's too ("대전일보 모바일 :: …"). Only a declared name: a
    first part that merely looks like the host ("Apple - ...") is often the story's subject. A first part
    longer than the `<h1>` it precedes is the headline and the `<h1>` the blog's masthead ("Hiking the
    Flat Irons - Anna's Blog")."""
    separator = SEPARATOR.search(title)
    if separator is None or title in headings:
        return title
    prefix, rest = title[: separator.start()], title[separator.end() :]
    declared = {letters_of(name) for name in site_names}
    site = letters_of(MOBILE.sub("", prefix))
    shown = rest in headings or f"{prefix} {rest}" in headings  # the `<h1>` may show the kicker above it
    glued = (shown and len(prefix) < len(rest)) or site in declared - {""}
    return rest if glued else title
