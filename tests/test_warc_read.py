"""`scrapy extract FILE.warc[.gz] ...`: WARCs written by other tools, compressed payloads, bad input."""

from __future__ import annotations

import gzip
import json
import subprocess
import urllib.request
from io import BytesIO
from typing import TYPE_CHECKING

import pytest
from warcio.capture_http import capture_http
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.server import Reply, RouteServer
from tests.support import CONTRACT_FIELDS, scrapy_command
from tests.test_bad_input import article_html

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.integration

SECTION = "https://www.news24.com/news24/world/news"
DATE = "Wed, 16 Feb 2022 13:45:00 GMT"


def extract(cwd: Path, *args: str) -> tuple[int, list[dict[str, object]], str]:
    command, env = scrapy_command("extract", *args)
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, timeout=60, check=False)
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    return result.returncode, lines, result.stderr.decode()


def story(name: str) -> tuple[str, bytes]:
    return f"/news24/world/news/{name}-20220216", article_html(name.title(), (f"{name} text.",)).encode()


def test_a_warc_captured_by_warcio_itself_is_re_extracted(tmp_path: Path) -> None:
    """warcio's capture_http records what http.client sent and got: another tool's WARC, gzip encoded."""
    path, html = story("alpha")
    encoded = Reply(gzip.compress(html), headers={"Content-Encoding": "gzip"})
    with RouteServer({path: encoded, "/logo.png": Reply(b"\x89PNG", content_type="image/png")}) as server:
        with capture_http(str(tmp_path / "other.warc.gz")):
            for target in (path, "/logo.png"):
                urllib.request.urlopen(server.base_url + target).read()
        url = server.base_url + path
    (tmp_path / "page.html").write_bytes(html)
    code, lines, stderr = extract(tmp_path, "other.warc.gz")
    assert code == 0, stderr
    (record,) = lines
    pinned = ("--fetched-at", record["crawled_at"], "--http-date", DATE)
    _, (single,), _ = extract(tmp_path, "--url", url, *pinned, "page.html")
    assert record == single  # the same line as the page saved alone, with the record's fetch time
    assert (record["title"], record["body"]) == ("Alpha", "alpha text.")
    assert stderr.endswith("1 articles; skipped: not_html 1, record_request 2\n")


def write_warc(path: Path, pages: list[tuple[str, bytes, str]], *, compress: bool) -> list[int]:
    """A WARC of `pages` (path, body, content type) as response records; each record's offset."""
    offsets = []
    with path.open("wb") as file:
        writer = WARCWriter(file, gzip=compress, warc_version="WARC/1.1")
        for page, body, kind in pages:
            offsets.append(file.tell())
            headers = [("Content-Type", kind), ("Date", DATE), ("Content-Length", str(len(body)))]
            http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
            record = writer.create_warc_record(
                f"{SECTION.rsplit('/news24', 1)[0]}{page}", "response", payload=BytesIO(body),
                length=len(body), http_headers=http, warc_headers_dict={"WARC-Date": "2022-02-16T13:45:07Z"},
            )  # fmt: skip
            writer.write_record(record)
    return offsets


PAGES = [(*story(name), "text/html; charset=utf-8") for name in ("alpha", "bravo", "charlie")]


def titles(lines: list[dict[str, object]]) -> list[object]:
    return [line["title"] for line in lines]


@pytest.mark.parametrize("compress", [True, False], ids=["gzip", "plain"])
def test_a_truncated_file_keeps_every_record_before_the_cut(tmp_path: Path, compress: bool) -> None:
    offsets = write_warc(tmp_path / "cut.warc", PAGES, compress=compress)
    data = (tmp_path / "cut.warc").read_bytes()
    (tmp_path / "cut.warc").write_bytes(data[: offsets[2] + 200])
    code, lines, stderr = extract(tmp_path, "cut.warc")
    assert (code, titles(lines)) == (0, ["Alpha", "Bravo"])
    assert f"cut.warc at offset {offsets[2]}" in stderr
    assert "2 articles; skipped: bad_record 1" in stderr


def test_a_gzip_member_cut_short_skips_only_its_record(tmp_path: Path) -> None:
    offsets = write_warc(tmp_path / "a.warc.gz", PAGES, compress=True)
    data = (tmp_path / "a.warc.gz").read_bytes()
    (tmp_path / "a.warc.gz").write_bytes(data[: offsets[1] + 150] + data[offsets[2] :])
    code, lines, stderr = extract(tmp_path, "a.warc.gz")
    assert (code, titles(lines)) == (0, ["Alpha", "Charlie"])
    assert f"a.warc.gz at offset {offsets[1]}" in stderr
    assert "2 articles; skipped: bad_record 1" in stderr


def test_a_record_whose_length_lies_is_skipped_and_the_next_one_read(tmp_path: Path) -> None:
    write_warc(tmp_path / "lie.warc", PAGES, compress=False)
    data = (tmp_path / "lie.warc").read_bytes()
    second = data.index(b"WARC/1.1", 1)
    declared = data.index(b"Content-Length: ", second) + len(b"Content-Length: ")
    end = data.index(b"\r\n", declared)
    lying = data[:declared] + str(int(data[declared:end]) + 40).encode() + data[end:]
    (tmp_path / "lie.warc").write_bytes(lying)
    code, lines, stderr = extract(tmp_path, "lie.warc")
    assert (code, titles(lines)) == (0, ["Alpha", "Charlie"])
    assert f"lie.warc at offset {second}: digest mismatch" in stderr


def test_non_html_payloads_and_non_http_records_are_counted(tmp_path: Path) -> None:
    pdf = ("/files/report.pdf", b"%PDF-1.4 ...", "application/pdf")
    write_warc(tmp_path / "mixed.warc.gz", [pdf, PAGES[0]], compress=True)
    code, lines, stderr = extract(tmp_path, "mixed.warc.gz")
    assert (code, titles(lines)) == (0, ["Alpha"])
    assert "1 articles; skipped: not_html 1" in stderr
    write_warc(tmp_path / "none.warc.gz", [pdf], compress=True)
    assert extract(tmp_path, "none.warc.gz")[:2] == (1, [])


def test_a_file_that_is_no_warc_still_needs_url(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_bytes(PAGES[0][1])
    code, lines, stderr = extract(tmp_path, "page.html")
    assert (code, lines) == (2, [])
    assert "--url is required" in stderr


def test_contract_fields_are_exported(tmp_path: Path) -> None:
    write_warc(tmp_path / "one.warc.gz", PAGES[:1], compress=True)
    _, (line,), _ = extract(tmp_path, "one.warc.gz")
    assert set(CONTRACT_FIELDS) <= set(line)
    assert (line["url"], line["crawled_at"]) == (SECTION + "/alpha-20220216", "2022-02-16T13:45:07Z")
