"""What an answer's headers say about HighLevel's rate limits (generated.ratelimit), read directly."""

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from generated.ratelimit import RateLimit, daily_reset_seconds, retry_after_seconds, server_delay

NOW = datetime(2026, 3, 1, 12, 0, 0, tzinfo=UTC)
RETRY_AFTER = {
    "whole seconds": ("120", 120.0),
    "fractional seconds": ("0.05", 0.05),
    "negative seconds mean now": ("-3", 0.0),
    "an HTTP date ahead": (format_datetime(NOW + timedelta(seconds=30), usegmt=True), 30.0),
    "an HTTP date past": (format_datetime(NOW - timedelta(seconds=30), usegmt=True), 0.0),
    "an HTTP date without a zone is UTC": ("Sun, 01 Mar 2026 12:00:07 -0000", 7.0),
    "not a number": ("nan", None),
    "infinite": ("inf", None),
    "garbage": ("soon", None),
}


@pytest.mark.parametrize("case", RETRY_AFTER)
def test_retry_after_values(case: str) -> None:
    value, seconds = RETRY_AFTER[case]
    assert retry_after_seconds(value, NOW) == seconds


SERVER_DELAYS = {
    "burst budget spent": ({"X-RateLimit-Remaining": "0", "X-RateLimit-Interval-Milliseconds": "10000"}, 10.0),
    "burst budget left": ({"X-RateLimit-Remaining": "3", "X-RateLimit-Interval-Milliseconds": "10000"}, None),
    "interval not a number": ({"X-RateLimit-Remaining": "0", "X-RateLimit-Interval-Milliseconds": "x"}, None),
    "Retry-After wins over a longer window": (
        {"Retry-After": "2", "X-RateLimit-Remaining": "0", "X-RateLimit-Interval-Milliseconds": "9000"},
        2.0,
    ),
    "Retry-After wins over a shorter window": (
        {"Retry-After": "2", "X-RateLimit-Remaining": "0", "X-RateLimit-Interval-Milliseconds": "500"},
        2.0,
    ),
    "a broken Retry-After leaves the interval": (
        {"Retry-After": "x", "X-RateLimit-Remaining": "0", "X-RateLimit-Interval-Milliseconds": "500"},
        0.5,
    ),
    "no hint": ({}, None),
}


DAILY_RESETS = {
    "milliseconds from now": ("3600000", 3600.0),
    "a moment in epoch milliseconds": (str(int((NOW + timedelta(hours=2)).timestamp() * 1000)), 7200.0),
    "a moment past": (str(int((NOW - timedelta(hours=2)).timestamp() * 1000)), 0.0),
    "not a number": ("tomorrow", None),
}


@pytest.mark.parametrize("case", DAILY_RESETS)
def test_daily_reset_values(case: str) -> None:
    value, seconds = DAILY_RESETS[case]
    assert daily_reset_seconds(value, NOW) == seconds


def test_a_429_of_the_daily_budget_is_told_from_a_burst_one() -> None:
    daily = RateLimit.from_headers(
        httpx.Headers({"X-RateLimit-Daily-Remaining": "0", "X-RateLimit-Remaining": "40"}), NOW
    )
    burst = RateLimit.from_headers(
        httpx.Headers({"X-RateLimit-Daily-Remaining": "1500", "X-RateLimit-Remaining": "0"}), NOW
    )
    assert (daily.daily_spent, daily.burst_spent) == (True, False)
    assert (burst.daily_spent, burst.burst_spent) == (False, True)


@pytest.mark.parametrize("case", SERVER_DELAYS)
def test_server_delays(case: str) -> None:
    headers, seconds = SERVER_DELAYS[case]
    assert server_delay(httpx.Headers(headers), NOW) == seconds
