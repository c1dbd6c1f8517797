"""Scrapy options that lose data on a schedule are refused before anything is fetched, with one line
saying what to type: `-O` over a non-empty file while the state store is on, a `JOBDIR` whose job
already finished. Through the real command line, and as a table of the rules."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from scrapy.settings import Settings

from newscrawl.commands.preflight import finished_job, log_file_refusal, overwrite_refusal
from tests.server import RouteServer
from tests.support import read_jsonl, scrapy_crawl
from tests.test_run_failures import FAST, SECTION, SITE

if TYPE_CHECKING:
    from pathlib import Path


def run(tmp_path: Path, server: RouteServer, *args: str) -> tuple[int, str]:
    result = scrapy_crawl(tmp_path, "-a", f"start_urls={server.base_url}{SECTION}", *FAST, *args)
    return result.returncode, result.stderr


def last_line(log: str) -> str:
    return log.rstrip("\n").rsplit("\n", 1)[-1]


@pytest.mark.integration
def test_overwriting_a_file_with_the_state_store_on_is_refused(tmp_path: Path) -> None:
    with RouteServer(dict(SITE)) as server:
        first, _ = run(tmp_path, server, "-O", "out.jsonl")
        before = (tmp_path / "out.jsonl").read_bytes()
        hits = sum(server.hits.values())
        second, log = run(tmp_path, server, "-O", "out.jsonl")
        refused_hits = sum(server.hits.values()) - hits
        stateless, _ = run(tmp_path, server, "-O", "out.jsonl", "-s", "NEWSCRAWL_STATE_DIR=")
    assert (first, second, refused_hits) == (0, 2, 0)
    assert last_line(log) == (
        f"scrapy: error: -O out.jsonl would replace its {len(before)} bytes with only this run's new and "
        "changed articles (the state store state marks the others exported): use -o out.jsonl to publish "
        "a numbered file beside it, or -s NEWSCRAWL_STATE_DIR= to export every article again"
    )
    assert "Traceback" not in log
    assert stateless == 0  # without a store every article is exported again: nothing lost
    assert sorted(record["title"] for record in read_jsonl(tmp_path / "out.jsonl")) == ["One", "Three", "Two"]


@pytest.mark.integration
def test_a_log_file_in_a_missing_folder_is_refused_before_scrapy_opens_it(tmp_path: Path) -> None:
    with RouteServer(dict(SITE)) as server:
        code, log = run(tmp_path, server, "-s", "LOG_FILE=logs/run.log", "-o", "out.jsonl")
        assert server.hits == {}
    assert code == 2
    assert last_line(log) == (
        "scrapy: error: -s LOG_FILE=logs/run.log: the folder logs does not exist. Create it (mkdir -p logs) "
        "or name a file in a folder that does"
    )
    assert "Traceback" not in log
    (tmp_path / "logs").mkdir()
    assert log_file_refusal(Settings({"LOG_FILE": str(tmp_path / "logs/run.log")})) is None
    assert log_file_refusal(Settings({"LOG_FILE": "run.log"})) is None  # the working folder
    assert log_file_refusal(Settings()) is None


@pytest.mark.integration
def test_a_jobdir_whose_job_finished_is_refused(tmp_path: Path) -> None:
    with RouteServer(dict(SITE)) as server:
        first, _ = run(tmp_path, server, "-s", "JOBDIR=job", "-o", "first.jsonl")
        hits = sum(server.hits.values())
        second, log = run(tmp_path, server, "-s", "JOBDIR=job", "-o", "second.jsonl")
        assert sum(server.hits.values()) == hits
    assert (first, second) == (0, 2)
    assert len(read_jsonl(tmp_path / "first.jsonl")) == 3
    assert last_line(log) == (
        "scrapy: error: -s JOBDIR=job holds a job that already finished: every start request would be "
        "filtered as seen and nothing fetched. Remove it (rm -r job) or name a new JOBDIR; scheduled runs "
        "need no JOBDIR, the state store remembers what was exported"
    )
    assert not (tmp_path / "second.jsonl").exists()


def job(tmp_path: Path, active: object, seen: bytes = b"0123abcd\n") -> Settings:
    (tmp_path / "requests.queue").mkdir()
    (tmp_path / "requests.queue" / "active.json").write_text(json.dumps(active), encoding="utf-8")
    (tmp_path / "requests.seen").write_bytes(seen)
    return Settings({"JOBDIR": str(tmp_path)})


@pytest.mark.parametrize(
    ("active", "seen", "refused"),
    [
        ([], b"0123abcd\n", True),  # ScrapyPriorityQueue with nothing pending
        ({}, b"0123abcd\n", True),  # DownloaderAwarePriorityQueue with nothing pending
        ([10, 0], b"0123abcd\n", False),  # stopped with requests pending: it resumes
        ({"127.0.0.1": [0]}, b"0123abcd\n", False),
        ([], b"", False),  # nothing was ever requested
    ],
)
def test_finished_job_rule(tmp_path: Path, active: object, seen: bytes, refused: bool) -> None:
    assert (finished_job(job(tmp_path, active, seen)) is not None) == refused


def test_a_new_or_unreadable_jobdir_is_left_to_scrapy(tmp_path: Path) -> None:
    assert finished_job(Settings({"JOBDIR": str(tmp_path / "new")})) is None
    assert finished_job(Settings()) is None
    settings = job(tmp_path, [])
    (tmp_path / "requests.queue" / "active.json").write_text("[", encoding="utf-8")
    assert finished_job(settings) is None


@pytest.mark.parametrize(
    ("feeds", "content", "refused"),
    [
        ({"out.jsonl": {"overwrite": True}}, b"{}\n", True),
        ({"out.jsonl": {"overwrite": True}}, b"", False),  # an empty file loses nothing
        ({"out.jsonl": {}}, b"{}\n", False),  # -o publishes out.1.jsonl beside it
        ({"s3://bucket/out.jsonl": {"overwrite": True}}, b"{}\n", False),  # not a local file
        ({"other.jsonl": {"overwrite": True}}, b"{}\n", False),  # no such file yet
    ],
)
def test_overwrite_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, feeds: dict[str, object], content: bytes, refused: bool
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out.jsonl").write_bytes(content)
    assert (overwrite_refusal(Settings({"FEEDS": feeds})) is not None) == refused
    assert overwrite_refusal(Settings({"FEEDS": feeds, "NEWSCRAWL_STATE_DIR": ""})) is None
