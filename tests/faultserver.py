"""A real HTTP server on 127.0.0.1 whose paths misbehave on purpose: the network faults a crawl must survive.

Each path answers as its `Fault` says: a status per hit (`(503, 503, 200)`), extra headers (`Retry-After`),
a latency, and a way of sending the body: whole, cut by a TCP reset, shorter than its `Content-Length`,
never (headers then silence), a byte a second, or streamed lazily to a size no client should accept.
Compressed bombs are built once per process by streaming compression of zeros, so a test never holds the
expanded body. Unknown paths (robots.txt included) get a plain 404.

Every hit is recorded with its time, `Host` header and path; bytes sent are counted per path, so a test
can tell that a client hung up early. Handlers watch a stop event, so `__exit__` returns within a second
even while a stalled or trickling answer is in flight.
"""

from __future__ import annotations

import select
import socket
import struct
import threading
import time
import zlib
from dataclasses import dataclass, field
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Literal

import brotli
from backports import zstd

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from types import TracebackType

HTML = "text/html; charset=utf-8"
MiB = 1024 * 1024
CHUNK = bytes(MiB)
Send = Literal["whole", "reset", "short", "stall", "trickle", "endless"]


@dataclass(frozen=True)
class Fault:
    """How one path answers.

    `statuses[n]` is the status of hit n (the last one repeats). `send` is how the body goes out:
    `whole`; `reset` (half the body, then a TCP RST); `short` (the body, then close, under a
    `Content-Length` 1000 bytes larger); `stall` (headers, then nothing until the client leaves);
    `trickle` (one byte a second under a 1 MiB `Content-Length`); `endless` (`size` bytes of `body`
    repeated, produced lazily, with a `Content-Length` only if `declare_length`).
    """

    body: bytes = b""
    statuses: tuple[int, ...] = (200,)
    headers: dict[str, str] = field(default_factory=dict)
    send: Send = "whole"
    delay: float = 0.0
    size: int = 0
    declare_length: bool = False

    def status(self, hit: int) -> int:
        return self.statuses[min(hit, len(self.statuses) - 1)]


def compressed_zeros(encoding: str, mebibytes: int) -> bytes:
    """`mebibytes` MiB of zeros compressed as HTTP `Content-Encoding: encoding`, a MiB at a time."""
    compress, finish = compressor(encoding)
    return b"".join([*(compress(CHUNK) for _ in range(mebibytes)), finish()])


def compressor(encoding: str) -> tuple[Callable[[bytes], bytes], Callable[[], bytes]]:
    if encoding in ("gzip", "deflate"):
        deflate = zlib.compressobj(9, zlib.DEFLATED, 31 if encoding == "gzip" else 15)
        return deflate.compress, deflate.flush
    if encoding == "br":
        squeeze = brotli.Compressor(quality=5)
        return squeeze.process, squeeze.finish
    if encoding == "zstd":
        frame = zstd.ZstdCompressor(level=3)
        return frame.compress, lambda: frame.flush(zstd.ZstdCompressor.FLUSH_FRAME)
    raise ValueError(f"unknown encoding {encoding!r}")


# Deflate cannot compress better than about 1032:1, so a 1 GiB gzip bomb is ~1 MB: as large as a test's
# DOWNLOAD_MAXSIZE, and it would be cut by the download limit rather than the decompression limit.
BOMB_MEBIBYTES = {"gzip": 256, "deflate": 256, "br": 1024, "zstd": 1024}


@cache
def bomb_body(encoding: str) -> bytes:
    """A few KB (brotli, zstd) to ~260 KB (gzip, deflate) that expand to `BOMB_MEBIBYTES[encoding]` MiB."""
    return compressed_zeros(encoding, BOMB_MEBIBYTES[encoding])


def bomb(encoding: str) -> Fault:
    return Fault(bomb_body(encoding), headers={"Content-Type": HTML, "Content-Encoding": encoding})


@dataclass(frozen=True)
class Hit:
    at: float
    host: str
    path: str


