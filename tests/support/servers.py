"""Replay servers with a twist, for the conformance tests: counting, rate limiting, adding fields."""

import threading
import time

from scripts.replay.app import Answer, ReplayApp
from scripts.wsgi import IncomingRequest


class CountingServer(ReplayApp):
    """Remembers when each request arrived, and its method and path."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.arrivals: list[float] = []
        self.requests: list[str] = []
        self._lock = threading.Lock()

    def answer(self, request: IncomingRequest) -> Answer:
        with self._lock:
            self.arrivals.append(time.monotonic())
            self.requests.append(f"{request.method} {request.path}")
        return super().answer(request)

    def most_in_any_window(self, seconds: float) -> int:
        return max(
            (sum(1 for other in self.arrivals if start <= other < start + seconds) for start in self.arrivals),
            default=0,
        )


class RateLimitingFirst(CountingServer):
    """Answers the first `limited` requests with HighLevel's 429: budget spent, window of `interval_ms`."""

    limited = 4
    interval_ms = 150

    def answer(self, request: IncomingRequest) -> Answer:
        count = len(self.arrivals)
        answer = super().answer(request)
        if count >= self.limited:
            return answer
        return Answer(
            429,
            {"statusCode": 429, "message": "Too Many Requests"},
            (
                ("Content-Type", "application/json"),
                ("X-RateLimit-Remaining", "0"),
                ("X-RateLimit-Max", "100"),
                ("X-RateLimit-Interval-Milliseconds", str(self.interval_ms)),
            ),
        )
