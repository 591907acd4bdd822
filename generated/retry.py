"""Retries of idempotent requests after transient failures, and HighLevel's burst budget shared by
every caller of a client, as httpx transports.

The clients install ``RetryTransport`` / ``AsyncRetryTransport`` around their transport unless
their ``retry`` policy is None. A request is retried only when its method is idempotent
(``IDEMPOTENT_METHODS``) and an attempt ended with a status in ``RetryPolicy.retry_statuses``
(a 429 of the daily budget excepted) or with one of ``RETRYABLE_ERRORS``. The first attempt goes
straight to the wrapped transport; tenacity only takes over once an attempt has failed, so a call
that succeeds pays nothing for it. Before every attempt, of any method, the transport asks its
``BurstBudget`` (one per transport, so one for all the callers of a client's sync side and one
for its async side) whether the request may go now.
"""

import asyncio
import email.utils
import logging
import math
import ssl
import threading
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import httpx
from attrs import define, field
from attrs.validators import ge
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    retry_if_result,
    stop_after_attempt,
    stop_before_delay,
    wait_random_exponential,
)

logger = logging.getLogger(__name__)

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
"""POST and PATCH are never retried: the server may have acted on a request whose answer was lost."""

RETRYABLE_ERRORS: tuple[type[httpx.TransportError], ...] = (
    httpx.ConnectError,
    httpx.ReadError,
    httpx.WriteError,
    httpx.RemoteProtocolError,
)
"""Failures before any response arrived: the connection was refused, reset or closed without an
answer. Timeouts are not retried (the timeout is the caller's bound on the wait), and neither is a
failure while the body is read (it happens in httpx after the transport has answered)."""

# The transport options of httpx_args that httpx.Client would hand to the default transport it
# builds when it is given none.
_TRANSPORT_OPTIONS = ("cert", "http1", "http2", "limits", "trust_env")


@define(frozen=True)
class RetryPolicy:
    """When and how often a client retries an idempotent request, and how its callers share
    HighLevel's burst budget.

    Attributes:
        max_attempts: attempts in all, the first included; 1 switches retries off.
        backoff_base: seconds; the wait before retry n is random between 0 and
            ``min(backoff_max, backoff_base * 2 ** (n - 1))`` ("full jitter").
        backoff_max: seconds; the most a backoff wait can be.
        max_total_seconds: no wait starts that would end later than this many seconds after the
            call began (the waits for the budget included); the last response or error is then
            the call's outcome, and a request still waiting for the budget is sent.
        retry_statuses: the statuses that are retried (a 429 of the daily budget never is).
        shared_budget: the callers of the client share what the API last said about the burst
            budget (``BurstBudget``): a request waits for the window to reset instead of being
            sent to get a 429, and a 429 pauses every caller. False sends every request at once.
        budget_reserve: requests of every burst window left to other traffic of the same app
            (another process, a scheduled job); 0 lets this client spend the whole window. At
            least one request of a window is always left to the client.

    A wait the server asks for replaces the backoff: ``Retry-After`` (seconds or an HTTP date),
    else ``X-RateLimit-Interval-Milliseconds`` when ``X-RateLimit-Remaining`` is 0 (see
    ``RateLimit.delay``). It is bounded only by ``max_total_seconds``.
    """

    max_attempts: int = field(default=3, validator=ge(1))
    backoff_base: float = field(default=0.5, validator=ge(0))
    backoff_max: float = field(default=10.0, validator=ge(0))
    max_total_seconds: float = field(default=30.0, validator=ge(0))
    retry_statuses: frozenset[int] = frozenset({429, 502, 503, 504})
    shared_budget: bool = True
    budget_reserve: int = field(default=0, validator=ge(0))


def _seconds(value: str) -> float | None:
    try:
        seconds = float(value)
    except ValueError:
        return None
    return max(seconds, 0.0) if math.isfinite(seconds) else None


def retry_after_seconds(value: str, now: datetime) -> float | None:
    """The wait a ``Retry-After`` value asks for (seconds, or an HTTP date), or None if it is not one."""
    seconds = _seconds(value)
    if seconds is not None:
        return seconds
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max((moment - now).total_seconds(), 0.0)


_EPOCH_MILLISECONDS = 10**12
"""Larger values of ``X-RateLimit-Daily-Reset`` are a moment (milliseconds since 1970, September
2001 or later), not a duration: no day lasts 31 years."""


