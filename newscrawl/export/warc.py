"""WARC archives of every response the crawl receives (`NEWSCRAWL_WARC`), for replay and re-extraction.

Responses are taken at Scrapy's `response_downloaded` signal, before any downloader middleware has seen
them: the body is still as it came over the wire (compressed, `Content-Encoding` kept), and redirects,
errors and robots.txt are there like any page. What is not as received, because Scrapy does not keep it:
the reason phrase (the standard one for the status is written), header names' case (Scrapy's title
case), and the transfer framing: Twisted undoes chunking and drops `Content-Length`/`Transfer-Encoding`,
so `Content-Length` is written as the length of the body as received. The request record is rebuilt from
the request as sent (`Host` from its URL, then its headers).

A `304 Not Modified` is a revisit record (server-not-modified profile); a payload identical to one
archived in this run, or in a run whose CDXJ index lies in the same directory, is a revisit record
(identical-payload-digest profile) referring to the first capture. Each exported article gets a metadata
record naming its JSONL `id` and `version`, referring to the record of the response it came from.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from importlib.metadata import version
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import NotConfigured
from warcio.recordbuilder import RecordBuilder
from warcio.statusandheaders import StatusAndHeaders

from newscrawl import config
from newscrawl.export.cdxj import REVISIT_MIME, archived_digests
from newscrawl.export.spool import count_upload_failures, upload_published, upload_spool
from newscrawl.export.warcfiles import WARC_VERSION, WarcFiles, index_missing, indexed_mime
from newscrawl.items import Article

if TYPE_CHECKING:
    from collections.abc import Callable

    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from warcio.recordloader import ArcWarcRecord

logger = logging.getLogger(__name__)

NOT_MODIFIED_PROFILE = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"
RECORD_ID_KEY = "newscrawl_warc_record_id"


def payload_digest(body: bytes) -> str:
    """The WARC-Payload-Digest warcio, wget and Heritrix write: base32 SHA-1."""
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


@dataclass(frozen=True)
class Fetched:
    """One response as the archive keeps it, taken in the crawl's thread for the writing thread."""

    url: str
    status: int
    body: bytes
    http: StatusAndHeaders
    warc_headers: dict[str, str]  # WARC-Date, WARC-Record-ID, WARC-IP-Address when known
    request: StatusAndHeaders
    request_body: bytes


