"""The request the generated client puts on the wire, seen at the transport."""

import httpx
import pytest

from generated import AuthenticatedClient
from generated.api.snapshots import get_custom_snapshots
from tests.support.docs_examples import documented_examples

TOKEN = "test-token-not-a-secret"
COMPANY_ID = "5D112kQsiKESj6rash"


def _recording_transport(seen: list[httpx.Request]) -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=documented_examples()[200])

    return httpx.MockTransport(handle)


def _assert_documented_request(request: httpx.Request) -> None:
    assert request.method == "GET"
    assert request.url.path == "/snapshots/"
    assert request.url.raw_path == f"/snapshots/?companyId={COMPANY_ID}".encode()
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert request.headers["Version"] == "2021-07-28"


def test_sync_call_sends_the_documented_request_without_the_caller_passing_the_version() -> None:
    seen: list[httpx.Request] = []
    client = AuthenticatedClient(
        base_url="https://services.leadconnectorhq.com",
        token=TOKEN,
        httpx_args={"transport": _recording_transport(seen)},
    )
    get_custom_snapshots.sync(client=client, company_id=COMPANY_ID)
    [request] = seen
    _assert_documented_request(request)


@pytest.mark.anyio
async def test_async_call_sends_the_documented_request_without_the_caller_passing_the_version() -> None:
    seen: list[httpx.Request] = []
    client = AuthenticatedClient(
        base_url="https://services.leadconnectorhq.com",
        token=TOKEN,
        httpx_args={"transport": _recording_transport(seen)},
    )
    await get_custom_snapshots.asyncio(client=client, company_id=COMPANY_ID)
    [request] = seen
    _assert_documented_request(request)
