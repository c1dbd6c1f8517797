"""Files that readers see whole or not at all: temporary name, fsync, then publish.

Every file newscrawl writes for others to read (feed files, their manifests, spool sidecars, the fill-rate
history, and later WARC files) goes through here. A file is written under a hidden
`.<name>.<random>.part` name in its final directory, flushed and fsynced, then published: `os.replace`
where replacing is the point (`-O`, a manifest, a history), else a hard link to the first free name
(`x.jsonl`, `x.1.jsonl`, ...), since `os.link` fails when the name exists and so never clobbers an earlier
run's file, even when two runs race for it. The directory is fsynced last, so the new name survives a
power cut. A killed writer leaves only `.part` files behind; each live one is held under an exclusive
`flock` until it is published or discarded, which the kernel releases when its process dies however it
died, so `remove_stale_parts` can tell a dead run's file from one a concurrent run is still writing.

Limits: newly created parent directories are not fsynced into their own parents; filesystems without
hard links (FAT, some network mounts) can only publish by replacing.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import json
import os
import secrets
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

PART_SUFFIX = ".part"
# An article line is ~10 kB, more than io's 8 KiB buffer, so each went to the kernel alone: 9 us of CPU a
# line against under 3 with 1 MiB. Lines are durable only once the file is published, buffered or not.
WRITE_BUFFER = 1 << 20


def part_path(path: Path) -> Path:
    """A fresh hidden temporary name beside `path`, in the directory it will be published in."""
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}{PART_SUFFIX}")


def fsync_path(path: Path) -> None:
    """fsync a file or directory by name: for a directory this makes its new entries durable."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


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


def publish(part: Path, path: Path, *, overwrite: bool) -> Path:
    """Give the fsynced `part` its final name: `path` replaced, or `path`'s first free sibling; the name."""
    if overwrite:
        os.replace(part, path)
        published = path
    else:
        published = link_to_free_name(part, path)
        part.unlink()
    fsync_path(path.parent)
    return published


def remove_stale_parts(directory: Path, suffix: str) -> list[Path]:
    """Remove the `.part` files of published names ending in `suffix` (".jsonl") that no live process
    holds in `directory`; the paths removed. A part's lines were never marked exported (that happens
    after publishing), so its articles are still in the frontier and nothing is lost."""
    removed: list[Path] = []
    for part in sorted(directory.glob(f".*{suffix}.{'[0-9a-f]' * 8}{PART_SUFFIX}")):
        try:
            fd = os.open(part, os.O_RDONLY)
        except FileNotFoundError:  # published or discarded meanwhile
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            continue  # a live writer holds it
        else:
            part.unlink(missing_ok=True)
            removed.append(part)
        finally:
            os.close(fd)
    return removed


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


class PendingFile:
    """One file on its way to `path`: `open` it, write, then `publish` it whole or `discard` it."""

    def __init__(self, path: Path, *, overwrite: bool = False) -> None:
        self.path, self.overwrite = path, overwrite
        self.part = part_path(path)
        self.file: WriteCheckedFile | None = None
        self.lock: int | None = None  # a descriptor of the part, flocked while it is being written

    def open(self) -> WriteCheckedFile:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Mode "x" is O_EXCL with the usual 0o666 & ~umask permissions, unlike mkstemp's 0o600.
        self.file = WriteCheckedFile(io.FileIO(self.part, "x"), buffer_size=WRITE_BUFFER)
        self.lock = os.open(self.part, os.O_RDONLY)
        fcntl.flock(self.lock, fcntl.LOCK_EX)
        return self.file

    def unlock(self) -> None:
        if self.lock is not None:
            os.close(self.lock)
            self.lock = None

    def publish(self, file: IO[bytes] | None = None) -> Path:
        """Flush, fsync and publish (see `publish`); the name it got. `file` is what the writer holds,
        when a wrapper of the opened file (a postprocessing plugin) is to be flushed instead.

        A failed write, flush or fsync (a full disk) means bytes are missing: the temporary file is
        removed to give the space back, and the error raised; so it is when no name can be given."""
        try:
            self.make_durable(file or self.file)
            return publish(self.part, self.path, overwrite=self.overwrite)
        except OSError:
            self.discard(file)
            raise
        finally:
            self.unlock()

    def make_durable(self, file: IO[bytes] | None) -> None:
        if self.file is not None and self.file.error is not None:
            raise self.file.error
        if file is None or file.closed:  # a postprocessing plugin may have closed it: fsync by path
            fsync_path(self.part)
            return
        file.flush()
        os.fsync(file.fileno())
        file.close()

    def discard(self, file: IO[bytes] | None = None) -> None:
        for opened in (file, self.file):
            if opened is not None:
                with contextlib.suppress(OSError):
                    opened.close()
        self.part.unlink(missing_ok=True)
        self.unlock()


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that readers see the old file or the new one, never a part."""
    pending = PendingFile(path, overwrite=True)
    file = pending.open()
    try:
        file.write(data)
    except OSError:
        pending.discard()
        raise
    pending.publish()


def write_json_atomically(path: Path, data: Any) -> None:
    """`data` as indented UTF-8 JSON, written with `write_atomically`."""
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    write_atomically(path, text.encode("utf-8"))
