"""What an UnexpectedResponse carries: status, operation, a bounded and redacted excerpt, its cause."""

import json

import httpx
import pytest

from generated import AuthenticatedClient, Client
from generated.api.snapshots import get_custom_snapshots
from generated.errors import EXCERPT_LENGTH, UnexpectedResponse, UnexpectedStatus, excerpt

TOKEN = "canary-token-7f3a9c"
OPERATION = "GET /snapshots/ (get_custom_snapshots)"


def _client_answering(status: int, body: bytes, *, raise_on_unexpected_status: bool = True) -> AuthenticatedClient:
    transport = httpx.MockTransport(lambda request: httpx.Response(status, content=body))
    return AuthenticatedClient(
        base_url="https://services.leadconnectorhq.com",
        token=TOKEN,
        raise_on_unexpected_status=raise_on_unexpected_status,
        httpx_args={"transport": transport},
    )


def test_a_body_that_is_not_json_names_status_operation_and_cause() -> None:
    with pytest.raises(UnexpectedResponse) as raised:
        get_custom_snapshots.sync(client=_client_answering(200, b"<html>oops</html>"), company_id="c")
    error = raised.value
    assert type(error) is UnexpectedResponse
    assert (error.status_code, error.operation, error.excerpt) == (200, OPERATION, "<html>oops</html>")
    assert isinstance(error.__cause__, json.JSONDecodeError)
    assert str(error) == f"{OPERATION} answered 200: {error.problem}; body: '<html>oops</html>'"
    assert error.problem.startswith("JSONDecodeError: Expecting value")


def test_the_excerpt_is_bounded() -> None:
    body = b"x" * (EXCERPT_LENGTH * 5)
    with pytest.raises(UnexpectedResponse) as raised:
        get_custom_snapshots.sync(client=_client_answering(200, body), company_id="c")
    assert raised.value.excerpt == "x" * EXCERPT_LENGTH + "…"
    assert excerpt(b"x" * EXCERPT_LENGTH, str) == "x" * EXCERPT_LENGTH  # whole: nothing was cut


def test_the_token_is_redacted_before_the_excerpt_is_cut() -> None:
    # Cut first, the excerpt would end in the first half of the token, which no replace would find.
    body = ("x" * (EXCERPT_LENGTH - 5) + TOKEN).encode()
    assert excerpt(body, lambda text: text) == "x" * (EXCERPT_LENGTH - 5) + TOKEN[:5] + "…"
    with pytest.raises(UnexpectedResponse) as raised:
        get_custom_snapshots.sync(client=_client_answering(200, body), company_id="c")
    assert raised.value.excerpt == "x" * (EXCERPT_LENGTH - 5) + "<redacted>"[:5] + "…"
    assert TOKEN[:5] not in str(raised.value)


def test_a_client_without_a_token_leaves_text_alone() -> None:
    assert Client(base_url="https://example.invalid").redact(TOKEN) == TOKEN
    assert AuthenticatedClient(base_url="https://example.invalid", token="").redact("text") == "text"


def test_an_undocumented_status_raises_by_default() -> None:
    with pytest.raises(UnexpectedStatus) as raised:
        get_custom_snapshots.sync(client=_client_answering(403, b'{"message": "Forbidden"}'), company_id="c")
    assert (raised.value.status_code, raised.value.problem) == (403, "undocumented status")
    assert raised.value.excerpt == '{"message": "Forbidden"}'


def test_raising_on_an_undocumented_status_can_be_switched_off() -> None:
    client = _client_answering(403, b"{}", raise_on_unexpected_status=False)
    response = get_custom_snapshots.sync_detailed(client=client, company_id="c")
    assert (response.status_code, response.parsed, response.content) == (403, None, b"{}")


def test_a_status_outside_http_status_raises_even_when_raising_is_off() -> None:
    # Response.status_code is an HTTPStatus, which cannot hold Cloudflare's 520.
    client = _client_answering(520, b"", raise_on_unexpected_status=False)
    with pytest.raises(UnexpectedStatus) as raised:
        get_custom_snapshots.sync(client=client, company_id="c")
    assert (raised.value.status_code, raised.value.problem) == (520, "status outside HTTPStatus")
    assert isinstance(raised.value.__cause__, ValueError)


def test_the_json_error_keeps_no_more_of_the_body_than_the_excerpt() -> None:
    body = ('{"token": ' + TOKEN + "x" * (EXCERPT_LENGTH * 3)).encode()
    with pytest.raises(UnexpectedResponse) as raised:
        get_custom_snapshots.sync(client=_client_answering(200, body), company_id="c")
    cause = raised.value.__cause__
    assert isinstance(cause, json.JSONDecodeError)
    assert cause.doc == raised.value.excerpt == '{"token": <redacted>' + "x" * (EXCERPT_LENGTH - 20) + "…"
    assert TOKEN not in cause.doc


def test_the_unicode_error_keeps_no_more_of_the_body_than_the_excerpt() -> None:
    body = ('{"token": "' + TOKEN + '"').encode() + b"\xff" + b"x" * (EXCERPT_LENGTH * 3)
    with pytest.raises(UnexpectedResponse) as raised:
        get_custom_snapshots.sync(client=_client_answering(200, body), company_id="c")
    cause = raised.value.__cause__
    assert isinstance(cause, UnicodeDecodeError)
    assert cause.object == raised.value.excerpt.encode()
    assert TOKEN not in repr(cause)
