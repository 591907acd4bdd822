"""A real redis-server for the tests, started on a free loopback port and killed at the end.

Without the server installed the tests that need it are skipped with how to install it, except
under CI=true, where they fail: CI must have it (.ci/run installs it).
"""

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
import redis

SERVER = "redis-server"
INSTALL = "apt-get install redis-server (or REDIS_URL=redis://... for a running one)"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def server_binary() -> str:
    """The redis-server to run; skips the test (fails it under CI=true) when there is none."""
    binary = shutil.which(SERVER)
    if binary is None:
        message = f"{SERVER} is not installed: {INSTALL}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return binary


class RedisServer:
    """One redis-server process. ``data`` (a folder): every write is kept in an append-only file
    there, as a store of tokens must be, so a server killed and started again still has them."""

    def __init__(self, data: Path | None = None) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._data = data
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        options = ["--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        if self._data is None:
            options += ["--appendonly", "no"]
        else:
            options += ["--appendonly", "yes", "--appendfsync", "always", "--dir", str(self._data)]
        self._process = subprocess.Popen([server_binary(), *options], stdout=subprocess.DEVNULL)  # noqa: S603 - our own arguments
        client = redis.Redis.from_url(self.url, socket_connect_timeout=0.2)
        give_up_at = time.monotonic() + 10
        while True:
            try:
                client.ping()
                return
            except redis.ConnectionError:
                if time.monotonic() > give_up_at or self._process.poll() is not None:
                    raise
                time.sleep(0.01)
            finally:
                client.close()

    def kill(self) -> None:
        """SIGKILL, as a crash: nothing is saved on the way out."""
        if self._process is not None:
            self._process.send_signal(signal.SIGKILL)
            self._process.wait()
            self._process = None
