"""`scrapy extract`: a saved page in, the line a crawl would export out, through the real command line."""

from __future__ import annotations

import json
import subprocess
from typing import TYPE_CHECKING

import pytest

from tests.support import CONTRACT_FIELDS, FIXTURES, schema_validator, scrapy_command

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.integration

REFERENCE = "https://www.news24.com/news24/World/News/nato-says-russia-still-adding-troops-to-ukraine-build-up-20220216"
PINNED = ("--fetched-at", "2022-02-16T13:45:07Z", "--http-date", "Wed, 16 Feb 2022 13:45:00 GMT")


def extract(cwd: Path, *args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    command, env = scrapy_command("extract", *args)
    return subprocess.run(
        command, cwd=cwd, env=env, input=stdin, capture_output=True, timeout=60, check=False
    )


def test_an_article_prints_the_line_a_crawl_exports(tmp_path: Path) -> None:
    result = extract(tmp_path, "--url", REFERENCE, *PINNED, str(FIXTURES / "news24/article.html"))
    assert (result.returncode, result.stderr) == (0, b"")
    (line,) = result.stdout.decode("utf-8").splitlines()
    record = json.loads(line)
    schema_validator().validate(record)
    expected = json.loads((FIXTURES / "news24/article.expected.json").read_text())
    assert {field: record[field] for field in CONTRACT_FIELDS} == expected
    assert (record["site"], record["version"], record["crawled_at"], record["first_seen"]) == (
        "news24", 1, "2022-02-16T13:45:07Z", "2022-02-16T13:45:07Z",
    )  # fmt: skip
    again = extract(tmp_path, "--url", REFERENCE, *PINNED, str(FIXTURES / "news24/article.html"))
    assert again.stdout == result.stdout  # the clock is pinned: the same file gives the same line
    assert list(tmp_path.iterdir()) == []  # stateless: no state store, no feed


def test_a_page_that_is_not_an_article_prints_nothing_and_exits_1(tmp_path: Path) -> None:
    section = "https://www.news24.com/news24/world/news"
    result = extract(tmp_path, "--url", section, *PINNED, str(FIXTURES / "news24/listing.html"))
    assert (result.returncode, result.stdout) == (1, b"")
    assert result.stderr.decode().strip() == f"not exported: missing_title: {section}"


def test_standard_input_and_a_profile_named_with_site(tmp_path: Path) -> None:
    url = "https://tiny.example/story/9-bruecke-wieder-offen"
    modules = ("-s", "NEWSCRAWL_SITE_MODULES=tests.sites.tinytimes")
    story = (FIXTURES / "tinytimes/story.html").read_bytes()
    pinned = ("--fetched-at", "2023-05-01T09:30:02Z", "--http-date", "Mon, 01 May 2023 09:30:00 GMT")
    result = extract(tmp_path, "--url", url, "--site", "tinytimes", *modules, *pinned, "-", stdin=story)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    expected = json.loads((FIXTURES / "tinytimes/story.expected.json").read_text())
    assert {field: record[field] for field in CONTRACT_FIELDS} == expected
    assert record["site"] == "tinytimes"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("article.html",), "--url is required: use --url https://host/path/of/the/page"),
        (
            ("--url", REFERENCE, "--fetched-at", "2022-02-16 13:45", "x.html"),
            "is not ISO 8601 with an offset",
        ),
        (
            ("--url", REFERENCE, "--site", "nope", "-"),
            "unknown site 'nope': use --site NAME with one of: news24",
        ),
        (("--url", REFERENCE, "missing.html"), "cannot read missing.html: No such file or directory"),
    ],
)
def test_a_wrong_option_says_what_to_type_and_exits_2(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    result = extract(tmp_path, *args)
    assert result.returncode == 2
    assert message in result.stderr.decode()
    assert result.stdout == b""


def test_a_page_of_a_site_no_profile_knows_is_read_by_the_generic_profile(tmp_path: Path) -> None:
    url = "https://notes.example/notes/2023/03/why-our-build-got-three-times-faster/"
    pinned = ("--fetched-at", "2023-03-14T10:00:05Z", "--http-date", "Tue, 14 Mar 2023 10:00:00 GMT")
    result = extract(tmp_path, "--url", url, *pinned, str(FIXTURES / "generic/notes-post.html"))
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    expected = json.loads((FIXTURES / "generic/notes-post.expected.json").read_text())
    assert {field: record[field] for field in CONTRACT_FIELDS} == expected
    assert (record["site"], record["published_at_precision"]) == ("generic", "minute_local")
    missing = "https://www.dailycourier.example/news/2023/06/14/council-budget-vote-delayed"
    dropped = extract(tmp_path, "--url", missing, str(FIXTURES / "generic/missing.html"))
    assert (dropped.returncode, dropped.stdout, dropped.stderr.decode().strip()) == (
        1, b"", f"not exported: soft_404: {missing}",
    )  # fmt: skip
