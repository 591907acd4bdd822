"""The replay, counting what it is sent (`CountingReplay`), and answering the first requests with 429s
(`RateLimitingFirst`), for the conformance and pagination tests."""

import threading
import time

from scripts.stand_ins.replay import ReplayApp
from scripts.wsgi import Answer, IncomingRequest


class CountingReplay(ReplayApp):
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


class RateLimitingFirst(CountingReplay):
    """Answers the first `limited` requests with HighLevel's 429: budget spent, window of `interval_ms`."""

    limited = 4
    interval_ms = 150

    def answer(self, request: IncomingRequest) -> Answer:
        count = len(self.arrivals)
        answer = super().answer(request)
        if count >= self.limited:
            return answer
        return Answer.of_json(
            429,
            {"statusCode": 429, "message": "Too Many Requests"},
            ("X-RateLimit-Remaining", "0"),
            ("X-RateLimit-Max", "100"),
            ("X-RateLimit-Interval-Milliseconds", str(self.interval_ms)),
        )
