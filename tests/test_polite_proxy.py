"""How long the polite proxy waits after a 429, and how it reads a rate."""

import email.utils
import io
import json
import time
from wsgiref.util import setup_testing_defaults

import httpx
import pytest

from scripts.conformance.proxy import Politeness, PoliteProxy, wait_after_rate_limit
from scripts.fixtures import load_fixtures
from scripts.replay.app import DEVELOPMENT_TOKEN, ReplayApp
from scripts.wsgi import running_server


def _429(**headers: str) -> httpx.Response:
    return httpx.Response(429, headers=headers)


@pytest.mark.parametrize(
    ("response", "attempt", "expected"),
    [
        (_429(**{"Retry-After": "3"}), 0, 3.0),
        (
            _429(**{"Retry-After": "2", "X-RateLimit-Remaining": "0", "X-RateLimit-Interval-Milliseconds": "9000"}),
            0,
            2.0,
        ),
        (_429(**{"X-RateLimit-Remaining": "0", "X-RateLimit-Interval-Milliseconds": "1500"}), 0, 1.5),
        (_429(**{"X-RateLimit-Remaining": "5", "X-RateLimit-Interval-Milliseconds": "1500"}), 2, 4.0),
        (_429(), 0, 1.0),
        (_429(), 3, 8.0),
        (_429(**{"Retry-After": "soon"}), 1, 2.0),
    ],
    ids=["retry-after", "retry-after wins", "budget spent", "budget left: backoff", "backoff", "backoff grows", "junk"],
)
def test_wait_after_a_429(response: httpx.Response, attempt: int, expected: float) -> None:
    assert wait_after_rate_limit(response, attempt, first_backoff=1.0) == expected


def test_retry_after_as_an_http_date() -> None:
    later = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 25 < wait_after_rate_limit(_429(**{"Retry-After": later}), 0, first_backoff=1.0) <= 30


@pytest.mark.parametrize(("text", "parsed"), [("60/10s", (60, 10.0)), ("5/500ms", (5, 0.5)), ("3/2", (3, 2.0))])
def test_rates_are_read(text: str, parsed: tuple[int, float]) -> None:
    assert Politeness.parse_rate(text) == parsed


def test_a_content_length_that_is_not_a_number_is_forwarded_without_a_body() -> None:
    # Found by the fuzzer: `int()` of this header made the proxy answer 500.
    environ: dict[str, object] = {}
    setup_testing_defaults(environ)
    environ.update(
        {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": "/snapshots/",
            "QUERY_STRING": "companyId=5D112kQsiKESj6rash",
            "CONTENT_LENGTH": "yL1|/:a1? 'y",
            "HTTP_AUTHORIZATION": f"Bearer {DEVELOPMENT_TOKEN}",
            "HTTP_VERSION": "2021-07-28",
            "wsgi.input": io.BytesIO(b""),
        }
    )
    statuses: list[str] = []
    with running_server(ReplayApp(load_fixtures())) as target:
        proxy = PoliteProxy(target, Politeness())
        try:
            body = b"".join(proxy(environ, lambda status, headers: statuses.append(status)))
        finally:
            proxy.close()
    assert statuses == ["200 OK"]
    assert json.loads(body)["snapshots"]
