"""Debian's nginx serving the static site on 127.0.0.1, in its own process, and its own ceiling.

nginx answers from the page cache in its own worker, so a crawler that is slower than `ceiling` reports
is measuring itself, not the server. Listing URLs `<section>?pageNumber=N` map to `<section>/pageN.html`
with `try_files`; a redirect of the demo is a `return 301`; query strings never change an article.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from staticsite import write_site

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path
    from types import TracebackType

CONF = """worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    types {{ text/html html; text/plain txt; }}
    default_type "text/html; charset=utf-8";
    sendfile on;
    keepalive_requests 100000;
    absolute_redirect off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        location / {{ try_files $uri $uri/page$arg_pageNumber.html =404; }}
{redirects}
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def nginx_binary() -> str:
    """Debian's nginx, installed with apt-get when missing (the bench runs as root on Debian)."""
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if found is None:
        subprocess.run(["apt-get", "install", "-y", "-qq", "nginx-light"], check=True)
        found = shutil.which("nginx", path="/usr/sbin")
    assert found is not None, "nginx not found after apt-get install nginx-light"
    return found


class Nginx:
    """nginx on `port` serving `root`; `redirects` maps old paths to new ones (301)."""

    def __init__(self, root: Path, port: int, redirects: dict[str, str], tmp: Path) -> None:
        rule = "        location = {} {{ return 301 {}; }}"
        rules = "\n".join(rule.format(old, new) for old, new in redirects.items())
        tmp.mkdir(parents=True, exist_ok=True)
        self.conf = tmp / "nginx.conf"
        self.conf.write_text(CONF.format(tmp=tmp, port=port, root=root, redirects=rules))
        self.port, self.tmp = port, tmp
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Nginx:
        prefix, log = str(self.tmp), str(self.tmp / "error.log")
        self.process = subprocess.Popen([nginx_binary(), "-c", str(self.conf), "-p", prefix, "-e", log])
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"nginx did not listen on {self.port}: {(self.tmp / 'error.log').read_text()}")

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        assert self.process is not None
        self.process.terminate()
        self.process.wait(timeout=10)


PER_SITE = 20_000  # the demo generator slows down past ~20 000 headlines: larger runs serve several sites


@dataclass(frozen=True)
class Served:
    """What a crawl needs to know of the served sites."""

    start_urls: list[str]
    articles: int
    pages: int
    bytes: int
    probes: tuple[str, str]  # one article page and one listing page, for `ceiling`


@contextmanager
def served_site(tmp: Path, articles: int) -> Iterator[Served]:
    """Static sites for about `articles` articles written under `tmp`, each on its own port of 127.0.0.1
    served by its own nginx, while in the `with`. One site (seed 1) up to `PER_SITE` articles; past
    that, seeds 1, 2, ... with `PER_SITE` each, so a crawl of 100 000 articles is possible."""
    os.chmod(tmp, 0o755)  # nginx's workers run as www-data and must read the site
    count = -(-articles // PER_SITE)
    with ExitStack() as servers:
        starts, stories, pages, size = [], 0, 0, 0
        for seed in range(1, count + 1):
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            site, written = write_site(tmp / f"site{seed}", base, articles // count, seed)
            servers.enter_context(Nginx(tmp / f"site{seed}", port, site.redirects, tmp / f"nginx{seed}"))
            starts += site.start_urls(base)
            stories, size = stories + len(site.stories), size + written
            pages += len(site.stories) + sum(map(len, site.listings.values()))
            if seed == 1:
                probes = (base + next(iter(site.stories)), starts[0] + "?pageNumber=2")
        yield Served(starts, stories, pages, size, probes)


def ceiling(url: str, seconds: int = 5) -> str:
    """wrk's requests/s on one page with 8 connections (the crawlers' concurrency), 1 thread."""
    wrk = shutil.which("wrk")
    if wrk is None:
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
        wrk = "wrk"
    result = subprocess.run(
        [wrk, "-t1", "-c8", f"-d{seconds}s", url], capture_output=True, text=True, check=True
    )
    lines = [line.strip() for line in result.stdout.splitlines()]
    return next(line for line in lines if line.startswith("Requests/sec"))
