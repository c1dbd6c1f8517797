"""WARC archives of a crawl (NEWSCRAWL_WARC): valid files, every response kept, re-extraction, revisits."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import random
import re
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator

from newscrawl.demo import DemoServer, build_site
from tests.server import Reply, RouteServer
from tests.support import CONTRACT_FIELDS, read_jsonl, scrapy_command, scrapy_crawl
from tests.test_crash import SLOW, killed_run
from tests.test_incremental import FIRST, SECTION, YOUNG

pytestmark = pytest.mark.integration

TEMPLATE = "warc/%(name)s/%(time)s-%(index)05d.warc.gz"


def records(path: Path) -> list[Any]:
    """Every record of the file, its payload read (warcio's records are only valid while iterating)."""
    with path.open("rb") as file:
        found = []
        for record in ArchiveIterator(file):
            record.payload = record.content_stream().read()
            found.append(record)
        return found


def warc_files(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "warc/news").glob("*.warc.gz"))


def warcio_check(path: Path) -> subprocess.CompletedProcess[str]:
    warcio = str(Path(sys.executable).with_name("warcio"))
    return subprocess.run([warcio, "check", str(path)], capture_output=True, text=True, check=False)


def stat(log: str, key: str) -> int:
    match = re.search(rf"'{re.escape(key)}': (\d+)", log)
    assert match, key
    return int(match[1])


def test_demo_crawl_archives_every_response_and_extract_reproduces_it(tmp_path: Path) -> None:
    site = build_site(0)
    with DemoServer(site) as server:
        starts = ",".join(site.start_urls(server.base_url))
        args = ("-a", f"start_urls={starts}", "-O", "out.jsonl", "-s", f"NEWSCRAWL_WARC={TEMPLATE}")
        result = scrapy_crawl(tmp_path, *args, "-s", "NEWSCRAWL_STATE_DIR=")
    assert result.returncode == 0, result.stderr[-3000:]
    exported = read_jsonl(tmp_path / "out.jsonl")
    (warc,) = warc_files(tmp_path)
    assert warcio_check(warc).returncode == 0
    found = records(warc)
    kinds = Counter(r.rec_type for r in found)
    fetched = stat(result.stderr, "downloader/response_count")
    assert kinds == {"warcinfo": 1, "response": fetched, "request": fetched, "metadata": len(exported)}
    responses = {r.rec_headers.get_header("WARC-Record-ID"): r for r in found if r.rec_type == "response"}
    statuses = Counter(r.http_headers.get_statuscode() for r in responses.values())
    assert statuses == {"200": fetched - 2, "301": 1, "404": 1}  # the demo's redirect and broken link
    urls = {r.rec_headers.get_header("WARC-Target-URI") for r in responses.values()}
    assert f"{server.base_url}/robots.txt" in urls
    assert {r["url"] for r in exported} <= urls
    for request in (r for r in found if r.rec_type == "request"):
        response = responses[request.rec_headers.get_header("WARC-Concurrent-To")]
        target = response.rec_headers.get_header("WARC-Target-URI")
        assert request.rec_headers.get_header("WARC-Target-URI") == target
        assert target.endswith(request.http_headers.statusline.split(" ")[0])  # path and query kept
        assert response.rec_headers.get_header("WARC-IP-Address") == "127.0.0.1"
    metadata = [r.payload.decode() for r in found if r.rec_type == "metadata"]
    assert sorted(metadata) == sorted(f"id: {r['id']}\r\nversion: 1\r\n" for r in exported)
    index = (tmp_path / "warc/news" / (warc.name + ".cdxj")).read_text().splitlines()
    assert len(index) == fetched
    assert index == sorted(index)
    assert {json.loads(line.split(" ", 2)[2])["url"] for line in index} == urls

    command, env = scrapy_command("extract", str(warc))
    again = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, timeout=120, check=False)
    assert again.returncode == 0, again.stderr
    lines = [json.loads(line) for line in again.stdout.decode().splitlines()]
    content = ("id", *CONTRACT_FIELDS, "published_at_source", "content_hash")
    assert sorted([r[f] for f in content] for r in lines) == sorted([r[f] for f in content] for r in exported)


