"""The stores of issue 21 (generated/stores.py, stores_redis.py) on their own: redis is imported
only by RedisStore, key names hold no secret, are the same in every version and every key
expires, the lock and the budget's scripts keep their promises against a real Redis, and a Redis
that cannot be reached raises StoreError, with one warning per outage."""

import logging
import math
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

from generated import AuthenticatedClient
from generated.api.snapshots import get_custom_snapshots
from generated.auth import OAuthRefresh
from generated.errors import TokenRefreshError
from generated.stores import BudgetNews, MemoryStore, StoreError, key_of
from generated.stores_redis import RedisStore
from scripts.redis_server import free_port
from scripts.stand_ins.live_like import LiveLike
from scripts.stand_ins.token_endpoint import CLIENT_ID, CLIENT_SECRET, FIRST_REFRESH_TOKEN, TokenEndpoint
from scripts.wsgi import running_server
from tests.support.installation import COMPANY, oauth_on


def test_the_generated_package_and_its_stores_do_not_import_redis() -> None:
    code = "import sys, generated, generated.stores, generated.auth, generated.client; print('redis' in sys.modules)"
    said = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # noqa: S603
    assert said.stdout.strip() == "False"


def test_a_store_needs_an_installation_and_a_shared_budget_needs_a_key() -> None:
    needs = r"^OAuthRefresh\(store=\.\.\.\) needs installation=: the company or location id the app is on$"
    with pytest.raises(TypeError, match=needs):
        OAuthRefresh(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, refresh_token="r", store=MemoryStore())
    auth = OAuthRefresh(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, refresh_token="r")
    with pytest.raises(TypeError, match="store= shares the budget"):
        AuthenticatedClient(base_url="http://127.0.0.1:9", auth=auth, store=MemoryStore())
    # An installation without a store: the tokens stay in this object, the budget is shared.
    auth = OAuthRefresh(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, refresh_token="r", installation=COMPANY)
    AuthenticatedClient(base_url="http://127.0.0.1:9", auth=auth, store=MemoryStore())


@pytest.mark.parametrize("kind", ["memory", "redis"])
def test_two_oauth_refreshes_on_one_store_share_one_refresh(kind: str, request: pytest.FixtureRequest) -> None:
    store = MemoryStore() if kind == "memory" else request.getfixturevalue("redis_store")
    endpoint = TokenEndpoint(lifetime=60)
    stored: list[object] = []
    with running_server(endpoint) as url:
        clients = [AuthenticatedClient(base_url=url, auth=oauth_on(store, url, stored.append)) for _ in range(2)]
        for client in clients * 2:
            assert get_custom_snapshots.sync_detailed(client=client, company_id=COMPANY).status_code == 200
    assert (endpoint.refreshes, endpoint.refused, len(stored)) == (1, 0, 1)


@pytest.mark.parametrize(
    ("first", "second"),
    [(("app", "installation-1"), ("app", "installation-2")), (("app-1", "installation"), ("app-2", "installation"))],
    ids=["two installations of one app", "two apps on one installation"],
)
def test_each_installation_of_each_app_refreshes_its_own_tokens(
    first: tuple[str, str], second: tuple[str, str], redis_store: RedisStore
) -> None:
    """Each (app, installation) has a refresh-token chain of its own: a stand-in of its own here."""
    endpoints = [TokenEndpoint(lifetime=60, client_id=app) for app, _ in (first, second)]
    with running_server(endpoints[0]) as url_1, running_server(endpoints[1]) as url_2:
        for (app, installation), url in [(first, url_1), (second, url_2)]:
            auth = oauth_on(redis_store, url, client_id=app, installation=installation)
            with AuthenticatedClient(base_url=url, auth=auth) as client:
                assert get_custom_snapshots.sync_detailed(client=client, company_id=COMPANY).status_code == 200
    assert [(endpoint.refreshes, endpoint.refused) for endpoint in endpoints] == [(1, 0), (1, 0)]


