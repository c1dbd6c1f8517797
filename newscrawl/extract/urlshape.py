"""What a link's URL says about its target before it is fetched: an article, or a page of another kind.

News sites give articles long, specific URLs (a dated path, a slug of several words, a long numeric id)
and index pages short, shared ones (`/sport`, `/tag/brexit`, `/author/jane-doe`, `/page/2`). These rules
decide which links of an unknown layout are worth fetching as articles; the page itself decides whether
it is one (`newscrawl.extract.pagetype`).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Path segments of pages that are never articles, in the languages news sites use most.
NOT_ARTICLE_SEGMENT = re.compile(
    r"^(?:tags?|topics?|themen|categor(?:y|ies)|section|author(?:s|es)?|autor(?:es)?|people|profiles?|"
    r"search|suche|buscar|login|log-in|signin|sign-in|register|subscribe|subscription|account|newsletters?|"
    r"videos?|watch|galler(?:y|ies)|photos?|fotos?|podcasts?|live|feeds?|rss|print|comments?|amp|page)$",
    re.IGNORECASE,
)
# Files that are no page: images, media, documents, archives, code and data. Any other extension is a
# page's (`.html`, `.ghtml`, `.php`, `.asp`, `.do`, `.jsp`, `.cms`, `.cfm`...).
FILE_EXTENSION = re.compile(
    r"\.(?:jpe?g|png|gif|webp|avif|svg|ico|bmp|tiff?|pdf|docx?|xlsx?|pptx?|odt|epub|zip|gz|tgz|rar|7z|"
    r"mp[34]|m4[av]|mov|avi|mkv|webm|ogg|oga|wav|flac|css|js|mjs|json|xml|rss|atom|txt|csv|apk|exe|dmg)$",
    re.IGNORECASE,
)
DATE_IN_PATH = re.compile(
    r"(?<!\d)(?:19|20)\d\d[-/_]?(?:0[1-9]|1[0-2])(?:[-/_]?(?:0[1-9]|[12]\d|3[01]))?(?!\d)"
)
WORD = re.compile(r"[^\W\d_]{2,}")
# Five digits or more, but not a month or a day of an archive's name (`/m/201402`, `/d/20200708`).
LONG_ID = re.compile(r"(?<!\d)(?!(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])?(?!\d))\d{5,}")
QUERY_ID = re.compile(r"(?:^|&)[^=&]*=\d{5,}(?:&|$)")  # `storypage.php?autono=172475`, `?p=12345`
# An opaque id for the last segment (base-36 or hex ids, UUIDs): `/news/articles/c4ngxrp27xxo`,
# `/content/0f1c2b3e-4d5e-6f70-8192-a3b4c5d6e7f8`, MSN's `ar-BBX0Y6X`. Ten characters or more whose letters
# and digits alternate in four runs or more, unlike a name with a number (`/euro2024`, `/guides/9to5toys`).
OPAQUE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*", re.IGNORECASE)
ALNUM_RUN = re.compile(r"[a-z]+|\d+", re.IGNORECASE)
MIN_ID_CHARS, MIN_ID_RUNS = 10, 4


def looks_like_article(url: str) -> bool:
    """Whether the URL is shaped like an article's: on http(s), no index segment or file extension, and
    a date, a slug of three or more words, an opaque id last, or a long id (in the path or a query value)
    beside a word anywhere in the path (`/moskva/8836033`, `/mnews.asp?pk_no=1412361`)."""
    parts = urlsplit(url)
    segments = [segment for segment in parts.path.split("/") if segment]
    if parts.scheme not in ("http", "https") or not segments:
        return False
    if any(NOT_ARTICLE_SEGMENT.match(segment) for segment in segments) or FILE_EXTENSION.search(parts.path):
        return False
    last = segments[-1]
    words = WORD.findall(last.replace("-", " ").replace("_", " "))
    if DATE_IN_PATH.search(parts.path) and (words or len(segments) > 3):
        return True
    if len(words) >= 3 or is_opaque_id(last):
        return True
    has_id = LONG_ID.search(parts.path) or QUERY_ID.search(parts.query)
    return bool(has_id and WORD.search(parts.path))


def is_opaque_id(segment: str) -> bool:
    """Whether `segment` (an extension such as `.html` aside) is an id no word reads in."""
    stem = segment.rsplit(".", 1)[0]
    return (
        len(stem) >= MIN_ID_CHARS
        and OPAQUE_ID.fullmatch(stem) is not None
        and len(ALNUM_RUN.findall(stem.replace("-", ""))) >= MIN_ID_RUNS
    )
