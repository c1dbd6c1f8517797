"""A real HTTP server for a `DemoSite` on 127.0.0.1, like Scrapy's own tests/mockserver.

Every response carries the same `Date` header (`dates.HTTP_DATE`) so relative ages such as "49m ago"
resolve to one answer on any day the demo runs. Article paths match case-insensitively and ignore the
query string, as News24 does.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, cast
from urllib.parse import parse_qs, urlsplit

from newscrawl.demo.dates import HTTP_DATE
from newscrawl.demo.render import render_article, render_listing, render_not_found

if TYPE_CHECKING:
    from types import TracebackType

    from newscrawl.demo.model import DemoSite

HTML = "text/html; charset=utf-8"
ROBOTS = "User-agent: *\nAllow: /\n"


@dataclass(frozen=True)
class Reply:
    status: int
    body: str
    content_type: str = HTML
    location: str | None = None


def _listing(site: DemoSite, path: str, query: str, base_url: str) -> Reply | None:
    section = next((s for s in site.sections if s.path == path), None)
    if section is None:
        return None
    number = parse_qs(query).get("pageNumber", ["1"])[-1]
    if not number.isdigit() or not 1 <= int(number) <= len(site.listings[path]):
        return Reply(404, render_not_found())
    return Reply(200, render_listing(site, section, int(number), base_url))


def route(site: DemoSite, target: str, base_url: str) -> Reply:
    """The reply to a GET of `target` (path and query); `base_url` names this server."""
    parts = urlsplit(target)
    path = parts.path.lower().rstrip("/") or "/"
    if path == "/robots.txt":
        return Reply(200, ROBOTS, "text/plain; charset=utf-8")
    listing = _listing(site, path, parts.query, base_url)
    if listing is not None:
        return listing
    if path in site.raw_pages:
        return Reply(200, site.raw_pages[path])
    if path in site.stories:
        return Reply(200, render_article(site, site.stories[path]))
    if path in site.redirects:
        return Reply(301, render_not_found(), location=base_url + site.redirects[path])
    return Reply(404, render_not_found())


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    site: DemoSite
    base_url: str


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.wfile.write(self._head())

    def do_HEAD(self) -> None:
        self._head()

    def _head(self) -> bytes:
        """Send status and headers; return the body for GET to write."""
        server = cast("_Server", self.server)
        reply = route(server.site, self.path, server.base_url)
        body = reply.body.encode("utf-8")
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(body)))
        if reply.location is not None:
            self.send_header("Location", reply.location)
        self.end_headers()
        return body

    def date_time_string(self, timestamp: float | None = None) -> str:
        """The pinned server clock, whatever `timestamp` says."""
        return HTTP_DATE

    def log_message(self, format: str, *args: object) -> None:
        """Silent: a crawl of the demo would otherwise print one line per request."""


class DemoServer:
    """Serves `site` on an ephemeral port of 127.0.0.1 from a daemon thread while in a `with`."""

    def __init__(self, site: DemoSite) -> None:
        self.site = site
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.site = site
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._server.base_url = self.base_url
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> DemoServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
