"""The WSGI plumbing the stand-ins and the polite proxy share: the request as it arrived, the
answer that goes back (`Answer`, the one answer type of every stand-in), an app that turns the one
into the other (`AnswerApp`), and a threaded server on a loopback port."""

import json
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from http import HTTPStatus
from socketserver import ThreadingMixIn
from typing import Any, Self
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


JSON_CONTENT_TYPE = ("Content-Type", "application/json; charset=utf-8")


@dataclass(frozen=True)
class Answer:
    """An answer as it goes on the wire: status, body bytes and headers (Content-Length is added
    when it is sent)."""

    status: int
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = (JSON_CONTENT_TYPE,)

    @classmethod
    def of_json(cls, status: int, data: Any, *headers: tuple[str, str]) -> Self:
        """A JSON answer: its Content-Type first, then `headers`."""
        return cls(status, json_body(data), (JSON_CONTENT_TYPE, *headers))

    def json(self) -> Any:
        return json.loads(self.body)

    def with_json(self, data: Any) -> Self:
        """The same answer, with `data` as its body."""
        return replace(self, body=json_body(data))


def json_body(data: Any) -> bytes:
    """JSON as the API sends it: UTF-8, non-ASCII characters as they are."""
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


class AnswerApp(ABC):
    """A WSGI app that answers each request with the `Answer` its `answer` gives."""

    @abstractmethod
    def answer(self, request: IncomingRequest) -> Answer: ...

    def __call__(self, environ: Environ, start_response: StartResponse) -> list[bytes]:
        answer = self.answer(read_request(environ))
        start_response(status_line(answer.status), [*answer.headers, ("Content-Length", str(len(answer.body)))])
        return [answer.body]


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
