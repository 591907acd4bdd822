"""The burst budget shared through a store (``stores.SharedBudget``) by every worker process and
host, for the callers of one client: threads (``SharedSyncGate``) or tasks (``SharedAsyncGate``).

The retry transports use them instead of ``budget.SyncGate`` / ``AsyncGate`` when a client is
given a store that shares budgets (``AuthenticatedClient(store=RedisStore...)``). A request takes a
slot in the store before it is sent and gives it back with what its answer says. A waiter cannot be
told of an answer in another process: it asks the store again after at most ``POLL`` seconds, or
at once when an answer arrives in its own process.

When the store cannot be reached, the gate decides alone with a ``budget.SyncGate`` /
``AsyncGate`` that has learned every answer's headers meanwhile, and shares again once the store
answers (``stores_redis.RedisStore`` asks it again after a short back-off and logs one warning per
outage). No ``StoreError`` reaches a caller. An async gate runs the store's calls in a thread
(``asyncio.to_thread``): they never block the event loop.
"""

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable

import httpx

from .budget import AsyncGate, SyncGate, _budget_news
from .stores import BudgetNews, SharedBudget, StoreError

POLL = 0.05
"""Seconds between two questions of a waiter to the store."""


def _news(response: httpx.Response | None) -> BudgetNews | None:
    limit, rate_limited = _budget_news(response)
    if limit is None:
        return None
    pause = limit.delay() if rate_limited else None
    return BudgetNews(limit.maximum, limit.interval_seconds, limit.remaining, rate_limited, pause)


class SharedSyncGate:
    """A shared budget for the threads of one client."""

    def __init__(self, shared: SharedBudget, reserve: float) -> None:
        self._shared = shared
        self._reserve = reserve
        self._alone = SyncGate(reserve)  # learns every answer; decides while the store is down
        self._changed = threading.Condition()

    def send(
        self, handle: Callable[[httpx.Request], httpx.Response], request: httpx.Request, give_up_at: float, now: float
    ) -> httpx.Response:
        """``handle(request)`` in its turn; the answer (or the failure) gives the turn back."""
        ticket = self._enter(give_up_at, now)
        try:
            response = handle(request)
        except BaseException:
            self._leave(ticket, None)
            raise
        self._leave(ticket, response)
        return response

    def _enter(self, give_up_at: float, now: float) -> str | float | None:
        """The store's ticket (a string), or the local gate's (a float or None) while the store is down."""
        while True:
            try:
                turn = self._shared.take(self._reserve, give_up_at - now)
            except StoreError:
                return self._alone.enter(give_up_at, now)
            if isinstance(turn, str):
                return turn
            with self._changed:
                self._changed.wait(min(turn, POLL))
            now = time.monotonic()

    def _leave(self, ticket: str | float | None, response: httpx.Response | None) -> None:
        if isinstance(ticket, str):
            self._alone.leave(None, response)
            _tell(self._shared, ticket, response)
        else:
            self._alone.leave(ticket, response)
        with self._changed:
            self._changed.notify_all()


class SharedAsyncGate:
    """A shared budget for the tasks of one client, on any event loop."""

    def __init__(self, shared: SharedBudget, reserve: float) -> None:
        self._shared = shared
        self._reserve = reserve
        self._alone = AsyncGate(reserve)
        self._answers = 0  # answers in this process so far: a waiter asks again at the next one

    async def send(
        self,
        handle: Callable[[httpx.Request], Awaitable[httpx.Response]],
        request: httpx.Request,
        give_up_at: float,
        now: float,
    ) -> httpx.Response:
        """As ``SharedSyncGate.send``."""
        ticket = await self._enter(give_up_at, now)
        try:
            response = await handle(request)
        except BaseException:
            await self._leave(ticket, None)
            raise
        await self._leave(ticket, response)
        return response

    async def _enter(self, give_up_at: float, now: float) -> str | float | None:
        while True:
            try:
                turn = await asyncio.to_thread(self._shared.take, self._reserve, give_up_at - now)
            except StoreError:
                return await self._alone.enter(give_up_at, now)
            if isinstance(turn, str):
                return turn
            seen, deadline = self._answers, time.monotonic() + min(turn, POLL)
            while self._answers == seen and (left := deadline - time.monotonic()) > 0:
                await asyncio.sleep(min(left, POLL / 5))
            now = time.monotonic()

    async def _leave(self, ticket: str | float | None, response: httpx.Response | None) -> None:
        if isinstance(ticket, str):
            self._alone.leave(None, response)
            await asyncio.to_thread(_tell, self._shared, ticket, response)
        else:
            self._alone.leave(ticket, response)
        self._answers += 1


def _tell(shared: SharedBudget, ticket: str, response: httpx.Response | None) -> None:
    """Gives the ticket back to the store with its answer's news; a store that cannot be reached
    frees the slot itself (``stores_redis.IN_FLIGHT_BOUND``)."""
    news = _news(response)
    if ticket or news is not None:
        try:
            shared.answered(ticket, news)
        except StoreError:
            pass
