"""The run's WARC files: written like the JSONL files, rotated at a size, each indexed in CDXJ beside it.

One file is open at a time, under a hidden `.part` name (newscrawl/durable.py); each record is its own
gzip member, at level 1 (`GZIP_LEVEL`). When the file reaches `max_bytes`, or the run ends, it is
fsynced and published under the name the template gives (a taken name gets a numbered sibling, never
clobbered), then its CDXJ index is published beside it as `<published name>.cdxj`. A killed run keeps
every published file whole (the next run indexes one it left without its index); the one being written
stays a `.part` file, which the next run's first file removes from its directory. Each file starts
with its own `warcinfo` record, so it can be read alone.
"""

from __future__ import annotations

import logging
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from warcio.archiveiterator import ArchiveIterator
from warcio.warcwriter import WARCWriter

from newscrawl.durable import PendingFile, remove_stale_parts, write_atomically
from newscrawl.export.cdxj import CDXJ_SUFFIX, REVISIT_MIME, Capture, cdxj_lines

if TYPE_CHECKING:
    from collections.abc import Callable

    from warcio.recordloader import ArcWarcRecord

    from newscrawl.durable import WriteCheckedFile

logger = logging.getLogger(__name__)

WARC_VERSION = "WARC/1.1"
# warcio gzips at level 9: 5.2 ms for a 100 kB page, the crawl's CPU per page nearly doubled (bench/warc.py).
# Level 1 takes 0.75 ms for files 22% larger (0.226 of the HTML against 0.185).
GZIP_LEVEL = 1


class GzipMembers:
    """What warcio writes one record to: each record its own gzip member (warcio ends a record with
    `flush`), so a reader can seek to any record's offset, as the CDXJ index tells it to."""

    def __init__(self, out: WriteCheckedFile) -> None:
        self.out = out
        self.compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, zlib.MAX_WBITS + 16)

    def write(self, data: bytes) -> None:
        self.out.write(self.compressor.compress(data))

    def flush(self) -> None:
        """End the member; the next write starts a new one. The file itself is not flushed."""
        self.out.write(self.compressor.flush())
        self.compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, zlib.MAX_WBITS + 16)


class WarcFiles:
    """Rotating WARC files named by `template` % params (`%(index)05d` counts files from 1)."""

    def __init__(
        self,
        template: str,
        params: dict[str, str],
        max_bytes: int,
        warcinfo: Callable[[], dict[str, str]],
        published: Callable[[Path], None] = lambda path: None,
    ) -> None:
        """`published(path)` is called with each file once it and its index are published."""
        self.template, self.params, self.max_bytes = template, params, max_bytes
        self.warcinfo, self.on_published = warcinfo, published
        self.index = 0
        self.pending: PendingFile | None = None
        self.file: WriteCheckedFile | None = None
        self.writer: WARCWriter | None = None
        self.captures: list[Capture] = []
        self.published: list[Path] = []

    def path_of(self, index: int) -> Path:
        return Path(self.template % {**self.params, "index": index})

    def open_writer(self) -> WARCWriter:
        """The writer of the open file; a new file, with its warcinfo record, when none is open."""
        if self.writer is not None:
            return self.writer
        self.index += 1
        path = self.path_of(self.index)
        if self.index == 1 and path.parent.is_dir():
            for part in remove_stale_parts(path.parent, path.suffix):
                logger.info("Removed %s: left by a run that was killed before publishing it", part)
        self.pending = PendingFile(path)
        self.file = self.pending.open()
        self.writer = WARCWriter(GzipMembers(self.file), gzip=False, warc_version=WARC_VERSION)
        name = self.pending.path.name
        self.writer.write_record(self.writer.create_warcinfo_record(name, self.warcinfo()))
        return self.writer

    def write(self, *records: ArcWarcRecord, indexed: str = "") -> None:
        """Write `records` one after the other; when `indexed` names a MIME type, the first is indexed
        under it. Then rotate if the file has reached its size."""
        writer = self.open_writer()
        assert self.file is not None
        offset = self.file.tell()
        writer.write_record(records[0])
        if indexed:
            self.captures.append(capture_of(records[0], indexed, offset, self.file.tell() - offset))
        for record in records[1:]:
            writer.write_record(record)
        if self.file.tell() >= self.max_bytes:
            self.publish()

    def publish(self) -> None:
        """Publish the open file whole, then its index; nothing when no file is open."""
        if self.pending is None:
            return
        path = self.pending.publish(self.file)
        lines = cdxj_lines(self.captures, path.name)
        write_atomically(path.with_name(path.name + CDXJ_SUFFIX), "".join(lines).encode("utf-8"))
        logger.info("Published WARC file %s (%d captures indexed)", path, len(lines))
        self.published.append(path)
        self.pending = self.file = self.writer = None
        self.captures = []
        self.on_published(path)

    def discard(self) -> None:
        if self.pending is not None:
            self.pending.discard(self.file)


def index_missing(directory: Path) -> None:
    """Index the published WARC files in `directory` that have no CDXJ: a run killed between publishing
    a file and its index left them so. Records are indexed as the writer indexes them."""
    for path in sorted(directory.glob("*.warc.gz")) if directory.is_dir() else []:
        index = path.with_name(path.name + CDXJ_SUFFIX)
        if index.exists():
            continue
        with path.open("rb") as file:
            records = ArchiveIterator(file)
            captures = [
                capture_of(
                    record, indexed_mime(record), records.get_record_offset(), records.get_record_length()
                )
                for record in records
                if record.rec_type in ("response", "revisit")
            ]
        write_atomically(index, "".join(cdxj_lines(captures, path.name)).encode("utf-8"))
        logger.warning("Indexed WARC file %s, which a killed run had left without its index", path)


def where(records: ArchiveIterator) -> tuple[int, int]:
    """The offset and length of the record `records` is at."""
    return records.get_record_offset(), records.get_record_length()


def indexed_mime(record: ArcWarcRecord) -> str:
    """The MIME type a record is indexed under: its payload's, or `warc/revisit`."""
    if record.rec_type == "revisit":
        return REVISIT_MIME
    kind = record.http_headers.get_header("Content-Type") if record.http_headers else None
    return str(kind or "unk").split(";")[0].strip() or "unk"


def capture_of(record: ArcWarcRecord, mime: str, offset: int, length: int) -> Capture:
    headers = record.rec_headers
    status = record.http_headers.get_statuscode() if record.http_headers else "0"
    return Capture(
        url=headers.get_header("WARC-Target-URI"), warc_date=headers.get_header("WARC-Date"),
        mime=mime, status=int(status), digest=headers.get_header("WARC-Payload-Digest") or "",
        offset=offset, length=length,
    )  # fmt: skip
