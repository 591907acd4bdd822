"""The load generator of the throughput row, in its own process so that it does not share a GIL
with the server it measures.

`python -m scripts.bench.load URL --clients 16 --requests 50 --header 'Name: value' ...`
starts that many threads; each sends its requests one after the other, each on a new
loopback connection (the wsgiref server closes every connection after one answer anyway).
The request is prebuilt bytes and the answer is read to the end over a plain socket: an
HTTP client library would cost more CPU per request than the server does, and on a small
machine the figure would be the client's speed, not the server's. It prints one JSON
line: requests sent, seconds from the common start to the last answer, and how many
answers were not 200.
"""

import argparse
import json
import socket
import sys
import threading
import time
from collections.abc import Mapping
from urllib.parse import urlsplit


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m scripts.bench.load", description=__doc__.splitlines()[0])
    parser.add_argument("url", help="http://host:port/path?query")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=50, help="requests per client")
    parser.add_argument("--header", action="append", default=[], help="'Name: value', repeatable")
    return parser.parse_args(argv)


def request_bytes(host: str, port: int, target: str, headers: Mapping[str, str]) -> bytes:
    lines = [f"GET {target} HTTP/1.1", f"Host: {host}:{port}", *(f"{k}: {v}" for k, v in headers.items())]
    return ("\r\n".join([*lines, "Connection: close", "", ""])).encode("latin-1")


def exchange(address: tuple[str, int], request: bytes) -> bytes:
    """Sends the request on a new connection; the whole answer, read until the server closes."""
    chunks = []
    with socket.create_connection(address, timeout=30) as connection:
        connection.sendall(request)
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def is_200(answer: bytes) -> bool:
    status_line = answer.split(b"\r\n", 1)[0].split()
    return len(status_line) >= 2 and status_line[1] == b"200"


def run_load(url: str, clients: int, requests: int, headers: Mapping[str, str]) -> dict[str, float | int]:
    parts = urlsplit(url)
    if parts.scheme != "http" or parts.hostname is None or parts.port is None:
        raise ValueError(f"need http://host:port/..., got {url}")
    address = (parts.hostname, parts.port)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    request = request_bytes(parts.hostname, parts.port, target, headers)
    start_together = threading.Barrier(clients + 1)
    failures = [0] * clients
    finished = [0.0] * clients

    def client(index: int) -> None:
        start_together.wait()
        for _ in range(requests):
            if not is_200(exchange(address, request)):
                failures[index] += 1
        finished[index] = time.perf_counter()

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    start_together.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return {"requests": clients * requests, "seconds": max(finished) - started, "failures": sum(failures)}


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    headers = dict(tuple(part.strip() for part in header.split(":", 1)) for header in args.header)
    print(json.dumps(run_load(args.url, args.clients, args.requests, headers)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
