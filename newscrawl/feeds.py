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

`SpooledS3FeedStorage` (`s3://`) publishes each file through the same path into a local spool before
uploading it, so a failed upload loses nothing and the next run uploads it (see the class).

Limits: newly created parent directories are not fsynced into their own parents; filesystems without
hard links (FAT, some network mounts) cannot publish without `overwrite`.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import secrets
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Self
from weakref import WeakSet

from scrapy.extensions.feedexport import S3FeedStorage
from twisted.internet.threads import deferToThread
from w3lib.url import file_uri_to_path

from newscrawl.signals import feed_file_published

if TYPE_CHECKING:
    from collections.abc import Iterable

    from scrapy import Spider
    from scrapy.crawler import Crawler
    from twisted.internet.defer import Deferred

logger = logging.getLogger(__name__)

PART_SUFFIX = ".part"
# Sidecars of a spooled s3:// feed file, holding its target URI: the object is not uploaded yet / it is.
PENDING_SUFFIX, UPLOADED_SUFFIX = ".upload-to", ".uploaded-to"
MANIFEST_SUFFIX = ".manifest.json"
# An article line is ~10 kB, more than io's 8 KiB buffer, so each went to the kernel alone: 9 us of CPU a
# line against under 3 with 1 MiB. Lines are durable only once the file is stored, buffered or not.
WRITE_BUFFER = 1 << 20


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
        self.file: WriteCheckedFile | None = None
        self.published: Path | None = None  # the name `store` published the file under
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler, uri: str, *, feed_options: dict[str, Any] | None = None) -> Self:
        return cls(uri, feed_options=feed_options, crawler=crawler)

    def open(self, spider: Spider) -> IO[bytes]:
        self.part = self.path.with_name(f".{self.path.name}.{secrets.token_hex(4)}{PART_SUFFIX}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Mode "x" is O_EXCL with the usual 0o666 & ~umask permissions, unlike mkstemp's 0o600.
            self.file = WriteCheckedFile(io.FileIO(self.part, "x"), buffer_size=WRITE_BUFFER)
            return self.file
        except OSError as error:
            if self.crawler is not None and self.crawler.stats is not None:
                self.crawler.stats.inc_value("newscrawl/export/failed")
            logger.error("Cannot create feed file %s: %s", self.path, error)
            raise

    def store(self, file: IO[bytes]) -> None:
        """Publish the file whole, or raise (Scrapy counts a failed store) and delete the partial file.

        A failed flush or fsync (a full disk) means lines are missing: the temp file is removed to give the
        space back, and its articles, never marked exported, stay in the frontier for the next run.
        """
        assert self.part is not None, "store() before open()"
        try:
            self.make_durable(file)
        except OSError:
            with contextlib.suppress(OSError):
                file.close()
            self.part.unlink(missing_ok=True)
            raise
        if self.overwrite:
            os.replace(self.part, self.path)
            published = self.path
        else:
            published = link_to_free_name(self.part, self.path)
            self.part.unlink()
        fsync_path(self.path.parent)
        self.published = published
        logger.info("Published feed file %s", published)
        if self.crawler is not None:
            self.crawler.signals.send_catch_log(feed_file_published, path=published, uri=self.uri)

    def make_durable(self, file: IO[bytes]) -> None:
        """Flush and fsync, or raise: also when a write already failed and lost lines mid-file."""
        assert self.part is not None
        if self.file is not None and self.file.error is not None:
            raise self.file.error
        if file.closed:  # a postprocessing plugin may have closed it; fsync by path then
            fsync_path(self.part)
        else:
            file.flush()
            os.fsync(file.fileno())
            file.close()


class WriteCheckedFile(io.BufferedWriter):
    """A buffered file that remembers its first failed write.

    Scrapy's FeedExporter logs an export error and goes on, so after a full disk has refused one line,
    later lines may still land once space is back: the file would look whole and miss lines in between.
    """

    error: OSError | None = None

    def write(self, data: Any) -> int:
        try:
            return super().write(data)
        except OSError as error:
            self.error = self.error or error
            raise


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


class SpooledS3FeedStorage(S3FeedStorage):
    """`s3://` feeds (`FEED_STORAGES = {"s3": <this>}`) that are durable on local disk before the upload.

    Scrapy's `S3FeedStorage` uploads a temp file and, when that fails, loses the file and counts a failed
    store. Here each file (each batch) is published through `DurableFileFeedStorage` into the spool,
    `NEWSCRAWL_SPOOL_DIR/<bucket>/<key>`, with a sidecar `<file>.upload-to` naming its URI, and then
    uploaded with Scrapy's storage. An upload failure is logged and counted as
    `newscrawl/export/upload_failed` (exit code 3) but is not a failed store: the lines are durable in the
    spool, so the ledger marks them exported and the next run uploads the file instead of re-fetching it.

    A spooled file stays until `RunManifest` has written its manifest beside it; `finish_uploads` then puts
    the manifest at `<key>.manifest.json` and clears the entry. The first `open` of a run first uploads
    every entry earlier runs left behind (blocking, once per crawl), so one spool serves one run at a time.
    """

    crawler: Crawler
    spool: Path
    local: DurableFileFeedStorage | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler, uri: str, *, feed_options: dict[str, Any] | None = None) -> Self:
        storage = super().from_crawler(crawler, uri, feed_options=feed_options)
        storage.crawler = crawler
        storage.spool = Path(crawler.settings["NEWSCRAWL_SPOOL_DIR"] or "output/.spool")
        return storage

    def open(self, spider: Spider) -> IO[bytes]:
        if self.crawler not in _drained_crawlers:
            _drained_crawlers.add(self.crawler)
            count_upload_failures(self.crawler, upload_spool(self.crawler, self.spool))
        self.local = DurableFileFeedStorage(
            str(self.spool / self.bucketname / self.keyname), crawler=self.crawler
        )
        return self.local.open(spider)

    def store(self, file: IO[bytes]) -> Deferred[None]:
        assert self.local is not None, "store() before open()"
        self.local.store(file)
        assert self.local.published is not None
        spooled = self.local.published
        write_durably(sidecar(spooled, PENDING_SUFFIX), f"s3://{self.bucketname}/{self.keyname}")
        uploaded = deferToThread(upload_spooled_object, self.crawler, spooled)
        return uploaded.addCallback(lambda ok: count_upload_failures(self.crawler, not ok))


