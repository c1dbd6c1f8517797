"""A real `redis-server` on a free port of 127.0.0.1, in a temporary directory, for the distributed tests.

The binary comes from PATH (`.ci/run` installs Debian's `redis-server`; the PyPI package of that name
has no wheel for this platform). Persistence is AOF with `appendfsync always`, so a test can stop the
server mid-crawl and start it again on the same port with nothing lost, as a production Redis should be
configured (README, Distributed crawls).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from typing import TYPE_CHECKING

import redis

if TYPE_CHECKING:
    from pathlib import Path
    from types import TracebackType

CONFIG = """\
bind 127.0.0.1
port {port}
dir {dir}
protected-mode yes
appendonly yes
appendfsync {appendfsync}
save ""
maxmemory-policy noeviction
"""
READY_SECONDS = 20.0


def redis_server_binary() -> str | None:
    return shutil.which("redis-server")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class RedisServer:
    """`with RedisServer(tmp_path) as server:` serves `server.url` until the block ends."""

    def __init__(self, directory: Path, binary: str, appendfsync: str = "always") -> None:
        """`appendfsync always` loses nothing on a restart; the benchmark runs `everysec`."""
        self.directory, self.binary, self.port = directory, binary, free_port()
        self.appendfsync = appendfsync
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        config = self.directory / "redis.conf"
        config.write_text(CONFIG.format(port=self.port, dir=self.directory, appendfsync=self.appendfsync))
        with (self.directory / "redis.log").open("ab") as log:
            self.process = subprocess.Popen([self.binary, str(config)], stdout=log, stderr=subprocess.STDOUT)
        self.wait_ready()

    def wait_ready(self) -> None:
        """Until PING answers and the data is loaded; bounded, and fails on an early exit."""
        client = redis.Redis.from_url(self.url, socket_connect_timeout=1)
        deadline = time.monotonic() + READY_SECONDS
        while time.monotonic() < deadline:
            assert self.process is not None
            assert self.process.poll() is None, f"redis-server exited: see {self.directory}/redis.log"
            try:
                client.ping()
                return
            except redis.exceptions.ConnectionError:
                time.sleep(0.05)
            finally:
                client.close()
        raise TimeoutError(f"redis-server on port {self.port} not ready in {READY_SECONDS} s")

    def stop(self) -> None:
        """SIGTERM: Redis finishes the AOF and exits."""
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.process = None

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url)

    def __enter__(self) -> RedisServer:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
