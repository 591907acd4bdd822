"""The polite proxy as a live run uses it, on loopback, in front of a stand-in that records what
reached it: the live-like one (`scripts/stand_ins/live_like.py`) or a scripted one."""

import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import httpx
import pytest

from scripts.conformance.politeness import Politeness
from scripts.conformance.proxy import REFUSED_HEADER, PoliteProxy
from scripts.conformance.scope import live_scope
from scripts.spec import operations
from scripts.stand_ins.live_like import COMPANY_ID, EXPRESS_METHODS, LOCATION_ID, SNAPSHOT_ID, LiveLike
from scripts.stand_ins.scripted import SeenRequest, scripted_server
from scripts.wsgi import Answer, running_server

TOKEN = "polite-proxy-wire-token"  # a loopback stand-in's token, no secret
HEADERS = {"Authorization": f"Bearer {TOKEN}", "Version": "2021-07-28"}
PINNED = {
    "HIGHLEVEL_TOKEN": TOKEN,
    "HIGHLEVEL_COMPANY_ID": COMPANY_ID,
    "HIGHLEVEL_SNAPSHOT_ID": SNAPSHOT_ID,
    "HIGHLEVEL_LOCATION_ID": LOCATION_ID,
}
METHODS = sorted(EXPRESS_METHODS | {"TRACE", "QUERY"})
PATHS = {op.path.format(snapshotId=SNAPSHOT_ID, locationId=LOCATION_ID): op for op in operations()}
FAST = Politeness(rate=100_000, per_seconds=1.0)


@pytest.mark.parametrize("writes", ["read-only", "writes allowed"])
def test_a_live_run_lets_through_only_what_its_scope_allows(writes: str, http: httpx.Client) -> None:
    env = PINNED | ({"CONFORMANCE_ALLOW_WRITES": "1"} if writes == "writes allowed" else {})
    app = LiveLike(token=TOKEN, burst_max=100_000)
    refused: set[tuple[str, str]] = set()
    with running_server(app) as target:
        proxy = PoliteProxy(target, FAST, allows=live_scope(env).allows)
        try:
            with running_server(proxy) as url:
                for path in PATHS:
                    for method in METHODS:
                        answer = http.request(method, f"{url}{path}?companyId={COMPANY_ID}", headers=HEADERS)
                        if answer.headers.get(REFUSED_HEADER) == "not-allowed":
                            refused.add((method, path))
        finally:
            proxy.close()
    # Read-only: the documented GETs, each of them pinned; with writes, any method on the paths of
    # the operations a live run may send. Never the OAuth token: getting one spends the caller's
    # refresh token.
    if writes == "read-only":
        expected = {("GET", path) for path, op in PATHS.items() if op.method == "GET"}
    else:
        expected = {(method, path) for path, op in PATHS.items() if not op.never_live for method in METHODS}
    reached = {(seen.method, seen.path) for seen in app.seen}
    assert reached == expected
    assert refused == {(method, path) for path in PATHS for method in METHODS} - expected


@contextmanager
def _gets_through_a_proxy(app: LiveLike, politeness: Politeness, http: httpx.Client) -> Iterator[Callable[[int], int]]:
    """A GET of the snapshot list through a proxy in front of `app`, giving its status (its
    argument, a number for `pool.map`, is left unused)."""
    with running_server(app) as target:
        proxy = PoliteProxy(target, politeness)
        try:
            with running_server(proxy) as url:

                def get(_: int) -> int:
                    return http.get(f"{url}/snapshots/?companyId={COMPANY_ID}", headers=HEADERS).status_code

                yield get
        finally:
            proxy.close()


@pytest.mark.sleeps
def test_requests_in_flight_count_against_the_reserve(http: httpx.Client) -> None:
    # 10 a window of 0.5 s, 30 % of it kept back: 7 of ours at most in any window, even when they
    # are sent all at once and none has been answered yet.
    app = LiveLike(token=TOKEN, burst_max=10, interval_ms=500, latency=0.05)
    with _gets_through_a_proxy(app, Politeness(rate=100_000, per_seconds=1.0, reserve=0.3), http) as get:
        statuses = [get(0)]  # the first answer shows the budget
        with ThreadPoolExecutor(13) as pool:
            statuses += pool.map(get, range(13))
    assert statuses == [200] * 14
    assert app.rate_limited == 0
    assert app.most_in_a_window <= 10 - 3


@pytest.mark.sleeps
def test_a_429_holds_back_every_request_until_the_wait_it_asks_for_is_over() -> None:
    # One pacer: as the client's callers, all the requests through the proxy wait out a burst 429.
    pause = 0.3

    def respond(request: SeenRequest) -> Answer:
        if len(server.seen) == 1:
            return Answer.of_json(429, {"statusCode": 429}, ("Retry-After", str(pause)))
        return Answer.of_json(200, {})

    with scripted_server(respond) as server:
        proxy = PoliteProxy(server.url, FAST)
        request = httpx.Request("GET", f"{server.url}/snapshots/")
        try:
            with ThreadPoolExecutor(2) as pool:
                first = pool.submit(proxy.forward, request)
                while not proxy.stats.rate_limited:
                    time.sleep(0.01)
                second = pool.submit(proxy.forward, request)
                statuses = [first.result().status_code, second.result().status_code]
        finally:
            proxy.close()
    limited, *after = (seen.at for seen in server.seen)
    assert statuses == [200, 200] and len(after) == 2
    assert min(after) - limited >= pause


@pytest.mark.sleeps
def test_a_request_waits_for_answers_when_a_new_window_is_all_in_flight(http: httpx.Client) -> None:
    # 2 a window of 0.1 s. After a window has ended nothing says what the next one holds but
    # X-RateLimit-Max: the first 2 of 3 sent at once go, the third waits for what they say.
    app = LiveLike(token=TOKEN, burst_max=2, interval_ms=100, latency=0.05)
    with _gets_through_a_proxy(app, FAST, http) as get:
        statuses = [get(0)]
        time.sleep(0.15)
        with ThreadPoolExecutor(3) as pool:
            statuses += pool.map(get, range(3))
    assert statuses == [200] * 4
    assert app.rate_limited == 0
