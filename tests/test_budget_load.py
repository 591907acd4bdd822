"""The load goal of issue 14, scaled down: many callers of one client against a fixed-window budget
that other traffic shares lose no call and get few 429s; without the shared budget they get many.
`make bench` runs it at full size (50 per 5 s, 16 tasks and 8 threads of 15 calls)."""

from dataclasses import replace

import pytest

from generated.retry import RetryPolicy
from scripts.bench.budget import Scenario, load

SCALED = Scenario(workers=6, calls=4, burst_max=10, interval_ms=400, background=3)
# Shared, 0 or 1 on an idle machine; up to 3 seen with the 2 cores overloaded (load average 9), when a
# request sent just before a window ends arrives after it. Without sharing, 9 or 10.
MOST_429S = 4
# As issue 11 asks of a live run: within twice the least time the budget allows.
SLOWEST = 2 * SCALED.allowed_seconds


@pytest.mark.sleeps
@pytest.mark.parametrize("mode", ["async", "sync"])
def test_the_callers_of_one_client_share_its_budget(mode: str) -> None:
    result = load(mode, SCALED)
    assert (result.calls, result.lost, result.failures) == (24, 0, ())
    assert result.rate_limited <= MOST_429S
    # Waiting for the budget costs time, but no more than the windows the calls need.
    assert result.seconds <= SLOWEST


@pytest.mark.sleeps
@pytest.mark.parametrize("mode", ["async", "sync"])
def test_without_sharing_it_the_same_load_gets_more_429s(mode: str) -> None:
    result = load(mode, replace(SCALED, policy=RetryPolicy(shared_budget=False)))
    assert result.rate_limited > MOST_429S


def test_the_time_the_budget_allows_counts_the_windows_the_calls_need() -> None:
    # 240 calls at 35 a window (50, 15 elsewhere) need 7 windows: 6 whole intervals before the last.
    assert Scenario(workers=16, calls=15).allowed_seconds == 30.0
    assert Scenario(workers=8, calls=15).allowed_seconds == 15.0
    assert Scenario(workers=1, calls=35).allowed_seconds == 0.0
    assert Scenario(workers=16, calls=15).describe() == "50 per 5 s, 15 of them elsewhere"