_drained_crawlers: WeakSet[Crawler] = WeakSet()


def sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(f"{path.name}{suffix}")


def write_durably(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8") as file:
        file.write(text)
        file.flush()
        os.fsync(file.fileno())
    fsync_path(path.parent)


def upload_file(crawler: Crawler, path: Path, uri: str) -> bool:
    """Upload `path` to `uri` with Scrapy's S3 storage (blocking); whether it worked. Failures are logged."""
    try:
        with path.open("rb") as file:
            S3FeedStorage.from_crawler(crawler, uri)._store_in_thread(file)
    except Exception as error:  # botocore, boto3 and OS errors share no base class; all keep the spool
        logger.error("Cannot upload %s to %s, kept for the next run: %r", path, uri, error)
        return False
    logger.info("Uploaded %s to %s", path, uri)
    return True


def upload_spooled_object(crawler: Crawler, path: Path) -> bool:
    """Upload a spooled feed file if its sidecar says it is pending, then mark it uploaded."""
    pending = sidecar(path, PENDING_SUFFIX)
    if not pending.exists():
        return True
    if not upload_file(crawler, path, pending.read_text(encoding="utf-8")):
        return False
    os.replace(pending, sidecar(path, UPLOADED_SUFFIX))
    return True


def finish_spooled(crawler: Crawler, path: Path) -> bool:
    """Upload a spool entry's file (if pending) and manifest (if any), then remove the entry."""
    manifest, uploaded = sidecar(path, MANIFEST_SUFFIX), sidecar(path, UPLOADED_SUFFIX)
    if not upload_spooled_object(crawler, path):
        return False
    target = uploaded.read_text(encoding="utf-8") + MANIFEST_SUFFIX
    if manifest.exists() and not upload_file(crawler, manifest, target):
        return False
    for done in (path, manifest, uploaded):
        done.unlink(missing_ok=True)
    return True


def finish_uploads(crawler: Crawler, published: Iterable[Path]) -> int:
    """At the end of a run, after the manifests are written: finish the spool entries whose file this
    run uploaded (the others wait for the next run). Blocking; the number of failed uploads."""
    entries = [path for path in published if sidecar(path, UPLOADED_SUFFIX).exists()]
    return sum(not finish_spooled(crawler, path) for path in entries)


def upload_spool(crawler: Crawler, spool: Path) -> int:
    """Finish every entry earlier runs left in `spool`; the number that failed again."""
    entries = sorted(
        path.with_name(path.name.removesuffix(suffix))
        for suffix in (PENDING_SUFFIX, UPLOADED_SUFFIX)
        for path in spool.rglob(f"*{suffix}")
    )
    if entries:
        logger.info("Uploading %d feed files spooled by earlier runs from %s", len(entries), spool)
    return sum(not finish_spooled(crawler, path) for path in entries)


def count_upload_failures(crawler: Crawler, failures: int) -> None:
    if failures and crawler.stats is not None:
        crawler.stats.inc_value("newscrawl/export/upload_failed", failures)
