"""Files readers see whole or not at all (newscrawl/durable.py): what is left after success and failure."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from newscrawl.durable import PendingFile, remove_stale_parts, write_json_atomically
from tests.support import stale_part_files

if TYPE_CHECKING:
    from pathlib import Path


def test_an_atomic_write_replaces_the_file_and_leaves_no_part(tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    path.write_text("old")
    write_json_atomically(path, {"runs": ["caf\u00e9"]})
    assert path.read_text(encoding="utf-8") == '{\n  "runs": [\n    "caf\u00e9"\n  ]\n}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["history.json"]


def test_an_atomic_write_that_cannot_publish_leaves_the_old_state_and_no_part(tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()  # a directory where the file should go: os.replace fails
    with pytest.raises(IsADirectoryError):
        write_json_atomically(tmp_path / "taken", {"a": 1})
    assert stale_part_files(tmp_path) == []
    assert [p.name for p in tmp_path.iterdir()] == ["taken"]


def test_a_pending_file_never_takes_a_published_name(tmp_path: Path) -> None:
    names = []
    for text in (b"first\n", b"second\n", b"third\n"):
        pending = PendingFile(tmp_path / "out.jsonl")
        pending.open().write(text)
        names.append(pending.publish().name)
    assert names == ["out.jsonl", "out.1.jsonl", "out.2.jsonl"]
    assert (tmp_path / "out.1.jsonl").read_bytes() == b"second\n"
    assert stale_part_files(tmp_path) == []


def test_a_discarded_file_leaves_nothing(tmp_path: Path) -> None:
    pending = PendingFile(tmp_path / "sub" / "out.jsonl", overwrite=True)
    pending.open().write(json.dumps({"x": 1}).encode())
    assert len(stale_part_files(tmp_path)) == 1
    pending.discard()
    assert stale_part_files(tmp_path) == []
    assert list((tmp_path / "sub").iterdir()) == []


WRITER = """
import sys
from pathlib import Path
from newscrawl.durable import PendingFile
pending = PendingFile(Path(sys.argv[1]))
pending.open().write(b"half a line")
print("writing", flush=True)
sys.stdin.read()
"""


def test_parts_of_killed_writers_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    command = [sys.executable, "-c", WRITER, str(tmp_path / "killed.jsonl")]
    live = PendingFile(tmp_path / "live.jsonl")
    other = tmp_path / ".notes.txt.0123abcd.part"  # another kind of file than the feed's: not ours to judge
    other.write_text("x")
    with subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE) as writer:
        assert writer.stdout is not None
        assert writer.stdout.readline() == b"writing\n"
        live.open().write(b"{}\n")
        held_by_the_writer = [part for part in stale_part_files(tmp_path) if ".killed." in part.name]
        assert remove_stale_parts(tmp_path, ".jsonl") == []  # the writer is alive
        writer.kill()  # SIGKILL: no cleanup ran, the kernel released its lock
        writer.wait()
    assert remove_stale_parts(tmp_path, ".jsonl") == held_by_the_writer
    assert len(held_by_the_writer) == 1
    assert stale_part_files(tmp_path) == sorted([live.part, other])
    assert live.publish().read_bytes() == b"{}\n"
