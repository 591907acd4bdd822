"""Many callers on one client against a fixed-window burst budget: do they share it?

`load` serves the live-like stand-in (`scripts/stand_ins/live_like.py`: `burst_max` requests per
`interval_ms`, of which `background` go to other traffic arriving evenly through each window)
on a loopback port, and has `workers` asyncio tasks (mode "async") or threads ("sync") make
`calls` calls each of `get_custom_snapshots` on one `AuthenticatedClient` with the given retry
policy (the default one unless told). It counts the calls that did not return the model (lost:
they raised or returned another model), the 429s the server answered, and the wall time, to set
against the least time the budget allows.
"""

import asyncio
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from generated import AuthenticatedClient
from generated.api.snapshots import get_custom_snapshots
from generated.models import GetSnapshotsSuccessfulResponseDto
from generated.retry import RetryPolicy
from scripts.stand_ins.live_like import COMPANY_ID, LiveLike
from scripts.wsgi import running_server

TOKEN = "budget-load-token-not-a-secret"  # noqa: S105 - a loopback stand-in's token


@dataclass(frozen=True)
class Scenario:
    workers: int
    calls: int
    burst_max: int = 50
    interval_ms: int = 5000
    background: int = 15
    latency: float = 0.0  # of each answer, in seconds
    policy: RetryPolicy = field(default_factory=RetryPolicy)

    @property
    def total_calls(self) -> int:
        return self.workers * self.calls

    @property
    def allowed_seconds(self) -> float:
        """The least wall time the budget allows: what other traffic leaves of a window is
        `burst_max - background`, so the calls need that many windows, the last one begun."""
        per_window = max(self.burst_max - self.background, 1)
        return (math.ceil(self.total_calls / per_window) - 1) * self.interval_ms / 1000

    def describe(self) -> str:
        seconds = self.interval_ms / 1000
        return f"{self.burst_max} per {seconds:g} s, {self.background} of them elsewhere"


@dataclass(frozen=True)
class LoadResult:
    calls: int
    returned: int
    rate_limited: int
    seconds: float
    background_rejected: int
    failures: tuple[str, ...]
    """What each lost call raised or returned, by type name."""

    @property
    def lost(self) -> int:
        return self.calls - self.returned


def stand_in(scenario: Scenario) -> LiveLike:
    """The live-like stand-in with the scenario's budget and other traffic."""
    return LiveLike(
        token=TOKEN,
        burst_max=scenario.burst_max,
        interval_ms=scenario.interval_ms,
        background=scenario.background,
        latency=scenario.latency,
    )


def load(mode: str, scenario: Scenario) -> LoadResult:
    app = stand_in(scenario)
    outcomes: list[object] = []
    with running_server(app) as url:
        client = AuthenticatedClient(base_url=url, token=TOKEN, retry=scenario.policy)
        started = time.perf_counter()
        if mode == "async":
            asyncio.run(_tasks(client, scenario, outcomes.append))
        else:
            call_in_threads(client, scenario, outcomes.append)
        seconds = time.perf_counter() - started
    lost = [outcome for outcome in outcomes if not isinstance(outcome, GetSnapshotsSuccessfulResponseDto)]
    return LoadResult(
        calls=scenario.total_calls,
        returned=len(outcomes) - len(lost),
        rate_limited=app.rate_limited,
        seconds=seconds,
        background_rejected=app.background_rejected,
        failures=tuple(type(outcome).__name__ for outcome in lost),
    )


async def _tasks(client: AuthenticatedClient, scenario: Scenario, keep: Callable[[object], None]) -> None:
    async def calls() -> None:
        for _ in range(scenario.calls):
            try:
                keep(await get_custom_snapshots.asyncio(client=client, company_id=COMPANY_ID))
            except Exception as error:  # a lost call, counted by its type
                keep(error)

    async with client:
        await asyncio.gather(*(calls() for _ in range(scenario.workers)))


def call_in_threads(client: AuthenticatedClient, scenario: Scenario, keep: Callable[[object], None]) -> None:
    def calls() -> None:
        for _ in range(scenario.calls):
            try:
                keep(get_custom_snapshots.sync(client=client, company_id=COMPANY_ID))
            except Exception as error:  # a lost call, counted by its type
                keep(error)

    with client:
        threads = [threading.Thread(target=calls) for _ in range(scenario.workers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
