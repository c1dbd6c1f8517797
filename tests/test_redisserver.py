"""The redis-server fixture never lets CI pass by skipping the distributed tests."""

from __future__ import annotations

import pytest

from tests import conftest


def test_a_missing_binary_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(conftest, "redis_server_binary", lambda: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="redis-server not on PATH"):
        conftest.redis_binary()


def test_a_missing_binary_skips_locally(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(conftest, "redis_server_binary", lambda: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="redis-server not on PATH"):
        conftest.redis_binary()