class FaultServer:
    """Serves `faults[path_with_query]` on 127.0.0.1, an ephemeral port; see the module docstring."""

    def __init__(self, faults: dict[str, Fault]) -> None:
        self.faults = faults
        self.log: list[Hit] = []
        self.sent: dict[str, int] = {}
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler_class(self))
        self.port = self.httpd.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}"

    def hits(self, path: str) -> list[float]:
        """Monotonic times at which `path` was asked for, on any host."""
        return [hit.at for hit in self.log if hit.path == path]

    def record(self, host: str, path: str) -> int:
        """Log a hit and return how many earlier hits `path` had."""
        with self.lock:
            self.log.append(Hit(time.monotonic(), host, path))
            return len(self.hits(path)) - 1

    def count_sent(self, path: str, size: int) -> None:
        with self.lock:
            self.sent[path] = self.sent.get(path, 0) + size

    def __enter__(self) -> FaultServer:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def handler_class(server: FaultServer) -> type[BaseHTTPRequestHandler]:
    class FaultHandler(BaseHTTPRequestHandler):
        """HTTP/1.0: one request per connection, so closing the socket ends exactly one answer."""

        def do_GET(self) -> None:
            hit = server.record(self.headers.get("Host", ""), self.path)
            fault = server.faults.get(self.path, Fault(b"not found", statuses=(404,)))
            if fault.delay:
                server.stopping.wait(fault.delay)
            SENDERS[fault.send](self, fault, fault.status(hit))

        def head(self, status: int, fault: Fault, length: int | None) -> None:
            self.send_response(status)
            for name, value in {"Content-Type": HTML, **fault.headers}.items():
                self.send_header(name, value)
            if length is not None:
                self.send_header("Content-Length", str(length))
            self.end_headers()

        def write(self, data: bytes) -> bool:
            """Send `data`; False once the client has gone."""
            try:
                self.wfile.write(data)
            except OSError:
                return False
            server.count_sent(self.path, len(data))
            return True

        def whole(self, fault: Fault, status: int) -> None:
            self.head(status, fault, len(fault.body))
            self.write(fault.body)

        def reset(self, fault: Fault, status: int) -> None:
            self.head(status, fault, len(fault.body))
            self.write(fault.body[: len(fault.body) // 2])
            # Linger 0: closing sends RST instead of FIN; the server's own shutdown() then finds it closed.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()

        def short(self, fault: Fault, status: int) -> None:
            self.head(status, fault, len(fault.body) + 1000)
            self.write(fault.body)

        def stall(self, fault: Fault, status: int) -> None:
            self.head(status, fault, len(fault.body))
            while not server.stopping.is_set() and not self.client_left(0.2):
                pass

        def trickle(self, fault: Fault, status: int) -> None:
            self.head(status, fault, MiB)
            while not server.stopping.is_set() and self.write(b" "):
                server.stopping.wait(1)

        def endless(self, fault: Fault, status: int) -> None:
            self.head(status, fault, fault.size if fault.declare_length else None)
            for piece in pieces(fault.body, fault.size):
                if server.stopping.is_set() or not self.write(piece):
                    return

        def client_left(self, timeout: float) -> bool:
            """True when the client closed its side (readable with nothing to read)."""
            readable, _, _ = select.select([self.connection], [], [], timeout)
            return bool(readable) and not self.connection.recv(1, socket.MSG_PEEK)

        def log_message(self, format: str, *args: object) -> None:
            return

    SENDERS: dict[Send, Callable[[FaultHandler, Fault, int], None]] = {
        "whole": FaultHandler.whole,
        "reset": FaultHandler.reset,
        "short": FaultHandler.short,
        "stall": FaultHandler.stall,
        "trickle": FaultHandler.trickle,
        "endless": FaultHandler.endless,
    }
    return FaultHandler


def pieces(unit: bytes, size: int) -> Iterator[bytes]:
    """`size` bytes of `unit` repeated, in 64 KiB pieces built once: the whole is never in memory."""
    piece = (unit * (65536 // len(unit) + 1))[:65536]
    for start in range(0, size, len(piece)):
        yield piece[: size - start]


def closed_port() -> int:
    """A loopback port nothing listens on (bound then released: connecting to it is refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port
