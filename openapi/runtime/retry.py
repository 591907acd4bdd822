"""Retries of idempotent requests after transient failures, as httpx transports that also share
HighLevel's burst budget among every caller of a client (``budget``).

The clients install ``RetryTransport`` / ``AsyncRetryTransport`` around their transport unless
their ``retry`` policy is None. A request is retried only when its method is idempotent
(``IDEMPOTENT_METHODS``) and an attempt ended with a status in ``RetryPolicy.retry_statuses``
(a 429 of the daily budget excepted) or with one of ``RETRYABLE_ERRORS``. The first attempt goes
straight to the wrapped transport; tenacity only takes over once an attempt has failed, so a call
that succeeds pays nothing for it. Before every attempt, of any method, the transport asks its
gate (``budget.SyncGate`` / ``budget.AsyncGate``) whether the request may go now; a client
given a store that shares budgets across processes (``stores``) takes its turn there instead
(``shared_budget``).
"""

import logging
import ssl
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import httpx
from attrs import Attribute, define, field
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

from .budget import AsyncGate, SyncGate
from .ratelimit import RateLimit, server_delay
from .shared_budget import SharedAsyncGate, SharedSyncGate
from .stores import SharedBudget

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


def _share(_: object, attribute: "Attribute[float]", value: float) -> None:
    if not 0 <= value < 1:
        raise ValueError(
            f"{attribute.name} is a share of X-RateLimit-Max, from 0 to just under 1 "
            f"(0.2 leaves a fifth of every burst window to other traffic), not {value!r}"
        )


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
            budget (``budget.BurstBudget``): a request waits for the window to reset instead of
            being sent to get a 429, and a 429 pauses every caller. False sends every request at once.
        budget_reserve: the share of every burst window left to other traffic of the same app
            (another process, a scheduled job), as a fraction of ``X-RateLimit-Max`` from 0 to
            just under 1: 0.2 leaves ``ceil(0.2 * X-RateLimit-Max)`` requests of every window.
            0 lets this client spend the whole window. At least one request of a window is
            always left to the client.

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
    budget_reserve: float = field(default=0.0, validator=_share)


def _daily_limit(response: httpx.Response) -> bool:
    """A 429 of the daily budget: no retry within seconds can succeed."""
    return response.status_code == 429 and RateLimit.from_headers(response.headers, datetime.now(UTC)).daily_spent


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
    """Wraps a transport; shares the burst budget among its callers (and with every worker that
    shares ``budget``, a store's) and retries idempotent requests as its ``RetryPolicy`` says."""

    def __init__(self, transport: httpx.BaseTransport, policy: RetryPolicy, budget: SharedBudget | None = None) -> None:
        self._transport = transport
        self._policy = policy
        self._gate = SyncGate(policy.budget_reserve) if policy.shared_budget and budget is None else None
        self._shared = SharedSyncGate(budget, policy.budget_reserve) if policy.shared_budget and budget else None

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
        if self._shared is not None:
            return self._shared.send(self._transport.handle_request, request, give_up_at, now)
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
    """Wraps an async transport, as ``RetryTransport``."""

    def __init__(
        self, transport: httpx.AsyncBaseTransport, policy: RetryPolicy, budget: SharedBudget | None = None
    ) -> None:
        self._transport = transport
        self._policy = policy
        self._gate = AsyncGate(policy.budget_reserve) if policy.shared_budget and budget is None else None
        self._shared = SharedAsyncGate(budget, policy.budget_reserve) if policy.shared_budget and budget else None

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
        if self._shared is not None:
            return await self._shared.send(self._transport.handle_async_request, request, give_up_at, now)
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
    policy: RetryPolicy | None,
    verify: str | bool | ssl.SSLContext,
    httpx_args: Mapping[str, Any],
    budget: SharedBudget | None = None,
) -> httpx.BaseTransport | None:
    """The transport for an ``httpx.Client``: the one in ``httpx_args`` (or the default one httpx
    would build) wrapped in retries and sharing ``budget`` (a store's; None: its own), or left
    alone when ``policy`` is None."""
    transport: httpx.BaseTransport | None = httpx_args.get("transport")
    if policy is None:
        return transport
    inner = transport or httpx.HTTPTransport(verify=verify, **_transport_options(httpx_args))
    return RetryTransport(inner, policy, budget)


def async_transport(
    policy: RetryPolicy | None,
    verify: str | bool | ssl.SSLContext,
    httpx_args: Mapping[str, Any],
    budget: SharedBudget | None = None,
) -> httpx.AsyncBaseTransport | None:
    """The transport for an ``httpx.AsyncClient``, as ``sync_transport``."""
    transport: httpx.AsyncBaseTransport | None = httpx_args.get("transport")
    if policy is None:
        return transport
    inner = transport or httpx.AsyncHTTPTransport(verify=verify, **_transport_options(httpx_args))
    return AsyncRetryTransport(inner, policy, budget)
