"""A loopback proxy between the contract suite and its target that keeps a run polite.

It forwards each request to the target and:
- paces them: at most `rate` requests in any `per_seconds` window (HighLevel documents
  100 per 10 seconds per app and resource; the default run uses 60);
- waits out a 429 (the wait the server asks for, as generated.retry.RateLimit reads it,
  else exponential backoff), halves its own rate, and tries again, a bounded number of
  times; and it waits before the next request whenever a response says the burst budget
  is spent;
- stops forwarding once `max_requests` have been sent, answering 503 with the header
  `X-Conformance-Refused: request-cap` and setting `cap_reached`.
"""

import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import quote

import httpx

from generated.retry import RateLimit
from scripts.wsgi import Environ, StartResponse, read_request, status_line

HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "host",
    "content-length",
    "content-encoding",
}
REFUSED_HEADER = "X-Conformance-Refused"


@dataclass(frozen=True)
class Politeness:
    rate: int = 60
    per_seconds: float = 10.0
    max_requests: int = 1000
    max_429_retries: int = 5
    max_wait_seconds: float = 60.0
    first_backoff_seconds: float = 1.0

    @classmethod
    def parse_rate(cls, text: str) -> tuple[int, float]:
        """'60/10s' -> (60, 10.0); also '5/500ms'."""
        count, _, window = text.partition("/")
        if window.endswith("ms"):
            return int(count), float(window[:-2]) / 1000
        return int(count), float(window.removesuffix("s") or 1)


@dataclass
class ProxyStats:
    forwarded: int = 0
    rate_limited: int = 0
    waited_seconds: float = 0.0
    cap_reached: bool = False
    transport_errors: list[str] = field(default_factory=list)


def wait_after_rate_limit(response: httpx.Response, attempt: int, first_backoff: float) -> float:
    """How long to wait before trying again after this 429 (attempt counts from 0)."""
    delay = RateLimit.from_headers(response.headers, datetime.now(UTC)).delay()
    return delay if delay is not None else first_backoff * 2.0**attempt


def _budget_spent_for(response: httpx.Response) -> float | None:
    """Seconds until HighLevel's burst window resets, if the response says the budget is spent."""
    limit = RateLimit.from_headers(response.headers, datetime.now(UTC))
    return limit.interval_seconds if limit.burst_spent else None


def _refuse(start_response: StartResponse, status: int, reason: str, message: str) -> list[bytes]:
    """An answer of the proxy's own, marked as such, for a request it did not forward."""
    payload = json.dumps({"statusCode": status, "message": message}).encode()
    headers = [(REFUSED_HEADER, reason), ("Content-Type", "application/json"), ("Content-Length", str(len(payload)))]
    start_response(status_line(status), headers)
    return [payload]


class PoliteProxy:
    def __init__(
        self,
        target: str,
        politeness: Politeness,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client = httpx.Client(base_url=target, timeout=httpx.Timeout(30.0, connect=10.0))
        self._politeness = politeness
        self._rate = politeness.rate
        self._sent: deque[float] = deque()
        self._not_before = 0.0
        self._lock = threading.Lock()
        self._sleep = sleep
        self._clock = clock
        self.stats = ProxyStats()

    def close(self) -> None:
        self._client.close()

    def _wait(self, seconds: float) -> None:
        seconds = min(seconds, self._politeness.max_wait_seconds)
        if seconds > 0:
            self.stats.waited_seconds += seconds
            self._sleep(seconds)

    def _pace(self) -> None:
        now = self._clock()
        if now < self._not_before:
            self._wait(self._not_before - now)
        window = self._politeness.per_seconds
        while True:
            now = self._clock()
            while self._sent and self._sent[0] <= now - window:
                self._sent.popleft()
            if len(self._sent) < self._rate:
                break
            self._wait(self._sent[0] + window - now)

    def forward(self, request: httpx.Request) -> httpx.Response | None:
        """The target's answer, or None once the request cap is reached."""
        with self._lock:
            for attempt in range(self._politeness.max_429_retries + 1):
                if self.stats.forwarded >= self._politeness.max_requests:
                    self.stats.cap_reached = True
                    return None
                self._pace()
                self.stats.forwarded += 1
                response = self._client.send(request)
                response.read()
                # Counted from when the answer is in, which is no earlier than the request's
                # arrival: so no window of the server's clock ever sees more than `rate`.
                self._sent.append(self._clock())
                spent = _budget_spent_for(response)
                if spent is not None:
                    self._not_before = self._clock() + spent
                if response.status_code != 429 or attempt == self._politeness.max_429_retries:
                    return response
                self.stats.rate_limited += 1
                self._rate = max(1, self._rate // 2)
                self._wait(wait_after_rate_limit(response, attempt, self._politeness.first_backoff_seconds))
        raise AssertionError("unreachable")

    def __call__(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        incoming = read_request(environ)
        headers = [(name, value) for name, value in incoming.headers.items() if name not in HOP_BY_HOP]
        # WSGI hands over the path percent-decoded (as latin-1 text); encode it again as sent.
        path = quote(incoming.raw_path.encode("latin-1"), safe="/:@!$&'()*+,;=")
        target = path + (f"?{incoming.query_string}" if incoming.query_string else "")
        try:
            request = self._client.build_request(incoming.method, target, headers=headers, content=incoming.body)
            response = self.forward(request)
        except (httpx.InvalidURL, httpx.LocalProtocolError) as error:
            # Bytes no HTTP client can put on the wire (a NUL in a header, a control character in
            # the URL): any HTTP stack in front of the API rejects them as a bad request too.
            return _refuse(start_response, 400, "malformed-request", f"not forwarded: {error}")
        except httpx.TransportError as error:
            self.stats.transport_errors.append(f"{type(error).__name__}: {error}")
            return _refuse(start_response, 502, "unreachable", f"could not reach the target: {error}")
        if response is None:
            return _refuse(start_response, 503, "request-cap", "the run's request cap is reached")
        kept = [(name, value) for name, value in response.headers.multi_items() if name.lower() not in HOP_BY_HOP]
        start_response(status_line(response.status_code), [*kept, ("Content-Length", str(len(response.content)))])
        return [response.content]
