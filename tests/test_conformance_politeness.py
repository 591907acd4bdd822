"""The pacing settings of a live run: read as documented, and nonsense refused in words."""

import pytest

from scripts.conformance.politeness import UsageError, live_politeness, parse_rate, parse_reserve


@pytest.mark.parametrize(("text", "parsed"), [("60/10s", (60, 10.0)), ("5/500ms", (5, 0.5)), ("3/2", (3, 2.0))])
def test_rates_are_read(text: str, parsed: tuple[int, float]) -> None:
    assert parse_rate(text) == parsed


@pytest.mark.parametrize("text", ["0/10s", "-5/10s", "5/0s", "abc", "5", "5/-1s", "1.5/10s", ""])
def test_a_rate_that_makes_no_sense_is_a_usage_error(text: str) -> None:
    with pytest.raises(UsageError, match="CONFORMANCE_RATE"):
        parse_rate(text)


@pytest.mark.parametrize(("text", "share"), [("0.3", 0.3), ("30%", 0.3), ("0", 0.0), ("0.95", 0.95)])
def test_reserves_are_read(text: str, share: float) -> None:
    assert parse_reserve(text) == pytest.approx(share)


@pytest.mark.parametrize("text", ["1", "100%", "-0.1", "half", "nan"])
def test_a_reserve_that_makes_no_sense_is_a_usage_error(text: str) -> None:
    with pytest.raises(UsageError, match="CONFORMANCE_RESERVE"):
        parse_reserve(text)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("CONFORMANCE_MAX_REQUESTS", "0"),
        ("CONFORMANCE_MAX_REQUESTS", "-3"),
        ("CONFORMANCE_MAX_REQUESTS", "lots"),
        ("CONFORMANCE_MAX_REQUESTS", "2.5"),
        ("CONFORMANCE_MAX_WAIT", "0"),
        ("CONFORMANCE_MAX_WAIT", "inf"),
        ("CONFORMANCE_MAX_WAIT", "nan"),
    ],
)
def test_counts_that_make_no_sense_are_usage_errors(name: str, text: str) -> None:
    with pytest.raises(UsageError, match=name):
        live_politeness({name: text})


def test_the_defaults() -> None:
    politeness = live_politeness({})
    assert (politeness.rate, politeness.per_seconds) == (60, 10.0)
    assert (politeness.max_requests, politeness.reserve, politeness.max_wait_seconds) == (500, 0.3, 300.0)
