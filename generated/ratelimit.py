"""What an answer says about HighLevel's rate limits: ``RateLimit``, the one reader of the
``X-RateLimit-*`` and ``Retry-After`` headers, and the waits they ask for (``server_delay``).

The burst budget (``budget``), the retries (``retry``) and ``errors.DailyRateLimitExceeded`` all
read the headers through it.
"""

import email.utils
import math
from datetime import UTC, datetime

import httpx
from attrs import define


def _seconds(value: str) -> float | None:
    try:
        seconds = float(value)
    except ValueError:
        return None
    return max(seconds, 0.0) if math.isfinite(seconds) else None


def retry_after_seconds(value: str, now: datetime) -> float | None:
    """The wait a ``Retry-After`` value asks for (seconds, or an HTTP date), or None if it is not one."""
    seconds = _seconds(value)
    if seconds is not None:
        return seconds
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max((moment - now).total_seconds(), 0.0)


_EPOCH_MILLISECONDS = 10**12
"""Larger values of ``X-RateLimit-Daily-Reset`` are a moment (milliseconds since 1970, September
2001 or later), not a duration: no day lasts 31 years."""


def daily_reset_seconds(value: str, now: datetime) -> float | None:
    """Seconds until the day's budget comes back, from ``X-RateLimit-Daily-Reset``.

    Its unit is not documented. HighLevel's own SDK treats it as milliseconds, like
    ``X-RateLimit-Interval-Milliseconds``, so milliseconds it is: a duration from now, or, for a
    value too large to be one, a moment in milliseconds since the epoch. None if it is no number.
    """
    milliseconds = _seconds(value)
    if milliseconds is None:
        return None
    if milliseconds >= _EPOCH_MILLISECONDS:
        return max(milliseconds / 1000 - now.timestamp(), 0.0)
    return milliseconds / 1000


def _count(value: str | None) -> int | None:
    try:
        return None if value is None else max(int(value), 0)
    except ValueError:
        return None


@define(frozen=True)
class RateLimit:
    """What one response says about HighLevel's rate limits: the one reader of its headers.

    Attributes:
        maximum: ``X-RateLimit-Max``, requests allowed in one burst window.
        remaining: ``X-RateLimit-Remaining``, requests left in the current window.
        interval_seconds: ``X-RateLimit-Interval-Milliseconds``, the window's length, in seconds.
        daily_remaining: ``X-RateLimit-Daily-Remaining``, requests left today.
        daily_reset: ``X-RateLimit-Daily-Reset``, as seconds from now until the day's budget comes
            back (see ``daily_reset_seconds`` for the unit assumed).
        retry_after: ``Retry-After`` (seconds or an HTTP date), as seconds from now.

    A header that is absent or not a number is None.
    """

    maximum: int | None = None
    remaining: int | None = None
    interval_seconds: float | None = None
    daily_remaining: int | None = None
    daily_reset: float | None = None
    retry_after: float | None = None

    @classmethod
    def from_headers(cls, headers: httpx.Headers, now: datetime) -> "RateLimit":
        # One pass over the headers (lower-cased names, repeated ones joined as Headers.get joins
        # them): each Headers.get would walk them all again.
        values = dict(headers.items())
        interval = _seconds(values.get("x-ratelimit-interval-milliseconds", ""))
        retry_after = values.get("retry-after")
        return cls(
            maximum=_count(values.get("x-ratelimit-max")),
            remaining=_count(values.get("x-ratelimit-remaining")),
            interval_seconds=None if interval is None else interval / 1000,
            daily_remaining=_count(values.get("x-ratelimit-daily-remaining")),
            daily_reset=daily_reset_seconds(values.get("x-ratelimit-daily-reset", ""), now),
            retry_after=None if retry_after is None else retry_after_seconds(retry_after, now),
        )

    @property
    def burst_spent(self) -> bool:
        return self.remaining == 0

    @property
    def daily_spent(self) -> bool:
        """The day's budget is spent: no retry within seconds can succeed."""
        return self.daily_remaining == 0

    def delay(self) -> float | None:
        """The wait the server asked for, in seconds, or None if it asked for none.

        ``Retry-After`` wins when the server sent one: it is the server's own word on when this
        request may come again. ``X-RateLimit-Interval-Milliseconds`` is only the length of the
        window, not the time left in it, so waiting it out (when the budget is spent) is an upper
        bound, used when nothing better was said.
        """
        if self.retry_after is not None:
            return self.retry_after
        return self.interval_seconds if self.burst_spent else None


def server_delay(headers: httpx.Headers, now: datetime) -> float | None:
    """The wait the server asked for, in seconds, or None if it asked for none (``RateLimit.delay``)."""
    return RateLimit.from_headers(headers, now).delay()


def says_remaining(headers: httpx.Headers) -> bool:
    """Whether the headers hold ``X-RateLimit-Remaining``, found without decoding them all."""
    # httpx keeps every name lower-cased in `_list`; its public accessors first work out the
    # encoding of all the headers, which costs more than the rest of the budget's work together.
    for _, name, _ in headers._list:
        if name == b"x-ratelimit-remaining":
            return True
    return False
