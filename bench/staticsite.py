"""The demo generator's site, large and written to disk as static files, so nginx can serve it.

Demo pages are ~7 kB; real news pages weigh 50-150 kB, mostly inline scripts, state blobs, CSS and
mega-menus around the article. `pad` adds that weight (seeded, different on every page) outside the
article body and with no link a crawler follows, so every parser pays for a realistic page.

Layout on disk, for the nginx config in `bench/nginx.py`: an article or redirect target is a file at
its own path; listing page N of a section is `<section>/page<N>.html` (page 1 also `page.html`).
"""

from __future__ import annotations

import json
import random
from functools import cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from newscrawl.demo import build_site
from newscrawl.demo.render import render_article, render_listing

if TYPE_CHECKING:
    from pathlib import Path

    from newscrawl.demo.model import DemoSite

ARTICLES_PER_PAGE = 16.5  # about 5.5 cards per listing page in each of the demo's 3 sections
WORDS = (
    "news", "politics", "sport", "business", "markets", "weather", "opinion", "analysis", "video", "live",
    "region", "city", "council", "budget", "energy", "water", "health", "education", "courts", "crime",
)  # fmt: skip


CHUNK = 2000  # padding is drawn from pools of ~2 kB pieces: varied pages, generated in seconds
POOL = 64


def _menu_items(rng: random.Random) -> str:
    """Mega-menu links to sections and tags: the DOM weight of real headers and footers."""
    items = []
    while sum(map(len, items)) < CHUNK:
        a, b = rng.choice(WORDS), rng.choice(WORDS)
        items.append(
            f'<li class="mega-menu__item"><a class="mega-menu__link" href="/news24/{a}/{b}">{a} {b}</a></li>'
        )
    return "\n".join(items)


def _teasers(rng: random.Random) -> str:
    """Teasers of an inline app-state blob, as news CMSs ship for client-side hydration."""
    teasers = []
    while sum(map(len, teasers)) < CHUNK:
        headline = " ".join(rng.choices(WORDS, k=12))
        teaser = {"id": rng.getrandbits(48), "headline": headline, "image": f"/img/{rng.getrandbits(32)}.jpg"}
        teasers.append(json.dumps(teaser))
    return ",".join(teasers)


def _rules(rng: random.Random) -> str:
    rules = []
    while sum(map(len, rules)) < CHUNK:
        rules.append(
            f".c{rng.getrandbits(24):x}{{margin:{rng.randint(0, 32)}px;color:#{rng.getrandbits(24):06x}}}"
        )
    return "".join(rules)


@cache
def _pools() -> tuple[list[str], list[str], list[str]]:
    rng = random.Random(0)
    rules, teasers, menus = ([make(rng) for _ in range(POOL)] for make in (_rules, _teasers, _menu_items))
    return rules, teasers, menus


def pad(html: str, rng: random.Random) -> str:
    """`html` grown to 50-150 kB: styles and a state script in the head, a mega-menu before `</body>`."""
    pieces = (rng.randint(50_000, 144_000) - len(html)) // CHUNK
    rules, teasers, menus = (
        rng.choices(pool, k=-(-pieces * share // 5)) for pool, share in zip(_pools(), (1, 2, 2), strict=True)
    )
    state = f'{{"teasers": [{",".join(teasers)}], "ads": {{"slots": ["leaderboard", "mpu", "native"]}}}}'
    head = f"<style>{''.join(rules)}</style>\n<script>window.__PRELOADED_STATE__ = {state};</script>"
    tail = '<nav class="mega-menu"><ul class="mega-menu__list">\n' + "\n".join(menus) + "\n</ul></nav>"
    return html.replace("</head>", head + "\n</head>", 1).replace("</body>", tail + "\n</body>", 1)


def pages_for(articles: int) -> int:
    """Listing pages per section for about `articles` listed articles."""
    return max(1, round(articles / ARTICLES_PER_PAGE))


def _write(root: Path, path: str, text: str) -> int:
    target = root / path.lstrip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    return target.write_bytes(text.encode("utf-8"))


def _spellings(site: DemoSite) -> dict[str, str]:
    """Every linked path whose case differs from its story's path (nginx paths are case-sensitive)."""
    hrefs = [card.href for pages in site.listings.values() for page in pages for card in page]
    hrefs += [block.href for story in site.stories.values() for block in story.blocks if block.href]
    paths = {urlsplit(href).path for href in hrefs}
    return {path: path.lower() for path in paths if path != path.lower() and path.lower() in site.stories}


def write_site(root: Path, base_url: str, articles: int, seed: int = 1) -> tuple[DemoSite, int]:
    """Write the site for about `articles` listed articles under `root`; returns it and its bytes.

    Listing pages link their next page absolutely, so `base_url` must be where nginx will serve them.
    """
    site = build_site(seed, pages_per_section=pages_for(articles))
    rng = random.Random(seed)
    stories = site.stories.items()
    total = sum(_write(root, path, pad(render_article(site, story), rng)) for path, story in stories)
    for path, lower in _spellings(site).items():
        total += _write(root, path, (root / lower.lstrip("/")).read_text("utf-8"))
    for section in site.sections:
        for number in range(1, len(site.listings[section.path]) + 1):
            html = pad(render_listing(site, section, number, base_url), rng)
            names = ("page.html", "page1.html") if number == 1 else (f"page{number}.html",)
            total += sum(_write(root, f"{section.path}/{name}", html) for name in names)
    total += _write(root, "/robots.txt", "User-agent: *\nAllow: /\n")
    return site, total