def test_a_second_run_of_an_unchanged_site_writes_revisits_not_payloads(tmp_path: Path) -> None:
    site = {**FIRST, "/robots.txt": Reply("User-agent: *\nAllow: /\n", content_type="text/plain")}
    warc = ("-s", f"NEWSCRAWL_WARC={TEMPLATE}", *YOUNG, "-a", "backfill=1")
    with RouteServer(site) as server:
        for out in ("run1.jsonl", "run2.jsonl"):
            result = scrapy_crawl(tmp_path, "-a", f"start_urls={server.base_url}{SECTION}", "-O", out, *warc)
            assert result.returncode == 0, result.stderr[-3000:]
    first, second = (records(path) for path in warc_files(tmp_path))
    first_kinds = Counter(r.rec_type for r in first)
    assert first_kinds == {"warcinfo": 1, "response": 6, "request": 6, "metadata": 4}
    revisits = [r for r in second if r.rec_type == "revisit"]
    assert [r for r in second if r.rec_type == "response"] == []
    profiles = Counter(r.rec_headers.get_header("WARC-Profile").rsplit("/", 1)[1] for r in revisits)
    # bravo and echo have ETags: 304; robots.txt, the listing, alpha and charlie: the same bytes again
    assert profiles == {"server-not-modified": 2, "identical-payload-digest": 4}
    responses = [r.rec_headers for r in first if r.rec_type == "response"]
    originals = {headers.get_header("WARC-Payload-Digest"): headers for headers in responses}
    for revisit in revisits:
        if revisit.rec_headers.get_header("WARC-Profile").endswith("identical-payload-digest"):
            original = originals[revisit.rec_headers.get_header("WARC-Payload-Digest")]
            target = revisit.rec_headers.get_header("WARC-Refers-To-Target-URI")
            assert target == original.get_header("WARC-Target-URI")
            assert revisit.rec_headers.get_header("WARC-Refers-To-Date") == (
                original.get_header("WARC-Date")[:19] + "Z"
            )
    for path in warc_files(tmp_path):
        assert warcio_check(path).returncode == 0


def test_files_rotate_at_their_size_and_bytes_are_kept_as_received(tmp_path: Path) -> None:
    """Each file past NEWSCRAWL_WARC_MAX_BYTES is published with its index; a gzip body stays gzip."""
    encoded = gzip.compress(FIRST[f"{SECTION}/alpha-20220216"].body.encode())  # type: ignore[union-attr]
    site = {**FIRST, f"{SECTION}/alpha-20220216": Reply(encoded, headers={"Content-Encoding": "gzip"})}
    small = ("-s", f"NEWSCRAWL_WARC={TEMPLATE}", "-s", "NEWSCRAWL_WARC_MAX_BYTES=3000")
    with RouteServer(site) as server:
        start = f"{server.base_url}{SECTION}"
        result = scrapy_crawl(tmp_path, "-a", f"start_urls={start}", "-O", "out.jsonl", *small)
    assert result.returncode == 0, result.stderr[-3000:]
    files = warc_files(tmp_path)
    assert [path.name.rsplit("-", 1)[1] for path in files] == [
        f"{n:05d}.warc.gz" for n in range(1, len(files) + 1)
    ]
    assert len(files) >= 3
    assert len({path.name.rsplit("-", 1)[0] for path in files}) == 1  # one %(time)s for the run
    for path in files:
        assert warcio_check(path).returncode == 0
        assert records(path)[0].rec_type == "warcinfo"
        for line in (tmp_path / "warc/news" / (path.name + ".cdxj")).read_text().splitlines():
            fields = json.loads(line.split(" ", 2)[2])
            with path.open("rb") as file:
                file.seek(int(fields["offset"]))
                indexed = next(iter(ArchiveIterator(file)))
                assert indexed.rec_headers.get_header("WARC-Target-URI") == fields["url"]
                assert indexed.rec_type == "response"
    alpha = f"{server.base_url}{SECTION}/alpha-20220216"
    for path in files:
        with path.open("rb") as file:
            for record in ArchiveIterator(file):
                target = record.rec_headers.get_header("WARC-Target-URI")
                if record.rec_type == "response" and target == alpha:
                    assert record.http_headers.get_header("Content-Encoding") == "gzip"
                    assert record.raw_stream.read() == encoded
                    digest = base64.b32encode(hashlib.sha1(encoded).digest()).decode()
                    assert record.rec_headers.get_header("WARC-Payload-Digest") == f"sha1:{digest}"
                    return
    pytest.fail("no response record for the gzip-encoded article")


def test_sigkill_leaves_every_published_file_whole_and_indexed(tmp_path: Path) -> None:
    site, rng = build_site(0), random.Random(19)
    small = ("-s", f"NEWSCRAWL_WARC={TEMPLATE}", "-s", "NEWSCRAWL_WARC_MAX_BYTES=40000")
    with DemoServer(site) as server:
        args = ("-a", f"start_urls={','.join(site.start_urls(server.base_url))}", *SLOW, *small)
        codes = [killed_run(tmp_path, args, rng.uniform(0.6, 2.5)) for _ in range(5)]
        final = scrapy_crawl(tmp_path, *args)
    assert final.returncode == 0, final.stderr[-3000:]
    assert codes == [-signal.SIGKILL] * 5
    files = warc_files(tmp_path)
    assert len(files) > 5
    for path in files:
        assert warcio_check(path).returncode == 0
        index = (tmp_path / "warc/news" / (path.name + ".cdxj")).read_text().splitlines()
        captured = [r for r in records(path) if r.rec_type in ("response", "revisit")]
        assert len(index) == len(captured) > 0
