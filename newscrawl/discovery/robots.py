"""robots.txt as a discovery source: the sitemaps its `Sitemap:` lines name, read by Protego (the
parser Scrapy's robots middleware uses), made absolute against the file."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from protego import Protego

from newscrawl.discovery import Discovered

if TYPE_CHECKING:
    from newscrawl.page import Page


def robots_sitemaps(body: bytes, url: str) -> Discovered:
    """The http(s) sitemaps named in the robots.txt at `url`, in file order, each once."""
    named = (
        urljoin(url, sitemap.strip()) for sitemap in Protego.parse(body.decode("utf-8", "replace")).sitemaps
    )
    children = tuple(
        dict.fromkeys(sitemap for sitemap in named if urlsplit(sitemap).scheme in ("http", "https"))
    )
    return Discovered((), children=children)


class RobotsSource:
    """The `Source` of a start host's robots.txt."""

    def read(self, page: Page) -> Discovered:
        return robots_sitemaps(page.body, page.url)
