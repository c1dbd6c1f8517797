"""WARC archives in the distributed mode: each worker archives what it fetched, in its own files."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.test_distributed import crawl  # noqa: F401 - the fixture, asked for by name below
from tests.test_warc import records, stat, warcio_check

if TYPE_CHECKING:
    from tests.test_distributed import Crawl

pytestmark = [pytest.mark.redis, pytest.mark.integration]


def test_each_worker_archives_what_it_fetched_and_the_union_holds_every_page(
    request: pytest.FixtureRequest,
) -> None:
    running: Crawl = request.getfixturevalue("crawl")
    running.start("w0", "w1", settings=("-s", "NEWSCRAWL_WARC=warc/%(name)s-%(index)05d.warc.gz"))
    assert running.wait() == {"w0": 0, "w1": 0}, running.log("w0")[-3000:]
    archived: set[str] = set()
    for name in ("w0", "w1"):
        (path,) = (running.root / name / "warc").glob("*.warc.gz")
        assert warcio_check(path).returncode == 0
        responses = [r for r in records(path) if r.rec_type == "response"]
        assert len(responses) == stat(running.log(name), "downloader/response_count")
        archived |= {r.rec_headers.get_header("WARC-Target-URI") for r in responses}
    exported = {record["url"] for record in running.records()}
    assert len(exported) == len(running.site.expected_items(running.server.base_url))
    assert exported <= archived
