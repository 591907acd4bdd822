"""Many worker processes on one burst budget: do they share it through the store?

`load_processes` serves the live-like stand-in (as `budget.load` does) and starts `processes`
worker processes (spawned, as a service's workers are separate programs), each with one
`AuthenticatedClient` on the same token whose `scenario.workers` threads make `scenario.calls`
calls each. With a Redis URL the clients share the budget through a `RedisStore` (under a prefix
of the run's own); without one, each process has its own budget, as before issue 21. The clock
starts once every process is ready to call.
"""

import multiprocessing
import time
import uuid
from multiprocessing.synchronize import Barrier

from generated import AuthenticatedClient
from generated.models import GetSnapshotsSuccessfulResponseDto
from generated.retry import RetryPolicy
from generated.stores import Store
from scripts.bench.budget import TOKEN, LoadResult, Scenario, call_in_threads, stand_in
from scripts.wsgi import running_server

READY_SECONDS = 60.0


def load_processes(scenario: Scenario, processes: int, redis_url: str | None) -> LoadResult:
    app = stand_in(scenario)
    context = multiprocessing.get_context("spawn")
    ready = context.Barrier(processes + 1)
    outcomes = context.Queue()
    prefix = f"bench-{uuid.uuid4().hex}:"
    with running_server(app) as url:
        workers = [
            context.Process(target=_worker, args=(url, redis_url, prefix, scenario, ready, outcomes))
            for _ in range(processes)
        ]
        for worker in workers:
            worker.start()
        ready.wait(READY_SECONDS)
        started = time.perf_counter()
        said: list[str] = [name for _ in workers for name in outcomes.get(timeout=READY_SECONDS * 5)]
        seconds = time.perf_counter() - started
        for worker in workers:
            worker.join()
    lost = tuple(name for name in said if name != GetSnapshotsSuccessfulResponseDto.__name__)
    return LoadResult(
        calls=scenario.total_calls * processes,
        returned=len(said) - len(lost),
        rate_limited=app.rate_limited,
        seconds=seconds,
        background_rejected=app.background_rejected,
        failures=lost,
    )


def _worker(
    url: str,
    redis_url: str | None,
    prefix: str,
    scenario: Scenario,
    ready: Barrier,
    outcomes: "multiprocessing.Queue[list[str]]",
) -> None:
    store: Store | None = None
    if redis_url is not None:
        from generated.stores_redis import RedisStore

        store = RedisStore.from_url(redis_url, prefix=prefix)
    client = AuthenticatedClient(base_url=url, token=TOKEN, retry=scenario.policy or RetryPolicy(), store=store)
    said: list[object] = []
    ready.wait(READY_SECONDS)
    call_in_threads(client, scenario, said.append)
    outcomes.put([type(outcome).__name__ for outcome in said])
