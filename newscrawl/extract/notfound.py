"""Error pages answered with 200 (soft 404s), known by their own words rather than by their size.

Many sites answer a missing story with status 200 and a page in their article template: a headline such
as "404 - Page not found" or "Oops! We can't seem to find the story you're looking for", and often a few
hundred characters of popular-story teasers below it. A headline that is an error status ("404 - Page
not found", "Not Found | Site") decides whatever the body's length. A not-found phrase in the headline or
the body decides only on a short page (the validation pipeline's `NEWSCRAWL_INTERSTITIAL_MAX_CHARS`): a
real story may be headlined "Page not found: why the tax site failed".
"""

from __future__ import annotations

import re

# The whole title is a status: "404", "Error 404", "404 Not Found", "404 - Page not found", "404 | Site",
# "Not Found", "Gone". A site name may follow a separator; "Error 404: why the web breaks" is a story.
STATUS_TITLE = re.compile(
    r"^\s*(?:(?:error\s*)?(?:404|410)(?:\s*(?:error|not\s+found))?|not\s+found|gone)\s*"
    r"(?:$|[-|\u2013\u2014\u00b7]\s*(?:(?:page|file|story|article)\s+)?(?:not\s+found|[^:]{0,40}$))",
    re.IGNORECASE,
)

# "The page was not found" in the languages of the world's larger news sites, and the usual English
# apologies. `'` also matches the typographic apostrophe.
NOT_FOUND_PHRASES = (
    r"\b(?:page|story|article|content) (?:was |is )?not found\b",
    r"\b(?:page|story|article|content) (?:could not|cannot|can't) be found\b",
    r"\b(?:this|the) (?:page|story|article) (?:doesn't|does not|no longer) exists?\b",
    r"\b(?:page|story|article|content) is no longer available\b",
    r"\b(?:we|i) (?:couldn't|could not|can't|cannot)(?: seem to)? find (?:that|this|the) "
    r"(?:page|story|article|content)\b",
    r"\bthe (?:page|story|article|content) you(?: are|'re| were) looking for\b",
    r"p[\u00e1a]gina no encontrada|p[\u00e1a]gina n[\u00e3a]o (?:foi )?encontrada|seite nicht gefunden",
    r"page (?:introuvable|non trouv[\u00e9e]e)|pagina non trovata|pagina niet gevonden",
    r"pagina nu a fost g[\u0103a]sit[\u0103a]|strona nie (?:zosta[\u0142l]a )?znaleziona",
    r"str[\u00e1a]nka (?:nebyla )?nenalezena|oldal nem tal[\u00e1a]lhat[\u00f3o]|sayfa bulunamad[\u0131i]",
    r"sidan (?:kunde inte hittas|hittades inte)|siden (?:blev ikke fundet|finnes ikke)",
    r"sivua ei l[\u00f6o]ytynyt",
    "\u0441\u0442\u0440\u0430\u043d\u0438\u0446\u0430 \u043d\u0435 "  # ru
    "\u043d\u0430\u0439\u0434\u0435\u043d\u0430",
    "\u0627\u0644\u0635\u0641\u062d\u0629 \u063a\u064a\u0631 \u0645\u0648\u062c\u0648\u062f\u0629",  # ar
    "\u05d4\u05d3\u05e3 \u05dc\u05d0 \u05e0\u05de\u05e6\u05d0",  # he
    "\u9875\u9762\u4e0d\u5b58\u5728|\u627e\u4e0d\u5230\u9875\u9762",  # zh
    "\u30da\u30fc\u30b8\u304c\u898b\u3064\u304b\u308a\u307e\u305b\u3093",  # ja
    "\ud398\uc774\uc9c0\ub97c \ucc3e\uc744 \uc218 \uc5c6\uc2b5\ub2c8\ub2e4",  # ko
)
ERROR_404 = re.compile(r"\berror\s*404\b", re.IGNORECASE)


def any_phrase(*patterns: str) -> re.Pattern[str]:
    """One case-insensitive pattern matching any of `patterns`; `'` also matches the curly apostrophe."""
    return re.compile("|".join(patterns).replace("'", "['\u2019]"), re.IGNORECASE)


NOT_FOUND = any_phrase(*NOT_FOUND_PHRASES)


def is_status_title(title: str) -> bool:
    """Whether a page's whole headline is an error status: such a page is no article, however long."""
    return bool(STATUS_TITLE.match(title))


def says_not_found(text: str) -> bool:
    """Whether `text` (a short page's title or body) reads as an error page: a status, or an apology."""
    return bool(STATUS_TITLE.match(text) or ERROR_404.search(text) or NOT_FOUND.search(text))
