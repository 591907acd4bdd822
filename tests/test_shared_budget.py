"""The budget shared through a RedisStore, within one process (generated/shared_budget.py): the
threads and the tasks of a client take their turns in Redis and lose no call; with Redis killed in
the middle of a run they go on alone, with one warning, and share again once it is back."""

import asyncio
import logging
import threading
import time
import uuid
from collections.abc import Callable

import pytest

from generated import AuthenticatedClient
from generated.api.snapshots import get_custom_snapshots
from generated.models import GetSnapshotsSuccessfulResponseDto
from generated.stores_redis import RedisStore
from scripts.stand_ins.live_like import COMPANY_ID, LiveLike
from scripts.wsgi import running_server
from tests.support.redis_server import redis_server

TOKEN = "shared-budget-token-not-a-secret"
CALLS = 6
WORKERS = 6


def _stand_in() -> LiveLike:
    return LiveLike(token=TOKEN, burst_max=10, interval_ms=400, background=2, latency=0.01)


@pytest.mark.sleeps
def test_the_tasks_of_an_async_client_share_the_budget_through_redis(redis_store: RedisStore) -> None:
    app = _stand_in()

    async def calls(client: AuthenticatedClient) -> list[object]:
        return [await get_custom_snapshots.asyncio(client=client, company_id=COMPANY_ID) for _ in range(CALLS)]

    async def run(url: str) -> list[list[object]]:
        async with AuthenticatedClient(base_url=url, token=TOKEN, store=redis_store) as client:
            return await asyncio.gather(*(calls(client) for _ in range(WORKERS)))

    with running_server(app) as url:
        results = asyncio.run(run(url))
    assert all(isinstance(result, GetSnapshotsSuccessfulResponseDto) for group in results for result in group)
    assert app.rate_limited <= 2
    assert list(redis_store.client.scan_iter(f"{redis_store.prefix}budget:*"))


def _wait_for(condition: Callable[[], object], seconds: float = 20.0) -> None:
    give_up_at = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < give_up_at, "the run stalled"
        time.sleep(0.02)


@pytest.mark.sleeps
def test_threads_go_on_alone_while_redis_is_down_and_share_again_after(caplog: pytest.LogCaptureFixture) -> None:
    # Each step waits for calls to have been answered, not for a set time: a loaded machine only
    # makes the run longer.
    app = _stand_in()
    server = redis_server()
    server.start()
    store = RedisStore.from_url(server.url, prefix=f"test-{uuid.uuid4().hex}:")
    outcomes: list[object] = []
    stop = threading.Event()

    def budget_in_redis() -> bool:
        return bool(list(store.client.scan_iter(f"{store.prefix}budget:*")))

    try:
        with running_server(app) as url, AuthenticatedClient(base_url=url, token=TOKEN, store=store) as client:

            def calls() -> None:
                while not stop.is_set():
                    try:
                        outcomes.append(get_custom_snapshots.sync(client=client, company_id=COMPANY_ID))
                    except Exception as error:  # a lost call, kept to be shown
                        outcomes.append(error)

            threads = [threading.Thread(target=calls) for _ in range(WORKERS)]
            with caplog.at_level(logging.WARNING, logger="generated.stores_redis"):
                for thread in threads:
                    thread.start()
                _wait_for(lambda: len(outcomes) >= CALLS)
                server.kill()
                killed_at = len(outcomes)
                _wait_for(lambda: len(outcomes) >= killed_at + 2 * CALLS)  # going on alone
                server.start()
                _wait_for(budget_in_redis)  # shared again
                shared_at = len(outcomes)
                _wait_for(lambda: len(outcomes) >= shared_at + CALLS)
                stop.set()
                for thread in threads:
                    thread.join()
    finally:
        stop.set()
        server.kill()
    assert {type(outcome).__name__ for outcome in outcomes} == {"GetSnapshotsSuccessfulResponseDto"}
    assert [record.getMessage().split(" (")[0] for record in caplog.records] == [
        f"Redis at 127.0.0.1:{server.port} could not be reached",
        f"Redis at 127.0.0.1:{server.port} is reachable again",
    ]