def test_key_names_hold_no_secret_stay_the_same_and_every_key_expires(redis_store: RedisStore) -> None:
    endpoint = TokenEndpoint(lifetime=60)
    token = "fixed-token-canary-71c2"
    with running_server(endpoint) as url:
        with AuthenticatedClient(base_url=url, auth=oauth_on(redis_store, url), store=redis_store) as client:
            get_custom_snapshots.sync_detailed(client=client, company_id=COMPANY)
    with running_server(LiveLike(token=token)) as url:
        with AuthenticatedClient(base_url=url, token=token, store=redis_store) as client:
            for _ in range(2):  # the first answer makes the budget known; the second call takes a turn
                get_custom_snapshots.sync_detailed(client=client, company_id=COMPANY)
    keys = list(redis_store.client.scan_iter(f"{redis_store.prefix}*"))
    names = {key.decode().removeprefix(redis_store.prefix).partition(":")[0] for key in keys}
    assert names == {"tokens", "budget"}
    # The same in every version, recorded from this one: workers of two versions side by side (a
    # rolling deploy) must share one refresh-token chain and one budget. A change needs a migration.
    installation = "e4430ee114cebf67f7a27a283e1ae688c076486f61e07e563e3d2052fbb5161e"
    bearer = "0a6137f54887bb65e8ec2989f3c71483ed0a5c7a74fc69525cd7de4f674b9e05"
    assert {key.decode().removeprefix(redis_store.prefix) for key in keys} == {
        f"tokens:{installation}",
        f"budget:{bearer}",  # the installation's budget has the installation's key too
    }
    for secret in [token, *endpoint.credentials()]:
        assert not any(secret.encode() in key for key in keys)
    assert all(redis_store.client.pttl(key) > 0 for key in keys)


def test_the_lock_is_taken_once_frees_itself_and_is_released_only_by_its_holder(redis_store: RedisStore) -> None:
    vault = redis_store.tokens(key_of("oauth", CLIENT_ID, COMPANY))
    first = vault.lock(0.3)
    assert first is not None
    assert vault.lock(0.3) is None
    vault.unlock("not-the-holder")
    assert vault.lock(0.3) is None
    time.sleep(0.35)
    second = vault.lock(10)
    assert second is not None
    vault.unlock(first)  # expired: no longer its lock to release
    assert vault.lock(10) is None
    vault.unlock(second)
    assert vault.lock(10) is not None


def test_the_shared_budget_waits_for_the_window_and_a_429_pauses_everyone(redis_store: RedisStore) -> None:
    budget = redis_store.budget(key_of("token", "t"))
    assert budget.take(0.0, 5.0) == ""  # nothing known yet: untracked
    budget.answered("", BudgetNews(maximum=3, interval=0.4, remaining=1, rate_limited=False, pause=None))
    ticket = budget.take(0.0, 5.0)
    assert isinstance(ticket, str) and ticket
    wait = budget.take(0.0, 5.0)  # one left, and it is in flight
    assert wait == math.inf or (isinstance(wait, float) and wait > 0)
    budget.answered(ticket, BudgetNews(maximum=3, interval=0.4, remaining=0, rate_limited=False, pause=None))
    wait = budget.take(0.0, 5.0)
    assert isinstance(wait, float) and 0 < wait <= 0.4
    time.sleep(wait)
    assert isinstance(budget.take(0.0, 5.0), str)  # the window ended: the maximum again
    budget.answered("", BudgetNews(maximum=3, interval=0.4, remaining=0, rate_limited=True, pause=2.0))
    wait = budget.take(0.0, 5.0)
    assert isinstance(wait, float) and 1.9 < wait <= 2.0
    assert isinstance(budget.take(0.0, 1.0), str)  # a wait past the caller's bound is not started


@pytest.fixture
def nowhere() -> Iterator[RedisStore]:
    yield RedisStore.from_url(f"redis://127.0.0.1:{free_port()}/0")


def test_a_redis_that_cannot_be_reached_raises_store_error_and_warns_once(
    nowhere: RedisStore, caplog: pytest.LogCaptureFixture
) -> None:
    vault = nowhere.tokens("k")
    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            with pytest.raises(StoreError, match=r"Redis at 127\.0\.0\.1:\d+ could not be reached"):
                vault.read()
    assert len(caplog.records) == 1


def test_a_refresh_that_needs_an_unreachable_store_is_retryable_and_sends_nothing(nowhere: RedisStore) -> None:
    endpoint = TokenEndpoint()
    with running_server(endpoint) as url:
        with AuthenticatedClient(base_url=url, auth=oauth_on(nowhere, url)) as client:
            with pytest.raises(TokenRefreshError) as raised:
                get_custom_snapshots.sync(client=client, company_id=COMPANY)
    assert raised.value.retryable
    assert nowhere.name in str(raised.value)
    assert endpoint.refreshes + endpoint.refused == 0


def test_a_client_whose_store_cannot_be_reached_still_calls(nowhere: RedisStore) -> None:
    endpoint = TokenEndpoint()
    with running_server(endpoint) as url:
        form = {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "grant_type": "refresh_token"}
        answer = httpx.post(
            f"{url}/oauth/token", data={**form, "user_type": "Company", "refresh_token": FIRST_REFRESH_TOKEN}
        )
        token = answer.json()["access_token"]
        with AuthenticatedClient(base_url=url, token=token, store=nowhere) as client:
            answers = [get_custom_snapshots.sync_detailed(client=client, company_id=COMPANY) for _ in range(3)]
    assert [answer.status_code for answer in answers] == [200] * 3
