"""Feed storage for local files that never shows a reader a partial line and never overwrites a past run.

Scrapy's `FileFeedStorage` writes straight into the final path and never fsyncs, so a killed or crashed
run leaves a torn last line where readers look, and `-o` on a batch path resumed later appends to (or
`-O` truncates) an earlier run's files (scrapy#5153). `DurableFileFeedStorage` keeps Scrapy's FEEDS and
batching machinery and changes only how bytes reach the disk:

- Each file (each batch, with `batch_item_count`) is written to a hidden `.<name>.<random>.part` file
  in the final directory, and published when Scrapy closes it: flush, fsync, then a hard link (or, with
  `overwrite`/`-O`, `os.replace`) to the final name, unlink the temp, fsync the directory. A killed run
  therefore keeps every finished batch and leaves only `.part` files behind (`stale_part_files`).
- Without `overwrite` (`-o`, and the FEEDS default) a taken name is never touched: the run publishes
  `<stem>.1<suffix>`, `<stem>.2<suffix>`, ... instead. `os.link` fails when the name exists, so two
  runs racing for one name cannot clobber each other either. Readers glob `<stem>*<suffix>`.

Why `-o` does not append to an existing file: an append writes into a file readers already trust, so a
crash or a full disk mid-append leaves a torn tail at a final path, and a live reader (`tail -f`) can
see half a line. Repairing the tail on the next run means truncating an earlier run's file. Publishing
a numbered sibling keeps both promises at the price of one file per run instead of one growing file.

Built by Scrapy with the crawler, the storage sends `newscrawl.signals.feed_file_published` with the name
each file actually got (which may be a numbered sibling), so the run manifest can sit beside it, and counts
a file it could not create under the `newscrawl/export/failed` stat: Scrapy's FeedExporter only logs
that, and an unwritable output directory must fail the run (exit code 3, newscrawl/extensions/manifest.py).

Limits: newly created parent directories are not fsynced into their own parents; filesystems without
hard links (FAT, some network mounts) cannot publish without `overwrite`.
"""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Self

from w3lib.url import file_uri_to_path

from newscrawl.signals import feed_file_published

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

PART_SUFFIX = ".part"


class DurableFileFeedStorage:
    """Drop-in for Scrapy's `file` feed storage: `FEED_STORAGES = {"": <this>, "file": <this>}`."""

    def __init__(
        self, uri: str, *, feed_options: dict[str, Any] | None = None, crawler: Crawler | None = None
    ) -> None:
        # Scrapy builds one storage per batch, and one more at startup only to validate the URI:
        # nothing may touch the disk before `open`.
        self.uri = uri
        self.path = Path(file_uri_to_path(uri) if uri.startswith("file:") else uri)
        self.overwrite = bool((feed_options or {}).get("overwrite", False))
        self.part: Path | None = None
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler, uri: str, *, feed_options: dict[str, Any] | None = None) -> Self:
        return cls(uri, feed_options=feed_options, crawler=crawler)

    def open(self, spider: Spider) -> IO[bytes]:
        self.part = self.path.with_name(f".{self.path.name}.{secrets.token_hex(4)}{PART_SUFFIX}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Mode "x" is O_EXCL with the usual 0o666 & ~umask permissions, unlike mkstemp's 0o600.
            return self.part.open("xb")
        except OSError as error:
            if self.crawler is not None and self.crawler.stats is not None:
                self.crawler.stats.inc_value("newscrawl/export/failed")
            logger.error("Cannot create feed file %s: %s", self.path, error)
            raise

    def store(self, file: IO[bytes]) -> None:
        assert self.part is not None, "store() before open()"
        if file.closed:  # a postprocessing plugin may have closed it; fsync by path then
            fsync_path(self.part)
        else:
            file.flush()
            os.fsync(file.fileno())
            file.close()
        if self.overwrite:
            os.replace(self.part, self.path)
            published = self.path
        else:
            published = link_to_free_name(self.part, self.path)
            self.part.unlink()
        fsync_path(self.path.parent)
        logger.info("Published feed file %s", published)
        if self.crawler is not None:
            self.crawler.signals.send_catch_log(feed_file_published, path=published, uri=self.uri)


def link_to_free_name(source: Path, wanted: Path) -> Path:
    """Hard-link `source` at `wanted`, or at the first free `<stem>.N<suffix>`; the name it got."""
    target, number = wanted, 0
    while True:
        try:
            os.link(source, target)
        except FileExistsError:
            number += 1
            target = wanted.with_name(f"{wanted.stem}.{number}{wanted.suffix}")
        else:
            return target


def fsync_path(path: Path) -> None:
    """fsync a file or directory by name: for a directory this makes its new entries durable."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def stale_part_files(directory: Path) -> list[Path]:
    """Unpublished feed files under `directory`: left by killed runs, unless a crawl is writing there now."""
    return sorted(directory.rglob(f".*{PART_SUFFIX}"))
