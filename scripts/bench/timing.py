"""Interleaved timing: the sides of a comparison take turns (A B A B ...), one sample each per round.

Load on the machine that comes and goes then hits every side alike, and the ratio of one
round's samples is a fair figure even when the absolute times drift. A sample runs a side's
workload `loops` times; `loops` is calibrated once so that the first side's sample lasts at
least `min_seconds`, and every side uses the same count.
"""

import gc
import statistics
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

Clock = Callable[[], float]
Batch = Callable[[int], object]
"""Runs a workload the given number of times."""

MAX_LOOPS = 1 << 20


@dataclass(frozen=True)
class Side:
    name: str
    batch: Batch


@dataclass(frozen=True)
class Summary:
    """The median of a set of values and its spread: the interquartile range (p25 to p75)."""

    median: float
    low: float
    high: float


def summarize(values: Sequence[float]) -> Summary:
    if not values:
        raise ValueError("nothing to summarize")
    if len(values) == 1:
        return Summary(values[0], values[0], values[0])
    low, median, high = statistics.quantiles(values, n=4, method="inclusive")
    return Summary(median=median, low=low, high=high)


@dataclass(frozen=True)
class Rounds:
    """Seconds per call of every side, one value per round, in the order the rounds ran."""

    loops: int
    per_call: dict[str, list[float]]

    def ratios(self, candidate: str, baseline: str) -> list[float]:
        """The candidate's time over the baseline's, round by round."""
        return [c / b for c, b in zip(self.per_call[candidate], self.per_call[baseline], strict=True)]

    def ratio(self, candidate: str, baseline: str) -> Summary:
        return summarize(self.ratios(candidate, baseline))

    def time(self, side: str) -> Summary:
        return summarize(self.per_call[side])


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Moves every object alive now out of the garbage collector's sight, until the end.

    The harness's own heap (the project, schemathesis, pydantic: some 100,000 objects) would
    otherwise make every collection, ours between samples and the automatic ones within,
    cost tens of milliseconds that belong to neither side.
    """
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _timed(batch: Batch, loops: int, clock: Clock) -> float:
    start = clock()
    batch(loops)
    return clock() - start


def calibrate(batch: Batch, min_seconds: float, clock: Clock = time.perf_counter) -> int:
    """The smallest power of two of loops for which one sample lasts at least min_seconds."""
    loops = 1
    while loops < MAX_LOOPS and _timed(batch, loops, clock) < min_seconds:
        loops *= 2
    return loops


def interleave(
    sides: Sequence[Side],
    rounds: int,
    min_seconds: float,
    clock: Clock = time.perf_counter,
    between: Callable[[], object] = gc.collect,
) -> Rounds:
    """Runs each side once to warm up, calibrates on the first side, then `rounds` rounds.

    `between` runs before every sample, outside the timed part: by default a garbage
    collection, so that no side pays for the garbage of the one before it. The heap that
    exists before the comparison starts is frozen (see `frozen_heap`).
    """
    if len({side.name for side in sides}) != len(sides) or len(sides) < 2:
        raise ValueError("need at least two sides with distinct names")
    if rounds < 1:
        raise ValueError("need at least one round")
    per_call: dict[str, list[float]] = {side.name: [] for side in sides}
    with frozen_heap():
        for side in sides:
            side.batch(1)
        between()
        loops = calibrate(sides[0].batch, min_seconds, clock)
        for _ in range(rounds):
            for side in sides:
                between()
                per_call[side.name].append(_timed(side.batch, loops, clock) / loops)
    return Rounds(loops=loops, per_call=per_call)
