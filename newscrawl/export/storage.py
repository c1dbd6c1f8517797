"""Feed storage for local files that never shows a reader a partial line and never overwrites a past run.

Scrapy's `FileFeedStorage` writes straight into the final path and never fsyncs, so a killed or crashed
run leaves a torn last line where readers look, and `-o` on a batch path resumed later appends to (or
`-O` truncates) an earlier run's files (scrapy#5153). `DurableFileFeedStorage` keeps Scrapy's FEEDS and
batching machinery and changes only how bytes reach the disk: each file (each batch, with
`batch_item_count`) is a `newscrawl.durable.PendingFile`, published when Scrapy closes it. A killed run
therefore keeps every finished batch and leaves only `.part` files behind, which the next run's storage
removes from its directory when no live run holds them (`durable.remove_stale_parts`). Without
`overwrite` (`-o`, and the FEEDS default) a taken name is never touched: the run publishes
`<stem>.1<suffix>`, `<stem>.2<suffix>`, ... instead. Readers glob `<stem>*<suffix>`.

Why `-o` does not append to an existing file: an append writes into a file readers already trust, so a
crash or a full disk mid-append leaves a torn tail at a final path, and a live reader (`tail -f`) can
see half a line. Repairing the tail on the next run means truncating an earlier run's file. Publishing
a numbered sibling keeps both promises at the price of one file per run instead of one growing file.

Built by Scrapy with the crawler, the storage sends `newscrawl.signals.feed_file_published` with the name
each file actually got (which may be a numbered sibling), so the run manifest can sit beside it, and counts
a file it could not create under the `newscrawl/export/failed` stat: Scrapy's FeedExporter only logs
that, and an unwritable output directory must fail the run (exit code 3, newscrawl/export/manifest.py).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Self
from weakref import WeakKeyDictionary

from w3lib.url import file_uri_to_path

from newscrawl.durable import PendingFile, remove_stale_parts
from newscrawl.signals import feed_file_published

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class PublishedNames(logging.Filter):
    """Scrapy's FeedExporter logs "Stored jsonlines feed (3 items) in: b.jsonl", naming the URI the feed
    asked for; when the file was published under a numbered sibling, the line says so
    ("..., published as b.1.jsonl"), or a reader of the log looks for the wrong file."""

    def __init__(self) -> None:
        super().__init__()
        self.names: dict[str, Path] = {}  # feed URI -> the name its last file got, when they differ

    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg == "Stored %s" and isinstance(record.args, tuple) and len(record.args) == 1:
            line = str(record.args[0])
            uri = line.rpartition(" in: ")[2]
            if uri in self.names:
                record.args = (f"{line}, published as {self.names.pop(uri)}",)
        return True


PUBLISHED_NAMES = PublishedNames()


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
        self.pending: PendingFile | None = None
        self.published: Path | None = None  # the name `store` published the file under
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler, uri: str, *, feed_options: dict[str, Any] | None = None) -> Self:
        logging.getLogger("scrapy.extensions.feedexport").addFilter(PUBLISHED_NAMES)  # once: a set
        return cls(uri, feed_options=feed_options, crawler=crawler)

    def open(self, spider: Spider) -> IO[bytes]:
        """The file a batch is written to; first, the parts killed runs left beside it go."""
        self.pending = PendingFile(self.path, overwrite=self.overwrite)
        if self.path.parent.is_dir() and self.first_open_in(self.path.parent):
            self.remove_stale_parts()
        try:
            return self.pending.open()
        except OSError as error:
            if self.crawler is not None and self.crawler.stats is not None:
                self.crawler.stats.inc_value("newscrawl/export/failed")
            logger.error("Cannot create feed file %s: %s", self.path, error)
            raise

    def first_open_in(self, directory: Path) -> bool:
        """Whether this crawl opens a file in `directory` for the first time: stale parts are looked for
        once, not at every batch (a listing of the directory each time, which grows with the batches)."""
        if self.crawler is None:
            return True
        opened = _directories_opened.setdefault(self.crawler, set())
        if directory in opened:
            return False
        opened.add(directory)
        return True

    def remove_stale_parts(self) -> None:
        for part in remove_stale_parts(self.path.parent, self.path.suffix):
            if self.crawler is not None and self.crawler.stats is not None:
                self.crawler.stats.inc_value("newscrawl/stale_parts/removed")
            logger.info("Removed %s: left by a run that was killed before publishing it", part)

    def store(self, file: IO[bytes]) -> None:
        """Publish the file whole, or raise (Scrapy counts a failed store) and delete the partial file.

        A failed store means lines are missing: its articles, never marked exported, stay in the
        frontier for the next run."""
        assert self.pending is not None, "store() before open()"
        self.published = self.pending.publish(file)
        logger.info("Published feed file %s", self.published)
        if self.published != self.path:
            PUBLISHED_NAMES.names[self.uri] = self.published
        if self.crawler is not None:
            self.crawler.signals.send_catch_log(feed_file_published, path=self.published, uri=self.uri)


_directories_opened: WeakKeyDictionary[Crawler, set[Path]] = WeakKeyDictionary()

MANIFEST_SUFFIX = ".manifest.json"


def manifest_path(path: Path) -> Path:
    """Where the manifest of the published feed file `path` lives: beside it, `<name>.manifest.json`."""
    return path.with_name(path.name + MANIFEST_SUFFIX)
