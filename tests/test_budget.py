"""The burst budget the callers of one client share (generated.budget.BurstBudget), on a fake clock,
and through the transports."""

import asyncio
import math
import threading
import time
from collections import Counter

import httpx
import pytest

from generated.budget import BurstBudget, SyncGate
from generated.ratelimit import RateLimit
from generated.retry import AsyncRetryTransport, RetryPolicy, RetryTransport

URL = "https://services.leadconnectorhq.com/snapshots/"
NEVER = math.inf
INTERVAL = 10.0


def _limit(remaining: int, maximum: int = 5, **more: float) -> RateLimit:
    return RateLimit(maximum=maximum, remaining=remaining, interval_seconds=INTERVAL, **more)  # type: ignore[arg-type]


def _send(budget: BurstBudget, now: float, count: int = 1) -> list[float | None]:
    return [budget.turn(now, NEVER) for _ in range(count)]


def test_nothing_is_held_back_before_an_answer_says_anything() -> None:
    budget = BurstBudget()
    assert _send(budget, 0.0, 20) == [None] * 20
    budget.answered(0.0, 0.1, RateLimit(), rate_limited=False)
    assert budget.turn(0.2, NEVER) is None


def test_no_more_requests_go_than_the_window_has_left() -> None:
    budget = BurstBudget()
    assert _send(budget, 0.0) == [None]
    budget.answered(0.0, 1.0, _limit(remaining=3), rate_limited=False)
    assert _send(budget, 1.0, 3) == [None, None, None]
    # Three in flight spend the three left: the fourth waits for the window to end, which is at
    # most one interval after the first answer of the window arrived.
    assert budget.turn(2.0, NEVER) == pytest.approx(1.0 + INTERVAL - 2.0)
    assert budget.in_flight == 3


def test_an_answer_that_says_nothing_frees_its_place() -> None:
    budget = BurstBudget()
    _send(budget, 0.0)
    budget.answered(0.0, 1.0, _limit(remaining=1), rate_limited=False)
    assert _send(budget, 1.0) == [None]
    assert budget.turn(1.0, NEVER) is not None
    budget.answered(1.0, 1.5, RateLimit(), rate_limited=False)
    assert budget.turn(1.5, NEVER) is None


def test_a_spent_window_waits_until_it_has_certainly_ended_then_starts_full() -> None:
    budget = BurstBudget()
    _send(budget, 0.0)
    budget.answered(0.0, 1.0, _limit(remaining=1), rate_limited=False)
    _send(budget, 2.0)
    budget.answered(2.0, 3.0, _limit(remaining=0), rate_limited=False)
    assert budget.turn(3.0, NEVER) == pytest.approx(8.0)  # until 1.0 + INTERVAL
    assert _send(budget, 11.0, 5) == [None] * 5  # X-RateLimit-Max again
    assert budget.turn(11.0, NEVER) == math.inf  # until an answer says more


def test_a_later_window_shows_in_an_answer_to_a_request_sent_after_the_low_value() -> None:
    budget = BurstBudget()
    assert _send(budget, 0.0, 2) == [None, None]
    budget.answered(0.0, 1.0, _limit(remaining=0), rate_limited=False)
    # Sent before the 0 arrived: its higher figure may only be an answer overtaken on the way.
    budget.answered(0.0, 2.5, _limit(remaining=2), rate_limited=False)
    assert budget.turn(3.0, NEVER) == pytest.approx(1.0 + INTERVAL - 3.0)
    assert budget.turn(3.0, give_up_at=3.0) is None  # a caller out of time sends anyway
    budget.answered(3.0, 3.5, _limit(remaining=4), rate_limited=False)
    assert _send(budget, 3.5, 4) == [None] * 4


