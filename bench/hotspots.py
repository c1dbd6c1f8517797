"""Where (b) spends its time: `scrapy crawl news` under pyinstrument on the static site of bench/crawl.py.

    .venv/bin/python bench/hotspots.py [--articles 3000] [--top 25]

Prints the functions with the most own time (flat), then writes the full call tree to
`output/bench-profile.html` (gitignored) for a closer look.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from nginx import served_site


def profile(starts: list[str], work: Path, renderer: str, out: Path, options: list[str]) -> None:
    crawl = ["crawl", "news", "-a", f"start_urls={','.join(starts)}", "-O", str(work / "out.jsonl"),
             "-s", f"NEWSCRAWL_STATE_DIR={work / 'state'}", "-s", "LOG_LEVEL=WARNING"]  # fmt: skip
    command = [sys.executable, "-m", "pyinstrument", "-r", renderer, *options, "-o", str(out)]
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawl.settings"}
    work.mkdir()
    subprocess.run([*command, "-m", "scrapy", *crawl], env=env, check=True, cwd=work)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newscrawl-profile-") as tmp:
        with served_site(Path(tmp), args.articles) as served:
            starts = served.start_urls
            flat = Path(tmp) / "flat.txt"
            options = ["-p", "flat=true", "-p", "unicode=false", "-p", "show_all=false"]
            profile(starts, Path(tmp) / "flat", "text", flat, options)
            profile(starts, Path(tmp) / "tree", "html", Path("output/bench-profile.html").resolve(), [])
        print("\n".join(flat.read_text().splitlines()[: args.top + 8]))


if __name__ == "__main__":
    main()
