"""How the polite proxy paces, waits and stops, on a fake clock (what it sleeps is what the clock
records), and the longest a forward can take, on the real one."""

import io
import json
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any
from wsgiref.util import setup_testing_defaults

import httpx
import pytest

from scripts.conformance.politeness import Politeness
from scripts.conformance.proxy import REFUSED_HEADER, PoliteProxy, RunStopped
from scripts.fixtures import load_fixtures
from scripts.stand_ins.replay import DEVELOPMENT_TOKEN, ReplayApp
from scripts.stand_ins.scripted import SeenRequest, Stall, scripted_server
from scripts.wsgi import Answer, running_server

TARGET = "https://api.invalid"


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


class WindowServer:
    """A fixed window of `maximum` requests per `interval` seconds of the fake clock, as HighLevel
    reports it; `others` requests of other traffic spend each window first. Each answer takes 10 ms."""

    def __init__(self, clock: FakeClock, maximum: int, interval: float, others: int = 0) -> None:
        self.clock, self.maximum, self.interval, self.others = clock, maximum, interval, others
        self.window, self.used = -1, 0
        self.own_per_window: dict[int, int] = {}
        self.answers: list[int] = []

    def headers(self, remaining: int) -> dict[str, str]:
        return {
            "X-RateLimit-Max": str(self.maximum),
            "X-RateLimit-Remaining": str(remaining),
            "X-RateLimit-Interval-Milliseconds": str(int(self.interval * 1000)),
        }

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.clock.now += 0.01
        window = int(self.clock.now // self.interval)
        if window != self.window:
            self.window, self.used = window, self.others
        if self.used >= self.maximum:
            self.answers.append(429)
            return httpx.Response(429, headers=self.headers(0), json={"statusCode": 429})
        self.used += 1
        self.own_per_window[window] = self.own_per_window.get(window, 0) + 1
        self.answers.append(200)
        return httpx.Response(200, headers=self.headers(self.maximum - self.used), json={})


def _proxy(
    clock: FakeClock, answer: httpx.MockTransport | WindowServer, **politeness: float
) -> tuple[PoliteProxy, httpx.Request]:
    transport = answer if isinstance(answer, httpx.MockTransport) else httpx.MockTransport(answer)
    proxy = PoliteProxy(TARGET, Politeness(**politeness), sleep=clock.sleep, clock=clock, transport=transport)  # type: ignore[arg-type]
    return proxy, httpx.Request("GET", f"{TARGET}/snapshots/")


def _answers(*responses: httpx.Response) -> httpx.MockTransport:
    """Answers the requests with these responses in turn, the last one for ever after."""
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return responses[min(len(sent), len(responses)) - 1]

    transport = httpx.MockTransport(answer)
    transport.sent = sent  # type: ignore[attr-defined]
    return transport


def test_the_reserve_is_left_to_other_traffic_and_the_window_waited_for() -> None:
    clock = FakeClock()
    server = WindowServer(clock, maximum=10, interval=1.0, others=2)
    proxy, request = _proxy(clock, server, rate=1000, per_seconds=1.0, reserve=0.3)
    statuses = [proxy.forward(request).status_code for _ in range(30)]
    assert statuses == [200] * 30
    assert server.answers.count(429) == 0
    # 10 per window, 2 of them spent by others, 3 (30 %) kept in reserve: 5 of ours at most.
    assert max(server.own_per_window.values()) == 5
    assert proxy.stats.waited_seconds <= 2 * 30 / 5 * 1.0


def test_without_a_reserve_the_whole_budget_is_used() -> None:
    clock = FakeClock()
    server = WindowServer(clock, maximum=10, interval=1.0)
    proxy, request = _proxy(clock, server, rate=1000, per_seconds=1.0, reserve=0.0)
    for _ in range(25):
        proxy.forward(request)
    assert max(server.own_per_window.values()) == 10
    assert server.answers.count(429) == 0


def test_the_ceiling_holds_when_the_server_says_nothing() -> None:
    clock = FakeClock()
    sent_at: list[float] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent_at.append(clock.now)
        return httpx.Response(200)

    proxy, request = _proxy(clock, httpx.MockTransport(answer), rate=3, per_seconds=1.0)
    for _ in range(9):
        proxy.forward(request)
    assert max(sum(1 for other in sent_at if start <= other < start + 1.0) for start in sent_at) <= 3


def test_a_burst_429_is_waited_out_and_sent_again() -> None:
    clock = FakeClock()
    transport = _answers(httpx.Response(429, headers={"Retry-After": "2"}), httpx.Response(200))
    proxy, request = _proxy(clock, transport)
    assert proxy.forward(request).status_code == 200
    assert clock.sleeps == [2.0]
    assert (proxy.stats.rate_limited, proxy.stats.forwarded, proxy.stats.stopped) == (1, 2, None)


def test_a_429_without_retry_after_waits_for_the_end_of_the_window() -> None:
    clock = FakeClock()
    spent = {"X-RateLimit-Max": "10", "X-RateLimit-Remaining": "0", "X-RateLimit-Interval-Milliseconds": "1500"}
    proxy, request = _proxy(clock, _answers(httpx.Response(429, headers=spent), httpx.Response(200)))
    assert proxy.forward(request).status_code == 200
    assert clock.sleeps == [1.5]


def test_a_429_that_asks_for_no_wait_is_sent_again_at_once() -> None:
    clock = FakeClock()
    now = httpx.Response(429, headers={"Retry-After": "0"})
    proxy, request = _proxy(clock, _answers(now, now, httpx.Response(200)))
    assert proxy.forward(request).status_code == 200
    assert clock.sleeps == []
    assert proxy.stats.rate_limited == 2  # the run's report counts them


def test_a_retry_after_date_is_waited_for() -> None:
    at = format_datetime(datetime.now(UTC) + timedelta(seconds=3), usegmt=True)
    clock = FakeClock()
    proxy, request = _proxy(clock, _answers(httpx.Response(429, headers={"Retry-After": at}), httpx.Response(200)))
    assert proxy.forward(request).status_code == 200
    assert len(clock.sleeps) == 1 and 1.0 < clock.sleeps[0] <= 3.0


def test_a_bare_429_waits_for_the_window_an_earlier_answer_gave() -> None:
    # The 429 says nothing, but the answer before it gave the window (1.5 s): no backoff (1 s).
    clock = FakeClock()
    window = {"X-RateLimit-Remaining": "5", "X-RateLimit-Interval-Milliseconds": "1500"}
    transport = _answers(httpx.Response(200, headers=window), httpx.Response(429), httpx.Response(200))
    proxy, request = _proxy(clock, transport)
    proxy.forward(request)
    assert proxy.forward(request).status_code == 200
    assert clock.sleeps == [1.5]


def test_a_wait_of_all_the_time_budget_for_waiting_is_waited() -> None:
    clock = FakeClock()
    transport = _answers(httpx.Response(429, headers={"Retry-After": "2"}), httpx.Response(200))
    proxy, request = _proxy(clock, transport, max_wait_seconds=2.0)
    assert proxy.forward(request).status_code == 200
    assert clock.sleeps == [2.0]


def test_requests_in_flight_count_against_the_ceiling() -> None:
    # 2 a second. The second request is still in flight when a third is asked for (inside its
    # answer, as another caller would): the first request's answer and it fill the ceiling.
    clock = FakeClock()
    sent: list[float] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(clock.now)
        if len(sent) == 2:
            proxy.forward(request)
        return httpx.Response(200)

    proxy, request = _proxy(clock, httpx.MockTransport(answer), rate=2, per_seconds=1.0)
    for _ in range(3):
        proxy.forward(request)
    # At 1 s the second and third answers (both at 1 s) fill the ceiling until 2 s.
    assert sent == [0.0, 0.0, 1.0, 2.0]
    assert clock.sleeps == [1.0, 1.0]


def test_a_bare_429_right_when_a_pause_ends_backs_off() -> None:
    # The first 429's pause (1 s) ends as the second, which says nothing, arrives: it backs off.
    clock = FakeClock()
    bare = httpx.Response(429)
    proxy, request = _proxy(
        clock, _answers(httpx.Response(429, headers={"Retry-After": "1"}), bare, httpx.Response(200))
    )
    assert proxy.forward(request).status_code == 200
    assert clock.sleeps == [1.0, 2.0]


def test_more_left_in_an_answer_to_a_request_sent_as_the_low_value_came_is_no_new_window() -> None:
    # 1 left at 0 s; a request sent then (the clock has not moved) is answered "2 left": it may
    # have been counted in the same window, so only 1 goes at a time until the window has ended.
    clock = FakeClock()
    sent: list[float] = []
    left = iter(["1", "2", "1", "9"])

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(clock.now)
        remaining = next(left)
        if len(sent) == 3:
            proxy.forward(request)  # another caller, while this one is in flight
        window = {"X-RateLimit-Max": "10", "X-RateLimit-Interval-Milliseconds": "1000"}
        return httpx.Response(200, headers={**window, "X-RateLimit-Remaining": remaining})

    proxy, request = _proxy(clock, httpx.MockTransport(answer), reserve=0.0)
    for _ in range(3):
        proxy.forward(request)
    assert sent == [0.0, 0.0, 0.0, 1.0]
    assert clock.sleeps == [1.0]


def test_more_left_after_the_same_again_is_a_new_window() -> None:
    # 2 left at 0 s; at 0.5 s an answer says 2 again (no news: the window is not taken to have
    # begun again then), and the next one says 5: a new window, in which 3 may be in flight at once.
    clock = FakeClock()
    sent: list[float] = []
    left = iter(["2", "2", "5", "4", "4", "4"])

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(clock.now)
        remaining = next(left)
        if len(sent) in (4, 5):
            proxy.forward(request)  # another caller, while this one is in flight
        window = {"X-RateLimit-Max": "10", "X-RateLimit-Interval-Milliseconds": "1000"}
        return httpx.Response(200, headers={**window, "X-RateLimit-Remaining": remaining})

    proxy, request = _proxy(clock, httpx.MockTransport(answer), reserve=0.0)
    proxy.forward(request)
    clock.now = 0.5
    for _ in range(3):
        proxy.forward(request)
    assert sent == [0.0] + [0.5] * 5
    assert clock.sleeps == []


def test_a_429_that_keeps_coming_stops_the_run() -> None:
    clock = FakeClock()
    proxy, request = _proxy(clock, _answers(httpx.Response(429)), max_429_retries=2)
    with pytest.raises(RunStopped, match="429 to the same request 3 times in a row"):
        proxy.forward(request)
    assert clock.sleeps == [1.0, 2.0, 4.0]


@pytest.mark.parametrize(
    ("reset", "said"),
    [
        ({"X-RateLimit-Daily-Reset": "1800000"}, "; it comes back in 30 min"),
        ({"X-RateLimit-Daily-Reset": "3600000"}, "; it comes back in 1 h 00 min"),
        ({"X-RateLimit-Daily-Reset": "7200000"}, "; it comes back in 2 h 00 min"),
        ({}, ""),
    ],
)
def test_a_daily_429_says_when_the_budget_comes_back_if_the_server_said(reset: dict[str, str], said: str) -> None:
    daily = httpx.Response(429, headers={"X-RateLimit-Daily-Remaining": "0", **reset})
    proxy, request = _proxy(FakeClock(), _answers(daily))
    with pytest.raises(RunStopped) as stopped:
        proxy.forward(request)
    assert stopped.value.reason.endswith(f"X-RateLimit-Daily-Remaining: 0){said}")


def test_a_daily_429_stops_at_once_and_says_when_the_budget_comes_back() -> None:
    clock = FakeClock()
    daily = httpx.Response(
        429,
        headers={
            "X-RateLimit-Remaining": "80",
            "X-RateLimit-Daily-Remaining": "0",
            "X-RateLimit-Daily-Reset": "5400000",
        },
    )
    transport = _answers(daily)
    proxy, request = _proxy(clock, transport)
    with pytest.raises(RunStopped, match=r"day's request budget is spent.*comes back in 1 h 30 min"):
        proxy.forward(request)
    with pytest.raises(RunStopped, match="day's"):
        proxy.forward(request)
    assert len(transport.sent) == 1  # type: ignore[attr-defined]
    assert clock.sleeps == []
    assert proxy.stats.rate_limited == 0


def test_a_rate_limit_that_outlasts_the_time_budget_stops_without_waiting() -> None:
    clock = FakeClock()
    proxy, request = _proxy(clock, _answers(httpx.Response(429, headers={"Retry-After": "3600"})), max_wait_seconds=60)
    with pytest.raises(RunStopped, match=r"outlasts the run's time budget for waiting: it asks for 3600.0 s more"):
        proxy.forward(request)
    assert clock.sleeps == []


def test_the_request_cap_stops_the_run() -> None:
    clock = FakeClock()
    proxy, request = _proxy(clock, _answers(httpx.Response(200)), max_requests=2)
    proxy.forward(request)
    proxy.forward(request)
    with pytest.raises(RunStopped, match=r"request cap of 2 .* ended \(raise CONFORMANCE_MAX_REQUESTS\)$"):
        proxy.forward(request)
    assert proxy.stats.forwarded == 2


def test_an_unreachable_target_stops_the_run() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    proxy, request = _proxy(FakeClock(), httpx.MockTransport(refuse))
    with pytest.raises(RunStopped, match=f"could not reach {TARGET}: ConnectError") as stopped:
        proxy.forward(request)
    assert isinstance(stopped.value.__cause__, httpx.ConnectError)


def test_no_wait_holds_the_lock() -> None:
    clock = FakeClock()
    server = WindowServer(clock, maximum=4, interval=1.0)
    proxy, request = _proxy(clock, server, rate=1000, per_seconds=1.0, reserve=0.0)
    held: list[bool] = []

    def sleep(seconds: float) -> None:
        held.append(proxy._lock.locked())
        clock.sleep(seconds)

    proxy._sleep = sleep
    for _ in range(10):
        proxy.forward(request)
    assert held and not any(held)


def test_the_waits_of_a_run_add_up_to_no_more_than_its_time_budget_for_waiting() -> None:
    # Each wait for a window (about 1 s) fits in the 3.5 s; the fourth one would not, with the
    # three before it.
    clock = FakeClock()
    server = WindowServer(clock, maximum=4, interval=1.0)
    proxy, request = _proxy(clock, server, rate=1000, per_seconds=1.0, reserve=0.0, max_wait_seconds=3.5)
    with pytest.raises(RunStopped, match="outlasts the run's time budget for waiting"):
        for _ in range(100):
            proxy.forward(request)
    assert 3.5 - 1.0 < sum(clock.sleeps) <= 3.5


@pytest.mark.sleeps
def test_no_forward_takes_longer_than_its_longest() -> None:
    # The worst case: every attempt as slow as it may be, and every wait the run allows. A 429
    # that comes just before the request timeout and asks for all the time left for waiting, then
    # a target that never answers.
    politeness = Politeness(request_timeout=0.4, max_wait_seconds=0.8, max_429_retries=1)
    spent = Answer.of_json(429, {"statusCode": 429}, ("Retry-After", "0.78"))

    def respond(request: SeenRequest) -> Answer | Stall:
        if len(server.seen) > 1:
            return Stall()
        time.sleep(0.2)
        return spent

    with scripted_server(respond) as server:
        proxy = PoliteProxy(server.url, politeness)
        started = time.monotonic()
        try:
            with pytest.raises(RunStopped, match="ReadTimeout"):
                proxy.forward(httpx.Request("GET", f"{server.url}/snapshots/"))
            took = time.monotonic() - started
        finally:
            proxy.close()
    assert len(server.seen) == 2
    assert took <= politeness.longest_forward_seconds()


def _environ(**extra: object) -> dict[str, object]:
    environ: dict[str, object] = {}
    setup_testing_defaults(environ)
    environ.update(
        {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": "/snapshots/",
            "QUERY_STRING": "companyId=5D112kQsiKESj6rash",
            "HTTP_AUTHORIZATION": f"Bearer {DEVELOPMENT_TOKEN}",
            "HTTP_VERSION": "2021-07-28",
            "wsgi.input": io.BytesIO(b""),
            **extra,
        }
    )
    return environ


def test_what_the_proxy_answers_itself_is_marked_as_its_own() -> None:
    proxy, _ = _proxy(FakeClock(), _answers(httpx.Response(200)), max_requests=1)
    answers: list[tuple[str, list[tuple[str, str]]]] = []
    for _ in range(2):
        b"".join(proxy(_environ(), lambda status, headers: answers.append((status, headers))))
    (first, first_headers), (second, second_headers) = answers
    assert first == "200 OK" and REFUSED_HEADER not in dict(first_headers)
    assert second.startswith("503") and dict(second_headers)[REFUSED_HEADER] == "stopped"
    assert proxy.stats.refused == {"stopped": 1}


def test_a_request_that_cannot_be_sent_is_refused_and_not_counted() -> None:
    # A NUL in a header: httpx refuses to put it on the wire. The cap of 1 still lets the next go.
    answers: list[tuple[str, dict[str, str], dict[str, Any]]] = []

    def call(**extra: object) -> None:
        started: list[tuple[str, list[tuple[str, str]]]] = []
        body = b"".join(proxy(_environ(**extra), lambda status, headers: started.append((status, headers))))
        answers.append((started[0][0], dict(started[0][1]), json.loads(body)))

    with scripted_server(lambda request: Answer.of_json(200, {})) as server:
        proxy = PoliteProxy(server.url, Politeness(max_requests=1))
        try:
            call(HTTP_X_BROKEN="a\x00b")
            call()
            call()
        finally:
            proxy.close()
    assert len(server.seen) == 1
    (malformed, headers, body), (sent, _, _), (stopped, stopped_headers, stopped_body) = answers
    assert malformed.startswith("400 ") and headers[REFUSED_HEADER] == "malformed-request"
    assert body["statusCode"] == 400 and body["message"].startswith("not forwarded: ")
    assert sent == "200 OK"
    assert stopped.startswith("503 ") and stopped_headers[REFUSED_HEADER] == "stopped"
    assert stopped_body == {"statusCode": 503, "message": f"not forwarded: {proxy.stats.stopped}"}
    assert "request cap of 1" in stopped_body["message"]


def test_a_content_length_that_is_not_a_number_is_forwarded_without_a_body() -> None:
    # Found by the fuzzer: `int()` of this header made the proxy answer 500.
    statuses: list[str] = []
    with running_server(ReplayApp(load_fixtures())) as target:
        proxy = PoliteProxy(target, Politeness())
        try:
            environ = _environ(CONTENT_LENGTH="yL1|/:a1? 'y")
            body = b"".join(proxy(environ, lambda status, headers: statuses.append(status)))
        finally:
            proxy.close()
    assert statuses == ["200 OK"]
    assert json.loads(body)["snapshots"]
