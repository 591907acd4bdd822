"""Worker processes on one token share its burst budget through Redis (issue 21), scaled down from
the issue's 4 processes x 8 threads x 15 calls at 50 per 5 s (15 of them other traffic), which
`make bench` runs: no call lost, few 429s, and no slower than the budget allows. (`make bench`
runs the same load with a budget per process, as before issue 21, for comparison.)"""

from dataclasses import replace

import pytest

from scripts.bench.budget import Scenario
from scripts.bench.many_workers import load_processes

PROCESSES = 4
SCALED = Scenario(workers=3, calls=4, burst_max=20, interval_ms=1000, background=6, latency=0.02)
MOST_429S = 10
SLOWEST = 1.3


def _allowed_seconds(scenario: Scenario) -> float:
    return replace(scenario, workers=scenario.workers * PROCESSES).allowed_seconds


@pytest.mark.processes
def test_worker_processes_share_one_budget_through_redis(redis_url: str) -> None:
    result = load_processes(SCALED, PROCESSES, redis_url)
    assert (result.calls, result.lost, result.failures) == (48, 0, ())
    assert result.rate_limited <= MOST_429S
    assert result.seconds <= SLOWEST * _allowed_seconds(SCALED)
