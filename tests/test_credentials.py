"""Credentials stay on the start host: a cross-host redirect carries no `Authorization` and no `Cookie`.

The start host `news.test` (127.0.0.1) sets a host-only cookie on its listing, and the run sends an
`Authorization` header through DEFAULT_REQUEST_HEADERS, as a user with a subscription token would. One
article redirects to `intranet.news.test` (a second server on 127.0.0.2, allowed on purpose): that host
must see neither credential, on its robots.txt or on the article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.server import Reply, RouteServer
from tests.test_guard import SECTION, SecondLoopbackServer, article_html, listing_html, run_crawl, stat

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.integration

SECRET = f"{SECTION}/secret-20220216"
MOVED, HOME = f"{SECTION}/moved-20220216", f"{SECTION}/home-20220216"
TOKEN = "Bearer subscriber-token"
CREDENTIALS = (
    "-s", "NEWSCRAWL_ALLOWED_PRIVATE_HOSTS=intranet.news.test",
    "-s", f'DEFAULT_REQUEST_HEADERS={{"Authorization": "{TOKEN}"}}',
)  # fmt: skip


def credentials_crawl(tmp_path: Path) -> tuple[str, RouteServer, RouteServer]:
    """The crawl described in the module doc; returns its log, the start server and the other host (on
    the start's port, so that the origin check lets the redirect through to the credential checks)."""
    routes: dict[str, Reply] = {}
    with RouteServer(routes) as site:
        port = site.httpd.server_address[1]
        with SecondLoopbackServer({SECRET: Reply(article_html("Secret"))}, port) as internal:
            routes[SECTION] = Reply(
                listing_html([MOVED, HOME]), headers={"Set-Cookie": "session=s3cret; Path=/"}
            )
            routes[MOVED] = Reply(
                status=302, headers={"Location": f"http://intranet.news.test:{port}{SECRET}"}
            )
            routes[HOME] = Reply(article_html("Home"))
            start = site.base_url.replace("127.0.0.1", "news.test") + SECTION
            log = run_crawl(tmp_path, start, *CREDENTIALS)
    return log, site, internal


def credentials(server: RouteServer, path: str) -> list[tuple[str | None, str | None]]:
    """(Authorization, Cookie) of each request `server` received for `path`."""
    return [(headers.get("Authorization"), headers.get("Cookie")) for headers in server.headers[path]]


def test_credentials_are_not_sent_to_another_host(tmp_path: Path) -> None:
    log, site, internal = credentials_crawl(tmp_path)
    assert credentials(site, HOME) == [(TOKEN, "session=s3cret")]  # both were in play on the start host
    assert credentials(site, MOVED) == [(TOKEN, "session=s3cret")]
    assert set(internal.headers) == {"/robots.txt", SECRET}
    assert credentials(internal, "/robots.txt") == [(None, None)]
    assert credentials(internal, SECRET) == [(None, None)]
    assert stat(log, "newscrawl/credentials/stripped") == 2  # the token, on robots.txt and the article
    assert stat(log, "item_scraped_count") == 2
