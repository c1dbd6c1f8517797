"""A real HTTP server on 127.0.0.1 that answers from a route table, for crawls of hand-made sites."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from types import TracebackType

HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Reply:
    body: str | bytes = ""
    status: int = 200
    content_type: str = HTML
    headers: dict[str, str] = field(default_factory=dict)


class RouteServer:
    """Serves `routes[path_with_query]`, 304 when `If-None-Match` equals its ETag; unknown paths get 404.

    Counts hits per path and keeps each request's headers; `routes` may be replaced between crawls to
    change the site.
    """

    def __init__(
        self,
        routes: dict[str, Reply],
        http_date: str = "Wed, 16 Feb 2022 13:45:00 GMT",
        host: str = "127.0.0.1",
    ) -> None:
        self.routes = routes
        self.hits: dict[str, int] = {}
        self.headers: dict[str, list[dict[str, str]]] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.hits[self.path] = server.hits.get(self.path, 0) + 1
                server.headers.setdefault(self.path, []).append(dict(self.headers.items()))
                reply = server.routes.get(self.path, Reply("not found", status=404))
                etag = reply.headers.get("ETag")
                if etag and self.headers.get("If-None-Match") == etag:
                    reply = Reply(b"", status=304, headers={"ETag": etag})
                body = reply.body.encode() if isinstance(reply.body, str) else reply.body
                self.send_response(reply.status)
                for name, value in {"Content-Type": reply.content_type, **reply.headers}.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def date_time_string(self, timestamp: float | None = None) -> str:
                return http_date

            def log_message(self, format: str, *args: object) -> None:
                return

        self.httpd = ThreadingHTTPServer((host, 0), Handler)
        self.base_url = f"http://{host}:{self.httpd.server_address[1]}"

    def __enter__(self) -> RouteServer:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
