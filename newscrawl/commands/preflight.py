"""Scrapy options that lose data when a run repeats on a schedule: refused before anything is fetched.

Each check returns the one line to print (what is wrong, and what to type instead), and `scrapy crawl`
exits 2 with it (newscrawl/commands/crawl.py). Both refuse rather than warn: a cron job's log is read
after the damage, and exit 2 is what makes the scheduler report the run.

- `-O FILE` over a non-empty local file while the state store is on: the store marks the file's
  articles exported, so the run writes only new and changed ones and the file that held them all is
  replaced by a short or empty one. `-o` publishes a numbered sibling instead; without a state store a
  run exports everything again, so `-O` loses nothing.
- A `LOG_FILE` in a folder that does not exist (checked first, before Scrapy opens the file).
- A `JOBDIR` whose job already ran to the end: Scrapy's scheduler left nothing pending in
  `requests.queue/active.json` (written when a job stops cleanly) while `requests.seen` holds the
  fingerprints of every request made, so each start request is filtered as seen and every later run
  fetches nothing and exits 0. A job stopped with pending requests (one Ctrl-C) resumes as Scrapy
  documents.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from w3lib.url import file_uri_to_path

from newscrawl import config

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings


def local_path(uri: str) -> Path | None:
    """The file a feed URI names on this machine, or None for another storage (s3://, ftp://)."""
    if uri.startswith("file:"):
        return Path(file_uri_to_path(uri))
    return None if "://" in uri else Path(uri)


def overwrite_refusal(settings: BaseSettings) -> str | None:
    """Why `-O` (a feed with `overwrite`) would lose lines, or None."""
    store = config.get_str(settings, "NEWSCRAWL_REDIS_URL") or config.get_str(settings, "NEWSCRAWL_STATE_DIR")
    if not store:
        return None
    for uri, options in settings.getdict("FEEDS").items():
        path = local_path(str(uri))
        if not (options or {}).get("overwrite") or path is None or not path.is_file():
            continue
        if size := path.stat().st_size:
            return (
                f"-O {uri} would replace its {size} bytes with only this run's new and changed articles "
                f"(the state store {store} marks the others exported): use -o {uri} to publish a "
                "numbered file beside it, or -s NEWSCRAWL_STATE_DIR= to export every article again"
            )
    return None


def finished_job(settings: BaseSettings) -> str | None:
    """Why `JOBDIR` holds a job that would fetch nothing, or None."""
    jobdir = settings.get("JOBDIR")
    if not jobdir:
        return None
    active, seen = Path(jobdir, "requests.queue", "active.json"), Path(jobdir, "requests.seen")
    if not active.is_file() or not seen.is_file() or not seen.stat().st_size:
        return None
    try:
        pending = json.loads(active.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # Scrapy's scheduler reports a state it cannot read itself
    if pending:
        return None
    return (
        f"-s JOBDIR={jobdir} holds a job that already finished: every start request would be filtered as "
        f"seen and nothing fetched. Remove it (rm -r {jobdir}) or name a new JOBDIR; scheduled runs need "
        "no JOBDIR, the state store remembers what was exported"
    )


def log_file_refusal(settings: BaseSettings) -> str | None:
    """Why `LOG_FILE` (or `--logfile`) cannot be opened, or None: Scrapy opens it before any command runs,
    and a folder that does not exist ends the run in a traceback."""
    log_file = settings.get("LOG_FILE")
    if not log_file or Path(log_file).parent.is_dir():
        return None
    folder = Path(log_file).parent
    return (
        f"-s LOG_FILE={log_file}: the folder {folder} does not exist. Create it (mkdir -p {folder}) or "
        "name a file in a folder that does"
    )


def check_options(settings: BaseSettings) -> None:
    """Raise ValueError with the one line to print when the run's options would lose data."""
    for refusal in (overwrite_refusal(settings), finished_job(settings)):
        if refusal is not None:
            raise ValueError(refusal)
