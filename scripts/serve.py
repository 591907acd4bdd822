"""`make serve`: the replay server on 127.0.0.1, until Ctrl-C or SIGTERM.

PORT chooses the port (default 4010). The server accepts one bearer token: the value of
HIGHLEVEL_TOKEN if set, else the development token `replay-development-token`.
"""

import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from socketserver import ThreadingMixIn
from types import FrameType
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from scripts.fixtures import load_fixtures
from scripts.replay_app import DEVELOPMENT_TOKEN, ReplayApp, WSGIApp

DEFAULT_PORT = 4010


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    # The accept backlog must hold a burst of concurrent clients.
    request_queue_size = 64


class _QuietHandler(WSGIRequestHandler):
    # A client that stops sending mid-request frees its thread after this many seconds.
    timeout = 30

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def running_server(app: WSGIApp, port: int = 0, host: str = "127.0.0.1") -> Iterator[str]:
    """Serves the app from a background thread; yields its base URL."""
    server = make_server(host, port, app, server_class=_ThreadingWSGIServer, handler_class=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="replay-server", daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def main() -> int:
    port = int(os.environ.get("PORT", DEFAULT_PORT))
    token = os.environ.get("HIGHLEVEL_TOKEN") or DEVELOPMENT_TOKEN
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    with running_server(ReplayApp(load_fixtures(), token=token), port=port) as url:
        shown = "the value of HIGHLEVEL_TOKEN" if token != DEVELOPMENT_TOKEN else token
        print(f"Replay server for the HighLevel Snapshots API on {url}", flush=True)
        print(f"Send `Authorization: Bearer <token>` with <token> = {shown}; Ctrl-C stops it.", flush=True)
        stop.wait()
    print("Replay server stopped.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
