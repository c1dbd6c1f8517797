"""Network faults through the real command line: retried, cut at the limits, counted, and the crawl goes on.

Every crawl runs against `FaultServer` on 127.0.0.1 with small limits (`FAST`) so the file stays quick.
"""

from __future__ import annotations

import itertools
import re
import resource
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest

from newscrawl.downloadermiddlewares.backoff import backoff_seconds, retry_after_seconds
from tests.faultserver import BOMB_MEBIBYTES, Fault, FaultServer, MiB, bomb, closed_port
from tests.support import read_jsonl, scrapy_crawl
from tests.test_bad_input import article_html, listing_html, stat

if TYPE_CHECKING:
    import subprocess
    from pathlib import Path

SECTION = "/news24/world/news"
FAST = (
    "-s", "DOWNLOAD_TIMEOUT=2", "-s", f"DOWNLOAD_MAXSIZE={MiB}", "-s", "AUTOTHROTTLE_ENABLED=False",
    "-s", "NEWSCRAWL_STATE_DIR=", "-s", "NEWSCRAWL_MAX_FAILED_SHARE=1", "-s", "NEWSCRAWL_RETRY_BACKOFF=0.5",
)  # fmt: skip
GOOD = article_html("Good article")
IN_FLIGHT = 0.5  # seconds: far longer than a loopback request takes, far shorter than the 2 s pause
LONG = article_html("Long article", tuple(f"Paragraph number {n} of a long story." for n in range(200)))


def article(name: str) -> str:
    return f"{SECTION}/{name}-20220216"


def site(*faults: tuple[str, Fault], extra_links: tuple[str, ...] = ()) -> dict[str, Fault]:
    """A one-page section linking to each named article, plus a good article that always answers."""
    names = [name for name, _ in faults]
    links = [article(name) for name in [*names, "good"]]
    return {
        SECTION: Fault(listing_html([*links, *extra_links]).encode()),
        article("good"): Fault(GOOD.encode()),
        **{article(name): fault for name, fault in faults},
    }


def crawl(
    tmp_path: Path, server: FaultServer, *args: str, starts: str = ""
) -> subprocess.CompletedProcess[str]:
    starts = starts or f"{server.base_url}{SECTION}"
    return scrapy_crawl(tmp_path, "-a", f"start_urls={starts}", "-O", "out.jsonl", *FAST, *args, timeout=40)


def titles(tmp_path: Path) -> list[str]:
    return sorted(record["title"] for record in read_jsonl(tmp_path / "out.jsonl"))


def failed_stats(log: str) -> dict[str, int]:
    """Every `newscrawl/failed/*` stat of the run's final stats dump."""
    return {key: int(count) for key, count in re.findall(r"'(newscrawl/failed/[^']+)': (\d+)", log)}


@pytest.mark.integration
def test_503_is_retried_until_it_answers(tmp_path: Path) -> None:
    faults = site(  # the 503 answers carry the article too: only the status says "not now"
        ("twice", Fault(GOOD.replace("Good", "Twice").encode(), statuses=(503, 503, 200))),
        ("thrice", Fault(GOOD.replace("Good", "Thrice").encode(), statuses=(503, 503, 503, 200))),
    )
    with FaultServer(faults) as server:
        result = crawl(tmp_path, server)
    assert titles(tmp_path) == ["Good article", "Thrice article", "Twice article"]
    assert failed_stats(result.stderr) == {}
    assert waited(server.hits(article("twice")), [0.5, 1.0])  # NEWSCRAWL_RETRY_BACKOFF (0.5), doubled
    assert waited(server.hits(article("thrice")), [0.5, 1.0, 2.0])  # first try + RETRY_TIMES (3)
    assert result.returncode == 0, result.stderr[-2000:]


def waited(times: list[float], backoffs: list[float]) -> bool:
    """Whether there is one gap per backoff between consecutive hits, each at least that long."""
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    return len(gaps) == len(backoffs) and all(gap >= b for gap, b in zip(gaps, backoffs, strict=True))


@pytest.mark.parametrize(("retry_times", "seconds"), [(0, 0.0), (1, 1.5), (2, 3.0), (3, 6.0), (5, 24.0)])
def test_backoff_doubles_for_each_retry(retry_times: int, seconds: float) -> None:
    assert backoff_seconds(1.5, retry_times) == seconds


