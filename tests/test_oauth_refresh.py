"""OAuthRefresh against a stand-in of the token endpoint (scripts/stand_ins/token_endpoint.py): many
threads and tasks share one refresh at a time, no refresh token is sent twice, the rotated token
reaches on_refresh, failures raise TokenRefreshError without looping, and no credential shows in a
repr, a message or a log record (captured at DEBUG, httpx and httpcore included)."""

import asyncio
import logging
import math
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus

import pytest

from generated import AuthenticatedClient
from generated.api.snapshots import get_custom_snapshots
from generated.auth import REFRESH_MARGIN, OAuthRefresh, OnRefresh, _expires_at, _refresh_at
from generated.errors import TokenRefreshError
from generated.models import GetAccessTokenSuccessfulResponseDTO, GetSnapshotsSuccessfulResponseDto, UnauthorizedDTO
from scripts.stand_ins.token_endpoint import CLIENT_ID, CLIENT_SECRET, FIRST_REFRESH_TOKEN, TokenEndpoint
from scripts.wsgi import running_server
from tests.support.leaks import leaked, texts_of

COMPANY = "5D112kQsiKESj6rash"
# The figures (tokens of 2 s, calls half a second apart) halved, so that a run takes about
# three seconds; as many calls fall in a token's life, so the races are the same. Shorter tokens
# make the unannounced runs fail on a loaded machine: a call that is late by a token's whole life
# is sent again with a token that has died meanwhile (with tokens of a day, it never is).
LIFETIME = 1.0
GAP = 0.25
KINDS: dict[str, Callable[[], TokenEndpoint]] = {
    # expires_in tells the truth: tokens are refreshed before they die (and on a 401 if a call is late).
    "announced expiry": lambda: TokenEndpoint(lifetime=LIFETIME),
    # expires_in says an hour but tokens die after LIFETIME: only a 401 tells the client.
    "unannounced expiry": lambda: TokenEndpoint(lifetime=LIFETIME, reported_expires_in=3600),
}


@dataclass
class Run:
    stand_in: TokenEndpoint
    auth: OAuthRefresh
    client: AuthenticatedClient
    stored: list[GetAccessTokenSuccessfulResponseDTO] = field(default_factory=list)


@contextmanager
def running(
    stand_in: TokenEndpoint, client_secret: str = CLIENT_SECRET, on_refresh: OnRefresh | None = None
) -> Iterator[Run]:
    """The stand-in on a loopback port, and a client whose OAuthRefresh stores each refresh in `Run.stored`
    (or hands it to `on_refresh`)."""
    stored: list[GetAccessTokenSuccessfulResponseDTO] = []
    with running_server(stand_in) as url:
        auth = OAuthRefresh(
            client_id=CLIENT_ID,
            client_secret=client_secret,
            refresh_token=FIRST_REFRESH_TOKEN,
            on_refresh=on_refresh or stored.append,
            base_url=url,
        )
        yield Run(stand_in, auth, AuthenticatedClient(base_url=url, auth=auth), stored)


def _sync_calls(client: AuthenticatedClient, count: int) -> list[object]:
    results: list[object] = []
    for _ in range(count):
        results.append(get_custom_snapshots.sync(client=client, company_id=COMPANY))
        time.sleep(GAP)
    return results


async def _async_calls(client: AuthenticatedClient, count: int) -> list[object]:
    results: list[object] = []
    for _ in range(count):
        results.append(await get_custom_snapshots.asyncio(client=client, company_id=COMPANY))
        await asyncio.sleep(GAP)
    return results


def _assert_sound(run: Run, results: list[object], calls: int, caplog: pytest.LogCaptureFixture) -> None:
    stand_in = run.stand_in
    assert [type(result) for result in results] == [GetSnapshotsSuccessfulResponseDto] * calls
    assert stand_in.most_at_once == 1
    assert stand_in.spent_presented == 0
    # The calls of one caller span at least (count - 1) * GAP seconds, longer than two lifetimes.
    assert stand_in.refreshes >= 3
    if stand_in.reported_expires_in is not None:
        # Unannounced, every refresh after the first answers a 401 to the token it replaced.
        assert stand_in.refused >= stand_in.refreshes - 1
    assert len(run.stored) == stand_in.refreshes
    assert run.stored[-1].refresh_token == stand_in.current_refresh_token
    assert any(record.name.startswith("httpcore") for record in caplog.records), "DEBUG logging is off"
    shown = [repr(run.auth), repr(run.client), *map(repr, results), *map(repr, run.stored)]
    assert leaked(stand_in.credentials(), shown, caplog.records) == []


