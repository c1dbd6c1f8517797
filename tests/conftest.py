"""Fixtures shared by test modules: a real Redis server for the tests marked `redis`."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from tests.redisserver import RedisServer, redis_server_binary

if TYPE_CHECKING:
    from collections.abc import Iterator


def redis_binary() -> str:
    """The redis-server binary; missing, a local run skips, CI fails (its tests must run there)."""
    binary = redis_server_binary()
    if binary is None:
        message = "redis-server not on PATH (apt-get install redis-server; .ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return binary


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """One server for the session; tests that need a clean one use `redis_db`."""
    with RedisServer(tmp_path_factory.mktemp("redis"), redis_binary()) as server:
        yield server


@pytest.fixture
def redis_db(redis_server: RedisServer) -> RedisServer:
    """The session's server, emptied first."""
    with redis_server.client() as client:
        client.flushall()
    return redis_server
