"""The replay server checks requests in the real API's order, answers from the fixtures,
and survives bad input over a real socket."""

import os
import signal
import socket
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from generated import AuthenticatedClient
from generated.api.snapshots import get_custom_snapshots
from generated.auth import OAuthRefresh
from generated.client import tls_context
from generated.models import GetSnapshotsSuccessfulResponseDto
from scripts.fixtures import load_fixtures
from scripts.paths import ROOT
from scripts.stand_ins.replay import DEVELOPMENT_TOKEN, ReplayApp
from scripts.wsgi import running_server

GOOD = {"Authorization": f"Bearer {DEVELOPMENT_TOKEN}", "Version": "2021-07-28"}
BAD_TOKEN = {"Authorization": "Bearer wrong", "Version": "2021-07-28"}
DOCS_COMPANY = "5D112kQsiKESj6rash"


@pytest.fixture(scope="module")
def base_url() -> object:
    with running_server(ReplayApp(load_fixtures())) as url:
        yield url


def _fixture_body(name: str) -> object:
    return next(f.body for f in load_fixtures() if f.operation_id == "get-custom-snapshots" and f.name == name)


ORDER = [
    # (what, method, path, headers, status): auth, then parameters, then routing.
    ("bad token beats a missing companyId", "GET", "/snapshots/", BAD_TOKEN, 401),
    ("bad token beats an unknown path", "GET", "/nowhere", BAD_TOKEN, 401),
    ("bad token beats a wrong method", "DELETE", "/snapshots/", BAD_TOKEN, 401),
    ("no token at all", "GET", f"/snapshots/?companyId={DOCS_COMPANY}", {"Version": "2021-07-28"}, 401),
    ("missing companyId", "GET", "/snapshots/", GOOD, 400),
    ("blank companyId", "GET", "/snapshots/?companyId=%20%20", GOOD, 400),
    ("missing Version", "GET", f"/snapshots/?companyId={DOCS_COMPANY}", {"Authorization": GOOD["Authorization"]}, 400),
    ("unknown Version", "GET", f"/snapshots/?companyId={DOCS_COMPANY}", {**GOOD, "Version": "2099-01-01"}, 400),
    ("unknown path", "GET", "/nowhere", GOOD, 404),
    ("undocumented method", "POST", "/snapshots/", GOOD, 405),
    ("good request", "GET", f"/snapshots/?companyId={DOCS_COMPANY}", GOOD, 200),
]


@pytest.mark.parametrize(("what", "method", "path", "headers", "status"), ORDER, ids=[row[0] for row in ORDER])
def test_requests_are_checked_in_the_real_apis_order(
    http: httpx.Client, base_url: str, what: str, method: str, path: str, headers: dict[str, str], status: int
) -> None:
    response = http.request(method, base_url + path, headers=headers)
    assert response.status_code == status
    if status in (200, 400, 401):
        assert response.json() == _fixture_body(f"{status}-documented")
    if status == 405:
        assert response.headers["Allow"] == "GET"


@pytest.mark.parametrize(
    ("company", "fixture"),
    [
        ("EmptyCompany000000", "200-empty-list"),
        ("NonAsciiCompany000", "200-non-ascii-names"),
        ("any-other", "200-documented"),
    ],
)
def test_answers_with_the_fixture_recorded_for_the_request_else_the_default(
    http: httpx.Client, base_url: str, company: str, fixture: str
) -> None:
    response = http.get(f"{base_url}/snapshots/", params={"companyId": company}, headers=GOOD)
    assert response.json() == _fixture_body(fixture)


def _raw_exchange(base_url: str, raw: bytes) -> bytes:
    host, port = base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as connection:
        connection.sendall(raw)
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def _status_of(raw_response: bytes) -> int:
    return int(raw_response.split(b" ", 2)[1])


@pytest.mark.parametrize(
    "raw",
    [
        b"GET /snapshots/?companyId=\xff\xfe%ff%fe HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
        + DEVELOPMENT_TOKEN.encode()
        + b"\r\nVersion: 2021-07-28\r\nConnection: close\r\n\r\n",
        b"GET /snapshots/?companyId=" + b"a" * 60000 + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET /snapshots/?companyId=" + b"a" * 70000 + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET /snapshots/ HTTP/1.1\r\nHost: x\r\nX-Long: " + b"b" * 60000 + b"\r\nConnection: close\r\n\r\n",
        b"GET /snapshots/?companyId=x HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nAuthorization: Bearer "
        + DEVELOPMENT_TOKEN.encode()
        + b'\r\nVersion: 2021-07-28\r\nConnection: close\r\n\r\n{"a": "b"}',
        b"NONSENSE /snapshots/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"\x00\x01\x02 garbage HTTP/1.1\r\n\r\n",
    ],
    ids=[
        "invalid utf-8 query",
        "long value",
        "over-long request line",
        "long header",
        "body on a GET",
        "unknown method",
        "garbage",
    ],
)
def test_bad_input_gets_a_4xx_or_2xx_and_never_a_5xx(http: httpx.Client, base_url: str, raw: bytes) -> None:
    status = _status_of(_raw_exchange(base_url, raw))
    assert 200 <= status < 500
    assert http.get(f"{base_url}/snapshots/", params={"companyId": "x"}, headers=GOOD).status_code == 200


