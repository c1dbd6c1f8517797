"""A story's section and tags as pages declare them, without the publishing system's own words.

Declared sections and keywords mix the story's topics with words of the CMS: placement streams ("Front
Page", "Top Stories", "featured"), labelled or keyed tokens ("tag:Coronavirus", "Category: Jupiter",
"AR_Arkadelphia - siftingsherald.com", a chain's list of the papers a story runs in), stock tickers beside
the companies they stand for ("Microsoft", "MSFT", "Sony", "6758.TO"), and the same topic twice in two
cases. A section may come as a list, or several joined by commas ("Política,Titulares"), or only as the
page's breadcrumb trail ("Home > World > the story's headline"), declared in JSON-LD or only shown.
"""

from __future__ import annotations

import re
from html import unescape
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from newscrawl.extract.content import text_of
from newscrawl.sites.select import compiled_xpath, node_set

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from lxml.html import HtmlElement

    from newscrawl.sites.generic import GenericArticle

# Where a CMS places a story, not what it is about: as a tag or as a section, the name of no topic.
PLACEMENTS = frozenset(
    {"front page", "frontpage", "home", "homepage", "top stories", "happening now", "trending", "breaking",
     "breaking news", "featured", "latest", "latest news", "latest headlines", "msn feed", "all",
     "uncategorized", "post", "article", "articles"}
)  # fmt: skip
# A home page's name in a breadcrumb trail that gives it no address.
HOME_NAMES = frozenset({"home", "homepage", "início", "inicio", "accueil", "startseite", "hlavní stránka"})
# "tag:Coronavirus", "#Espectáculos": the topic behind its label.
LABELLED = re.compile(r"^(?:(?:tags?|topics?|category|subject|keywords?)\s*:\s*|#)", re.I)
MAX_TAG_WORDS = 10  # a longer keyword is a sentence, not a topic (a topic may be a long name)
KEYED = re.compile(r"^section\s*:", re.I)  # "section: Article": the page's kind, not a topic
SYNDICATED = re.compile(r"\s-\s[\w-]+(?:\.[\w-]+)+$")  # "AR_Arkadelphia - siftingsherald.com": a paper
BRACKETED = re.compile(r"^\[[^\]]*\]$")  # "[SYNDICATED CONTENT]"
LISTED = re.compile(r"^[A-Z0-9]{2,6}\.[A-Z]{1,3}$")  # a ticker with its exchange: "7974.TO", "UBI.FR"
TICKER = re.compile(r"^[A-Z][A-Z0-9]{0,4}$")  # "MSFT", "HD": a ticker when it follows its company
TRAIL = re.compile(r"breadcrumb|miga_de_pan", re.I)  # `miga de pan`: Spanish for breadcrumb
TAG_LINKS = compiled_xpath(
    "//a[contains(concat(' ', normalize-space(@rel), ' '), ' tag ') and not(contains(@rel, 'category'))]"
)
MAX_SHOWN_TAGS = 30  # a story's own tags are a few; digg.com's menus mark 85 links as tags
# The candidates, narrowed in C: a walk in Python over a page's elements costs ~1.4 ms.
MARKED_TRAILS = compiled_xpath(
    "//*[contains(@class, 'readcrumb') or contains(@id, 'readcrumb') or contains(@itemtype, 'readcrumb')"
    " or contains(@class, 'miga_de_pan')]"
)
TRAIL_HOLDERS = frozenset({"html", "body", "main", "article"})
MAX_CRUMBS = 8
COUNTED = re.compile(r"(?:^|\s)\d+$")  # a year's archive ("2020") or a counter beside a link ("Today 155")
KEYED_TOKEN = re.compile(r"^[A-Z_]+\|")  # "FIRST_PUBLISH_HEADLINE|U.S. Treasury yields slide"


