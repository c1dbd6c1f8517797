"""`python -m newscrawl.demo [scrapy args...]`: crawl the bundled demo site and summarize the run.

`python -m newscrawl.demo serve` only serves it (until Ctrl-C) and prints its start URLs, for crawling
it by hand. Extra arguments go to `scrapy crawl news` as they are, e.g. `-a max_articles=10`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from newscrawl.demo.server import DemoServer
from newscrawl.demo.site import build_site

OUTPUT = Path("output/news")


def serve() -> int:
    with DemoServer(build_site(0)) as server:
        print("Serving the demo site; start URLs:", flush=True)
        for url in server.site.start_urls(server.base_url):
            print(f"  {url}", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            print("Stopped.")
    return 0


def crawl(extra_args: list[str]) -> int:
    """Run `scrapy crawl news` against the demo in a subprocess; its exit code is ours."""
    site = build_site(0)
    started = time.monotonic()
    with DemoServer(site) as server:
        starts = ",".join(site.start_urls(server.base_url))
        # The server's port changes every run, so a state store would only hold stale URLs: stateless.
        command = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"start_urls={starts}"]
        command += ["-s", "NEWSCRAWL_STATE_DIR="]
        env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawl.settings"}
        code = subprocess.run([*command, *extra_args], env=env, check=False).returncode
    print(f"demo crawl finished in {time.monotonic() - started:.1f}s (scrapy exit code {code})")
    feeds = sorted(OUTPUT.glob("*.jsonl"), key=lambda path: path.stat().st_mtime)
    if feeds:
        lines = feeds[-1].read_text("utf-8").count("\n")
        print(f"newest feed: {feeds[-1]} ({lines} lines)")
    return code


def main(argv: list[str]) -> int:
    return serve() if argv[:1] == ["serve"] else crawl(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
