"""CDXJ, the index pywb reads beside a WARC file: one sorted line per archived capture.

A line is `<SURT key> <14-digit timestamp> <JSON>`, e.g.
`org,example)/news?id=3 20220216134500 {"url": "https://example.org/news?id=3", "mime": "text/html",
"status": "200", "digest": "sha1:...", "length": "1234", "offset": "0", "filename": "x.warc.gz"}`.
Lines are sorted (pywb searches them by bisection). The same lines let the next run recognize a payload
it archived before (`archived_digests`), so an unchanged page costs a revisit record, not its bytes.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urlsplit

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

logger = logging.getLogger(__name__)

CDXJ_SUFFIX = ".cdxj"
REVISIT_MIME = "warc/revisit"
DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class Capture:
    """Where one response or revisit record sits in its WARC file, and what it holds."""

    url: str
    warc_date: str  # WARC-Date, ISO 8601 UTC
    mime: str
    status: int
    digest: str
    offset: int
    length: int


def surt(url: str) -> str:
    """The sort key pywb looks URLs up by: host reversed, `www.` dropped, path and sorted query lowercased
    (`https://www.Example.org:8443/A?b=2&a=1` -> `org,example:8443)/a?a=1&b=2`)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    key = ",".join(reversed(host.split(".")))
    if parts.port is not None and parts.port != DEFAULT_PORTS.get(parts.scheme):
        key += f":{parts.port}"
    path = parts.path or "/"
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return f"{key}){path}{'?' + query if query else ''}".lower()


def timestamp14(warc_date: str) -> str:
    """`2022-02-16T13:45:00.123456Z` -> `20220216134500`."""
    return "".join(c for c in warc_date if c.isdigit())[:14]


def iso_of(timestamp: str) -> str:
    """`20220216134500` -> `2022-02-16T13:45:00Z`, the WARC-Date form a revisit refers to."""
    t = timestamp
    return f"{t[0:4]}-{t[4:6]}-{t[6:8]}T{t[8:10]}:{t[10:12]}:{t[12:14]}Z"


def cdxj_lines(captures: Iterable[Capture], filename: str) -> list[str]:
    """The sorted index lines of `captures`, all in the WARC file named `filename`."""
    lines = []
    for capture in captures:
        fields = {
            "url": capture.url, "mime": capture.mime, "status": str(capture.status),
            "digest": capture.digest, "length": str(capture.length), "offset": str(capture.offset),
            "filename": filename,
        }  # fmt: skip
        lines.append(f"{surt(capture.url)} {timestamp14(capture.warc_date)} {json.dumps(fields)}\n")
    return sorted(lines)


def archived_digests(directory: Path) -> dict[str, tuple[str, str]]:
    """Payload digest -> (URL, WARC-Date) of every payload the indexes in `directory` name (not revisits).

    Unreadable lines are skipped with a warning: a damaged index only costs the payloads written again."""
    digests: dict[str, tuple[str, str]] = {}
    for index in sorted(directory.glob(f"*{CDXJ_SUFFIX}")) if directory.is_dir() else []:
        for number, line in enumerate(index.read_text(encoding="utf-8").splitlines(), 1):
            try:
                _, timestamp, text = line.split(" ", 2)
                fields = json.loads(text)
                if fields["mime"] != REVISIT_MIME and fields["status"] == "200":
                    digests.setdefault(fields["digest"], (fields["url"], iso_of(timestamp)))
            except (ValueError, KeyError, TypeError):
                logger.warning("Skipped unreadable CDXJ line %s:%d", index, number)
    return digests