@pytest.mark.sleeps
@pytest.mark.parametrize("kind", KINDS)
def test_eight_threads_share_one_refresh_at_a_time(kind: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with running(KINDS[kind]()) as run, run.client, ThreadPoolExecutor(max_workers=8) as pool:
        batches = list(pool.map(lambda _: _sync_calls(run.client, 12), range(8)))
    _assert_sound(run, [result for batch in batches for result in batch], 8 * 12, caplog)


@pytest.mark.sleeps
@pytest.mark.anyio
@pytest.mark.parametrize("kind", KINDS)
async def test_sixteen_tasks_share_one_refresh_at_a_time(kind: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with running(KINDS[kind]()) as run:
        async with run.client:
            batches = await asyncio.gather(*(_async_calls(run.client, 10) for _ in range(16)))
    _assert_sound(run, [result for batch in batches for result in batch], 16 * 10, caplog)


@pytest.mark.sleeps
def test_threads_and_event_loops_share_one_refresh_at_a_time(caplog: pytest.LogCaptureFixture) -> None:
    """Sync clients in threads, and async clients on two event loops of their own, on one OAuthRefresh."""
    caplog.set_level(logging.DEBUG)

    async def tasks(client: AuthenticatedClient) -> list[object]:
        async with client:
            batches = await asyncio.gather(*(_async_calls(client, 12) for _ in range(4)))
        return [result for batch in batches for result in batch]

    with running(KINDS["announced expiry"]()) as run, run.client, ThreadPoolExecutor(max_workers=6) as pool:
        loops = [pool.submit(asyncio.run, tasks(run.client.with_headers({"X-Loop": str(n)}))) for n in range(2)]
        threads = [pool.submit(_sync_calls, run.client, 12) for _ in range(4)]
        results = [result for future in [*loops, *threads] for result in future.result()]
    _assert_sound(run, results, 2 * 4 * 12 + 4 * 12, caplog)


@pytest.mark.sleeps
def test_a_token_is_refreshed_before_it_expires_and_kept_until_then() -> None:
    # expires_in GAP: refreshed once less than half of it is left, so at each call (GAP apart),
    # although the token would live on: no 401 is needed.
    with running(TokenEndpoint(lifetime=3600, reported_expires_in=GAP)) as run, run.client:
        assert len(_sync_calls(run.client, 4)) == 4
    assert (run.stand_in.refreshes, run.stand_in.refused) == (4, 0)
    # expires_in an hour: the first token serves every call.
    with running(TokenEndpoint(lifetime=3600)) as run, run.client:
        for _ in range(4):
            get_custom_snapshots.sync(client=run.client, company_id=COMPANY)
    assert (run.stand_in.refreshes, run.stand_in.refused) == (1, 0)


def test_a_401_refreshes_once_and_the_second_401_is_the_answer() -> None:
    # Every access token is refused (a missing scope, say): each call refreshes once, sends again,
    # and returns the second 401; nothing loops.
    with running(TokenEndpoint(lifetime=0, reported_expires_in=3600)) as run, run.client:
        results = [get_custom_snapshots.sync(client=run.client, company_id=COMPANY) for _ in range(3)]
    assert [type(result) for result in results] == [UnauthorizedDTO] * 3
    assert (run.stand_in.refreshes, run.stand_in.refused) == (1 + 3, 2 * 3)


def _outcome(call: Callable[[], object]) -> object:
    try:
        return call()
    except TokenRefreshError as error:
        return error


def test_a_wrong_client_secret_fails_every_waiting_call_with_one_request(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    wrong = "canary-wrong-client-secret-77d2"
    with running(TokenEndpoint(), client_secret=wrong) as run, run.client, ThreadPoolExecutor(max_workers=8) as pool:

        def call() -> object:
            return get_custom_snapshots.sync(client=run.client, company_id=COMPANY)

        outcomes = [*pool.map(lambda _: _outcome(call), range(8)), _outcome(call)]
    errors = [outcome for outcome in outcomes if isinstance(outcome, TokenRefreshError)]
    assert len(errors) == len(outcomes) == 9
    assert {(error.status_code, error.retryable) for error in errors} == {(401, False)}
    assert str(errors[-1]) == (
        "refreshing the OAuth access token failed: POST /oauth/token answered 401: Invalid client credentials"
    )
    # One request for the nine calls: eight waited for it, the last knew its outcome.
    assert (run.stand_in.refused, run.stand_in.refreshes) == (1, 0)
    shown = [repr(run.auth), repr(run.client), *(text for error in errors for text in texts_of(error))]
    assert leaked([wrong, *run.stand_in.credentials()], shown, caplog.records) == []


def test_an_on_refresh_that_raises_is_logged_without_secrets_and_the_token_is_kept(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)

    def store(tokens: GetAccessTokenSuccessfulResponseDTO) -> None:
        raise OSError(f"disk full while writing {tokens.refresh_token}")

    with running(TokenEndpoint(lifetime=3600), on_refresh=store) as run, run.client:
        results = [get_custom_snapshots.sync(client=run.client, company_id=COMPANY) for _ in range(3)]
    assert [type(result) for result in results] == [GetSnapshotsSuccessfulResponseDto] * 3
    assert run.stand_in.refreshes == 1
    [record] = [record for record in caplog.records if record.name == "generated.auth" and record.levelname == "ERROR"]
    assert record.getMessage().startswith("on_refresh raised OSError: disk full while writing <redacted>;")
    assert leaked(run.stand_in.credentials(), [], caplog.records) == []


@pytest.mark.anyio
async def test_a_cancelled_call_does_not_abandon_its_refresh() -> None:
    with running(TokenEndpoint(lifetime=3600, hold=0.3)) as run:
        async with run.client:
            first = asyncio.ensure_future(get_custom_snapshots.asyncio(client=run.client, company_id=COMPANY))
            for _ in range(300):
                if run.stand_in.refreshing:
                    break
                await asyncio.sleep(0.01)
            first.cancel()
            second = await get_custom_snapshots.asyncio(client=run.client, company_id=COMPANY)
            with pytest.raises(asyncio.CancelledError):
                await first
    assert isinstance(second, GetSnapshotsSuccessfulResponseDto)
    assert (run.stand_in.refreshes, len(run.stored)) == (1, 1)


def test_the_client_takes_exactly_one_of_token_and_auth() -> None:
    auth = OAuthRefresh(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, refresh_token=FIRST_REFRESH_TOKEN)
    with pytest.raises(TypeError, match=r"exactly one of token= .* and auth="):
        AuthenticatedClient(base_url="https://example.invalid")
    with pytest.raises(TypeError, match=r"exactly one of token= .* and auth="):
        AuthenticatedClient(base_url="https://example.invalid", token="t", auth=auth)
    client = AuthenticatedClient(base_url="https://example.invalid", auth=auth)
    assert "Authorization" not in client.get_httpx_client().headers
    assert client.get_httpx_client().auth is auth
    assert client.with_headers({"X-Trace": "1"}).auth is auth


def test_reprs_and_redact_hide_the_credentials() -> None:
    auth = OAuthRefresh(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, refresh_token=FIRST_REFRESH_TOKEN)
    client = AuthenticatedClient(base_url="https://example.invalid", auth=auth)
    assert leaked([CLIENT_SECRET, FIRST_REFRESH_TOKEN], [repr(auth), repr(client)]) == []
    assert repr(auth) == (
        f"OAuthRefresh(client_id={CLIENT_ID!r}, user_type='Company', base_url='https://services.leadconnectorhq.com', "
        "client_secret='<redacted>', refresh_token='<redacted>')"
    )
    text = f"echoed {CLIENT_SECRET} and {FIRST_REFRESH_TOKEN}"
    assert client.redact(text) == "echoed <redacted> and <redacted>"
    assert leaked([CLIENT_SECRET], [f"{CLIENT_SECRET}"]) == [CLIENT_SECRET]  # the check itself sees a leak


@pytest.mark.anyio
async def test_the_async_client_sends_the_token_through_auth_too() -> None:
    with running(TokenEndpoint(lifetime=3600)) as run:
        async with run.client:
            assert run.client.get_async_httpx_client().auth is run.auth
            result = await get_custom_snapshots.asyncio_detailed(client=run.client, company_id=COMPANY)
    assert result.status_code == HTTPStatus.OK


@pytest.mark.parametrize(
    ("expires_in", "refresh_at", "expires_at"),
    [
        (3600.0, 100.0 + 3600 - REFRESH_MARGIN, 3700.0),
        (10.0, 105.0, 110.0),  # refreshed after half of a short life
        (0.5, 100.25, 100.5),
        (0.0, math.inf, math.inf),  # says nothing usable: only a 401 refreshes, and it never dies of age
        (-1.0, math.inf, math.inf),
        (math.inf, math.inf, math.inf),
        (math.nan, math.inf, math.inf),
    ],
)
def test_when_a_token_sent_at_100_is_refreshed_and_when_it_dies(
    expires_in: float, refresh_at: float, expires_at: float
) -> None:
    assert (_refresh_at(100.0, expires_in), _expires_at(100.0, expires_in)) == (refresh_at, expires_at)
