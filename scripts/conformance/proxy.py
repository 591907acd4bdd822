"""A loopback proxy between the contract suite and its target that keeps a live run polite.

`PoliteProxy.forward` sends one request to the target and gives back its answer, after waiting
as long as politeness needs:
- a ceiling: at most `rate` requests in any `per_seconds` (CONFORMANCE_RATE);
- the server's own word: the burst budget its `X-RateLimit-*` headers report (read by
  `generated.ratelimit.RateLimit`, the one reader of those headers). The budget is shared with the
  user's production traffic, so a `reserve` of it (30 % of `X-RateLimit-Max` by default) is left
  alone: once the remaining budget is down to the reserve, the proxy waits until the window has
  certainly reset. HighLevel sends the window's length, not when it ends; the window a request
  landed in ends at most one interval after its answer arrived, and that is the wait.
- a burst 429 is waited out (Retry-After, else until the window has reset) and sent again.

It stops forwarding (`RunStopped`) when the run cannot go on: the request cap, the day's budget
spent (a 429 with `X-RateLimit-Daily-Remaining: 0`: retrying within the day cannot succeed), the
rate limit outlasting the run's time budget for waiting, or a target it cannot reach. It never
sleeps holding its lock.

As a WSGI app it answers itself, with the header REFUSED_HEADER, what it does not forward: once
stopped, a request httpx cannot put on the wire, and a request `allows(method, path)` refuses (a
live run's scope). The suite drops those answers: they never reach a check as if the API had sent
them.
"""

import math
import threading
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import quote

import httpx

from generated.client import tls_context
from generated.ratelimit import RateLimit
from scripts.wsgi import Answer, AnswerApp, IncomingRequest

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
# How often a request waits for another in flight when all of the ceiling is in flight.
POLL_SECONDS = 0.05


class RunStopped(Exception):
    """The proxy forwards nothing more; `reason` says why, in words meant for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


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


@dataclass
class ProxyStats:
    forwarded: int = 0
    rate_limited: int = 0  # 429s the target answered
    waited_seconds: float = 0.0
    refused: Counter[str] = field(default_factory=Counter)  # why -> requests the proxy answered itself
    stopped: str | None = None  # why it stopped forwarding, if it did


@dataclass
class _Window:
    """The server's current burst window, as far as its answers tell."""

    maximum: int
    remaining: int
    ends_by: float  # by this moment (our clock) the window has certainly ended


def daily_spent_reason(limit: RateLimit) -> str:
    back = "" if limit.daily_reset is None else f"; it comes back in {_duration(limit.daily_reset)}"
    return f"the day's request budget is spent (a 429 with X-RateLimit-Daily-Remaining: 0){back}"


def _duration(seconds: float) -> str:
    minutes = math.ceil(seconds / 60)
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


