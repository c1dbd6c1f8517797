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


def _menu(rng: random.Random, size: int) -> str:
    """A mega-menu of section and tag links: the DOM weight of real headers and footers."""
    items, total = [], 0
    while total < size:
        a, b = rng.choice(WORDS), rng.choice(WORDS)
        link = f'<a class="mega-menu__link" href="/news24/{a}/{b}">{a} {b}</a>'
        item = f'<li class="mega-menu__item">{link}</li>'
        items.append(item)
        total += len(item)
    return '<nav class="mega-menu"><ul class="mega-menu__list">\n' + "\n".join(items) + "\n</ul></nav>"


def _state_script(rng: random.Random, size: int) -> str:
    """An inline app-state blob, as news CMSs ship for client-side hydration."""
    teasers, total = [], 0
    while total < size:
        words = " ".join(rng.choices(WORDS, k=12))
        teaser = {"id": rng.getrandbits(48), "headline": words, "image": f"/img/{rng.getrandbits(32)}.jpg"}
        teasers.append(teaser)
        total += len(words) + 60
    blob = json.dumps({"teasers": teasers, "ads": {"slots": ["leaderboard", "mpu", "native"]}})
    return f"<script>window.__PRELOADED_STATE__ = {blob};</script>"


def _styles(rng: random.Random, size: int) -> str:
    rules, total = [], 0
    while total < size:
        rule = f".c{rng.getrandbits(24):x}{{margin:{rng.randint(0, 32)}px;color:#{rng.getrandbits(24):06x}}}"
        rules.append(rule)
        total += len(rule)
    return "<style>" + "".join(rules) + "</style>"


def pad(html: str, rng: random.Random) -> str:
    """`html` grown to 50-150 kB: styles and a state script in the head, menus before `</body>`."""
    target = rng.randint(50_000, 150_000) - len(html)
    head = _styles(rng, target // 5) + "\n" + _state_script(rng, target * 2 // 5)
    tail = _menu(rng, target * 2 // 5)
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
    rendered = {path: pad(render_article(site, story), rng) for path, story in site.stories.items()}
    total = sum(_write(root, path, html) for path, html in rendered.items())
    total += sum(_write(root, path, rendered[lower]) for path, lower in _spellings(site).items())
    for section in site.sections:
        for number in range(1, len(site.listings[section.path]) + 1):
            html = pad(render_listing(site, section, number, base_url), rng)
            names = ("page.html", "page1.html") if number == 1 else (f"page{number}.html",)
            total += sum(_write(root, f"{section.path}/{name}", html) for name in names)
    total += _write(root, "/robots.txt", "User-agent: *\nAllow: /\n")
    return site, total
