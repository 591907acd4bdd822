"""The redis-server the tests need (scripts/redis_server.py). Without it installed, the tests that
need it are skipped with how to install it, except under CI=true, where they fail: CI must have it
(.ci/run installs it)."""

import os
from pathlib import Path

import pytest

from scripts.redis_server import INSTALL, RedisServer, server_binary


def redis_server(data: Path | None = None) -> RedisServer:
    """A server not started yet; skips the test (fails it under CI=true) when none is installed."""
    binary = server_binary()
    if binary is None:
        message = f"redis-server is not installed: {INSTALL} (or set REDIS_URL to a running one)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return RedisServer(binary, data)
