"""Retries of idempotent requests after transient failures, as httpx transports.

The clients install ``RetryTransport`` / ``AsyncRetryTransport`` around their transport unless
their ``retry`` policy is None. A request is retried only when its method is idempotent
(``IDEMPOTENT_METHODS``) and an attempt ended with a status in ``RetryPolicy.retry_statuses``
or with one of ``RETRYABLE_ERRORS``. The first attempt goes straight to the wrapped transport;
tenacity only takes over once an attempt has failed, so a call that succeeds pays nothing.
"""

import email.utils
import logging
import math
import ssl
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
    """When and how often a client retries an idempotent request.

    Attributes:
        max_attempts: attempts in all, the first included; 1 switches retries off.
        backoff_base: seconds; the wait before retry n is random between 0 and
            ``min(backoff_max, backoff_base * 2 ** (n - 1))`` ("full jitter").
        backoff_max: seconds; the most a backoff wait can be.
        max_total_seconds: no wait starts that would end later than this many seconds after the
            first attempt began; the last response or error is then the call's outcome.
        retry_statuses: the statuses that are retried.

    A wait the server asks for replaces the backoff: ``Retry-After`` (seconds or an HTTP date),
    else ``X-RateLimit-Interval-Milliseconds`` when ``X-RateLimit-Remaining`` is 0 (see
    ``RateLimit.delay``). It is bounded only by ``max_total_seconds``.
    """

    max_attempts: int = field(default=3, validator=ge(1))
    backoff_base: float = field(default=0.5, validator=ge(0))
    backoff_max: float = field(default=10.0, validator=ge(0))
    max_total_seconds: float = field(default=30.0, validator=ge(0))
    retry_statuses: frozenset[int] = frozenset({429, 502, 503, 504})


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
        interval = _seconds(headers.get("x-ratelimit-interval-milliseconds", ""))
        retry_after = headers.get("retry-after")
        return cls(
            maximum=_count(headers.get("x-ratelimit-max")),
            remaining=_count(headers.get("x-ratelimit-remaining")),
            interval_seconds=None if interval is None else interval / 1000,
            daily_remaining=_count(headers.get("x-ratelimit-daily-remaining")),
            daily_reset=daily_reset_seconds(headers.get("x-ratelimit-daily-reset", ""), now),
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


def _schedule(policy: RetryPolicy, started: float) -> dict[str, Any]:
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
        return response.status_code in policy.retry_statuses

    return {
        "retry": retry_if_exception_type(RETRYABLE_ERRORS) | retry_if_result(retryable_status),
        "wait": wait,
        "stop": stop_after_attempt(policy.max_attempts)
        | stop_before_delay(policy.max_total_seconds - (time.monotonic() - started)),
        "retry_error_callback": _last_outcome,
    }


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
    """Wraps a transport; retries idempotent requests as its ``RetryPolicy`` says."""

    def __init__(self, transport: httpx.BaseTransport, policy: RetryPolicy) -> None:
        self._transport = transport
        self._policy = policy

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method not in IDEMPOTENT_METHODS:
            return self._transport.handle_request(request)
        started = time.monotonic()
        first: httpx.Response | httpx.TransportError
        try:
            first = self._transport.handle_request(request)
        except RETRYABLE_ERRORS as error:
            first = error
        else:
            if first.status_code not in self._policy.retry_statuses:
                return first
        pending = [first]

        def attempt(request: httpx.Request) -> httpx.Response:
            return _replay(pending.pop()) if pending else self._transport.handle_request(request)

        def before_sleep(state: RetryCallState) -> None:
            response = _discarded(state)
            if response is not None:
                response.close()

        retrying = Retrying(before_sleep=before_sleep, **_schedule(self._policy, started))
        return retrying(attempt, request)

    def close(self) -> None:
        self._transport.close()


class AsyncRetryTransport(httpx.AsyncBaseTransport):
    """Wraps an async transport; retries idempotent requests as its ``RetryPolicy`` says."""

    def __init__(self, transport: httpx.AsyncBaseTransport, policy: RetryPolicy) -> None:
        self._transport = transport
        self._policy = policy

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method not in IDEMPOTENT_METHODS:
            return await self._transport.handle_async_request(request)
        started = time.monotonic()
        first: httpx.Response | httpx.TransportError
        try:
            first = await self._transport.handle_async_request(request)
        except RETRYABLE_ERRORS as error:
            first = error
        else:
            if first.status_code not in self._policy.retry_statuses:
                return first
        pending = [first]

        async def attempt(request: httpx.Request) -> httpx.Response:
            return _replay(pending.pop()) if pending else await self._transport.handle_async_request(request)

        async def before_sleep(state: RetryCallState) -> None:
            response = _discarded(state)
            if response is not None:
                await response.aclose()

        retrying = AsyncRetrying(before_sleep=before_sleep, **_schedule(self._policy, started))
        response: httpx.Response = await retrying(attempt, request)
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
