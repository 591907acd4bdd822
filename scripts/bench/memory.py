"""Peak memory of a parse, measured with tracemalloc the same way for every side.

tracemalloc counts every allocation made through Python's allocators (all objects that
json.loads, attrs models and dict copies create), from an empty trace: the input bytes
exist before tracing starts and are not counted, the result is kept alive until the peak
has been read. The figure is exact and does not depend on other processes or on how the
allocator reuses freed memory, unlike a peak RSS; it does not see memory malloc'd outside
Python's allocators (none of the parsers measured here do that for their objects).
"""

import gc
import tracemalloc
from collections.abc import Callable, Sequence

from scripts.bench.timing import frozen_heap


def peak_bytes(work: Callable[[], object]) -> int:
    """The highest traced memory while `work` runs and its result is still alive."""
    gc.collect()
    if tracemalloc.is_tracing():
        raise RuntimeError("tracemalloc is already tracing; the peak would include someone else's memory")
    tracemalloc.start()
    try:
        result = work()
        _, peak = tracemalloc.get_traced_memory()
        del result
    finally:
        tracemalloc.stop()
    return peak


def interleaved_peaks(sides: Sequence[tuple[str, Callable[[], object]]], rounds: int) -> dict[str, list[int]]:
    """Peak bytes of each side, the sides taking turns round by round."""
    peaks: dict[str, list[int]] = {name: [] for name, _ in sides}
    with frozen_heap():
        for _ in range(rounds):
            for name, work in sides:
                peaks[name].append(peak_bytes(work))
    return peaks
