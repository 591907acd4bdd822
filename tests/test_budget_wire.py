"""The burst budget the callers of one client share, seen where it matters: on the wire of a
loopback stand-in (`scripts/stand_ins/scripted.py`) and on the clock, for threads and for tasks.
Nothing here looks inside the gates, so the tests hold whatever the gates become."""

import asyncio
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from itertools import pairwise

import httpx
import pytest

from generated import AuthenticatedClient
from generated.retry import AsyncRetryTransport, RetryPolicy
from scripts.stand_ins.scripted import Reset, SeenRequest, scripted_server
from scripts.wsgi import Answer

TOKEN = "budget-wire-token-not-a-secret"  # a loopback stand-in's token, no secret
INTERVAL_MS = 1000
ONE_LEFT = Answer.of_json(
    200,
    {},
    ("X-RateLimit-Max", "2"),
    ("X-RateLimit-Remaining", "1"),
    ("X-RateLimit-Interval-Milliseconds", str(INTERVAL_MS)),
)
# Far less than the window: a call that goes at once is told from one held back until it ends.
SOON = INTERVAL_MS / 1000 / 2
MODES = ["threads", "tasks"]


def _client(url: str) -> AuthenticatedClient:
    return AuthenticatedClient(base_url=url, token=TOKEN, retry=RetryPolicy(max_attempts=1))


def _calls(mode: str, url: str, count: int) -> float:
    """Makes `count` GETs at once from one client, after a first one that shows the budget, and
    waits for them all; returns when they were started."""
    client = _client(url)

    def get_all() -> None:
        with client.get_httpx_client() as http:
            http.get("/snapshots/")
            threads = [threading.Thread(target=http.get, args=("/snapshots/",)) for _ in range(count)]
            started.append(time.monotonic())
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()

    async def get_all_async() -> None:
        async with client.get_async_httpx_client() as http:
            await http.get("/snapshots/")
            started.append(time.monotonic())
            await asyncio.gather(*(http.get("/snapshots/") for _ in range(count)))

    started: list[float] = []
    if mode == "threads":
        get_all()
    else:
        asyncio.run(get_all_async())
    return started[0]


def _one_by_one(respond: Callable[[int], Answer | Reset]) -> Callable[[SeenRequest], Answer | Reset]:
    """A responder that answers the n-th request (from 0) with `respond(n)`."""
    count = iter(range(1_000_000))
    lock = threading.Lock()

    def answer(request: SeenRequest) -> Answer | Reset:
        with lock:
            number = next(count)
        return respond(number)

    return answer


@pytest.mark.parametrize("mode", MODES)
def test_a_request_that_failed_on_the_wire_gives_its_place_back(mode: str) -> None:
    # The budget leaves one request; the second is cut off by a reset, the third must go at once.
    answers: list[Answer | Reset] = [ONE_LEFT, Reset(), ONE_LEFT]
    with scripted_server(_one_by_one(lambda number: answers[number])) as server:
        client = _client(server.url)
        if mode == "threads":
            with client.get_httpx_client() as http:
                http.get("/snapshots/")
                with pytest.raises(httpx.TransportError):
                    http.get("/snapshots/")
                asked = time.monotonic()
                http.get("/snapshots/")
        else:

            async def three() -> float:
                async with client.get_async_httpx_client() as http:
                    await http.get("/snapshots/")
                    with pytest.raises(httpx.TransportError):
                        await http.get("/snapshots/")
                    asked = time.monotonic()
                    await http.get("/snapshots/")
                    return asked

            asked = asyncio.run(three())
        assert len(server.seen) == 3
        waited = server.seen[2].at - asked
    assert waited < SOON


LATENCY = 0.1


@pytest.mark.sleeps
@pytest.mark.parametrize("mode", MODES)
def test_callers_waiting_for_an_answer_go_as_soon_as_it_leaves_room(mode: str) -> None:
    # Every answer leaves one request of the window: three callers at once go one after another,
    # each as soon as the answer before it arrived, not when the window ends.
    def answer(number: int) -> Answer:
        if number:
            time.sleep(LATENCY)
        return ONE_LEFT

    with scripted_server(_one_by_one(answer)) as server:
        started = _calls(mode, server.url, 3)
        arrivals = [seen.at for seen in server.seen[1:]]
    assert len(arrivals) == 3
    # The two answers before the last take 2 x LATENCY; a waiter that no answer wakes goes only when
    # the window ends, a whole interval after the first answer.
    assert arrivals[-1] - started < 2 * LATENCY + SOON
    gaps = [later - earlier for earlier, later in pairwise(arrivals)]
    assert min(gaps) >= LATENCY * 0.9  # never two in flight: one is all the window has left


