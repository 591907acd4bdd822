"""OAuthRefresh with its tokens in a real Redis (generated/token_sharing.py), seen from the token
endpoint's stand-in and from Redis itself: a token the API refuses before its time is refreshed
once for every worker, sync and async; a failed refresh frees the installation's lock at once; a
store that lost the tokens is seeded with the latest refresh token a worker knows;
while Redis is down a token that is due but alive is used, and a dead or refused one is never sent."""

import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

import generated.stores_redis
from generated import AuthenticatedClient
from generated.api.snapshots import get_custom_snapshots
from generated.errors import TokenRefreshError
from generated.stores_redis import RedisStore
from scripts.redis_server import RedisServer
from scripts.stand_ins.scripted import Reset, SeenRequest, scripted_server
from scripts.stand_ins.token_endpoint import TokenEndpoint
from scripts.wsgi import Answer, AnswerApp, IncomingRequest, running_server
from tests.support.installation import COMPANY, oauth_on
from tests.support.redis_server import redis_server


def _status(client: AuthenticatedClient) -> int:
    return int(get_custom_snapshots.sync_detailed(client=client, company_id=COMPANY).status_code)


async def _async_status(client: AuthenticatedClient) -> int:
    return int((await get_custom_snapshots.asyncio_detailed(client=client, company_id=COMPANY)).status_code)


@pytest.mark.anyio
async def test_a_token_refused_before_its_time_is_refreshed_once_for_every_worker(
    redis_store: RedisStore, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="generated.auth")
    endpoint = TokenEndpoint(lifetime=3600)
    with running_server(endpoint) as url, AuthenticatedClient(base_url=url, auth=oauth_on(redis_store, url)) as sync:
        async with AuthenticatedClient(base_url=url, auth=oauth_on(redis_store, url)) as tasks:
            assert _status(sync) == 200
            assert await _async_status(tasks) == 200  # the sync worker's token, read from the store
            endpoint.revoke_access_tokens()
            # Refused: the store still holds that token, so it must not be taken from there again.
            assert _status(sync) == 200
            assert await _async_status(tasks) == 200
    assert (endpoint.refreshes, endpoint.refused, endpoint.spent_presented) == (2, 2, 0)
    said = [record.getMessage() for record in caplog.records if record.name == "generated.auth"]
    assert said[0] == "refreshed the OAuth access token; it expires in 3600 s"
    assert [message.partition(";")[0] for message in said] == [
        "refreshed the OAuth access token",
        "using the OAuth access token another worker refreshed (generation 1)",
        "refreshed the OAuth access token",
        "using the OAuth access token another worker refreshed (generation 2)",
    ]


@pytest.mark.parametrize(
    "answer",
    [Answer.of_json(400, {"statusCode": 400, "message": "Bad Request"}), Reset()],
    ids=["an error answer", "a connection reset"],
)
def test_a_refresh_that_fails_frees_the_installation_lock_at_once(
    answer: Answer | Reset, redis_store: RedisStore, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="generated.auth")

    def respond(request: SeenRequest) -> Answer | Reset:
        return answer if request.path == "/oauth/token" else Answer(500)

    with scripted_server(respond) as server:
        auth = oauth_on(redis_store, server.url)
        with AuthenticatedClient(base_url=server.url, auth=auth) as client, pytest.raises(TokenRefreshError) as failed:
            _status(client)
    assert [request.path for request in server.seen] == ["/oauth/token"]
    said = [record.getMessage() for record in caplog.records if record.name == "generated.auth"]
    assert said == [str(failed.value)]  # the reason, logged as raised
    assert auth.installation_key is not None
    # Another worker can refresh now, not only once the lock has freed itself (seconds later).
    assert redis_store.tokens(auth.installation_key).lock(10) is not None


def test_a_store_that_lost_the_tokens_is_seeded_with_the_latest_refresh_token_the_worker_took(
    redis_store: RedisStore,
) -> None:
    endpoint = TokenEndpoint(lifetime=3600)
    with (
        running_server(endpoint) as url,
        AuthenticatedClient(base_url=url, auth=oauth_on(redis_store, url)) as a,
        AuthenticatedClient(base_url=url, auth=oauth_on(redis_store, url)) as b,
    ):
        assert [_status(a), _status(b)] == [200, 200]  # `b` takes the tokens `a` refreshed
        # Expired (TOKENS_TTL_MS), evicted, or lost by a Redis restarted without its data:
        redis_store.client.delete(*redis_store.client.keys(f"{redis_store.prefix}*"))
        endpoint.revoke_access_tokens()
        assert _status(b) == 200
    # Not the refresh token `b` was built with, which `a` spent: the one it took from the store.
    assert (endpoint.refreshes, endpoint.refused, endpoint.spent_presented) == (2, 1, 0)


LIFE = 1.6
"""expires_in of the tokens in the store-down test: each is due after half of it."""


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[RedisServer]:
    """A Redis of this test's own, to kill and start again; its writes survive that (append-only)."""
    server = redis_server(tmp_path)
    server.start()
    yield server
    server.kill()


def _until(moment: float) -> None:
    time.sleep(max(0.0, moment - time.monotonic()))


