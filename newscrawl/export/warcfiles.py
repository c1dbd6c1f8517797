"""The run's WARC files: written like the JSONL files, rotated at a size, each indexed in CDXJ beside it.

One file is open at a time, under a hidden `.part` name (newscrawl/durable.py). When it reaches
`max_bytes`, or the run ends, it is fsynced and published under the name the template gives (a taken
name gets a numbered sibling, never clobbered), then its CDXJ index is published beside it as
`<published name>.cdxj`. A killed run keeps every published file whole; the one being written stays a
`.part` file. Each file starts with its own `warcinfo` record, so it can be read alone.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from warcio.warcwriter import WARCWriter

from newscrawl.durable import PendingFile, write_atomically
from newscrawl.export.cdxj import CDXJ_SUFFIX, Capture, cdxj_lines

if TYPE_CHECKING:
    from collections.abc import Callable

    from warcio.recordloader import ArcWarcRecord

    from newscrawl.durable import WriteCheckedFile

logger = logging.getLogger(__name__)

WARC_VERSION = "WARC/1.1"


class WarcFiles:
    """Rotating WARC files named by `template` % params (`%(index)05d` counts files from 1)."""

    def __init__(
        self, template: str, params: dict[str, str], max_bytes: int, warcinfo: Callable[[], dict[str, str]]
    ) -> None:
        self.template, self.params, self.max_bytes = template, params, max_bytes
        self.warcinfo = warcinfo
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
        self.pending = PendingFile(self.path_of(self.index))
        self.file = self.pending.open()
        self.writer = WARCWriter(self.file, gzip=True, warc_version=WARC_VERSION)
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

    def discard(self) -> None:
        if self.pending is not None:
            self.pending.discard(self.file)


def capture_of(record: ArcWarcRecord, mime: str, offset: int, length: int) -> Capture:
    headers = record.rec_headers
    status = record.http_headers.get_statuscode() if record.http_headers else "0"
    return Capture(
        url=headers.get_header("WARC-Target-URI"), warc_date=headers.get_header("WARC-Date"),
        mime=mime, status=int(status), digest=headers.get_header("WARC-Payload-Digest") or "",
        offset=offset, length=length,
    )  # fmt: skip
