"""The export ledger's record spool and chunked marking: records come back whole, oldest first."""

from __future__ import annotations

from datetime import UTC, datetime

from scrapy.utils.test import get_crawler

from newscrawl.export.ledger import EXPORT_CHUNK, SPOOL_BATCH, ExportLedger, RecordSpool
from newscrawl.sites.registry import site_named
from newscrawl.state import ExportRecord
from newscrawl.state.owner import SiteState


def record(number: int) -> ExportRecord:
    url = f"https://www.news24.com/news24/world/news/story-{number}-20220216"
    return ExportRecord(
        url_key=url, canonical_url=url, content_hash=f"{number:032x}", version=1 + number % 3,
        etag=f'"{number}"', published_at=datetime(2022, 2, 16, 12, number % 60, tzinfo=UTC),
        fetched_key=None if number % 2 else url + "?page=1",
    )  # fmt: skip


def test_spool_pops_oldest_first_across_interleaved_appends() -> None:
    spool = RecordSpool()
    for number in range(5):
        spool.append(record(number))
    assert spool.pop(2) == [record(0), record(1)]
    spool.append(record(5))
    assert len(spool) == 4
    assert spool.pop(3) == [record(2), record(3), record(4)]
    assert spool.pop(10) == [record(5)]
    assert len(spool) == 0
    spool.close()


def test_spool_emptied_starts_over_and_pops_nothing_when_empty() -> None:
    spool = RecordSpool()
    assert spool.pop(3) == []
    spool.append(record(1))
    assert spool.pop(1) == [record(1)]
    assert spool.file.seek(0, 2) == 0
    spool.append(record(2))
    assert spool.pop(5) == [record(2)]
    spool.close()


def test_spool_keeps_order_across_batches_and_holds_at_most_two_in_memory() -> None:
    spool = RecordSpool()
    appended = popped = 0
    taken: list[ExportRecord] = []
    for appends, pops in ((SPOOL_BATCH * 2 + 7, 100), (SPOOL_BATCH, SPOOL_BATCH + 3), (5, 10_000)):
        for _ in range(appends):
            spool.append(record(appended))
            appended += 1
        taken += spool.pop(pops)
        popped = len(taken)
        assert len(spool.head) + len(spool.tail) <= 2 * SPOOL_BATCH
        assert len(spool) == appended - popped
    assert taken == [record(number) for number in range(appended)]
    assert spool.file.seek(0, 2) == 0
    spool.close()


class ChunkRecorder:
    """Stands in for the state store: remembers the size of each mark_exported transaction."""

    def __init__(self) -> None:
        self.chunks: list[list[ExportRecord]] = []

    def mark_exported(self, records: list[ExportRecord], now: datetime) -> None:
        self.chunks.append(records)


def test_ledger_marks_durable_records_in_chunks_oldest_first() -> None:
    crawler = get_crawler(settings_dict={"FEEDS": {"out.jsonl": {"format": "jsonlines"}}})
    ledger = ExportLedger(crawler)
    for number in range(2500):
        ledger.records.append(("news24", record(number)))
    store = ChunkRecorder()
    ledger.state.sites["news24"] = SiteState(site_named("news24"), store)  # type: ignore[arg-type]
    ledger.mark(2300)
    assert [len(chunk) for chunk in store.chunks] == [EXPORT_CHUNK, EXPORT_CHUNK, 300]
    assert store.chunks[1][0] == record(EXPORT_CHUNK)
    assert (ledger.marked, len(ledger.records)) == (2300, 200)
    ledger.records.close()
