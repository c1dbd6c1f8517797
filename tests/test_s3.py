"""s3:// feeds through the real command line, against moto's S3 server on 127.0.0.1 (never AWS)."""

from __future__ import annotations

import hashlib
import json
import re
from typing import TYPE_CHECKING

import pytest

from tests.s3server import BUCKET, S3Server, s3_server
from tests.server import RouteServer
from tests.support import read_jsonl, scrapy_crawl
from tests.test_feeds import ROUTES, SECTION
from tests.test_warc import records, warcio_check

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["s3_server"]  # the fixture, imported to be used here

DURABLE, SPOOLED = (
    "newscrawl.export.storage.DurableFileFeedStorage",
    "newscrawl.export.spool.SpooledS3FeedStorage",
)
STORAGES = json.dumps({"": DURABLE, "file": DURABLE, "s3": SPOOLED})
TITLES = [f"Story {n}" for n in range(1, 6)]


pytestmark = pytest.mark.integration


def crawl_to(tmp_path: Path, s3: S3Server, feed: str) -> tuple[int, str]:
    """Crawl the test site, stateless, into the s3:// `feed` through our storage and moto's endpoint."""
    feeds = json.dumps({feed: {"format": "jsonlines"}})
    with RouteServer(ROUTES) as site:
        result = scrapy_crawl(
            tmp_path, "-a", f"start_urls={site.base_url}{SECTION}", "-s", "AUTOTHROTTLE_ENABLED=False",
            "-s", "NEWSCRAWL_STATE_DIR=", "-s", f"FEED_STORAGES={STORAGES}", "-s", f"FEEDS={feeds}",
            "-s", f"AWS_ENDPOINT_URL={s3.endpoint_url}", "-s", "NEWSCRAWL_SPOOL_DIR=spool",
        )  # fmt: skip
    return result.returncode, result.stderr


def titles(tmp_path: Path, data: bytes) -> list[str]:
    """The sorted titles of JSONL `data`, each line checked against the schema."""
    (tmp_path / "check.jsonl").write_bytes(data)
    return sorted(record["title"] for record in read_jsonl(tmp_path / "check.jsonl"))


def spooled_files(tmp_path: Path) -> list[str]:
    return sorted(
        str(p.relative_to(tmp_path / "spool")) for p in (tmp_path / "spool").rglob("*") if p.is_file()
    )


def test_a_crawl_uploads_its_feed_and_manifest_and_leaves_no_spool(
    tmp_path: Path, s3_server: S3Server
) -> None:
    code, log = crawl_to(tmp_path, s3_server, f"s3://{BUCKET}/news/%(time)s.jsonl")
    objects = s3_server.objects()
    (key,) = (key for key in objects if not key.endswith(".manifest.json"))
    manifest = json.loads(objects.pop(f"{key}.manifest.json"))
    assert code == 0, log[-3000:]
    assert re.fullmatch(r"news/\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\+00-00\.jsonl", key)
    assert titles(tmp_path, objects[key]) == TITLES
    assert (manifest["file"], manifest["lines"], manifest["exit_code"]) == (key.removeprefix("news/"), 5, 0)
    assert manifest["sha256"] == hashlib.sha256(objects[key]).hexdigest()
    assert spooled_files(tmp_path) == []


def test_a_failed_upload_exits_3_and_the_next_run_uploads_the_spooled_file(
    tmp_path: Path, s3_server: S3Server
) -> None:
    code, log = crawl_to(tmp_path, s3_server, "s3://later/news/first.jsonl")  # no such bucket yet
    spooled = tmp_path / "spool/later/news/first.jsonl"
    first = spooled.read_bytes()
    assert code == 3, log[-3000:]
    assert "'newscrawl/export/upload_failed': 1" in log
    assert f"Cannot upload {spooled.relative_to(tmp_path)} to s3://later/news/first.jsonl" in log
    assert titles(tmp_path, first) == TITLES
    assert spooled_files(tmp_path) == [
        "later/news/first.jsonl", "later/news/first.jsonl.manifest.json", "later/news/first.jsonl.upload-to",
    ]  # fmt: skip
    assert (tmp_path / "spool/later/news/first.jsonl.upload-to").read_text() == "s3://later/news/first.jsonl"

    s3_server.client.create_bucket(Bucket="later")
    code, log = crawl_to(tmp_path, s3_server, "s3://later/news/second.jsonl")
    objects = s3_server.objects("later")
    assert code == 0, log[-3000:]
    assert sorted(objects) == [
        "news/first.jsonl", "news/first.jsonl.manifest.json",
        "news/second.jsonl", "news/second.jsonl.manifest.json",
    ]  # fmt: skip
    assert objects["news/first.jsonl"] == first
    assert json.loads(objects["news/first.jsonl.manifest.json"])["exit_code"] == 3  # the first run's
    assert titles(tmp_path, objects["news/second.jsonl"]) == TITLES
    assert spooled_files(tmp_path) == []