def tags_of(declared: list[str], keywords: object, headline: str | None = None) -> tuple[str, ...]:
    """`article:tag` values, else the JSON-LD `keywords` (a list, or one string); a value alone is a
    comma-separated list, while several are one tag each ("Elections, Governors"); without the CMS's
    own words, the tickers beside company names, the headline, and a tag seen before in another case."""
    values: list[object] = list(declared) or (keywords if isinstance(keywords, list) else [keywords])
    texts = [value.strip() for value in values if isinstance(value, str) and value.strip()]
    tags = texts if len(texts) != 1 else [tag.strip() for tag in texts[0].split(",")]
    topics = (LABELLED.sub("", tag) for tag in tags)
    firsts: dict[str, str] = {}
    title = (headline or "").casefold()
    named = (topic for topic in topics if topic and not (title and topic.casefold().startswith(title)))
    for tag in without_tickers(topic for topic in named if not is_cms_token(topic)):
        firsts.setdefault(tag.casefold(), tag)
    return tuple(firsts.values())


def shown_tags(root: HtmlElement) -> list[str]:
    """The texts of the page's tag links (`<a rel="tag">`, the rel-tag microformat WordPress and AP's
    pages write), not its category links (`rel="category tag"`: the section), nor a tag cloud (more than
    `MAX_SHOWN_TAGS`: the site's topics, in its menus)."""
    links = node_set(TAG_LINKS, root)
    texts = (" ".join(text_of(link).split()) for link in links if len(links) <= MAX_SHOWN_TAGS)
    return [text for text in texts if text]


def is_cms_token(tag: str) -> bool:
    """Whether a keyword is the CMS's own switch or placement, not a topic: `@post-id:1913719`,
    `_no-apple-news`, `channel_other`, `/article`, "Front Page", a syndication target, a sentence."""
    return (
        tag.startswith(("@", "_", "/"))
        or (" " not in tag and ("_" in tag or ":" in tag))
        or tag.casefold().replace("-", " ") in PLACEMENTS
        or len(tag.split()) > MAX_TAG_WORDS
        or any(pattern.search(tag) for pattern in (KEYED, SYNDICATED, BRACKETED, KEYED_TOKEN))
    )


def without_tickers(tags: Iterable[str]) -> list[str]:
    """The tags without stock tickers: a symbol with its exchange ("6758.TO") and the one after it
    ("SNE"), or capitals that abbreviate the name just before them ("Microsoft", "MSFT")."""
    kept: list[str] = []
    after_listed = False
    for tag in tags:
        listed = bool(LISTED.match(tag))
        if not listed and not (TICKER.match(tag) and (after_listed or abbreviates(tag, kept[-1:]))):
            kept.append(tag)
        after_listed = listed or (after_listed and bool(TICKER.match(tag)))
    return kept


def abbreviates(short: str, before: list[str]) -> bool:
    """Whether `short` is the initials of the name before it ("HD", "Home Depot"), or its letters come in
    order in the name's first word, from its first letter on ("MSFT", "Microsoft"; "LOW", "Lowe's Cos.")."""
    words = before[0].casefold().split() if before else []
    letters = iter(words[0] if words else "")
    short = short.casefold()
    initials = "".join(word[0] for word in words)
    return bool(words) and (
        initials == short or (words[0][0] == short[0] and all(c in letters for c in short))
    )


def sections_of(article: GenericArticle) -> Iterator[object]:
    """The article's declared sections, most trusted first, each asked for only when those before it
    name none: `article:section`, the JSON-LD's `articleSection`, its breadcrumb trail, the one shown."""
    yield article.meta("property", "article:section")
    yield article.jsonld.get("articleSection")
    url = article.page.url
    yield breadcrumb_section(article.declared_items, {url, article.canonical_url() or ""}, article.headline)
    yield shown_section(article.root, url, article.headline)