def _two_gets(mode: str, url: str) -> None:
    """Two GETs, one after the other, from one client that does not retry."""
    client = _client(url)
    if mode == "threads":
        with client.get_httpx_client() as http:
            http.get("/snapshots/")
            http.get("/snapshots/")
    else:

        async def two() -> None:
            async with client.get_async_httpx_client() as http:
                await http.get("/snapshots/")
                await http.get("/snapshots/")

        asyncio.run(two())


@pytest.mark.sleeps
@pytest.mark.parametrize("mode", MODES)
def test_a_429_holds_back_the_next_request_for_the_wait_it_asks_for(mode: str) -> None:
    pause = 0.3
    answers = [Answer.of_json(429, {"statusCode": 429}, ("Retry-After", str(pause))), ONE_LEFT]
    with scripted_server(_one_by_one(lambda number: answers[number])) as server:
        _two_gets(mode, server.url)
        limited, after = (seen.at for seen in server.seen)
    assert after - limited >= pause


def test_a_429_whose_retry_after_date_has_passed_holds_nothing_back() -> None:
    passed = format_datetime(datetime.now(UTC) - timedelta(seconds=5), usegmt=True)
    answers = [Answer.of_json(429, {"statusCode": 429}, ("Retry-After", passed)), ONE_LEFT]
    with scripted_server(_one_by_one(lambda number: answers[number])) as server:
        _two_gets("threads", server.url)
        limited, after = (seen.at for seen in server.seen)
    assert after - limited < SOON


@pytest.mark.sleeps
def test_a_task_that_stopped_waiting_leaves_nothing_behind_for_the_next_event_loop() -> None:
    # One transport, used from one event loop and then another: a task of the first stops
    # waiting for a spent window; a task of the second waits for the same window and goes.
    window = ("X-RateLimit-Max", "5"), ("X-RateLimit-Interval-Milliseconds", "300")
    spent = Answer.of_json(200, {}, ("X-RateLimit-Remaining", "0"), *window)
    transport = AsyncRetryTransport(httpx.AsyncHTTPTransport(), RetryPolicy(max_attempts=1))

    async def get(url: str) -> int:
        return (await httpx.AsyncClient(transport=transport).get(f"{url}/snapshots/")).status_code

    async def learn_then_stop_waiting(url: str) -> None:
        await get(url)
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(0.05):
                await get(url)

    with scripted_server(lambda request: spent) as server:
        asyncio.run(learn_then_stop_waiting(server.url))
        status = asyncio.run(get(server.url))
        asyncio.run(transport.aclose())
        first, after = (seen.at for seen in server.seen)
    assert status == 200
    assert after - first >= 0.3


@pytest.mark.sleeps
def test_a_call_waits_for_a_spent_window_only_when_its_time_allows() -> None:
    # Each call has 0.45 s; the window ends at the latest 0.6 s after its first answer, which says
    # 1 left. A slow call takes it; a second one, asked while that is in flight, would have to
    # wait longer than its time, so it goes at once, and is counted in flight all the same: when
    # both answers say 0 left, a third call, asked 0.25 s after the first answer, waits for the
    # window to end.
    window = ("X-RateLimit-Max", "5"), ("X-RateLimit-Interval-Milliseconds", "600")

    def answer(number: int) -> Answer:
        if number == 1:
            time.sleep(0.15)
        return Answer.of_json(200, {}, ("X-RateLimit-Remaining", "0" if number else "1"), *window)

    with scripted_server(_one_by_one(answer)) as server:
        retry = RetryPolicy(max_attempts=1, max_total_seconds=0.45)
        http = AuthenticatedClient(base_url=server.url, token=TOKEN, retry=retry).get_httpx_client()
        http.get("/snapshots/")
        slow = threading.Thread(target=http.get, args=("/snapshots/",))
        slow.start()
        time.sleep(0.05)
        http.get("/snapshots/")
        slow.join()
        time.sleep(max(0.0, server.seen[0].at + 0.25 - time.monotonic()))
        http.get("/snapshots/")
        http.close()
        first, *_, given_up, waited = (seen.at for seen in server.seen)
    assert given_up - first < 0.45
    assert waited - first >= 0.6
