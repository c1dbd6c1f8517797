"""A real S3-compatible server on 127.0.0.1 (moto's server mode) with a bucket, for s3:// feed tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import boto3
import pytest
from moto.server import ThreadedMotoServer

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

BUCKET = "archive"


@dataclass(frozen=True)
class S3Server:
    endpoint_url: str
    client: Any  # boto3's S3 client: generated at run time, untyped

    def objects(self, bucket: str = BUCKET) -> dict[str, bytes]:
        """Every object in `bucket`, key -> bytes."""
        listing = self.client.list_objects_v2(Bucket=bucket).get("Contents", [])
        keys = [entry["Key"] for entry in listing]
        return {key: self.client.get_object(Bucket=bucket, Key=key)["Body"].read() for key in keys}


@pytest.fixture
def s3_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[S3Server]:
    """moto on a free port with bucket `BUCKET`, and an environment in which boto3 can reach nothing else.

    The environment is inherited by the `scrapy crawl` subprocesses: dummy credentials (so boto3 never
    reads a profile or asks the EC2 metadata service) and the endpoint, besides the `AWS_ENDPOINT_URL`
    Scrapy setting the tests pass.
    """
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint_url = f"http://{host}:{port}"
    environment = {
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": "us-east-1", "AWS_ENDPOINT_URL": endpoint_url,
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_CONFIG_FILE": str(tmp_path / "no-aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-aws-credentials"),
    }  # fmt: skip
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=endpoint_url, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    try:
        yield S3Server(endpoint_url, client)
    finally:
        server.stop()