def daily_reset_seconds(value: str, now: datetime) -> float | None:
    """Seconds until the day's budget comes back, from ``X-RateLimit-Daily-Reset``.

    Its unit is not documented. HighLevel's own SDK treats it as milliseconds, like
    ``X-RateLimit-Interval-Milliseconds``, so milliseconds it is: a duration from now, or, for a
    value too large to be one, a moment in milliseconds since the epoch. None if it is no number.
    """
    milliseconds = _seconds(value)
    if milliseconds is None:
        return None
    if milliseconds >= _EPOCH_MILLISECONDS:
        return max(milliseconds / 1000 - now.timestamp(), 0.0)
    return milliseconds / 1000


def _count(value: str | None) -> int | None:
    try:
        return None if value is None else max(int(value), 0)
    except ValueError:
        return None


@define(frozen=True)
class RateLimit:
    """What one response says about HighLevel's rate limits: the one reader of its headers.

    Attributes:
        maximum: ``X-RateLimit-Max``, requests allowed in one burst window.
        remaining: ``X-RateLimit-Remaining``, requests left in the current window.
        interval_seconds: ``X-RateLimit-Interval-Milliseconds``, the window's length, in seconds.
        daily_remaining: ``X-RateLimit-Daily-Remaining``, requests left today.
        daily_reset: ``X-RateLimit-Daily-Reset``, as seconds from now until the day's budget comes
            back (see ``daily_reset_seconds`` for the unit assumed).
        retry_after: ``Retry-After`` (seconds or an HTTP date), as seconds from now.

    A header that is absent or not a number is None.
    """

    maximum: int | None = None
    remaining: int | None = None
    interval_seconds: float | None = None
    daily_remaining: int | None = None
    daily_reset: float | None = None
    retry_after: float | None = None

    @classmethod
    def from_headers(cls, headers: httpx.Headers, now: datetime) -> "RateLimit":
        # One pass over the headers (lower-cased names, repeated ones joined as Headers.get joins
        # them): each Headers.get would walk them all again.
        values = dict(headers.items())
        interval = _seconds(values.get("x-ratelimit-interval-milliseconds", ""))
        retry_after = values.get("retry-after")
        return cls(
            maximum=_count(values.get("x-ratelimit-max")),
            remaining=_count(values.get("x-ratelimit-remaining")),
            interval_seconds=None if interval is None else interval / 1000,
            daily_remaining=_count(values.get("x-ratelimit-daily-remaining")),
            daily_reset=daily_reset_seconds(values.get("x-ratelimit-daily-reset", ""), now),
            retry_after=None if retry_after is None else retry_after_seconds(retry_after, now),
        )

    @property
    def burst_spent(self) -> bool:
        return self.remaining == 0

    @property
    def daily_spent(self) -> bool:
        """The day's budget is spent: no retry within seconds can succeed."""
        return self.daily_remaining == 0

    def delay(self) -> float | None:
        """The wait the server asked for, in seconds, or None if it asked for none.

        ``Retry-After`` wins when the server sent one: it is the server's own word on when this
        request may come again. ``X-RateLimit-Interval-Milliseconds`` is only the length of the
        window, not the time left in it, so waiting it out (when the budget is spent) is an upper
        bound, used when nothing better was said.
        """
        if self.retry_after is not None:
            return self.retry_after
        return self.interval_seconds if self.burst_spent else None


def server_delay(headers: httpx.Headers, now: datetime) -> float | None:
    """The wait the server asked for, in seconds, or None if it asked for none (``RateLimit.delay``)."""
    return RateLimit.from_headers(headers, now).delay()


def _budget_news(response: httpx.Response | None) -> tuple[RateLimit | None, bool]:
    """What an answer says about the budget (None: nothing), and whether it is a 429 of the burst
    budget. An answer without ``X-RateLimit-Remaining`` that is no 429 is not parsed at all."""
    if response is None or (response.status_code != 429 and not _says_remaining(response.headers)):
        return None, False
    limit = RateLimit.from_headers(response.headers, datetime.now(UTC))
    return limit, response.status_code == 429 and not limit.daily_spent


def _says_remaining(headers: httpx.Headers) -> bool:
    # httpx keeps every name lower-cased in `_list`; its public accessors first work out the
    # encoding of all the headers, which costs more than the rest of the budget's work together.
    for _, name, _ in headers._list:
        if name == b"x-ratelimit-remaining":
            return True
    return False


def _daily_limit(response: httpx.Response) -> bool:
    """A 429 of the daily budget: no retry within seconds can succeed."""
    return response.status_code == 429 and RateLimit.from_headers(response.headers, datetime.now(UTC)).daily_spent


