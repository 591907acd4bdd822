"""How long the polite proxy waits after a 429, and how it reads a rate."""

import email.utils
import time

import httpx
import pytest

from scripts.polite_proxy import Politeness, wait_after_rate_limit


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