def section_of(candidates: Iterable[object], site_names: Iterable[str], url: str) -> str | None:
    """The first declared section that names one: the first of a list or of names joined by commas,
    neither a placement ("Front Page") nor the site's own name, or its host's ("gizmodo.com"), unless the
    page's path or subdomain names it too (a portal's sections named as sites: `/diversao/` "Diversao",
    `economia.ig.com.br` "Economia")."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    slugs = (*parts.path.casefold().split("/"), *host.split(".")[:-2])
    own = {name.casefold() for name in (*site_names, host, host.removeprefix("www."))}.difference(slugs)
    for candidate in candidates:
        name = first_name(candidate)
        if name and name.casefold() not in PLACEMENTS and name.casefold() not in own:
            return name
    return None


def first_name(value: object) -> str | None:
    """A declared section's name: a string, or the first string of a list; of names joined by commas
    (WordPress's categories, Arc's sections), the first."""
    values = value if isinstance(value, list) else [value]
    text = next((item for item in values if isinstance(item, str) and item.strip()), "")
    return text.split(",")[0].strip() or None


def breadcrumb_section(
    items: Iterable[dict[str, Any]], article_urls: set[str], headline: str | None
) -> str | None:
    """The deepest crumb of the page's JSON-LD breadcrumb trail above the story itself (its address,
    or its headline, maybe cut short), other than the home page (the site's root, or named so)."""
    for item in items:
        if item.get("@type") == "BreadcrumbList":
            article = {address(url) for url in article_urls if url}
            crumbs = [
                name
                for name, url in crumbs_of(item.get("itemListElement"))
                if not is_home(name, url) and address(url) not in article and not names(name, headline or "")
            ]
            return crumbs[-1] if crumbs else None
    return None


def shown_section(root: HtmlElement, url: str, headline: str | None) -> str | None:
    """The deepest link of the breadcrumb trail the page shows (`nav.breadcrumb`, `ol.breadcrumbs`,
    microdata's `BreadcrumbList`) above the story itself, other than the home page or a number."""
    trail = next((element for element in node_set(MARKED_TRAILS, root) if is_trail(element)), None)
    links = trail.iter("a") if trail is not None else ()
    crumbs = ((" ".join(text_of(link).split()), urljoin(url, link.get("href", ""))) for link in links)
    article = address(url)
    found = [
        name
        for name, href in crumbs
        if name and not COUNTED.search(name)
        if not is_home(name, href) and address(href) != article and not names(name, headline or "")
    ]
    return found[-1] if found else None


def is_trail(element: HtmlElement) -> bool:
    """A breadcrumb trail's own element: marked as one and holding a few links, not a whole story that
    names its trail in a class (`article__content-well has-breadcrumb`)."""
    marks = f"{element.get('class', '')} {element.get('id', '')} {element.get('itemtype', '')}"
    return (
        element.tag not in TRAIL_HOLDERS
        and bool(TRAIL.search(marks))
        and 0 < sum(1 for _ in element.iter("a")) <= MAX_CRUMBS
    )


def crumbs_of(elements: object) -> Iterator[tuple[str, str]]:
    """(name, address) of each crumb: `item` is an address, or an object with its `@id` and `name`."""
    crumbs = (
        element for element in (elements if isinstance(elements, list) else []) if isinstance(element, dict)
    )
    for element in crumbs:
        item = element.get("item")
        named = element.get("name") or (item.get("name") if isinstance(item, dict) else None)
        url = item.get("@id") or item.get("url") if isinstance(item, dict) else item
        if isinstance(named, str) and named.strip():
            yield unescape(named).strip(), url if isinstance(url, str) else ""


def is_home(name: str, url: str) -> bool:
    """A crumb for the home page: the site's root, or named so where it has no address."""
    return name.casefold() in HOME_NAMES or (bool(url) and urlsplit(url).path in ("", "/"))


def address(url: str) -> str:
    """A URL as compared with the page's own: host and path, without scheme, query or closing slash."""
    parts = urlsplit(url)
    return f"{parts.netloc}{parts.path}".rstrip("/")


def names(crumb: str, headline: str) -> bool:
    """Whether a crumb is the headline, maybe cut short ("Quintal dentro do apê: três dicas...")."""
    start = crumb.rstrip(".… ").casefold()
    return bool(start) and headline.casefold().startswith(start) and len(start) > len(headline) / 2
