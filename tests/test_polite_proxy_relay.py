"""What the polite proxy passes on and what it answers itself, seen on the wire: a client in front
of it, a scripted stand-in (`scripts/stand_ins/scripted.py`) or the live-like one behind it."""

import gzip
import json
import shutil
import socket
import ssl
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from scripts.conformance.politeness import Politeness
from scripts.conformance.proxy import REFUSED_HEADER, PoliteProxy, RunStopped
from scripts.stand_ins.scripted import SeenRequest, scripted_server
from scripts.wsgi import Answer, running_server

FAST = Politeness(rate=100_000, per_seconds=1.0)
# Every character a path may carry unescaped besides letters and digits, a space and a UTF-8 one.
ODD_PATH = "/snapshots/x:y@z!$&'()*+,;=-._~%20%C3%A9"


def test_a_request_and_its_answer_pass_through_as_sent(http: httpx.Client) -> None:
    payload = json.dumps({"snapshots": []}).encode()

    def respond(request: SeenRequest) -> Answer:
        headers = (("Content-Encoding", "gzip"), ("Keep-Alive", "timeout=5"), ("X-Kept", "yes"))
        return Answer(200, gzip.compress(payload), (("Content-Type", "application/json"), *headers))

    with scripted_server(respond) as server:
        proxy = PoliteProxy(server.url, FAST)
        try:
            with running_server(proxy) as url:
                posted = http.post(f"{url}{ODD_PATH}?companyId=a%20b", content=b'{"name": "x"}')
                got = http.get(f"{url}/snapshots/")
        finally:
            proxy.close()
    (post, get) = server.seen
    assert (post.method, post.path, post.body) == ("POST", posted.request.url.raw_path.decode(), b'{"name": "x"}')
    assert (get.method, get.path) == ("GET", "/snapshots/")
    for answer in (posted, got):
        # The proxy's client took the gzip off: the answer comes on decoded, without the
        # hop-by-hop headers of the target's connection.
        assert answer.status_code == 200 and answer.content == payload
        assert answer.headers["X-Kept"] == "yes"
        assert "content-encoding" not in answer.headers and "keep-alive" not in answer.headers


def test_a_request_out_of_scope_is_answered_by_the_proxy(http: httpx.Client) -> None:
    with scripted_server(lambda request: Answer.of_json(200, {})) as server:
        proxy = PoliteProxy(server.url, FAST, allows=lambda method, path: method == "GET")
        try:
            with running_server(proxy) as url:
                answers = [http.delete(f"{url}/snapshots/") for _ in range(2)]
        finally:
            proxy.close()
    assert server.seen == []
    for answer in answers:
        assert answer.status_code == 403 and answer.headers[REFUSED_HEADER] == "not-allowed"
        body = answer.json()
        assert body.keys() == {"statusCode", "message"} and body["statusCode"] == 403
        assert body["message"].startswith("not forwarded: ")
    assert proxy.stats.refused == {"not-allowed": 2}  # the run's report counts them


@pytest.mark.sleeps
def test_the_ceiling_holds_requests_back_while_it_is_full_of_requests_in_flight(http: httpx.Client) -> None:
    # 2 in any 0.3 s: of 3 sent at once, 2 go, and the third polls until their answers (0.1 s
    # later) leave room, 0.3 s after them.
    per_seconds = 0.3

    def respond(request: SeenRequest) -> Answer:
        time.sleep(0.1)
        return Answer.of_json(200, {})

    with scripted_server(respond) as server:
        proxy = PoliteProxy(server.url, Politeness(rate=2, per_seconds=per_seconds))
        try:
            with running_server(proxy) as url, ThreadPoolExecutor(3) as pool:
                statuses = list(pool.map(lambda _: http.get(f"{url}/snapshots/").status_code, range(3)))
        finally:
            proxy.close()
    first, _, third = sorted(seen.at for seen in server.seen)
    assert statuses == [200] * 3
    assert third - first >= per_seconds


def _self_signed(directory: Path) -> ssl.SSLContext:
    """A server's TLS context with a certificate for 127.0.0.1 that no authority signed."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("no openssl to make a certificate with")
    key, cert = directory / "key.pem", directory / "cert.pem"
    subject = ["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]
    made = [openssl, "req", "-x509", *ec, "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1", *subject]
    subprocess.run(made, check=True, capture_output=True)  # noqa: S603
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


def test_the_target_must_show_a_certificate_the_proxy_trusts(tmp_path: Path) -> None:
    context = _self_signed(tmp_path)
    listener = socket.create_server(("127.0.0.1", 0))

    def serve_one() -> None:
        connection, _ = listener.accept()
        try:
            with context.wrap_socket(connection, server_side=True) as tls:
                tls.recv(65536)
                tls.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        except (ssl.SSLError, OSError):
            pass  # the proxy hung up on the certificate

    server = threading.Thread(target=serve_one, daemon=True)
    server.start()
    target = f"https://127.0.0.1:{listener.getsockname()[1]}"
    proxy = PoliteProxy(target, FAST)
    try:
        with pytest.raises(RunStopped, match=r"could not reach .*CERTIFICATE_VERIFY_FAILED"):
            proxy.forward(httpx.Request("GET", f"{target}/snapshots/"))
    finally:
        proxy.close()
        server.join(timeout=5)
        listener.close()
