"""`s3://` feeds that are durable on local disk before the upload, so a failed upload loses nothing.

Scrapy's `S3FeedStorage` uploads a temp file and, when that fails, loses the file and counts a failed
store. `SpooledS3FeedStorage` publishes each file (each batch) through `DurableFileFeedStorage` into the
spool, `NEWSCRAWL_SPOOL_DIR/<bucket>/<key>`, with a sidecar `<file>.upload-to` naming its URI, and then
uploads it with Scrapy's storage. An upload failure is logged and counted as
`newscrawl/export/upload_failed` (exit code 3) but is not a failed store: the lines are durable in the
spool, so the ledger marks them exported and the next run uploads the file instead of re-fetching it.

A spooled file stays until `RunManifest` has written its manifest beside it; `finish_uploads` then puts
the manifest at `<key>.manifest.json` and clears the entry. The first `open` of a run first uploads
every entry earlier runs left behind (blocking, once per crawl), so one spool serves one run at a time.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Self
from weakref import WeakSet

from scrapy.extensions.feedexport import S3FeedStorage
from twisted.internet.threads import deferToThread

from newscrawl import config
from newscrawl.durable import write_atomically
from newscrawl.export.cdxj import CDXJ_SUFFIX
from newscrawl.export.storage import MANIFEST_SUFFIX, DurableFileFeedStorage

if TYPE_CHECKING:
    from collections.abc import Iterable

    from scrapy import Spider
    from scrapy.crawler import Crawler
    from twisted.internet.defer import Deferred

logger = logging.getLogger(__name__)

# Sidecars of a spooled s3:// feed file, holding its target URI: the object is not uploaded yet / it is.
PENDING_SUFFIX, UPLOADED_SUFFIX = ".upload-to", ".uploaded-to"
# Files published beside a spooled file (a feed's manifest, a WARC file's index), uploaded after it to its
# key plus the same suffix.
COMPANION_SUFFIXES = (MANIFEST_SUFFIX, CDXJ_SUFFIX)


class SpooledS3FeedStorage(S3FeedStorage):
    """`FEED_STORAGES = {"s3": <this>}` (see the module doc)."""

    crawler: Crawler
    spool: Path
    local: DurableFileFeedStorage | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler, uri: str, *, feed_options: dict[str, Any] | None = None) -> Self:
        storage = super().from_crawler(crawler, uri, feed_options=feed_options)
        storage.crawler = crawler
        storage.spool = Path(config.get_str(crawler.settings, "NEWSCRAWL_SPOOL_DIR"))
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
        write_atomically(sidecar(spooled, PENDING_SUFFIX), f"s3://{self.bucketname}/{self.keyname}".encode())
        uploaded = deferToThread(upload_spooled_object, self.crawler, spooled)
        return uploaded.addCallback(lambda ok: count_upload_failures(self.crawler, not ok))


_drained_crawlers: WeakSet[Crawler] = WeakSet()


def sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(f"{path.name}{suffix}")


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
    """Upload a spool entry's file (if pending) and its companions (manifest, index), then remove it."""
    uploaded = sidecar(path, UPLOADED_SUFFIX)
    if not upload_spooled_object(crawler, path):
        return False
    target = uploaded.read_text(encoding="utf-8")
    companions = {sidecar(path, suffix): target + suffix for suffix in COMPANION_SUFFIXES}
    for companion, uri in companions.items():
        if companion.exists() and not upload_file(crawler, companion, uri):
            return False
    for done in (path, *companions, uploaded):
        done.unlink(missing_ok=True)
    return True


def upload_published(crawler: Crawler, spool: Path, path: Path) -> None:
    """Upload a file published into `spool` (`<spool>/<bucket>/<key>`) to `s3://<bucket>/<key>`, with its
    companions; on failure it stays, counted, for the next run (blocking)."""
    write_atomically(sidecar(path, PENDING_SUFFIX), f"s3://{path.relative_to(spool).as_posix()}".encode())
    count_upload_failures(crawler, not finish_spooled(crawler, path))


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
