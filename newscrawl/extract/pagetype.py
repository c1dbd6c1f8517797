"""Is this page an article? Decided from the page: its structured data, its URL, its title and whether
it has a story's body.

A page is an article when it declares one (a schema.org Article type in JSON-LD or microdata, or
`og:type` article) and has a headline (an empty body is the validation pipeline's to drop), or,
declaring nothing, when its body alone is substantive or it links to too few articles to be an index.
Otherwise the reason names the kind of page, so a run can count them: `soft_404` (an error page
answered with 200), `home`, `search`, `login`, `tag`, `author`, `gallery`, `video`, `live_index`,
`section` (any other index page: many links to articles, little prose), `empty` (no headline, no text,
no links: a blank answer or a script-only shell, which says nothing of the URL: the validation pipeline
counts it as a failed fetch, not a verdict).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from newscrawl.extract.notfound import is_status_title, says_not_found
from newscrawl.extract.urlshape import NOT_ARTICLE_SEGMENT

MIN_BODY = 400  # characters of story text: below it a page without a declared article is an index
MIN_CARDS = 5  # article links an index page has at least; fewer, and a thin page is a story read badly
SEGMENT_KINDS = (
    ("search", ("search", "suche", "buscar")),
    ("login", ("login", "log-in", "signin", "sign-in", "register", "subscribe", "subscription", "account")),
    ("tag", ("tag", "tags", "topic", "topics", "themen", "category", "categories")),
    ("author", ("author", "authors", "autor", "autores", "people", "profile", "profiles")),
    ("gallery", ("gallery", "galleries", "photos", "fotos")),
    ("video", ("video", "videos", "watch")),
    ("live_index", ("live",)),
)
TYPE_KINDS = {
    "SearchResultsPage": "search",
    "ProfilePage": "author",
    "ImageGallery": "gallery",
    "CollectionPage": "section",
    "VideoObject": "video",
}


@dataclass(frozen=True)
class PageSignals:
    """What the page says of itself: its URL, declared types, title, and its story's size."""

    url: str
    types: frozenset[str]  # schema.org types of its JSON-LD and microdata items, and og:type
    title: str
    body_chars: int  # characters in the story's blocks
    declares_article: bool
    cards: int  # links to other articles in the page's content (what a listing page is made of)


def not_article_reason(page: PageSignals) -> str | None:
    """None for an article; else the kind of page it is."""
    if is_status_title(page.title) or (says_not_found(page.title) and page.body_chars < 2 * MIN_BODY):
        return "soft_404"
    if page.declares_article and page.title:
        return None  # however little of its body was read: a brief, or a layout the reader missed
    parts = urlsplit(page.url)
    if parts.path.strip("/") == "" and not parts.query:
        return "home"
    if {"q", "query", "s", "search"} & set(parse_qs(parts.query)):
        return "search"
    segments = [segment.lower() for segment in parts.path.split("/") if NOT_ARTICLE_SEGMENT.match(segment)]
    for kind, names in SEGMENT_KINDS:
        if any(segment in names for segment in segments):
            return kind
    declared = next((TYPE_KINDS[kind] for kind in sorted(page.types) if kind in TYPE_KINDS), None)
    if declared is not None and not page.declares_article:
        return declared
    if not page.title and not page.body_chars and page.cards < MIN_CARDS:
        return "empty"
    if (page.body_chars < MIN_BODY and page.cards >= MIN_CARDS) or not page.title:
        return "section"
    return None
