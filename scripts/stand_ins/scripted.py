"""A tiny HTTP server on 127.0.0.1 that answers every request with whatever a function says.

Besides an `Answer`, the function can return `Cut` (an answer whose Content-Length announces the
whole body, of which only the first bytes are sent), `Raw` (bytes sent as they are, such as a
malformed status line), `Reset` (close the connection with a TCP reset instead of answering) or
`Stall` (keep the connection open and never answer): what no WSGI app can do. The server speaks
HTTP/1.0, so it closes every connection after one exchange.
"""

import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from scripts.wsgi import Answer


@dataclass(frozen=True)
class SeenRequest:
    method: str
    path: str
    headers: dict[str, str]
    at: float
    """time.monotonic() when the request had arrived."""
    body: bytes = b""


@dataclass(frozen=True)
class Cut:
    """Announce the whole body of `answer` in Content-Length, send its first `sent` bytes, and close."""

    answer: Answer
    sent: int


@dataclass(frozen=True)
class Raw:
    """Send these bytes instead of an answer, and close."""

    data: bytes


@dataclass(frozen=True)
class Reset:
    """Close the connection with a TCP reset (RST) instead of answering."""


@dataclass(frozen=True)
class Stall:
    """Keep the connection open and never answer (until the server stops)."""


Responder = Callable[[SeenRequest], Answer | Cut | Raw | Reset | Stall]


@dataclass
class ScriptedServer:
    url: str
    seen: list[SeenRequest]


@contextmanager
def scripted_server(respond: Responder) -> Iterator[ScriptedServer]:
    seen: list[SeenRequest] = []
    stopping = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            arrived = time.monotonic()
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            request = SeenRequest(self.command, self.path, dict(self.headers.items()), arrived, body)
            seen.append(request)
            reply = respond(request)
            if isinstance(reply, Stall):
                stopping.wait()
            elif isinstance(reply, Reset):
                # A zero linger time makes close() send RST instead of FIN.
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.connection.close()
            elif isinstance(reply, Raw):
                self.wfile.write(reply.data)
            else:
                answer, sent = (reply.answer, reply.sent) if isinstance(reply, Cut) else (reply, None)
                self.send_response(answer.status)
                for name, value in answer.headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                self.wfile.write(answer.body[:sent])

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _answer

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    # A short poll interval lets shutdown() return at once instead of within half a second.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    try:
        yield ScriptedServer(url=f"http://127.0.0.1:{server.server_address[1]}", seen=seen)
    finally:
        stopping.set()
        server.shutdown()
        server.server_close()
        thread.join()
