"""The retry transports and their policy, seen directly (the fault matrix sees them through the client)."""

import logging
import math
from collections.abc import Callable
from typing import cast

import httpx
import pytest

from generated import AuthenticatedClient
from generated.api.snapshots import get_custom_snapshots
from generated.errors import DailyRateLimitExceeded, UnexpectedStatus
from generated.retry import AsyncRetryTransport, RetryPolicy, RetryTransport, async_transport, sync_transport
from scripts.stand_ins.live_like import COMPANY_ID, DAY_MS, LiveLike
from scripts.wsgi import running_server

URL = "https://services.leadconnectorhq.com/snapshots/"
POLICY = RetryPolicy(max_attempts=3, backoff_base=0.001, backoff_max=0.002, max_total_seconds=2.0)
Outcome = int | type[httpx.TransportError]


def _scripted(outcomes: list[Outcome], sent: list[httpx.Response]) -> httpx.MockTransport:
    """Answers attempt n with outcomes[n] (the last repeats): a status, or an error to raise."""
    attempts: list[None] = []

    def answer(request: httpx.Request) -> httpx.Response:
        outcome = outcomes[min(len(attempts), len(outcomes) - 1)]
        attempts.append(None)
        if not isinstance(outcome, int):
            raise outcome("scripted", request=request)
        sent.append(httpx.Response(outcome, request=request))
        return sent[-1]

    return httpx.MockTransport(answer)


@pytest.mark.parametrize("method", ["POST", "PATCH"])
def test_sync_non_idempotent_requests_are_never_retried(method: str) -> None:
    sent: list[httpx.Response] = []
    response = RetryTransport(_scripted([503, 200], sent), POLICY).handle_request(httpx.Request(method, URL))
    assert (response.status_code, len(sent)) == (503, 1)


@pytest.mark.anyio
@pytest.mark.parametrize("method", ["POST", "PATCH"])
async def test_async_non_idempotent_requests_are_never_retried(method: str) -> None:
    sent: list[httpx.Response] = []
    transport = AsyncRetryTransport(_scripted([503, 200], sent), POLICY)
    response = await transport.handle_async_request(httpx.Request(method, URL))
    assert (response.status_code, len(sent)) == (503, 1)


