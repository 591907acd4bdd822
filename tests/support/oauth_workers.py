"""Worker processes of one OAuth installation, as a service's workers are: each one builds its own
OAuthRefresh from the configuration (the first refresh token, long spent by the time a late worker
starts) and a RedisStore, then calls the token stand-in's resource until a wall-clock end.

`start_workers` spawns them; each waits on a barrier, then `delay` seconds, then calls every
`gap` seconds until `seconds` after the barrier, and puts its `Outcome` on the queue."""

import multiprocessing
import time
from dataclasses import dataclass
from multiprocessing.context import SpawnProcess
from multiprocessing.synchronize import Barrier

import httpx

from generated import AuthenticatedClient
from generated.api.snapshots import get_custom_snapshots
from generated.auth import OAuthRefresh
from generated.errors import TokenRefreshError
from generated.models import GetSnapshotsSuccessfulResponseDto
from generated.stores_redis import RedisStore
from scripts.stand_ins.token_endpoint import CLIENT_ID, CLIENT_SECRET, FIRST_REFRESH_TOKEN

COMPANY = "5D112kQsiKESj6rash"
INSTALLATION = COMPANY
READY_SECONDS = 60.0


@dataclass(frozen=True)
class Plan:
    resource_url: str
    token_url: str
    redis_url: str
    prefix: str
    seconds: float  # of calls, from the moment every worker is ready
    delay: float = 0.0  # before this worker builds its OAuthRefresh and calls
    gap: float = 0.05
    timeout: float = 5.0  # of the token request: the refresh lock lives about three times as long


@dataclass(frozen=True)
class Failure:
    at: float  # time.time()
    kind: str
    retryable: bool
    message: str


@dataclass(frozen=True)
class Outcome:
    calls: int
    failures: tuple[Failure, ...]
    first_answered_at: float | None  # time.time() of the first call that returned the model


def start_workers(plans: list[Plan]) -> tuple[list[SpawnProcess], "multiprocessing.Queue[Outcome]"]:
    """Spawns one worker for each plan and returns once they are all ready to call."""
    context = multiprocessing.get_context("spawn")
    ready = context.Barrier(len(plans) + 1)
    outcomes: multiprocessing.Queue[Outcome] = context.Queue()
    workers = [context.Process(target=_work, args=(plan, ready, outcomes)) for plan in plans]
    for worker in workers:
        worker.start()
    ready.wait(READY_SECONDS)
    return workers, outcomes


def _work(plan: Plan, ready: Barrier, outcomes: "multiprocessing.Queue[Outcome]") -> None:
    ready.wait(READY_SECONDS)
    until = time.time() + plan.seconds
    time.sleep(plan.delay)
    auth = OAuthRefresh(
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        refresh_token=FIRST_REFRESH_TOKEN,
        store=RedisStore.from_url(plan.redis_url, prefix=plan.prefix),
        installation=INSTALLATION,
        base_url=plan.token_url,
        timeout=httpx.Timeout(plan.timeout),
    )
    calls, failures, first_answered_at = 0, [], None
    with AuthenticatedClient(base_url=plan.resource_url, auth=auth) as client:
        while time.time() < until:
            calls += 1
            try:
                answer = get_custom_snapshots.sync(client=client, company_id=COMPANY)
                if not isinstance(answer, GetSnapshotsSuccessfulResponseDto):
                    failures.append(Failure(time.time(), type(answer).__name__, False, ""))
                elif first_answered_at is None:
                    first_answered_at = time.time()
            except Exception as error:  # a failed call, counted by its type
                retryable = isinstance(error, TokenRefreshError) and error.retryable
                failures.append(Failure(time.time(), type(error).__name__, retryable, str(error)))
            time.sleep(plan.gap)
    outcomes.put(Outcome(calls, tuple(failures), first_answered_at))