def test_sixteen_clients_at_once(base_url: str) -> None:
    def one_client(index: int) -> list[int]:
        with httpx.Client(base_url=base_url, headers=GOOD, verify=tls_context(True)) as client:
            return [client.get("/snapshots/", params={"companyId": f"c{index}-{n}"}).status_code for n in range(10)]

    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = [status for result in pool.map(one_client, range(16)) for status in result]
    assert statuses == [200] * 160


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_make_serve_prints_its_url_answers_and_stops_on_sigterm(http: httpx.Client) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "scripts.stand_ins.serve"],
        cwd=ROOT,
        env={**os.environ, "PORT": str(port), "HIGHLEVEL_TOKEN": "custom-secret-token"},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        first_line = server.stdout.readline()
        assert f"http://127.0.0.1:{port}" in first_line
        second_line = server.stdout.readline()
        assert "HIGHLEVEL_TOKEN" in second_line
        headers = {**GOOD, "Authorization": "Bearer custom-secret-token"}
        assert http.get(f"http://127.0.0.1:{port}/snapshots/?companyId=x", headers=headers).status_code == 200
        assert http.get(f"http://127.0.0.1:{port}/snapshots/?companyId=x", headers=GOOD).status_code == 401
        server.send_signal(signal.SIGTERM)
        remaining, _ = server.communicate(timeout=10)
    finally:
        server.kill()
    assert server.returncode == 0
    assert "stopped" in remaining
    assert "custom-secret-token" not in first_line + second_line + remaining


TOKEN_FORM = {
    "client_id": "example-client-id",
    "client_secret": "s",
    "grant_type": "refresh_token",
    "user_type": "Company",
    "refresh_token": "r",
}
VERSION = {"Version": "2021-07-28"}

TOKEN_ENDPOINT = [
    # (what, method, headers, form, status): POST /oauth/token takes no token (`security: []`).
    ("a good form without any token", "POST", VERSION, TOKEN_FORM, 200),
    ("a good form with a wrong token", "POST", BAD_TOKEN, TOKEN_FORM, 200),
    ("a required field missing", "POST", VERSION, {k: v for k, v in TOKEN_FORM.items() if k != "grant_type"}, 400),
    ("a value outside the enum", "POST", VERSION, {**TOKEN_FORM, "user_type": "Agency"}, 400),
    ("an empty client id", "POST", VERSION, {**TOKEN_FORM, "client_id": ""}, 400),
    ("a declared field twice", "POST", VERSION, {**TOKEN_FORM, "grant_type": ["refresh_token"] * 2}, 400),
    ("an undeclared field twice", "POST", VERSION, {**TOKEN_FORM, "x": ["1", "2"]}, 200),
    ("no Version", "POST", {}, TOKEN_FORM, 400),
    ("a method the path lacks, without a token", "GET", VERSION, None, 405),
]


@pytest.mark.parametrize(
    ("what", "method", "headers", "form", "status"), TOKEN_ENDPOINT, ids=[row[0] for row in TOKEN_ENDPOINT]
)
def test_the_token_endpoint_needs_no_token_and_checks_its_form(
    http: httpx.Client,
    base_url: str,
    what: str,
    method: str,
    headers: dict[str, str],
    form: dict[str, Any] | None,
    status: int,
) -> None:
    response = http.request(method, f"{base_url}/oauth/token", headers=headers, data=form)
    assert response.status_code == status
    if status == 200:
        assert response.json()["access_token"] == "placeholder-access-token"


def test_the_token_endpoint_refuses_a_json_body(http: httpx.Client, base_url: str) -> None:
    response = http.post(f"{base_url}/oauth/token", headers=VERSION, json=TOKEN_FORM)
    assert response.status_code == 400


def test_an_access_token_its_token_endpoint_hands_out_is_accepted(http: httpx.Client, base_url: str) -> None:
    issued = http.post(f"{base_url}/oauth/token", headers=VERSION, data=TOKEN_FORM).json()["access_token"]
    with_issued = {**VERSION, "Authorization": f"Bearer {issued}"}
    assert (
        http.get(f"{base_url}/snapshots/", params={"companyId": DOCS_COMPANY}, headers=with_issued).status_code == 200
    )
    with_other = {**VERSION, "Authorization": f"Bearer {issued}-not"}
    assert http.get(f"{base_url}/snapshots/", params={"companyId": DOCS_COMPANY}, headers=with_other).status_code == 401


def test_a_client_with_oauth_refresh_works_against_the_replay(base_url: str) -> None:
    auth = OAuthRefresh(client_id="example-client-id", client_secret="s", refresh_token="r", base_url=base_url)
    with AuthenticatedClient(base_url=base_url, auth=auth) as client:
        result = get_custom_snapshots.sync(client=client, company_id=DOCS_COMPANY)
    assert isinstance(result, GetSnapshotsSuccessfulResponseDto)
