"""The client's repr never shows the token, and its default timeout is finite."""

import httpx
import pytest

from generated import AuthenticatedClient
from generated.client import DEFAULT_TIMEOUT

TOKEN = "canary-0123456789abcdef"


def test_repr_hides_the_token_before_and_after_the_httpx_clients_exist() -> None:
    client = AuthenticatedClient(base_url="https://example.invalid", token=TOKEN)
    assert TOKEN not in repr(client)
    client.get_httpx_client()
    client.get_async_httpx_client()
    assert TOKEN not in repr(client)
    assert TOKEN not in repr(client.with_headers({"X-Trace": "1"}))
    assert TOKEN not in repr(client.with_timeout(httpx.Timeout(1.0)))
    assert "token='<redacted>'" in repr(client)


def test_the_token_still_reaches_the_request() -> None:
    client = AuthenticatedClient(base_url="https://example.invalid", token=TOKEN)
    assert client.get_httpx_client().headers["Authorization"] == f"Bearer {TOKEN}"


def test_the_default_timeout_is_finite_and_overridable() -> None:
    client = AuthenticatedClient(base_url="https://example.invalid", token=TOKEN)
    timeout = client.get_httpx_client().timeout
    assert timeout == DEFAULT_TIMEOUT
    assert None not in (timeout.connect, timeout.read, timeout.write, timeout.pool)
    custom = AuthenticatedClient(base_url="https://example.invalid", token=TOKEN, timeout=httpx.Timeout(2.5))
    assert custom.get_httpx_client().timeout == httpx.Timeout(2.5)


@pytest.mark.anyio
async def test_the_async_client_gets_the_same_default_timeout() -> None:
    client = AuthenticatedClient(base_url="https://example.invalid", token=TOKEN)
    assert client.get_async_httpx_client().timeout == DEFAULT_TIMEOUT
