"""Requests in the shared Redis queue as JSON, never pickle: whoever can write to Redis must not run code.

scrapy-redis pickles requests by default, so one crafted entry in the queue executes on every worker that
pops it. This module is its `SCHEDULER_SERIALIZER`: `dumps` turns `Request.to_dict()` into JSON (bytes
in the body and headers travel as latin-1 strings, which map bytes 0-255 one to one), and `loads`
accepts only a JSON object of the shape `dumps` writes. Anything else raises `RejectedRequest`; the queue
logs, counts and drops it (newscrawl/distributed/crawl.py).

Even valid JSON is only trusted as far as it names no code: a request class other than `Request`
(`_class`, which `request_from_dict` would import) is refused, and callbacks must be named like the
spider's own (`parse_*`, `on_*`). The URL it carries still meets the address guard like any link.
"""

from __future__ import annotations

import json
import re
from typing import Any

CALLBACK_NAME = re.compile(r"(parse|on)_[a-z_]+")
# Keys `Request.to_dict()` writes for a plain `Request`; a payload with any other key is not ours.
KNOWN_KEYS = frozenset(
    {"url", "callback", "errback", "headers", "method", "body", "cookies", "meta", "encoding",
     "priority", "dont_filter", "flags", "cb_kwargs"}
)  # fmt: skip


class RejectedRequest(ValueError):
    """A queue entry that is not a request this crawler wrote; it is dropped, never run."""


def dumps(request: dict[str, Any]) -> str:
    """JSON for a `Request.to_dict()`; raises RejectedRequest when meta holds a non-JSON value."""
    encoded = dict(request)
    encoded["body"] = request.get("body", b"").decode("latin-1")
    encoded["headers"] = {
        _text(name): [_text(value) for value in values] for name, values in request["headers"].items()
    }
    try:
        return json.dumps(encoded, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError) as error:
        raise RejectedRequest(f"request to {request.get('url')} is not JSON-serializable: {error}") from error


def loads(data: bytes | str) -> dict[str, Any]:
    """The `Request.to_dict()` that `dumps` encoded; raises RejectedRequest for anything else."""
    try:
        decoded = json.loads(data)
    except (UnicodeDecodeError, ValueError) as error:
        raise RejectedRequest(f"not JSON: {_preview(data)}") from error
    if not isinstance(decoded, dict) or not isinstance(decoded.get("url"), str):
        raise RejectedRequest(f"not a JSON request object: {_preview(data)}")
    unknown = set(decoded) - KNOWN_KEYS
    if unknown:
        raise RejectedRequest(f"unknown request keys {sorted(unknown)}: {_preview(data)}")
    for name in ("callback", "errback"):
        if decoded.get(name) is not None and not CALLBACK_NAME.fullmatch(str(decoded[name])):
            raise RejectedRequest(f"{name} {decoded[name]!r} is not a spider callback: {_preview(data)}")
    _restore_bytes(decoded, data)
    return decoded


def _restore_bytes(decoded: dict[str, Any], data: bytes | str) -> None:
    """Body and header values back to bytes, in place; anything but strings there is refused."""
    headers = decoded.get("headers") or {}
    try:
        if not all(isinstance(values, list) for values in headers.values()):
            raise TypeError("header values must be lists")
        decoded["body"] = decoded.get("body", "").encode("latin-1")
        decoded["headers"] = {name: [value.encode("latin-1") for value in headers[name]] for name in headers}
    except (AttributeError, TypeError, ValueError) as error:
        raise RejectedRequest(f"malformed body or headers: {_preview(data)}") from error


def _text(value: bytes | str) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else value


def _preview(data: bytes | str) -> str:
    """The start of a rejected entry, printable and short, for the log line."""
    return repr(data[:80])