class PoliteProxy(AnswerApp):
    def __init__(
        self,
        target: str,
        politeness: Politeness,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        transport: httpx.BaseTransport | None = None,
        allows: Callable[[str, str], bool] = lambda method, path: True,
    ) -> None:
        self._target = target
        self._allows = allows
        self._client = httpx.Client(
            base_url=target, timeout=politeness.request_timeout, transport=transport, verify=tls_context(True)
        )
        self._politeness = politeness
        self._answered: deque[float] = deque()  # when the answers of the ceiling's window came
        self._in_flight = 0
        self._window: _Window | None = None
        self._lock = threading.Lock()
        self._sleep = sleep
        self._clock = clock
        self.stats = ProxyStats()

    def close(self) -> None:
        self._client.close()

    def forward(self, request: httpx.Request) -> httpx.Response:
        """Sends one request to the target politely and gives back the target's answer (read).

        Waits first as long as pacing needs; a burst 429 is waited out and the request sent again,
        so the answer is never a 429. Raises RunStopped, then and on every later call, when the run
        cannot go on: the request cap is reached, the day's budget is spent, the rate limit
        outlasts `max_wait_seconds` or answers 429 more than `max_429_retries` times in a row to
        one request, or the target cannot be reached (the httpx error is its cause). A request
        httpx cannot put on the wire raises httpx's InvalidURL or LocalProtocolError and stops
        nothing.
        """
        for attempt in range(self._politeness.max_429_retries + 1):
            self._wait_for_turn()
            response = self._send(request)
            if response.status_code != 429:
                return response
            limit = RateLimit.from_headers(response.headers, datetime.now(UTC))
            if limit.daily_spent:
                raise self._stop(daily_spent_reason(limit))
            with self._lock:
                self.stats.rate_limited += 1
            self._wait(self._wait_after_429(limit, attempt))
        raise self._stop(
            f"the target answered 429 to the same request {self._politeness.max_429_retries + 1} times in a row"
        )

    # --- pacing ------------------------------------------------------------------------------

    def _stop(self, reason: str) -> RunStopped:
        with self._lock:
            return self._stop_holding_lock(reason)

    def _stop_holding_lock(self, reason: str) -> RunStopped:
        """Stops forwarding, for the first reason given; the exception to raise."""
        self.stats.stopped = self.stats.stopped or reason
        return RunStopped(self.stats.stopped)

    def _wait(self, seconds: float) -> None:
        """Sleeps (never holding the lock), within the run's time budget for waiting."""
        budget = self._politeness.max_wait_seconds
        with self._lock:
            if self.stats.waited_seconds + seconds > budget:
                raise self._stop_holding_lock(
                    f"the rate limit outlasts the run's time budget for waiting: it asks for {seconds:.1f} s more, "
                    f"after {self.stats.waited_seconds:.1f} s of the {budget:g} s allowed"
                )
            self.stats.waited_seconds += seconds
        self._sleep(seconds)

    def _wait_for_turn(self) -> None:
        while True:
            with self._lock:
                if self.stats.stopped:
                    raise RunStopped(self.stats.stopped)
                if self.stats.forwarded >= self._politeness.max_requests:
                    raise self._stop_holding_lock(
                        f"the request cap of {self._politeness.max_requests} is reached before the run ended "
                        "(raise CONFORMANCE_MAX_REQUESTS)"
                    )
                delay = self._delay()
                if delay <= 0:
                    self._in_flight += 1
                    self.stats.forwarded += 1
                    return
            self._wait(delay)

    def _delay(self) -> float:
        """Under the lock: how long the next request must wait; 0 if it may go now."""
        now = self._clock()
        ceiling = self._politeness
        while self._answered and self._answered[0] <= now - ceiling.per_seconds:
            self._answered.popleft()
        if len(self._answered) + self._in_flight >= ceiling.rate:
            return self._answered[0] + ceiling.per_seconds - now if self._answered else POLL_SECONDS
        window = self._window
        if window is None or now >= window.ends_by:
            return 0.0
        if window.remaining - self._in_flight > math.ceil(window.maximum * ceiling.reserve):
            return 0.0
        return window.ends_by - now

    def _wait_after_429(self, limit: RateLimit, attempt: int) -> float:
        if limit.retry_after is not None:
            return limit.retry_after
        with self._lock:
            if self._window is not None:
                self._window.remaining = 0
                return max(self._window.ends_by - self._clock(), 0.0)
        return self._politeness.first_backoff_seconds * 2.0**attempt

    def _send(self, request: httpx.Request) -> httpx.Response:
        sent_at = self._clock()
        try:
            response = self._client.send(request)
            response.read()
        except (httpx.InvalidURL, httpx.LocalProtocolError):
            with self._lock:
                self.stats.forwarded -= 1  # nothing went out
            raise
        except httpx.TransportError as error:
            raise self._stop(f"could not reach {self._target}: {type(error).__name__}: {error}") from error
        finally:
            with self._lock:
                self._in_flight -= 1
                answered_at = self._clock()
                self._answered.append(answered_at)
        limit = RateLimit.from_headers(response.headers, datetime.now(UTC))
        with self._lock:
            self._observe(sent_at, answered_at, limit)
        return response

    def _observe(self, sent_at: float, answered_at: float, limit: RateLimit) -> None:
        """Under the lock: what an answer says about the server's burst window."""
        if limit.maximum is None or limit.remaining is None or limit.interval_seconds is None:
            return
        window = self._window
        if window is None or sent_at >= window.ends_by or limit.remaining > window.remaining:
            # A window this request landed in; it began before the request arrived, so it ends at
            # most one interval after the answer.
            self._window = _Window(limit.maximum, limit.remaining, answered_at + limit.interval_seconds)
        else:
            window.remaining = limit.remaining

    # --- as a WSGI app -----------------------------------------------------------------------

    def _refuse(self, status: int, why: str, message: str) -> Answer:
        """An answer of the proxy's own, marked as such, for a request it did not forward."""
        with self._lock:
            self.stats.refused[why] += 1
        return Answer.of_json(status, {"statusCode": status, "message": message}, (REFUSED_HEADER, why))

    def answer(self, incoming: IncomingRequest) -> Answer:
        headers = [(name, value) for name, value in incoming.headers.items() if name not in HOP_BY_HOP]
        # WSGI hands over the path percent-decoded (as latin-1 text); encode it again as sent.
        path = quote(incoming.raw_path.encode("latin-1"), safe="/:@!$&'()*+,;=")
        target = path + (f"?{incoming.query_string}" if incoming.query_string else "")
        if not self._allows(incoming.method, incoming.path):
            return self._refuse(403, "not-allowed", "not forwarded: a live run does not send this")
        try:
            request = self._client.build_request(incoming.method, target, headers=headers, content=incoming.body)
            response = self.forward(request)
        except (httpx.InvalidURL, httpx.LocalProtocolError) as error:
            # Bytes no HTTP client can put on the wire (a NUL in a header, a control character in
            # the URL): not sent, so there is no answer of the API to judge.
            return self._refuse(400, "malformed-request", f"not forwarded: {error}")
        except RunStopped as stopped:
            return self._refuse(503, "stopped", f"not forwarded: {stopped.reason}")
        kept = tuple((name, value) for name, value in response.headers.multi_items() if name.lower() not in HOP_BY_HOP)
        return Answer(response.status_code, response.content, kept)
