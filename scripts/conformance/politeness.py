"""The pacing of a live run (`Politeness`, what the polite proxy obeys) and its settings, read from the
environment and checked: a value that makes no sense is a UsageError that says so in one line, never a traceback.

- CONFORMANCE_RATE: a ceiling, at most N requests per window, `60/10s` (default) or `5/500ms`;
- CONFORMANCE_MAX_REQUESTS: at most this many requests in all (default 500);
- CONFORMANCE_RESERVE: the share of the server's burst budget left to other traffic, `0.3`
  (default) or `30%`; 0 leaves none;
- CONFORMANCE_MAX_WAIT: the run's time budget for waiting on the rate limit, all waits together,
  in seconds (default 300); a rate limit that needs longer stops the run.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass

DEFAULTS = {
    "CONFORMANCE_RATE": "60/10s",
    "CONFORMANCE_MAX_REQUESTS": "500",
    "CONFORMANCE_RESERVE": "0.3",
    "CONFORMANCE_MAX_WAIT": "300",
}


@dataclass(frozen=True)
class Politeness:
    rate: int = 60
    per_seconds: float = 10.0
    max_requests: int = 1000
    reserve: float = 0.3  # the fraction of the server's burst budget left to other traffic
    request_timeout: float = 30.0  # one request to the target
    max_wait_seconds: float = 300.0  # all the waits of a run together; a longer rate limit stops it
    max_429_retries: int = 5  # consecutive 429s to one request
    first_backoff_seconds: float = 1.0  # after a 429 that says nothing of when to come back

    def longest_forward_seconds(self) -> float:
        """The most one `forward` can take, its waits and every attempt included: whoever asks the
        proxy must be ready to wait that long, or a wait would turn into a request timeout."""
        return self.max_wait_seconds + (self.max_429_retries + 1) * self.request_timeout


class UsageError(Exception):
    pass


def parse_rate(text: str) -> tuple[int, float]:
    """'60/10s' -> (60, 10.0); '5/500ms' -> (5, 0.5); '3/2' -> (3, 2.0)."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+(?:\.\d*)?)\s*(ms|s)?\s*", text)
    if match is None:
        raise UsageError(f"CONFORMANCE_RATE must be requests per window, such as 60/10s or 5/500ms, not {text!r}")
    count, window = int(match[1]), float(match[2]) / (1000 if match[3] == "ms" else 1)
    if count < 1 or window <= 0:
        raise UsageError(f"CONFORMANCE_RATE must allow at least 1 request in a window longer than 0, not {text!r}")
    return count, window


def _positive(name: str, text: str, kind: type[int] | type[float]) -> float:
    try:
        value = kind(text)
    except ValueError:
        value = 0
    if not value > 0 or value == float("inf"):
        what = "a whole number" if kind is int else "a number"
        raise UsageError(f"{name} must be {what} greater than 0, not {text!r}")
    return value


def parse_reserve(text: str) -> float:
    """'0.3' or '30%' -> 0.3; from 0 (no reserve) to just under 1."""
    number = text.strip().removesuffix("%")
    try:
        value = float(number) / (100 if text.strip().endswith("%") else 1)
    except ValueError:
        value = -1.0
    if not 0 <= value < 1:
        raise UsageError(f"CONFORMANCE_RESERVE must be a share from 0 to below 1, such as 0.3 or 30%, not {text!r}")
    return value


def live_politeness(env: Mapping[str, str]) -> Politeness:
    """The pacing of a live run (and of a recording) from CONFORMANCE_* settings."""
    settings = {name: env.get(name) or default for name, default in DEFAULTS.items()}
    rate, per_seconds = parse_rate(settings["CONFORMANCE_RATE"])
    return Politeness(
        rate=rate,
        per_seconds=per_seconds,
        max_requests=int(_positive("CONFORMANCE_MAX_REQUESTS", settings["CONFORMANCE_MAX_REQUESTS"], int)),
        reserve=parse_reserve(settings["CONFORMANCE_RESERVE"]),
        max_wait_seconds=_positive("CONFORMANCE_MAX_WAIT", settings["CONFORMANCE_MAX_WAIT"], float),
    )
