"""The export ledger's record spool: records come back whole, oldest first, however appends and pops mix."""

from __future__ import annotations

from datetime import UTC, datetime

from newscrawl.extensions.ledger import RecordSpool
from newscrawl.state import ExportRecord


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