class BurstBudget:
    """What the API last said about HighLevel's burst budget, and the requests sent since, for all
    the callers of one transport. It has no clock and no lock: the transports pass the time
    (``time.monotonic()``) and call it one at a time.

    HighLevel counts requests in fixed windows of ``X-RateLimit-Interval-Milliseconds`` and reports
    ``X-RateLimit-Remaining`` in every answer, but never when the window resets, so:

    - a request may go while the lowest ``Remaining`` of the current window, less the requests
      sent and not answered yet, is above the reserve; otherwise it waits for an answer to say
      more, or for the window to end;
    - a window ends at most one interval after any answer counted in it arrived, so the first
      answer of a window gives a moment by which it has certainly ended. Waiting until then never
      sends a request into the spent window, and costs at most the time between the window's
      start and its first answer. Then the budget is taken to be ``X-RateLimit-Max`` again; the
      answers that follow correct it for what other traffic has spent;
    - a later window shows early too: an answer that reports more than the lowest ``Remaining``
      to a request sent after that value arrived comes from a window that has begun since;
    - a 429 of the burst budget pauses every caller for the wait it asks for (``RateLimit.delay``:
      ``Retry-After``, else the interval), and the window is taken to end then.

    Until an answer carries the headers nothing is known and nothing is held back (``paced`` is
    False): requests go untracked, and an API that sends none is never paced.
    """

    def __init__(self, reserve: int = 0) -> None:
        self.paced = False
        self.in_flight = 0
        self._reserve = self._reserve_left = reserve
        self._maximum: int | None = None
        self._interval: float | None = None
        self._remaining: int | None = None
        self._learned_at = -math.inf
        self._window_ends_by = math.inf
        self._paused_until = -math.inf

    def turn(self, now: float, give_up_at: float) -> float | None:
        """None when a request may be sent now (it is then counted in flight); else the seconds to
        wait before asking again, or until an answer arrives if that is sooner. A wait that would
        end after ``give_up_at`` is not started: the request is sent now."""
        if now < self._paused_until:
            wait = self._paused_until - now
        else:
            if now >= self._window_ends_by:
                self._remaining, self._learned_at, self._window_ends_by = self._maximum, now, math.inf
            if self._remaining is None or self._remaining - self.in_flight > self._reserve_left:
                self.in_flight += 1
                return None
            wait = self._window_ends_by - now  # math.inf: until an answer, as one is in flight
        left = give_up_at - now
        if left <= 0.0 or left < wait < math.inf:
            self.in_flight += 1
            return None
        return min(wait, left)

    def answered(self, sent_at: float | None, now: float, limit: RateLimit | None, rate_limited: bool) -> None:
        """Counts out the request sent at ``sent_at`` (None: sent untracked, before anything was
        known) and learns what its answer says (``limit``; None: nothing). ``rate_limited``: the
        answer is a 429 of the burst budget."""
        if sent_at is not None:
            self.in_flight -= 1
        if limit is None:
            return
        if limit.maximum is not None:
            self._maximum, self._reserve_left = limit.maximum, min(self._reserve, limit.maximum - 1)
        self._interval = limit.interval_seconds or self._interval
        if rate_limited:
            pause = limit.delay()
            pause = self._interval if pause is None else pause
            if pause is not None:
                self.paced, self._paused_until = True, max(self._paused_until, now + pause)
                self._remaining, self._learned_at, self._window_ends_by = 0, now, self._paused_until
            return
        if limit.remaining is None or self._interval is None:
            return
        self.paced = True
        sent_after = sent_at is not None and sent_at > self._learned_at
        if self._remaining is None or (limit.remaining > self._remaining and sent_after):
            self._remaining, self._learned_at, self._window_ends_by = limit.remaining, now, now + self._interval
            return
        if limit.remaining < self._remaining:
            self._remaining, self._learned_at = limit.remaining, now
        if self._window_ends_by == math.inf:
            self._window_ends_by = now + self._interval