@pytest.mark.parametrize(
    ("limit", "pause"),
    [(_limit(remaining=0), INTERVAL), (_limit(remaining=0, retry_after=2.0), 2.0)],
    ids=["the interval", "Retry-After"],
)
def test_a_429_pauses_every_caller_for_what_it_asks(limit: RateLimit, pause: float) -> None:
    budget = BurstBudget()
    _send(budget, 0.0, 3)
    budget.answered(0.0, 1.0, _limit(remaining=4), rate_limited=False)
    budget.answered(0.0, 1.0, limit, rate_limited=True)
    assert budget.turn(1.0, NEVER) == pytest.approx(pause)
    assert budget.turn(1.0 + pause / 2, NEVER) == pytest.approx(pause / 2)
    assert budget.turn(1.0 + pause, NEVER) is None


def test_a_429_without_a_hint_pauses_for_the_last_interval_seen() -> None:
    budget = BurstBudget()
    _send(budget, 0.0, 2)
    budget.answered(0.0, 1.0, _limit(remaining=4), rate_limited=False)
    budget.answered(0.0, 1.0, RateLimit(), rate_limited=True)
    assert budget.turn(1.0, NEVER) == pytest.approx(INTERVAL)


def _sent_before_waiting(reserve: float, remaining: int, maximum: int) -> int:
    """How many requests a budget sends at once after an answer that reported ``remaining``."""
    budget = BurstBudget(reserve=reserve)
    _send(budget, 0.0)
    budget.answered(0.0, 1.0, _limit(remaining=remaining, maximum=maximum), rate_limited=False)
    turns = _send(budget, 1.0, remaining + 1)
    assert turns[-1] == pytest.approx(INTERVAL)  # then it waits for the window to end
    return turns.index(turns[-1])


RESERVES = {
    "a whole share: 40 % of 5 keeps 2": (0.4, 4, 5, 2),
    "a share rounded up: 25 % of 10 keeps 3": (0.25, 10, 10, 7),
    "7 % of 100 keeps 7, not the 8 of 7.000000000000001": (0.07, 100, 100, 93),
    "never the whole window: 99 % of 5 keeps 4": (0.99, 5, 5, 1),
    "no reserve": (0.0, 5, 5, 5),
}


@pytest.mark.parametrize("case", RESERVES)
def test_the_reserve_is_a_share_of_the_window_left_to_other_traffic(case: str) -> None:
    reserve, remaining, maximum, sent = RESERVES[case]
    assert _sent_before_waiting(reserve, remaining, maximum) == sent


def test_nothing_is_kept_back_before_an_answer_says_the_windows_size() -> None:
    budget = BurstBudget(reserve=0.5)
    _send(budget, 0.0)
    budget.answered(0.0, 1.0, RateLimit(remaining=3, interval_seconds=INTERVAL), rate_limited=False)
    assert _send(budget, 1.0, 4) == [None, None, None, INTERVAL]


def test_a_wait_that_would_end_after_the_callers_time_is_not_started() -> None:
    budget = BurstBudget()
    _send(budget, 0.0)
    budget.answered(0.0, 1.0, _limit(remaining=0, retry_after=3600.0), rate_limited=True)
    assert budget.turn(1.0, give_up_at=31.0) is None
    assert budget.turn(1.0, give_up_at=NEVER) == pytest.approx(3600.0)


def test_a_wait_for_an_answer_lasts_no_longer_than_the_callers_time() -> None:
    budget = BurstBudget()
    _send(budget, 0.0)
    budget.answered(0.0, 1.0, _limit(remaining=1), rate_limited=False)
    _send(budget, 11.0)  # a new window, taken to be full (5); one in flight
    _send(budget, 11.0, 4)
    assert budget.turn(11.0, give_up_at=13.0) == pytest.approx(2.0)
    assert budget.turn(13.0, give_up_at=13.0) is None


# --- through the transports --------------------------------------------------------------------