@pytest.mark.parametrize("method", ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"])
def test_idempotent_requests_are_retried_and_the_replaced_response_is_closed(method: str) -> None:
    sent: list[httpx.Response] = []
    response = RetryTransport(_scripted([503, 200], sent), POLICY).handle_request(httpx.Request(method, URL))
    assert [answer.status_code for answer in sent] == [503, 200]
    assert response is sent[1]
    assert sent[0].is_closed


@pytest.mark.anyio
async def test_async_retries_close_the_replaced_response() -> None:
    sent: list[httpx.Response] = []
    response = await AsyncRetryTransport(_scripted([429, 200], sent), POLICY).handle_async_request(
        httpx.Request("GET", URL)
    )
    assert response is sent[1]
    assert sent[0].is_closed


@pytest.mark.parametrize("error", [httpx.ConnectError, httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError])
def test_connection_errors_are_retried(error: type[httpx.TransportError]) -> None:
    sent: list[httpx.Response] = []
    response = RetryTransport(_scripted([error, 200], sent), POLICY).handle_request(httpx.Request("GET", URL))
    assert response.status_code == 200


@pytest.mark.parametrize(
    "error", [httpx.ConnectTimeout, httpx.ReadTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol]
)
def test_timeouts_and_other_errors_are_not_retried(error: type[httpx.TransportError]) -> None:
    sent: list[httpx.Response] = []
    with pytest.raises(error):
        RetryTransport(_scripted([error, 200], sent), POLICY).handle_request(httpx.Request("GET", URL))
    assert sent == []


def test_the_last_error_is_raised_when_the_attempts_run_out() -> None:
    sent: list[httpx.Response] = []
    with pytest.raises(httpx.ConnectError):
        RetryTransport(_scripted([httpx.ConnectError], sent), POLICY).handle_request(httpx.Request("GET", URL))


def _client(
    policy: RetryPolicy | None, sent: list[httpx.Response], outcomes: list[Outcome] | None = None
) -> AuthenticatedClient:
    transport = _scripted(outcomes or [503, 200], sent)
    return AuthenticatedClient(base_url=URL, token="t", retry=policy, httpx_args={"transport": transport})


@pytest.mark.parametrize("policy", [None, RetryPolicy(max_attempts=1)], ids=["retry=None", "max_attempts=1"])
def test_retries_can_be_switched_off(policy: RetryPolicy | None) -> None:
    sent: list[httpx.Response] = []
    with pytest.raises(UnexpectedStatus):
        get_custom_snapshots.sync(client=_client(policy, sent), company_id="c")
    assert len(sent) == 1


def test_each_retry_is_logged_with_a_jittered_backoff_within_its_bounds(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="generated.retry")
    sent: list[httpx.Response] = []
    RetryTransport(_scripted([503], sent), POLICY).handle_request(httpx.Request("GET", URL))
    records = [record for record in caplog.records if record.name == "generated.retry"]
    assert [record.getMessage().split(";")[0] for record in records] == [
        f"GET {URL}: status 503 on attempt 1",
        f"GET {URL}: status 503 on attempt 2",
    ]
    waits = [cast(float, record.args[4]) for record in records if isinstance(record.args, tuple)]
    assert [0 <= wait <= bound for wait, bound in zip(waits, [0.001, 0.002], strict=True)] == [True, True]


@pytest.mark.parametrize(
    "change",
    [{"max_attempts": 0}, {"backoff_base": -1}, {"backoff_max": -1}, {"max_total_seconds": -1}],
    ids=["max_attempts", "backoff_base", "backoff_max", "max_total_seconds"],
)
def test_the_policy_rejects_impossible_values(change: dict[str, float]) -> None:
    with pytest.raises(ValueError, match=next(iter(change))):
        RetryPolicy(**change)  # type: ignore[arg-type]


@pytest.mark.parametrize("reserve", [20, 1, 1.0, -0.1, math.nan])
def test_a_budget_reserve_is_a_share_of_the_window_below_one(reserve: float) -> None:
    with pytest.raises(ValueError, match=r"^budget_reserve is a share of X-RateLimit-Max, from 0 to just under 1 \("):
        RetryPolicy(budget_reserve=reserve)


@pytest.mark.parametrize("reserve", [0, 0.3, 0.999])
def test_a_share_below_one_is_a_budget_reserve(reserve: float) -> None:
    assert RetryPolicy(budget_reserve=reserve).budget_reserve == reserve


TransportFactory = Callable[..., httpx.BaseTransport | httpx.AsyncBaseTransport | None]


@pytest.mark.parametrize("factory", [sync_transport, async_transport])
def test_without_a_policy_the_transport_is_left_alone(factory: TransportFactory) -> None:
    given = httpx.MockTransport(lambda request: httpx.Response(200))
    assert factory(None, True, {"transport": given}) is given
    assert factory(None, True, {}) is None


def test_the_default_transport_gets_the_transport_options_of_httpx_args() -> None:
    transport = sync_transport(POLICY, True, {"limits": httpx.Limits(max_connections=1)})
    assert isinstance(transport, RetryTransport)
    assert transport._transport._pool._max_connections == 1  # type: ignore[attr-defined]


def test_the_async_default_transport_gets_them_too() -> None:
    transport = async_transport(POLICY, True, {"limits": httpx.Limits(max_connections=1)})
    assert isinstance(transport, AsyncRetryTransport)
    assert transport._transport._pool._max_connections == 1  # type: ignore[attr-defined]


# --- the daily budget (issue 16) ---------------------------------------------------------------

DAILY_TOKEN = "daily-token-2b7e"


def _daily_app() -> LiveLike:
    return LiveLike(token=DAILY_TOKEN, daily_remaining=0)


def _check_daily(error: DailyRateLimitExceeded, app: LiveLike) -> None:
    assert len(app.seen) == 1
    assert isinstance(error, UnexpectedStatus)
    assert error.status_code == 429
    assert "daily" in str(error)
    assert error.reset_seconds is not None and 0 < error.reset_seconds <= DAY_MS / 1000
    assert f"it resets in {error.reset_seconds:.0f} s" in error.problem


def test_a_daily_429_is_not_retried_and_says_the_days_budget_is_spent() -> None:
    app = _daily_app()
    with running_server(app) as url, AuthenticatedClient(base_url=url, token=DAILY_TOKEN) as client:
        with pytest.raises(DailyRateLimitExceeded) as raised:
            get_custom_snapshots.sync(client=client, company_id=COMPANY_ID)
    _check_daily(raised.value, app)


@pytest.mark.anyio
async def test_async_a_daily_429_is_not_retried_either() -> None:
    app = _daily_app()
    with running_server(app) as url:
        async with AuthenticatedClient(base_url=url, token=DAILY_TOKEN) as client:
            with pytest.raises(DailyRateLimitExceeded) as raised:
                await get_custom_snapshots.asyncio(client=client, company_id=COMPANY_ID)
    _check_daily(raised.value, app)


def test_a_daily_429_without_a_reset_says_it_does_not_know_when() -> None:
    headers = {"X-RateLimit-Daily-Remaining": "0", "X-RateLimit-Remaining": "40"}
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(429, headers=headers, content=b"{}")

    client = AuthenticatedClient(base_url=URL, token="t", httpx_args={"transport": httpx.MockTransport(answer)})
    with pytest.raises(DailyRateLimitExceeded) as raised:
        get_custom_snapshots.sync(client=client, company_id="c")
    assert raised.value.reset_seconds is None
    assert raised.value.problem.endswith("the answer does not say when it resets")
    assert len(sent) == 1


def test_a_burst_429_is_still_retried_and_raises_the_plain_status() -> None:
    sent: list[httpx.Response] = []
    with pytest.raises(UnexpectedStatus) as raised:
        get_custom_snapshots.sync(client=_client(POLICY, sent, [429]), company_id="c")
    assert type(raised.value) is UnexpectedStatus
    assert len(sent) == POLICY.max_attempts


def test_without_raising_a_daily_429_is_the_response_after_one_request() -> None:
    app = _daily_app()
    with running_server(app) as url:
        client = AuthenticatedClient(base_url=url, token=DAILY_TOKEN, raise_on_unexpected_status=False)
        with client:
            response = get_custom_snapshots.sync_detailed(client=client, company_id=COMPANY_ID)
    assert (response.status_code, response.parsed, len(app.seen)) == (429, None, 1)
