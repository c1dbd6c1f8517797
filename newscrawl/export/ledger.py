"""Mark articles exported only once their JSONL lines are durable: the crawl's exactly-once promise.

Items are recorded in scrape order; when a feed slot (a file, or a batch) has been stored, that many
more lines of that feed are durable. A line is durable once every configured feed has stored it, so the
store learns "exported" only for the common prefix. A failed store marks nothing: those articles stay in
the frontier and the next run fetches them again. A crash before a slot is stored loses no state either,
for the same reason. A crash after a file is published but before its articles are marked is repaired
at the next start (export/recovery.py), so no line is written twice either.
"""

from __future__ import annotations

import pickle
import tempfile
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from newscrawl import config
from newscrawl.export.recovery import published_instant, recover_marks
from newscrawl.items import Article
from newscrawl.pipelines.versions import requested_url
from newscrawl.state import ExportRecord
from newscrawl.state.owner import CrawlState

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.extensions.feedexport import FeedSlot

    from newscrawl.state.owner import SiteState

# An export record waiting for its feed, with the name of the state store it goes to.
Pending = tuple[str, ExportRecord]

EXPORT_CHUNK = 1000
SPOOL_BATCH = 256


class RecordSpool:
    """A first-in first-out queue of export records on an anonymous temp file.

    Without feed batches, every record waits in the ledger until the run ends; in memory that was about
    800 bytes per article (a run of 100 000 articles held 80 MB), on disk it costs the crawl nothing.
    Records reach the file `SPOOL_BATCH` at a time, one pickle per batch: a seek, a pickle and a
    buffered write per article cost more than the article's whole state-store lookup.
    """

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile()  # noqa: SIM115  (open for the run; closed by close())
        self.read_at = 0
        self.count = 0
        self.head: list[Pending] = []  # read back from the file, oldest first
        self.tail: list[Pending] = []  # not yet written, newest last

    def __len__(self) -> int:
        return self.count

    def append(self, record: Pending) -> None:
        self.tail.append(record)
        self.count += 1
        if len(self.tail) >= SPOOL_BATCH:
            self.file.seek(0, 2)
            pickle.dump(self.tail, self.file, protocol=pickle.HIGHEST_PROTOCOL)
            self.tail = []

    def pop(self, count: int) -> list[Pending]:
        """The `count` oldest records (at most all of them), removed from the queue."""
        wanted = min(count, self.count)
        while len(self.head) < wanted and self.read_at < self.file.seek(0, 2):
            self.file.seek(self.read_at)
            self.head += pickle.load(self.file)
            self.read_at = self.file.tell()
        if len(self.head) < wanted:
            self.head += self.tail
            self.tail = []
        records, self.head = self.head[:wanted], self.head[wanted:]
        self.count -= wanted
        if self.read_at == self.file.seek(0, 2):
            self.read_at = 0
            self.file.truncate(0)
        return records

    def close(self) -> None:
        self.file.close()


class ExportLedger:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.state = CrawlState.of(crawler)
        self.feeds = list(crawler.settings.getdict("FEEDS"))
        self.records = RecordSpool()
        self.stored = dict.fromkeys(self.feeds, 0)
        self.marked = 0
        self.failures = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExportLedger:
        settings = crawler.settings
        if not config.get_str(settings, "NEWSCRAWL_STATE_DIR") and not config.get_str(
            settings, "NEWSCRAWL_REDIS_URL"
        ):
            raise NotConfigured("NEWSCRAWL_STATE_DIR and NEWSCRAWL_REDIS_URL are empty: no state store")
        ledger = cls(crawler)
        crawler.signals.connect(ledger.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ledger.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(ledger.feed_slot_closed, signal=signals.feed_slot_closed)
        crawler.signals.connect(ledger.engine_stopped, signal=signals.engine_stopped)
        return ledger

    def spider_opened(self) -> None:
        """Before the first request of a site: settle what a killed run published but did not mark.
        A site whose store opens later in the run (its profile chosen by its first page) is settled
        then, before any of its links is admitted."""
        self.state.when_opened(self.recover)

    def recover(self, state: SiteState) -> None:
        recover_marks(state, self.state.sites, self.feeds, now=datetime.now(UTC))

    def item_scraped(self, item: Any) -> None:
        if isinstance(item, Article):
            state = self.state.site_state(item.site, item.url)
            if state.store is not None:
                self.records.append((state.name, self.export_record(item, state)))

    @staticmethod
    def export_record(item: Article, state: SiteState) -> ExportRecord:
        published = published_instant(item.published_at)
        return ExportRecord(
            url_key=state.key(item.canonical_url), canonical_url=item.canonical_url,
            content_hash=item.content_hash, version=item.version, etag=item.fetch.etag,
            last_modified=item.fetch.last_modified, published_at=published,
            fetched_key=state.key(requested_url(item)),
        )  # fmt: skip

    def feed_slot_closed(self, slot: FeedSlot) -> None:
        if self.store_failed():
            return
        self.stored[slot.uri_template] = self.stored.get(slot.uri_template, 0) + slot.itemcount
        durable = min(self.stored.values(), default=0)
        if durable > self.marked:
            self.mark(durable)

    def mark(self, durable: int) -> None:
        """Mark the records up to `durable` exported, `EXPORT_CHUNK` per transaction and store: the end
        of a run without feed batches marks every article at once, and one list of them all grew RSS
        with the run."""
        while self.marked < durable and len(self.records):
            chunk = self.records.pop(min(durable - self.marked, EXPORT_CHUNK))
            by_store: dict[str, list[ExportRecord]] = {}
            for name, record in chunk:
                by_store.setdefault(name, []).append(record)
            for name, records in by_store.items():
                store = self.state.sites[name].store
                assert store is not None
                store.mark_exported(records, now=datetime.now(UTC))
            self.marked += len(chunk)
        self.marked = durable

    def store_failed(self) -> bool:
        """Whether a feed store has failed since the last check (Scrapy counts, but does not signal, it)."""
        assert self.crawler.stats is not None
        stats = self.crawler.stats.get_stats()
        failures = sum(int(v) for k, v in stats.items() if k.startswith("feedexport/failed_count/"))
        failed, self.failures = failures > self.failures, failures
        return failed

    def engine_stopped(self) -> None:
        self.records.close()
