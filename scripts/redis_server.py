"""A real redis-server on a free loopback port, for the tests and `make bench`: started, killed
(as a crash), and started again on the same port."""

import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import redis

SERVER = "redis-server"
INSTALL = "apt-get install redis-server"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def server_binary() -> str | None:
    return shutil.which(SERVER)


class RedisServer:
    """One redis-server process. ``data`` (a folder): every write is kept in an append-only file
    there, as a store of tokens must be, so a server killed and started again still has them."""

    def __init__(self, binary: str, data: Path | None = None) -> None:
        self._binary = binary
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
        self._process = subprocess.Popen([self._binary, *options], stdout=subprocess.DEVNULL)  # noqa: S603 - our own arguments
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
