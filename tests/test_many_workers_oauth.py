"""Worker processes on one OAuth installation share its tokens through Redis (issue 21): one
refresh at a time across processes, a late worker started with the configuration's spent refresh
token uses the store's, a worker killed while it holds the refresh lock stops the others only until
the lock frees itself, and Redis killed mid-run costs no call and spends no refresh token unstored.

The token stand-in (scripts/stand_ins/token_endpoint.py) counts refreshes, refreshes that overlap,
spent refresh tokens presented again and requests refused. Token lives are shortened from the
issue's 2 s to 1 s (refreshed at half life, so about two refreshes a second) and runs to a few
seconds: as many refreshes race per token life, and `make test` stays short."""

import multiprocessing
import socket
import time
import uuid
from multiprocessing.context import SpawnProcess
from pathlib import Path

import pytest

from generated.stores import key_of
from generated.stores_redis import RedisStore
from scripts.stand_ins.token_endpoint import CLIENT_ID, TokenEndpoint
from scripts.wsgi import running_server
from tests.support.oauth_workers import INSTALLATION, Outcome, Plan, start_workers
from tests.support.redis_server import redis_server

LIFETIME = 1.0
RUN_SECONDS = 3.0
LATE = 1.5
RESULT_SECONDS = 30.0


def _outcomes(workers: list[SpawnProcess], queue: "multiprocessing.Queue[Outcome]") -> list[Outcome]:
    outcomes = [queue.get(timeout=RESULT_SECONDS) for _ in workers]
    for worker in workers:
        worker.join()
    return outcomes


@pytest.mark.processes
def test_five_workers_and_a_late_one_refresh_one_at_a_time(redis_url: str) -> None:
    endpoint = TokenEndpoint(lifetime=LIFETIME)
    prefix = f"test-{uuid.uuid4().hex}:"
    with running_server(endpoint) as url:
        plans = [Plan(url, url, redis_url, prefix, RUN_SECONDS, delay=LATE if n == 4 else 0.0) for n in range(5)]
        workers, queue = start_workers(plans)
        outcomes = _outcomes(workers, queue)
    assert [outcome.failures for outcome in outcomes] == [()] * 5
    assert all(outcome.calls >= 10 for outcome in outcomes)
    assert (endpoint.most_at_once, endpoint.spent_presented, endpoint.refused) == (1, 0, 0)
    # One refresh per half life (the client refreshes then), not one per worker.
    half_lives = RUN_SECONDS / (LIFETIME / 2)
    assert half_lives / 2 <= endpoint.refreshes <= half_lives + 2


@pytest.mark.processes
def test_a_worker_killed_holding_the_refresh_lock_stops_the_others_only_until_it_expires(redis_url: str) -> None:
    endpoint = TokenEndpoint(lifetime=LIFETIME)
    prefix = f"test-{uuid.uuid4().hex}:"
    lock_key = f"{prefix}lock:{key_of('oauth', CLIENT_ID, INSTALLATION)}"
    with running_server(endpoint) as url, socket.create_server(("127.0.0.1", 0)) as silent:
        # The victim's token endpoint takes its refresh and never answers: killed then, it holds the lock.
        silent_url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        victim, _ = start_workers([Plan(url, silent_url, redis_url, prefix, seconds=5.0, timeout=0.5)])
        connection, _ = silent.accept()
        victim[0].kill()
        killed_at = time.time()
        connection.close()
        held_for = RedisStore.from_url(redis_url).client.pttl(lock_key) / 1000
        assert held_for > 1.0
        plans = [Plan(url, url, redis_url, prefix, seconds=held_for + 1.0, timeout=0.5) for _ in range(2)]
        workers, queue = start_workers(plans)
        outcomes = _outcomes(workers, queue)
    assert [outcome.failures for outcome in outcomes] == [(), ()]
    assert all(outcome.calls >= 5 for outcome in outcomes)
    assert (endpoint.most_at_once, endpoint.spent_presented, endpoint.refused) == (1, 0, 0)
    assert endpoint.refreshes >= 1
    # They waited for the lock to free itself, and went on soon after (their start took part of it).
    for outcome in outcomes:
        assert outcome.first_answered_at is not None
        assert held_for - 0.1 <= outcome.first_answered_at - killed_at <= held_for + 2.0


@pytest.mark.processes
def test_redis_killed_mid_run_costs_no_call_and_spends_no_refresh_token_unstored(tmp_path: Path) -> None:
    # Tokens of 3 s, refreshed after 1.5 s: Redis is down from before the second refresh is due
    # until after, while the token is still alive.
    endpoint = TokenEndpoint(lifetime=3.0)
    server = redis_server(data=tmp_path)  # a store of tokens keeps every write
    server.start()
    prefix = f"test-{uuid.uuid4().hex}:"
    try:
        with running_server(endpoint) as url:
            plans = [Plan(url, url, server.url, prefix, seconds=3.5) for _ in range(3)]
            workers, queue = start_workers(plans)
            while endpoint.refreshes == 0:
                time.sleep(0.01)
            first_refresh = time.monotonic()
            time.sleep(1.2)
            server.kill()
            time.sleep(first_refresh + 1.8 - time.monotonic())
            server.start()
            outcomes = _outcomes(workers, queue)
    finally:
        server.kill()
    assert [outcome.failures for outcome in outcomes] == [(), (), ()]
    assert (endpoint.most_at_once, endpoint.spent_presented, endpoint.refused) == (1, 0, 0)
    assert endpoint.refreshes >= 2  # the refresh due in the outage, run through the store once it was back
