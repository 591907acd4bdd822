"""`make serve`: the replay server on 127.0.0.1, until Ctrl-C or SIGTERM.

PORT chooses the port (default 4010). The server accepts one bearer token: the value of
HIGHLEVEL_TOKEN if set, else the development token `replay-development-token`.
"""

import os
import signal
import threading
from types import FrameType

from scripts.fixtures import load_fixtures
from scripts.replay.app import DEVELOPMENT_TOKEN, ReplayApp
from scripts.wsgi import running_server

DEFAULT_PORT = 4010


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
