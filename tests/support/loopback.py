"""A tiny HTTP server on 127.0.0.1 that answers every request with whatever a function says.

Besides a `Reply`, the function can return `Reset` (close the connection with a TCP reset
instead of answering) or `Stall` (keep the connection open and never answer). A Reply with
`send_only` set announces its whole body in Content-Length but sends only that many bytes. The
server speaks HTTP/1.0, so it closes every connection after one exchange.
"""

import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class SeenRequest:
    method: str
    path: str
    headers: dict[str, str]
    at: float
    """time.monotonic() when the request had arrived."""


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "application/json"})
    send_only: int | None = None


@dataclass(frozen=True)
class Reset:
    """Close the connection with a TCP reset (RST) instead of answering."""


@dataclass(frozen=True)
class Stall:
    """Keep the connection open and never answer (until the server stops)."""


Responder = Callable[[SeenRequest], Reply | Reset | Stall]


@dataclass
class Loopback:
    url: str
    seen: list[SeenRequest]


@contextmanager
def loopback_server(respond: Responder) -> Iterator[Loopback]:
    seen: list[SeenRequest] = []
    stopping = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            request = SeenRequest(self.command, self.path, dict(self.headers.items()), time.monotonic())
            seen.append(request)
            reply = respond(request)
            if isinstance(reply, Stall):
                stopping.wait()
            elif isinstance(reply, Reset):
                # A zero linger time makes close() send RST instead of FIN.
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.connection.close()
            else:
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body[: reply.send_only])

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _answer

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    # A short poll interval lets shutdown() return at once instead of within half a second.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    try:
        yield Loopback(url=f"http://127.0.0.1:{server.server_address[1]}", seen=seen)
    finally:
        stopping.set()
        server.shutdown()
        server.server_close()
        thread.join()
