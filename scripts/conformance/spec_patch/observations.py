"""What a run saw, per operation and status: how many responses, and the JSON bodies of those that drifted."""

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

# Distinct drifting bodies kept per operation and status; repeats of a kept body are only counted.
MAX_SAMPLES = 100


@dataclass
class Sample:
    body: Any
    times: int = 1


@dataclass
class Seen:
    """The responses of one operation with one status."""

    responses: int = 0  # all of them, drifting or not
    drifted: int = 0
    samples: dict[str, Sample] = field(default_factory=dict)  # canonical JSON -> the body and how often it came
    first: datetime | None = None  # when the first and the last drifting body came (UTC)
    last: datetime | None = None

    @property
    def days(self) -> tuple[date, date] | None:
        return (self.first.date(), self.last.date()) if self.first and self.last else None


class Observations:
    def __init__(self) -> None:
        self._seen: dict[tuple[str, int], Seen] = {}

    def record(self, operation_id: str, status: int, body: Any, *, drifted: bool, at: datetime | None = None) -> None:
        """Counts one response; keeps its body (a sample of them) when it showed drift."""
        seen = self._seen.setdefault((operation_id, status), Seen())
        seen.responses += 1
        if not drifted:
            return
        seen.drifted += 1
        moment = at or datetime.now(UTC)
        seen.first = min(seen.first or moment, moment)
        seen.last = max(seen.last or moment, moment)
        key = json.dumps(body, sort_keys=True, ensure_ascii=False)
        if key in seen.samples:
            seen.samples[key].times += 1
        elif len(seen.samples) < MAX_SAMPLES:
            seen.samples[key] = Sample(body)

    def drifted(self) -> Iterator[tuple[str, int, Seen]]:
        """(operationId, status, what was seen) for every pair with a drifting body, in the order first seen."""
        for (operation_id, status), seen in self._seen.items():
            if seen.samples:
                yield operation_id, status, seen

    def __bool__(self) -> bool:
        return any(seen.samples for seen in self._seen.values())
