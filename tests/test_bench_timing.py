"""The interleaving helper of `make bench`, on a fake clock: no timing assertion touches a real clock."""

import pytest

from scripts.bench.timing import Rounds, Side, calibrate, interleave, summarize


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _log() -> list[tuple[str, int]]:
    return []


def _side(name: str, seconds_per_call: float, clock: FakeClock, log: list[tuple[str, int]]) -> Side:
    def batch(loops: int) -> None:
        log.append((name, loops))
        clock.now += seconds_per_call * loops

    return Side(name, batch)


def test_summary_is_the_median_and_the_interquartile_range() -> None:
    summary = summarize([9.0, 1.0, 5.0, 3.0, 7.0, 2.0, 8.0, 4.0, 6.0])
    assert (summary.median, summary.low, summary.high) == (5.0, 3.0, 7.0)
    assert summarize([2.5]) == summarize([2.5, 2.5])
    with pytest.raises(ValueError):
        summarize([])


def test_calibration_takes_the_first_power_of_two_that_lasts_long_enough() -> None:
    clock, log = FakeClock(), _log()
    side = _side("a", 0.001, clock, log)
    assert calibrate(side.batch, 0.02, clock) == 32  # 16 loops last 16 ms, 32 last 32 ms
    assert [loops for _, loops in log] == [1, 2, 4, 8, 16, 32]


def test_the_sides_take_turns_round_by_round_with_the_same_loop_count() -> None:
    clock, log = FakeClock(), _log()
    sides = [_side("bare", 0.004, clock, log), _side("typed", 0.005, clock, log), _side("other", 0.002, clock, log)]
    rounds = interleave(sides, rounds=4, min_seconds=0.01, clock=clock, between=lambda: None)

    warm_up, calibration, timed = log[:3], log[3:6], log[6:]
    assert warm_up == [("bare", 1), ("typed", 1), ("other", 1)]
    assert calibration == [("bare", 1), ("bare", 2), ("bare", 4)]  # on the first side only
    assert rounds.loops == 4  # 4 loops of 4 ms: the first sample of at least 10 ms
    assert [name for name, _ in timed] == ["bare", "typed", "other"] * 4
    assert {loops for _, loops in timed} == {rounds.loops}
    assert rounds.per_call["typed"] == pytest.approx([0.005] * 4)
    assert rounds.ratio("typed", "bare").median == pytest.approx(1.25)
    assert rounds.ratio("other", "bare").median == pytest.approx(0.5)


def test_something_runs_between_samples_outside_the_timed_part() -> None:
    clock, log = FakeClock(), _log()
    calls: list[int] = []

    def between() -> None:
        calls.append(len(log))
        clock.now += 100.0  # would wreck every figure if it were timed

    sides = [_side("a", 0.01, clock, log), _side("b", 0.02, clock, log)]
    rounds = interleave(sides, rounds=3, min_seconds=0.0, clock=clock, between=between)
    assert len(calls) == 1 + 2 * 3  # once after the warm-up, then before every sample
    assert rounds.per_call["a"] == pytest.approx([0.01] * 3)
    assert rounds.ratio("b", "a").high == pytest.approx(2.0)


def test_ratios_pair_the_samples_of_the_same_round() -> None:
    # The machine got 10x and 100x slower in rounds 2 and 3: every round's ratio is still 2.
    rounds = Rounds(loops=1, per_call={"bare": [1.0, 10.0, 100.0], "typed": [2.0, 20.0, 200.0]})
    assert rounds.ratios("typed", "bare") == [2.0, 2.0, 2.0]
    summary = rounds.ratio("typed", "bare")
    assert (summary.low, summary.median, summary.high) == (2.0, 2.0, 2.0)
    assert rounds.time("typed").median == 20.0


def test_a_comparison_needs_two_distinct_sides_and_a_round() -> None:
    clock, log = FakeClock(), _log()
    a = _side("a", 0.01, clock, log)
    with pytest.raises(ValueError):
        interleave([a], rounds=3, min_seconds=0.0, clock=clock)
    with pytest.raises(ValueError):
        interleave([a, a], rounds=3, min_seconds=0.0, clock=clock)
    with pytest.raises(ValueError):
        interleave([a, _side("b", 0.01, clock, log)], rounds=0, min_seconds=0.0, clock=clock)
