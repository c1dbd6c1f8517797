"""The HTML responses of WARC files, as `scrapy extract` reads them: ours, Common Crawl's, any tool's.

A file is a WARC when its first bytes say `WARC/` (plain) or its first gzip member does (`.warc.gz`), so
the name does not matter. Each `response` record with an HTTP 200 answer whose payload Scrapy would
treat as HTML becomes an `ArchivedPage`: the record's URL, its WARC-Date as the fetch time, and the
payload with its Content-Encoding undone, headers as received (the `Date` header included).

Bad input never stops a file: a record that cannot be parsed, whose gzip member is cut short, whose
length lies (its digest then fails, or the next record is found where it should not be), or whose
payload cannot be decoded is skipped, counted in `Skipped` by reason, and logged with its file offset;
reading resumes at the next record start found after it (a gzip member header in `.gz` files, a
`WARC/1.` line otherwise). Non-HTTP records (warcinfo, metadata, request, revisit), other statuses and
non-HTML payloads are counted as skipped too, without a warning.
"""

from __future__ import annotations

import gzip
import io
import logging
import mmap
import zlib
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import IO, TYPE_CHECKING

from scrapy.http import HtmlResponse
from scrapy.http.headers import Headers
from scrapy.responsetypes import responsetypes
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

if TYPE_CHECKING:
    from collections.abc import Generator, Iterator
    from pathlib import Path

logger = logging.getLogger(__name__)

GZIP_MAGIC = b"\x1f\x8b\x08"
WARC_MAGIC = b"WARC/1."
READ_ERRORS = (ArchiveLoadFailed, zlib.error, EOFError, ValueError, OSError, KeyError)


@dataclass(frozen=True)
class ArchivedPage:
    """One archived HTML response, ready for `page_of`."""

    response: HtmlResponse
    fetched_at: datetime
    offset: int


Skipped = Counter[str]


def is_warc(path: Path) -> bool:
    """Whether the file's content (not its name) is a WARC, plain or gzipped."""
    with path.open("rb") as file:
        head = file.read(len(WARC_MAGIC))
        if head.startswith(GZIP_MAGIC):
            file.seek(0)
            try:
                head = gzip.GzipFile(fileobj=file).read(len(WARC_MAGIC))
            except (OSError, EOFError):
                return False
    return head == WARC_MAGIC


def archived_pages(path: Path, skipped: Skipped) -> Iterator[ArchivedPage]:
    """Every archived HTML 200 response of the WARC file at `path`, in file order; see the module doc."""
    with path.open("rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
        magic = GZIP_MAGIC if data[: len(GZIP_MAGIC)] == GZIP_MAGIC else WARC_MAGIC
        start: int | None = 0
        while start is not None:
            file.seek(start)
            failed_at = yield from pages_from(file, path, skipped)
            start = None if failed_at is None else next_start(data, magic, failed_at)


def pages_from(file: IO[bytes], path: Path, skipped: Skipped) -> Generator[ArchivedPage, None, int | None]:
    """The pages from the file's position on; returns where reading failed, None at the end."""
    records = ArchiveIterator(file, check_digests=True)
    offset = file.tell()  # where the record being read starts
    try:
        for record in records:
            page = page_of_record(record, skipped)
            # Both read the record to its end, checking its digests: only after its payload was read.
            offset, length = records.get_record_offset(), records.get_record_length()
            missing = getattr(record.raw_stream, "limit", 0)
            if missing > 0:
                raise EOFError(f"{missing} bytes short of its declared length: the file is cut")
            if record.digest_checker.passed is False:
                reason = "; ".join(str(p) for p in record.digest_checker.problems)
                raise ValueError(f"digest mismatch ({reason}): its length or bytes are wrong")
            if page is not None:
                yield ArchivedPage(page, warc_fetch_time(record), offset)
            offset += length
        offset += trailing_newlines(file, offset)  # plain WARC: not counted in the record's length
        if offset < file.seek(0, io.SEEK_END):  # warcio ends quietly at a record cut in its header
            raise EOFError("no whole record here: the file is cut or damaged")
    except READ_ERRORS as error:
        skipped["bad_record"] += 1
        logger.warning("Skipped a bad record in %s at offset %d: %s", path, offset, error)
        return offset
    return None


def page_of_record(record: object, skipped: Skipped) -> HtmlResponse | None:
    """The record as Scrapy would have received it, decoded; None (counted) when it is no HTML 200."""
    kind = getattr(record, "rec_type", "")
    http = getattr(record, "http_headers", None)
    if kind != "response" or http is None or not http.protocol.startswith("HTTP/"):
        skipped[f"record_{kind or 'unknown'}"] += 1
        return None
    if http.get_statuscode() != "200":
        skipped[f"status_{http.get_statuscode()}"] += 1
        return None
    body = record.content_stream().read()  # type: ignore[attr-defined]
    headers = [(k, v) for k, v in http.headers if k.lower() not in ("content-encoding", "transfer-encoding")]
    url = record.rec_headers.get_header("WARC-Target-URI")  # type: ignore[attr-defined]
    scrapy_headers = Headers(headers)
    if not issubclass(responsetypes.from_args(headers=scrapy_headers, url=url, body=body), HtmlResponse):
        skipped["not_html"] += 1
        return None
    return HtmlResponse(url, status=200, headers=scrapy_headers, body=body)


def warc_fetch_time(record: object) -> datetime:
    date: str = record.rec_headers.get_header("WARC-Date")  # type: ignore[attr-defined]
    return datetime.fromisoformat(date)


def trailing_newlines(file: IO[bytes], offset: int) -> int:
    """How many of the CR LF CR LF that end a plain record follow `offset`."""
    file.seek(offset)
    tail = file.read(4)
    return len(tail) - len(tail.lstrip(b"\r\n"))


def next_start(data: mmap.mmap, magic: bytes, failed_at: int) -> int | None:
    """Where the next record may start after a bad one at `failed_at`; None when no record follows."""
    found = data.find(magic, failed_at + 1)
    return None if found < 0 else found