class _SyncGate:
    """A ``BurstBudget`` for threads."""

    def __init__(self, reserve: int) -> None:
        self._budget = BurstBudget(reserve)
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._waiting = 0

    def enter(self, give_up_at: float, now: float) -> float | None:
        """Waits for the request's turn, asked at ``now``; returns the moment it is sent, or None
        when nothing is known of the budget yet (the request then goes untracked)."""
        if not self._budget.paced:
            return None
        with self._lock:
            while (wait := self._budget.turn(now, give_up_at)) is not None:
                self._waiting += 1
                self._changed.wait(wait)
                self._waiting -= 1
                now = time.monotonic()
            return now

    def leave(self, sent_at: float | None, response: httpx.Response | None) -> None:
        limit, rate_limited = _budget_news(response)
        if sent_at is None and limit is None:
            return
        with self._lock:
            self._budget.answered(sent_at, time.monotonic(), limit, rate_limited)
            if self._waiting:
                self._changed.notify_all()


class _AsyncGate:
    """A ``BurstBudget`` for the tasks of one event loop at a time: they take turns on the loop,
    so the budget needs no lock, only a way to wake them."""

    def __init__(self, reserve: int) -> None:
        self._budget = BurstBudget(reserve)
        self._changed: asyncio.Event | None = None
        self._changed_loop: asyncio.AbstractEventLoop | None = None

    async def enter(self, give_up_at: float, now: float) -> float | None:
        """As ``_SyncGate.enter``."""
        if not self._budget.paced:
            return None
        while (wait := self._budget.turn(now, give_up_at)) is not None:
            try:
                async with asyncio.timeout(wait):
                    await self._event().wait()
            except TimeoutError:
                pass
            now = time.monotonic()
        return now

    def leave(self, sent_at: float | None, response: httpx.Response | None) -> None:
        limit, rate_limited = _budget_news(response)
        if sent_at is None and limit is None:
            return
        self._budget.answered(sent_at, time.monotonic(), limit, rate_limited)
        if self._changed is not None:
            self._changed.set()
            self._changed = None

    def _event(self) -> asyncio.Event:
        """Set at the next answer. An event belongs to the loop it was first awaited on."""
        loop = asyncio.get_running_loop()
        if self._changed is None or self._changed_loop is not loop:
            self._changed, self._changed_loop = asyncio.Event(), loop
        return self._changed


def _schedule(policy: RetryPolicy, give_up_at: float) -> dict[str, Any]:
    """What tenacity needs to know, shared by the sync and the async transport."""
    backoff = wait_random_exponential(multiplier=policy.backoff_base, max=policy.backoff_max)

    def wait(state: RetryCallState) -> float:
        outcome = state.outcome
        if outcome is not None and not outcome.failed:
            delay = server_delay(outcome.result().headers, datetime.now(UTC))
            if delay is not None:
                return delay
        return backoff(state)

    def retryable_status(response: httpx.Response) -> bool:
        return _retryable(response, policy)

    return {
        "retry": retry_if_exception_type(RETRYABLE_ERRORS) | retry_if_result(retryable_status),
        "wait": wait,
        "stop": stop_after_attempt(policy.max_attempts) | stop_before_delay(give_up_at - time.monotonic()),
        "retry_error_callback": _last_outcome,
    }


def _retryable(response: httpx.Response, policy: RetryPolicy) -> bool:
    return response.status_code in policy.retry_statuses and not _daily_limit(response)


def _last_outcome(state: RetryCallState) -> httpx.Response:
    """When the attempts or the time run out, the last response (or error) is the call's outcome."""
    assert state.outcome is not None
    response: httpx.Response = state.outcome.result()
    return response


def _discarded(state: RetryCallState) -> httpx.Response | None:
    """Logs the retry about to happen; returns the response it replaces, which must be closed."""
    request: httpx.Request = state.args[0]
    outcome = state.outcome
    assert outcome is not None
    response: httpx.Response | None = None if outcome.failed else outcome.result()
    reason = type(outcome.exception()).__name__ if response is None else f"status {response.status_code}"
    logger.info(
        "%s %s: %s on attempt %d; retrying in %.3f s",
        request.method,
        request.url,
        reason,
        state.attempt_number,
        state.upcoming_sleep,
    )
    return response


def _replay(first: httpx.Response | httpx.TransportError) -> httpx.Response:
    """The outcome of the first attempt, made before tenacity took over, as tenacity's own attempt 1:
    it then counts attempts and waits as if it had made that one too."""
    if isinstance(first, httpx.TransportError):
        raise first
    return first