def warc_date(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class WarcArchive:
    """The extension: one instance per crawl. The crawl's thread only copies what the archive needs of
    each response; digests, records, gzip and writes happen in one thread of their own, in order (zlib
    and hashlib release the GIL), so the crawl does not wait for its archive."""

    def __init__(self, crawler: Crawler, template: str, max_bytes: int) -> None:
        self.crawler, self.template, self.max_bytes = crawler, template, max_bytes
        self.files: WarcFiles | None = None
        self.builder = RecordBuilder(warc_version=WARC_VERSION)
        self.writing = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newscrawl-warc")
        self.seen: dict[str, tuple[str, str]] = {}  # payload digest -> first capture's (URL, WARC-Date)
        self.spool: Path | None = None  # set when the files go to s3://
        self.run_id = ""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        template = config.get_str(crawler.settings, "NEWSCRAWL_WARC")
        if not template:
            raise NotConfigured("NEWSCRAWL_WARC is empty")
        archive = cls(crawler, template, config.get_int(crawler.settings, "NEWSCRAWL_WARC_MAX_BYTES"))
        crawler.signals.connect(archive.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(archive.response_downloaded, signal=signals.response_downloaded)
        crawler.signals.connect(archive.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(archive.spider_closed, signal=signals.spider_closed)
        return archive

    def spider_opened(self, spider: Spider) -> None:
        now = datetime.now(UTC).replace(microsecond=0)
        params = {"name": spider.name, "time": now.isoformat().replace(":", "-")}
        template = self.template
        if template.startswith("s3://"):  # written into the spool, as s3:// feeds are, then uploaded
            self.spool = Path(config.get_str(self.crawler.settings, "NEWSCRAWL_SPOOL_DIR"))
            template = str(self.spool / template.removeprefix("s3://"))
            self.write(self.upload_leftovers, self.spool)
        self.files = WarcFiles(template, params, self.max_bytes, self.warcinfo, self.upload)
        index_missing(self.files.path_of(1).parent)
        self.seen = archived_digests(self.files.path_of(1).parent)
        self.run_id = f"{spider.name}-{now.isoformat()}"

    def upload_leftovers(self, spool: Path) -> None:
        """Upload what earlier runs left in the spool (in the writing thread), as the s3:// feeds do."""
        count_upload_failures(self.crawler, upload_spool(self.crawler, spool))

    def upload(self, path: Path) -> None:
        """Upload a published file and its index to s3:// (in the writing thread); local files stay."""
        if self.spool is not None:
            upload_published(self.crawler, self.spool, path)

    def warcinfo(self) -> dict[str, str]:
        settings = self.crawler.settings
        return {
            "software": f"newscrawl/{version('newscrawl')} (Scrapy/{version('scrapy')})",
            "format": "WARC File Format 1.1",
            "http-header-user-agent": settings.get("USER_AGENT", ""),
            "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore",
            "isPartOf": self.run_id,
        }

    def write(self, write: Callable[..., None], *args: Any, **kwargs: Any) -> None:
        """Run `write` in the writing thread; a failure is logged and counted (newscrawl/warc/failed)."""
        self.writing.submit(write, *args, **kwargs).add_done_callback(self.check)

    def check(self, done: Future[None]) -> None:
        error = done.exception()
        if error is not None:
            logger.error("Writing the WARC archive failed: %r", error)
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("newscrawl/warc/failed")

    def response_downloaded(self, response: Response, request: Request, spider: Spider) -> None:
        """Take what the archive needs of the response now; build and write its records in the writing
        thread. The headers are copied: HttpCompressionMiddleware deletes `Content-Encoding` from the
        Headers object that the decompressed response shares with this one."""
        assert self.files is not None
        record_id = f"<urn:uuid:{uuid.uuid4()}>"
        warc_headers = {"WARC-Date": warc_date(datetime.now(UTC)), "WARC-Record-ID": record_id}
        if response.ip_address:
            warc_headers["WARC-IP-Address"] = str(response.ip_address)
        fetched = Fetched(
            response.url, response.status, response.body, response_headers(response), warc_headers,
            request_headers(request), request.body,
        )  # fmt: skip
        self.write(self.archive, fetched, self.files)
        request.meta[RECORD_ID_KEY] = record_id

    def archive(self, fetched: Fetched, files: WarcFiles) -> None:
        """Write the response's record and its request's (in the writing thread)."""
        record, indexed = self.response_record(fetched)
        request_headers = {
            **fetched.warc_headers,
            "WARC-Record-ID": f"<urn:uuid:{uuid.uuid4()}>",
            "WARC-Concurrent-To": fetched.warc_headers["WARC-Record-ID"],
        }
        request_record = self.builder.create_warc_record(
            fetched.url, "request", payload=BytesIO(fetched.request_body), length=len(fetched.request_body),
            http_headers=fetched.request, warc_headers_dict=request_headers,
        )  # fmt: skip
        files.write(record, request_record, indexed=indexed)

    def response_record(self, fetched: Fetched) -> tuple[ArcWarcRecord, str]:
        """The response's record, a revisit when it is a 304 or its payload is archived; and the MIME
        type it is indexed under. `seen` is only read and written here, in the writing thread."""
        builder, url, warc_headers = self.builder, fetched.url, dict(fetched.warc_headers)
        if fetched.status == HTTPStatus.NOT_MODIFIED:
            warc_headers["WARC-Profile"] = NOT_MODIFIED_PROFILE
            return builder.create_warc_record(
                url, "revisit", http_headers=fetched.http, warc_headers_dict=warc_headers
            ), REVISIT_MIME
        digest = payload_digest(fetched.body)
        if digest in self.seen and fetched.status == HTTPStatus.OK:
            first_url, first_date = self.seen[digest]
            return builder.create_revisit_record(
                url, digest, first_url, first_date, http_headers=fetched.http, warc_headers_dict=warc_headers
            ), REVISIT_MIME
        if fetched.status == HTTPStatus.OK:
            self.seen[digest] = (url, warc_headers["WARC-Date"])
        warc_headers["WARC-Payload-Digest"] = digest
        record = builder.create_warc_record(
            url, "response", payload=BytesIO(fetched.body), length=len(fetched.body),
            http_headers=fetched.http, warc_headers_dict=warc_headers,
        )  # fmt: skip
        return record, indexed_mime(record)

    def item_scraped(self, item: Any, response: Response, spider: Spider) -> None:
        """A metadata record tying the exported article's JSONL `id` and `version` to its response."""
        record_id = response.meta.get(RECORD_ID_KEY)
        if not isinstance(item, Article) or record_id is None or self.files is None:
            return
        fields = f"id: {item.id}\r\nversion: {item.version}\r\n".encode()
        record = self.builder.create_warc_record(
            item.url, "metadata", payload=BytesIO(fields), length=len(fields),
            warc_content_type="application/warc-fields", warc_headers_dict={"WARC-Refers-To": record_id},
        )  # fmt: skip
        self.write(self.files.write, record)

    def spider_closed(self, spider: Spider) -> None:
        """Publish the last file once everything queued is written."""
        if self.files is not None:
            self.write(self.files.publish)
        self.writing.shutdown(wait=True)


def response_headers(response: Response) -> StatusAndHeaders:
    """The status line and headers as received, repeated headers kept (see the module docstring)."""
    try:
        phrase = HTTPStatus(response.status).phrase
    except ValueError:
        phrase = ""
    headers = [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in response.headers.items()
        for value in values
    ]
    if b"Content-Length" not in response.headers:
        headers.append(("Content-Length", str(len(response.body))))
    protocol = response.protocol or "HTTP/1.1"
    return StatusAndHeaders(f"{response.status} {phrase}".strip(), headers, protocol=protocol)


def request_headers(request: Request) -> StatusAndHeaders:
    """The request line with its query, `Host`, then the headers Scrapy sent."""
    parts = urlsplit(request.url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = [("Host", parts.netloc)] + [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in request.headers.items()
        for value in values
    ]
    return StatusAndHeaders(f"{request.method} {target} HTTP/1.1", headers, is_http_request=True)
