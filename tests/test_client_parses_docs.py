"""Each documented body parses into its typed model, sync and async."""

from typing import Any

import httpx
import pytest

from generated import AuthenticatedClient
from generated.api.snapshots import get_custom_snapshots
from generated.errors import UnexpectedStatus
from generated.models import BadRequestDTO, GetSnapshotsSuccessfulResponseDto, SnapshotsSchema, UnauthorizedDTO
from tests.support.docs_examples import documented_examples


def _client_answering(status: int, body: Any, *, raise_on_unexpected_status: bool = False) -> AuthenticatedClient:
    transport = httpx.MockTransport(lambda request: httpx.Response(status, json=body))
    return AuthenticatedClient(
        base_url="https://services.leadconnectorhq.com",
        token="t",
        raise_on_unexpected_status=raise_on_unexpected_status,
        httpx_args={"transport": transport},
    )


def _assert_parsed(status: int, parsed: object) -> None:
    body = documented_examples()[status]
    if status == 200:
        assert isinstance(parsed, GetSnapshotsSuccessfulResponseDto)
        [snapshot] = parsed.snapshots
        assert isinstance(snapshot, SnapshotsSchema)
        [documented] = body["snapshots"]
        assert (snapshot.id, snapshot.name, snapshot.type_) == (
            documented["id"],
            documented["name"],
            documented["type"],
        )
    elif status == 400:
        assert isinstance(parsed, BadRequestDTO)
        assert (parsed.status_code, parsed.message) == (body["statusCode"], body["message"])
    else:
        assert isinstance(parsed, UnauthorizedDTO)
        assert (parsed.status_code, parsed.message, parsed.error) == (
            body["statusCode"],
            body["message"],
            body["error"],
        )


@pytest.mark.parametrize("status", [200, 400, 401])
def test_sync_parses_each_documented_body(status: int) -> None:
    client = _client_answering(status, documented_examples()[status])
    _assert_parsed(status, get_custom_snapshots.sync(client=client, company_id="c"))


@pytest.mark.anyio
@pytest.mark.parametrize("status", [200, 400, 401])
async def test_async_parses_each_documented_body(status: int) -> None:
    client = _client_answering(status, documented_examples()[status])
    _assert_parsed(status, await get_custom_snapshots.asyncio(client=client, company_id="c"))


def test_an_undocumented_status_raises_unexpected_status_when_asked_to() -> None:
    client = _client_answering(422, {"statusCode": 422}, raise_on_unexpected_status=True)
    with pytest.raises(UnexpectedStatus) as raised:
        get_custom_snapshots.sync(client=client, company_id="c")
    assert raised.value.status_code == 422


@pytest.mark.anyio
async def test_async_an_undocumented_status_raises_unexpected_status_when_asked_to() -> None:
    client = _client_answering(403, {"statusCode": 403}, raise_on_unexpected_status=True)
    with pytest.raises(UnexpectedStatus) as raised:
        await get_custom_snapshots.asyncio(client=client, company_id="c")
    assert raised.value.status_code == 403