@pytest.mark.sleeps
def test_while_redis_is_down_a_due_token_is_used_until_it_dies_and_a_refused_one_never(
    private_redis: RedisServer, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Worker `a` refreshes, worker `b` takes the tokens `a` stored: both keep to the token's times."""
    caplog.set_level(logging.INFO, logger="generated.auth")
    monkeypatch.setattr(generated.stores_redis, "RETRY_AFTER", 0.05)  # how soon Redis is asked again
    store = RedisStore.from_url(private_redis.url)
    endpoint = TokenEndpoint(lifetime=LIFE)
    with (
        running_server(endpoint) as url,
        AuthenticatedClient(base_url=url, auth=oauth_on(store, url)) as a,
        AuthenticatedClient(base_url=url, auth=oauth_on(store, url)) as b,
    ):
        started = time.monotonic()
        assert [_status(a), _status(b), _status(b)] == [200, 200, 200]
        refreshed = time.monotonic()
        private_redis.kill()
        _until(refreshed + LIFE / 2 + 0.05)
        assert time.monotonic() < started + LIFE, "too slow: the token died before it could be used while due"
        # Due, alive: sent, and no refresh without the lock; the store is tried again only after
        # STORE_RETRY_SECONDS (0.25 s), so each worker logs one failure here.
        assert [_status(a), _status(a), _status(b), _status(b)] == [200] * 4
        assert (endpoint.refreshes, endpoint.refused) == (1, 0)
        _until(refreshed + LIFE + 0.05)
        for worker in (a, b):
            with pytest.raises(TokenRefreshError) as dead:
                _status(worker)
            assert dead.value.retryable and store.name in str(dead.value)
        assert endpoint.refused == 0  # the dead token was not sent
        private_redis.start()
        time.sleep(0.1)
        assert [_status(a), _status(b)] == [200, 200]  # the store's refresh token, the one `a` got first
        assert (endpoint.refreshes, endpoint.spent_presented) == (2, 0)
        private_redis.kill()
        endpoint.revoke_access_tokens()
        for worker in (a, b):
            with pytest.raises(TokenRefreshError) as refused:
                _status(worker)
            assert refused.value.retryable
        assert endpoint.refused == 2  # each refused token was not sent again
    said = [record.getMessage() for record in caplog.records if record.name == "generated.auth"]
    assert [message.partition(";")[0].partition(":")[0] for message in said] == [
        "refreshed the OAuth access token",
        "using the OAuth access token another worker refreshed (generation 1)",  # once: until due
        *["refreshing the OAuth access token failed"] * 4,  # due (the token is kept), then dead
        "refreshed the OAuth access token",
        "using the OAuth access token another worker refreshed (generation 2)",
        *["refreshing the OAuth access token failed"] * 2,  # refused
    ]


@dataclass
class RedisDiesDuringRefresh(AnswerApp):
    """The token endpoint, with the store killed while it handles the first refresh, and started
    again `back_after` seconds later (None: left down)."""

    endpoint: TokenEndpoint
    redis: RedisServer
    back_after: float | None

    def answer(self, request: IncomingRequest) -> Answer:
        if request.path == "/oauth/token" and self.endpoint.refreshes == 0:
            self.redis.kill()
            if self.back_after is not None:
                threading.Timer(self.back_after, self.redis.start).start()
        return self.endpoint.answer(request)


QUICK = httpx.Timeout(0.3)
"""The token request's timeout: the installation's lock then frees itself after 1.9 s."""


@pytest.mark.sleeps
def test_tokens_refreshed_while_redis_is_down_are_stored_once_it_is_back(
    private_redis: RedisServer, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="generated.auth")
    monkeypatch.setattr(generated.stores_redis, "RETRY_AFTER", 0.05)
    store = RedisStore.from_url(private_redis.url)
    endpoint = TokenEndpoint(lifetime=60)
    with running_server(RedisDiesDuringRefresh(endpoint, private_redis, back_after=0.3)) as url:
        for _ in range(2):
            with AuthenticatedClient(base_url=url, auth=oauth_on(store, url, timeout=QUICK)) as worker:
                assert _status(worker) == 200
    assert (endpoint.refreshes, endpoint.refused) == (1, 0)
    said = [record.getMessage() for record in caplog.records if record.name == "generated.auth"]
    assert [message.partition(";")[0] for message in said] == [
        "refreshed the OAuth access token",
        "using the OAuth access token another worker refreshed (generation 1)",
    ]


@pytest.mark.sleeps
def test_tokens_refreshed_while_redis_stays_down_are_used_and_their_loss_is_logged(
    private_redis: RedisServer, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(generated.stores_redis, "RETRY_AFTER", 0.05)
    store = RedisStore.from_url(private_redis.url)
    endpoint = TokenEndpoint(lifetime=60)
    with (
        running_server(RedisDiesDuringRefresh(endpoint, private_redis, back_after=None)) as url,
        AuthenticatedClient(base_url=url, auth=oauth_on(store, url, timeout=QUICK)) as worker,
    ):
        started = time.monotonic()
        assert [_status(worker), _status(worker)] == [200, 200]
        held = time.monotonic() - started
    assert (endpoint.refreshes, endpoint.refused) == (1, 0)
    assert 1.9 <= held < 10, "the store is tried until the lock would free itself, and no longer"
    lost = [record for record in caplog.records if record.name == "generated.token_sharing"]
    assert [record.getMessage().partition(": ")[0] for record in lost] == [
        f"the refreshed tokens (generation 1) could not be stored in {store.name}"
    ]