class FixedWindow:
    """A mock HighLevel: `maximum` requests per window of `interval` seconds of the real clock,
    answered with the headers the API sends; 429 when the window is spent."""

    def __init__(self, maximum: int, interval: float) -> None:
        self.maximum, self.interval = maximum, interval
        self.sent: list[tuple[float, int]] = []  # (time.monotonic(), status)
        self._lock = threading.Lock()
        self._started = time.monotonic()
        self._window, self._used = 0, 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        with self._lock:
            now = time.monotonic()
            window = int((now - self._started) // self.interval)
            if window != self._window:
                self._window, self._used = window, 0
            status = 200 if self._used < self.maximum else 429
            self._used += status == 200
            self.sent.append((now, status))
            headers = {
                "X-RateLimit-Max": str(self.maximum),
                "X-RateLimit-Remaining": str(self.maximum - self._used),
                "X-RateLimit-Interval-Milliseconds": str(int(self.interval * 1000)),
            }
        return httpx.Response(status, headers=headers, request=request)

    @property
    def statuses(self) -> list[int]:
        return [status for _, status in self.sent]


def _get(transport: RetryTransport) -> int:
    return transport.handle_request(httpx.Request("GET", URL)).status_code


def test_threads_wait_for_the_next_window_instead_of_sending_into_a_spent_one() -> None:
    window = FixedWindow(maximum=4, interval=0.3)
    transport = RetryTransport(httpx.MockTransport(window), RetryPolicy(max_attempts=1))
    assert _get(transport) == 200  # the budget is learned from the first answer
    statuses: list[int] = []
    threads = [threading.Thread(target=lambda: statuses.append(_get(transport))) for _ in range(7)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert statuses == [200] * 7
    assert window.statuses == [200] * 8


def test_the_reserve_keeps_a_share_of_every_window_unspent() -> None:
    window = FixedWindow(maximum=4, interval=0.15)
    transport = RetryTransport(httpx.MockTransport(window), RetryPolicy(max_attempts=1, budget_reserve=0.5))
    assert [_get(transport) for _ in range(6)] == [200] * 6
    started = window.sent[0][0]
    per_window = Counter(int((at - started) // window.interval) for at, _ in window.sent)
    assert max(per_window.values()) <= 2  # half of each window's 4 is left to other traffic


def test_without_the_shared_budget_they_send_into_it() -> None:
    window = FixedWindow(maximum=1, interval=60.0)
    transport = RetryTransport(httpx.MockTransport(window), RetryPolicy(max_attempts=1, shared_budget=False))
    assert [_get(transport) for _ in range(3)] == [200, 429, 429]


def test_a_429_pauses_the_callers_that_come_after_it() -> None:
    window = FixedWindow(maximum=0, interval=60.0)
    pause = 0.2

    def answer(request: httpx.Request) -> httpx.Response:
        response = window(request)
        return httpx.Response(429, headers={**response.headers, "Retry-After": str(pause)}, request=request)

    transport = RetryTransport(httpx.MockTransport(answer), RetryPolicy(max_attempts=1))
    assert [_get(transport) for _ in range(2)] == [429, 429]
    (first, _), (second, _) = window.sent
    assert second - first >= pause


def test_a_wait_beyond_the_time_of_the_call_is_not_started() -> None:
    window = FixedWindow(maximum=1, interval=60.0)
    transport = RetryTransport(httpx.MockTransport(window), RetryPolicy(max_attempts=1, max_total_seconds=0.5))
    assert [_get(transport) for _ in range(2)] == [200, 429]


@pytest.mark.sleeps
@pytest.mark.anyio
async def test_tasks_wait_for_the_answers_in_flight_before_spending_more() -> None:
    window = FixedWindow(maximum=3, interval=20.0)  # shorter than the call's 30 s: worth waiting for
    release, arrived = asyncio.Event(), [0]

    async def slow(request: httpx.Request) -> httpx.Response:
        arrived[0] += 1
        await release.wait()
        return window(request)

    transport = AsyncRetryTransport(httpx.MockTransport(slow), RetryPolicy(max_attempts=1))
    release.set()
    await transport.handle_async_request(httpx.Request("GET", URL))  # learns: 2 left
    release.clear()
    calls = [asyncio.create_task(transport.handle_async_request(httpx.Request("GET", URL))) for _ in range(4)]
    for _ in range(10):
        await asyncio.sleep(0)
    assert arrived[0] == 1 + 2
    release.set()
    done, pending = await asyncio.wait(calls, timeout=1)
    for task in pending:
        task.cancel()
    assert sorted(task.result().status_code for task in done) == [200, 200]
    assert len(pending) == 2  # the window is spent for 20 s
    assert window.statuses == [200] * 3


def test_requests_sent_before_anything_was_known_are_not_counted_out() -> None:
    budget = BurstBudget()
    assert not budget.paced
    budget.answered(None, 1.0, RateLimit(), rate_limited=False)  # an answer without the headers
    assert not budget.paced
    budget.answered(None, 1.0, _limit(remaining=2), rate_limited=False)
    assert budget.paced and budget.in_flight == 0
    assert _send(budget, 1.0, 3) == [None, None, 1.0 + INTERVAL - 1.0]


@pytest.mark.sleeps
def test_a_thread_still_waiting_when_another_stops_waiting_wakes_at_the_next_answer() -> None:
    # A window has ended and the one request it is taken to hold is in flight: callers wait for
    # an answer, each no longer than its own time. One with 0.1 s gives up and goes; the answer
    # to it leaves room, and the other, with 2 s, goes then, not when its time is up.
    gate = SyncGate(reserve=0.0)
    window = {"X-RateLimit-Max": "1", "X-RateLimit-Interval-Milliseconds": "50"}
    gate.leave(None, httpx.Response(200, headers={**window, "X-RateLimit-Remaining": "0"}))
    time.sleep(0.06)
    gate.enter(NEVER, time.monotonic())  # in flight until the end of the test
    sent: dict[str, float | None] = {}
    gone: dict[str, float] = {}

    def caller(name: str, seconds: float) -> None:
        now = time.monotonic()
        sent[name] = gate.enter(now + seconds, now)
        gone[name] = time.monotonic()

    short = threading.Thread(target=caller, args=("short", 0.1))
    long = threading.Thread(target=caller, args=("long", 2.0))
    short.start()
    time.sleep(0.02)
    long.start()
    short.join()
    answered = time.monotonic()
    gate.leave(sent["short"], httpx.Response(200, headers={**window, "X-RateLimit-Remaining": "5"}))
    long.join()
    assert gone["long"] - answered < 1.0


@pytest.mark.sleeps
def test_an_answer_during_a_pause_to_a_request_that_gave_up_waiting_starts_a_window() -> None:
    # A 429 pauses every caller for 0.15 s. A caller with less time goes all the same; its answer
    # says 1 left, of a window begun since the 429 (0.3 s long). After the pause one request
    # goes, and the next waits for that window to end: it does not take the window to be full.
    gate = SyncGate(reserve=0.0)
    window = {"X-RateLimit-Max": "5", "X-RateLimit-Interval-Milliseconds": "300"}
    gate.leave(None, httpx.Response(200, headers={**window, "X-RateLimit-Remaining": "3"}))
    sent = gate.enter(NEVER, time.monotonic())
    gate.leave(sent, httpx.Response(429, headers={**window, "X-RateLimit-Remaining": "0", "Retry-After": "0.15"}))
    now = time.monotonic()
    sent = gate.enter(now + 0.02, now)
    answered = time.monotonic()
    gate.leave(sent, httpx.Response(200, headers={**window, "X-RateLimit-Remaining": "1"}))
    gate.enter(NEVER, time.monotonic())
    gate.enter(NEVER, time.monotonic())
    assert time.monotonic() - answered >= 0.3