class RetryTransport(httpx.BaseTransport):
    """Wraps a transport; shares the burst budget among its callers and retries idempotent requests
    as its ``RetryPolicy`` says."""

    def __init__(self, transport: httpx.BaseTransport, policy: RetryPolicy) -> None:
        self._transport = transport
        self._policy = policy
        self._gate = _SyncGate(policy.budget_reserve) if policy.shared_budget else None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        started = time.monotonic()
        give_up_at = started + self._policy.max_total_seconds
        if request.method not in IDEMPOTENT_METHODS:
            return self._send(request, give_up_at, started)
        first: httpx.Response | httpx.TransportError
        try:
            first = self._send(request, give_up_at, started)
        except RETRYABLE_ERRORS as error:
            first = error
        else:
            if not _retryable(first, self._policy):
                return first
        pending = [first]

        def attempt(request: httpx.Request) -> httpx.Response:
            return _replay(pending.pop()) if pending else self._send(request, give_up_at, time.monotonic())

        def before_sleep(state: RetryCallState) -> None:
            response = _discarded(state)
            if response is not None:
                response.close()

        retrying = Retrying(before_sleep=before_sleep, **_schedule(self._policy, give_up_at))
        return retrying(attempt, request)

    def _send(self, request: httpx.Request, give_up_at: float, now: float) -> httpx.Response:
        if self._gate is None:
            return self._transport.handle_request(request)
        sent_at = self._gate.enter(give_up_at, now)
        try:
            response = self._transport.handle_request(request)
        except BaseException:
            self._gate.leave(sent_at, None)
            raise
        self._gate.leave(sent_at, response)
        return response

    def close(self) -> None:
        self._transport.close()


class AsyncRetryTransport(httpx.AsyncBaseTransport):
    """Wraps an async transport; shares the burst budget among its callers and retries idempotent
    requests as its ``RetryPolicy`` says."""

    def __init__(self, transport: httpx.AsyncBaseTransport, policy: RetryPolicy) -> None:
        self._transport = transport
        self._policy = policy
        self._gate = _AsyncGate(policy.budget_reserve) if policy.shared_budget else None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        started = time.monotonic()
        give_up_at = started + self._policy.max_total_seconds
        if request.method not in IDEMPOTENT_METHODS:
            return await self._send(request, give_up_at, started)
        first: httpx.Response | httpx.TransportError
        try:
            first = await self._send(request, give_up_at, started)
        except RETRYABLE_ERRORS as error:
            first = error
        else:
            if not _retryable(first, self._policy):
                return first
        pending = [first]

        async def attempt(request: httpx.Request) -> httpx.Response:
            return _replay(pending.pop()) if pending else await self._send(request, give_up_at, time.monotonic())

        async def before_sleep(state: RetryCallState) -> None:
            response = _discarded(state)
            if response is not None:
                await response.aclose()

        retrying = AsyncRetrying(before_sleep=before_sleep, **_schedule(self._policy, give_up_at))
        response: httpx.Response = await retrying(attempt, request)
        return response

    async def _send(self, request: httpx.Request, give_up_at: float, now: float) -> httpx.Response:
        if self._gate is None:
            return await self._transport.handle_async_request(request)
        sent_at = await self._gate.enter(give_up_at, now)
        try:
            response = await self._transport.handle_async_request(request)
        except BaseException:
            self._gate.leave(sent_at, None)
            raise
        self._gate.leave(sent_at, response)
        return response

    async def aclose(self) -> None:
        await self._transport.aclose()


def _transport_options(httpx_args: Mapping[str, Any]) -> dict[str, Any]:
    return {name: httpx_args[name] for name in _TRANSPORT_OPTIONS if name in httpx_args}


def sync_transport(
    policy: RetryPolicy | None, verify: str | bool | ssl.SSLContext, httpx_args: Mapping[str, Any]
) -> httpx.BaseTransport | None:
    """The transport for an ``httpx.Client``: the one in ``httpx_args`` (or the default one httpx
    would build) wrapped in retries, or left alone when ``policy`` is None."""
    transport: httpx.BaseTransport | None = httpx_args.get("transport")
    if policy is None:
        return transport
    inner = transport or httpx.HTTPTransport(verify=verify, **_transport_options(httpx_args))
    return RetryTransport(inner, policy)


def async_transport(
    policy: RetryPolicy | None, verify: str | bool | ssl.SSLContext, httpx_args: Mapping[str, Any]
) -> httpx.AsyncBaseTransport | None:
    """The transport for an ``httpx.AsyncClient``, as ``sync_transport``."""
    transport: httpx.AsyncBaseTransport | None = httpx_args.get("transport")
    if policy is None:
        return transport
    inner = transport or httpx.AsyncHTTPTransport(verify=verify, **_transport_options(httpx_args))
    return AsyncRetryTransport(inner, policy)
