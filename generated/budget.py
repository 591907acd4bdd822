"""HighLevel's burst budget, shared by every caller of a client: ``BurstBudget`` decides when a
request may go, and the gates make callers wait for it, threads (``SyncGate``) or the tasks of an
event loop (``AsyncGate``).

Before every attempt, of any method, the retry transports (``retry.RetryTransport`` /
``retry.AsyncRetryTransport``) ask their gate whether the request may go now: one gate per
transport, so one for all the callers of a client's sync side and one for its async side.
"""

import asyncio
import math
import threading
import time
from datetime import UTC, datetime

import httpx

from .ratelimit import RateLimit, says_remaining


def _budget_news(response: httpx.Response | None) -> tuple[RateLimit | None, bool]:
    """What an answer says about the budget (None: nothing), and whether it is a 429 of the burst
    budget. An answer without ``X-RateLimit-Remaining`` that is no 429 is not parsed at all."""
    if response is None or (response.status_code != 429 and not says_remaining(response.headers)):
        return None, False
    limit = RateLimit.from_headers(response.headers, datetime.now(UTC))
    return limit, response.status_code == 429 and not limit.daily_spent


class BurstBudget:
    """What the API last said about HighLevel's burst budget, and the requests sent since, for all
    the callers of one transport. It has no clock and no lock: the transports pass the time
    (``time.monotonic()``) and call it one at a time.

    HighLevel counts requests in fixed windows of ``X-RateLimit-Interval-Milliseconds`` and reports
    ``X-RateLimit-Remaining`` in every answer, but never when the window resets, so:

    - a request may go while the lowest ``Remaining`` of the current window, less the requests
      sent and not answered yet, is above the reserve; otherwise it waits for an answer to say
      more, or for the window to end. The reserve, left to other traffic of the same app, is the
      share ``reserve`` of ``X-RateLimit-Max`` (rounded up), but never the whole window: at least
      one request of it stays for these callers;
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
    False): requests go untracked, and an API that sends none is never paced. Until one carries
    ``X-RateLimit-Max`` no reserve is kept.
    """

    def __init__(self, reserve: float = 0.0) -> None:
        self.paced = False
        self.in_flight = 0
        self._reserve = reserve
        self._reserve_left = 0
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
            self._maximum, self._reserve_left = limit.maximum, _held_back(limit.maximum, self._reserve)
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


def _held_back(maximum: int, reserve: float) -> int:
    """The requests of a window of ``maximum`` left to other traffic: the share ``reserve`` of it,
    rounded up, and at most all but one."""
    # Rounded first: 100 * 0.07 is 7.000000000000001 in floating point, and 7 % of 100 is 7 requests.
    return min(math.ceil(round(maximum * reserve, 9)), maximum - 1)


class SyncGate:
    """A ``BurstBudget`` for threads."""

    def __init__(self, reserve: float) -> None:
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


class AsyncGate:
    """A ``BurstBudget`` for the tasks of one event loop at a time: they take turns on the loop,
    so the budget needs no lock, only a way to wake them."""

    def __init__(self, reserve: float) -> None:
        self._budget = BurstBudget(reserve)
        self._changed: asyncio.Event | None = None
        self._changed_loop: asyncio.AbstractEventLoop | None = None

    async def enter(self, give_up_at: float, now: float) -> float | None:
        """As ``SyncGate.enter``."""
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
