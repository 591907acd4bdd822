"""How the polite proxy paces, waits and stops, on a fake clock: no test here sleeps."""

import io
import json
from wsgiref.util import setup_testing_defaults

import httpx
import pytest

from scripts.conformance.proxy import REFUSED_HEADER, Politeness, PoliteProxy, RunStopped
from scripts.fixtures import load_fixtures
from scripts.stand_ins.replay import DEVELOPMENT_TOKEN, ReplayApp
from scripts.wsgi import running_server

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


def test_a_429_that_keeps_coming_stops_the_run() -> None:
    clock = FakeClock()
    proxy, request = _proxy(clock, _answers(httpx.Response(429)), max_429_retries=2)
    with pytest.raises(RunStopped, match="429 to the same request 3 times in a row"):
        proxy.forward(request)
    assert clock.sleeps == [1.0, 2.0, 4.0]


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
    with pytest.raises(RunStopped, match="request cap of 2"):
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


def test_a_client_of_the_proxy_waits_longer_than_any_forward_can_take() -> None:
    politeness = Politeness()
    longest = politeness.longest_forward_seconds()
    assert longest >= politeness.max_wait_seconds + (politeness.max_429_retries + 1) * politeness.request_timeout


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
