"""`make serve` (`python -m scripts.stand_ins.serve`): the replay server on 127.0.0.1, until Ctrl-C or SIGTERM.

PORT chooses the port (default 4010), FIXTURES_DIR the fixture set (default tests/fixtures).
The server accepts one bearer token: the value of HIGHLEVEL_TOKEN if set, else the development
token `replay-development-token`. A fixture set it cannot serve stops it before it starts
(exit status 2), naming the files it lacks.
"""

import os
import signal
import sys
import threading
from types import FrameType

from scripts.fixtures import fixtures_folder
from scripts.stand_ins.replay import DEVELOPMENT_TOKEN, IncompleteFixtures, replay_from
from scripts.wsgi import running_server

DEFAULT_PORT = 4010


def main() -> int:
    port = int(os.environ.get("PORT", DEFAULT_PORT))
    token = os.environ.get("HIGHLEVEL_TOKEN") or DEVELOPMENT_TOKEN
    folder = fixtures_folder(os.environ)
    try:
        app = replay_from(folder, token=token)
    except IncompleteFixtures as error:
        print(f"make serve: {error}", file=sys.stderr)
        return 2
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    with running_server(app, port=port) as url:
        shown = "the value of HIGHLEVEL_TOKEN" if token != DEVELOPMENT_TOKEN else token
        print(f"Replay server for the HighLevel Snapshots API on {url}, answering from {folder}", flush=True)
        print(f"Send `Authorization: Bearer <token>` with <token> = {shown}; Ctrl-C stops it.", flush=True)
        stop.wait()
    print("Replay server stopped.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
