"""The WSGI plumbing the replay server, the polite proxy and the tests' stand-ins share: the
request as it arrived, a status line, and a threaded server on a loopback port."""

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from http import HTTPStatus
from socketserver import ThreadingMixIn
from typing import Any
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

MAX_BODY_BYTES = 1 << 20

StartResponse = Callable[[str, list[tuple[str, str]]], Any]
Environ = Mapping[str, Any]
WSGIApp = Callable[[Environ, StartResponse], Iterable[bytes]]


@dataclass(frozen=True)
class IncomingRequest:
    method: str
    path: str  # decoded as UTF-8
    raw_path: str  # as WSGI hands it over: the decoded bytes as latin-1 text
    query_string: str
    headers: dict[str, str]  # lower-case names
    body: bytes

    @property
    def query(self) -> dict[str, list[str]]:
        text = self.query_string.encode("latin-1").decode("utf-8", "replace")
        return parse_qs(text, keep_blank_values=True, errors="replace")


def read_request(environ: Environ) -> IncomingRequest:
    raw_path = environ.get("PATH_INFO", "")
    headers = {key[5:].replace("_", "-").lower(): value for key, value in environ.items() if key.startswith("HTTP_")}
    if environ.get("CONTENT_TYPE"):
        headers["content-type"] = environ["CONTENT_TYPE"]
    try:
        length = min(int(environ.get("CONTENT_LENGTH") or 0), MAX_BODY_BYTES)
    except ValueError:
        # A Content-Length that is not a number (the fuzzer sends such headers): read no body.
        length = 0
    return IncomingRequest(
        method=environ.get("REQUEST_METHOD", "GET").upper(),
        # WSGI hands over the raw bytes of the path and query as latin-1; the API reads UTF-8.
        path=raw_path.encode("latin-1").decode("utf-8", "replace"),
        raw_path=raw_path,
        query_string=environ.get("QUERY_STRING", ""),
        headers=headers,
        body=environ["wsgi.input"].read(length) if length > 0 else b"",
    )


def status_line(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"{status} Unknown"


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
    # A short poll interval lets shutdown() return at once instead of within half a second.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