@pytest.mark.integration
def test_retry_after_pauses_only_that_host(tmp_path: Path) -> None:
    other = "/news24/sport/news"  # served on localhost: a slow chain of empty listing pages, ~3 s long
    pages = [other, *(f"{other}?pageNumber={n}" for n in range(2, 9))]
    limited = Fault(
        GOOD.replace("Good", "Limited").encode(), statuses=(429, 200), headers={"Retry-After": "2"}
    )
    faults = {
        **site(("limited", limited)),
        **{
            page: Fault(listing_html([], after).encode(), delay=0.4)
            for page, after in zip(pages, [*pages[1:], None], strict=True)
        },
    }
    with FaultServer(faults) as server:
        starts = f"{server.base_url}{SECTION},http://localhost:{server.port}{other}"
        result = crawl(tmp_path, server, starts=starts)
    first, second = server.hits(article("limited"))
    # A request the crawler sent before the 429 reached it may arrive just after: that one did not wait.
    during = [hit for hit in server.log if first + IN_FLIGHT < hit.at < second]
    assert second - first >= 2.0
    assert {hit.host.split(":")[0] for hit in during} == {"localhost"}  # 127.0.0.1 waited, localhost did not
    assert titles(tmp_path) == ["Good article", "Limited article"]
    assert stat(result.stderr, "newscrawl/retry_after/paused") == 1
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("2", 2.0), (" 120 ", 120.0), ("Wed, 16 Feb 2022 13:45:30 GMT", 30.0),
     ("Wed, 16 Feb 2022 13:00:00 GMT", 0.0), ("soon", None), ("-5", None)],
)  # fmt: skip
def test_retry_after_values(value: str, seconds: float | None) -> None:
    now = datetime(2022, 2, 16, 13, 45, tzinfo=UTC)
    assert retry_after_seconds(value, now) == seconds


@pytest.mark.integration
def test_broken_connections_are_retried_and_never_parsed_truncated(tmp_path: Path) -> None:
    nobody = f"http://127.0.0.1:{closed_port()}"  # another origin, allowed so the link is followed
    refused = f"{nobody}{article('refused')}"
    faults = site(
        ("reset", Fault(LONG.encode(), send="reset")),
        ("short", Fault(LONG.encode(), send="short")),
        extra_links=(refused,),
    )
    with FaultServer(faults) as server:  # robots.txt off: else the refused host fails at its robots.txt
        result = crawl(
            tmp_path, server, "-s", "ROBOTSTXT_OBEY=False", "-s", f"NEWSCRAWL_ALLOWED_ORIGINS={nobody}"
        )
    assert titles(tmp_path) == ["Good article"]
    assert failed_stats(result.stderr) == {
        "newscrawl/failed/DownloadConnectionRefusedError": 1,
        "newscrawl/failed/ResponseDataLossError": 2,
    }
    assert len(server.hits(article("reset"))) == 4
    assert len(server.hits(article("short"))) == 4
    assert f"Failed with DownloadConnectionRefusedError: {refused}" in result.stderr


@pytest.mark.integration
def test_silent_and_trickling_bodies_are_cut_at_the_download_timeout(tmp_path: Path) -> None:
    faults = site(("stall", Fault(GOOD.encode(), send="stall")), ("trickle", Fault(send="trickle")))
    started = time.monotonic()
    with FaultServer(faults) as server:
        result = crawl(tmp_path, server, "-s", "RETRY_TIMES=1")
    assert time.monotonic() - started < 15
    assert titles(tmp_path) == ["Good article"]
    assert failed_stats(result.stderr) == {"newscrawl/failed/DownloadTimeoutError": 2}
    assert len(server.hits(article("stall"))) == 2
    assert len(server.hits(article("trickle"))) == 2
    assert "'finish_reason': 'finished'" in result.stderr


@pytest.mark.integration
def test_bombs_and_huge_bodies_are_aborted_at_the_size_limit(tmp_path: Path) -> None:
    huge = 2 * 1024 * MiB
    faults = site(
        *((f"bomb-{encoding}", bomb(encoding)) for encoding in BOMB_MEBIBYTES),
        ("huge", Fault(b"<p>x</p>", send="endless", size=huge)),
        ("declared", Fault(b"<p>x</p>", send="endless", size=huge, declare_length=True)),
    )
    with FaultServer(faults) as server:
        result = crawl(tmp_path, server)
    peak_rss_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert titles(tmp_path) == ["Good article"]
    assert stat(result.stderr, "newscrawl/skipped/ignored") == len(BOMB_MEBIBYTES)
    assert failed_stats(result.stderr) == {"newscrawl/failed/DownloadCancelledError": 2}
    for name in [*(f"bomb-{encoding}" for encoding in BOMB_MEBIBYTES), "huge", "declared"]:
        assert len(server.hits(article(name))) == 1, name
    assert server.sent[article("huge")] < 64 * MiB  # the client hung up near DOWNLOAD_MAXSIZE
    assert peak_rss_mib < 500
    assert "exceeded DOWNLOAD_MAXSIZE" in result.stderr
