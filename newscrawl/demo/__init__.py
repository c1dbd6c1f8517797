"""A fictional news site in the News24 layout, served on 127.0.0.1: the README's demo and the
integration tests crawl it, because a real site changes under the tests and a saved page cannot
answer the crawler's next request.
"""

from __future__ import annotations

from newscrawl.demo.server import DemoServer
from newscrawl.demo.site import build_site

__all__ = ["DemoServer", "build_site"]