def warc_crawl(tmp_path: Path, s3: S3Server, warc: str) -> tuple[int, str]:
    with RouteServer(ROUTES) as site:
        result = scrapy_crawl(
            tmp_path, "-a", f"start_urls={site.base_url}{SECTION}", "-s", "AUTOTHROTTLE_ENABLED=False",
            "-s", "NEWSCRAWL_STATE_DIR=", "-O", "out.jsonl", "-s", f"NEWSCRAWL_WARC={warc}",
            "-s", f"AWS_ENDPOINT_URL={s3.endpoint_url}", "-s", "NEWSCRAWL_SPOOL_DIR=spool",
        )  # fmt: skip
    return result.returncode, result.stderr


def test_warc_files_go_to_s3_with_their_index_and_leave_no_spool(tmp_path: Path, s3_server: S3Server) -> None:
    code, log = warc_crawl(tmp_path, s3_server, f"s3://{BUCKET}/warc/%(name)s-%(index)05d.warc.gz")
    assert code == 0, log[-3000:]
    objects = {key: data for key, data in s3_server.objects().items() if key.startswith("warc/")}
    assert sorted(objects) == ["warc/news-00001.warc.gz", "warc/news-00001.warc.gz.cdxj"]
    archive = tmp_path / "downloaded.warc.gz"
    archive.write_bytes(objects["warc/news-00001.warc.gz"])
    assert warcio_check(archive).returncode == 0
    responses = [r.rec_headers["WARC-Target-URI"] for r in records(archive) if r.rec_type == "response"]
    articles = {record["url"] for record in read_jsonl(tmp_path / "out.jsonl")}
    assert len(articles) == len(TITLES)
    assert articles <= set(responses)
    assert len(objects["warc/news-00001.warc.gz.cdxj"].splitlines()) == len(responses)
    assert spooled_files(tmp_path) == []


def test_a_warc_file_that_could_not_be_uploaded_goes_up_with_the_next_run(
    tmp_path: Path, s3_server: S3Server
) -> None:
    code, log = warc_crawl(
        tmp_path, s3_server, "s3://warc-later/warc/first-%(index)05d.warc.gz"
    )  # no bucket yet
    assert code == 3, log[-3000:]
    assert "'newscrawl/export/upload_failed': 1" in log
    assert spooled_files(tmp_path) == [
        "warc-later/warc/first-00001.warc.gz", "warc-later/warc/first-00001.warc.gz.cdxj",
        "warc-later/warc/first-00001.warc.gz.upload-to",
    ]  # fmt: skip
    first = (tmp_path / "spool/warc-later/warc/first-00001.warc.gz").read_bytes()
    s3_server.client.create_bucket(Bucket="warc-later")
    code, log = warc_crawl(tmp_path, s3_server, "s3://warc-later/warc/second-%(index)05d.warc.gz")
    assert code == 0, log[-3000:]
    objects = s3_server.objects("warc-later")
    assert sorted(objects) == [
        "warc/first-00001.warc.gz", "warc/first-00001.warc.gz.cdxj",
        "warc/second-00001.warc.gz", "warc/second-00001.warc.gz.cdxj",
    ]  # fmt: skip
    assert objects["warc/first-00001.warc.gz"] == first
    assert spooled_files(tmp_path) == []
