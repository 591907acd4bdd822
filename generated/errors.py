# Replaces the errors.py that openapi-python-client 0.29.1 generates (scripts/codegen/generate.py
# copies it over that one). Changes against it: one exception type, UnexpectedResponse, for every
# response the client cannot turn into the documented model, with UnexpectedStatus (the generator's
# name for an undocumented status) as a subclass of it, and DailyRateLimitExceeded as a subclass of
# that; and TokenRefreshError, for a client whose OAuth token (auth.OAuthRefresh) could not be
# refreshed.
"""The exceptions the API functions raise for responses that do not match the spec, and for an
OAuth access token that could not be refreshed.

Network failures and timeouts of the call itself are not among them: they surface as httpx's own
exceptions (``httpx.RequestError`` and its subclasses, such as ``httpx.TimeoutException``).
"""

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Self

import httpx

from .ratelimit import RateLimit
from .redaction import redact_chain

EXCERPT_LENGTH = 200
"""The most characters of a response body an exception quotes."""

PARSE_ERRORS = (ValueError, TypeError, KeyError, RecursionError)
"""What parsing a body that does not match its schema raises: ValueError (not JSON, not UTF-8, a
value outside an enum), TypeError (a value of the wrong type), KeyError (a missing field),
RecursionError (JSON nested too deep for json.loads)."""


def excerpt(content: bytes, redact: Callable[[str], str]) -> str:
    """The start of a body, as text, with the client's secrets redacted before it is cut."""
    text = redact(content.decode("utf-8", errors="replace"))
    return text if len(text) <= EXCERPT_LENGTH else text[:EXCERPT_LENGTH] + "…"


class UnexpectedResponse(Exception):
    """A response that cannot be turned into the documented model: not JSON, truncated, empty,
    a missing field, a value of the wrong type, or (as ``UnexpectedStatus``) an undocumented status.

    Attributes:
        operation: the operation that got the response, as ``"GET /path (python_name)"``.
        status_code: the status of the response.
        problem: what is wrong with it.
        excerpt: the start of the body (at most ``EXCERPT_LENGTH`` characters), without the token.

    The low-level error, if any, is chained as ``__cause__``.
    """

    def __init__(self, operation: str, status_code: int, problem: str, excerpt: str) -> None:
        self.operation = operation
        self.status_code = status_code
        self.problem = problem
        self.excerpt = excerpt
        super().__init__(f"{operation} answered {status_code}: {problem}; body: {excerpt!r}")

    @classmethod
    def of(
        cls,
        operation: str,
        response: httpx.Response,
        problem: str,
        redact: Callable[[str], str],
        cause: BaseException | None = None,
    ) -> Self:
        """The exception for ``response``. The body a ``cause`` holds (a ``JSONDecodeError``'s
        ``doc``, a ``UnicodeDecodeError``'s ``object``, which its repr shows) is cut to the same
        redacted excerpt, so the chained exception quotes no more; the messages of the cause and
        of what it is chained to are redacted, as ``problem`` is."""
        quoted = excerpt(response.content, redact)
        if isinstance(cause, json.JSONDecodeError):
            cause.doc = quoted
        elif isinstance(cause, UnicodeDecodeError):
            cut = quoted.encode()
            cause.object = cut
            cause.args = (cause.encoding, cut, cause.start, cause.end, cause.reason)
        if cause is not None:
            redact_chain(cause, redact)
        return cls(operation, response.status_code, redact(problem), quoted)


class UnexpectedStatus(UnexpectedResponse):
    """Raised when the status is not documented and ``Client.raise_on_unexpected_status`` is True (the default)."""

    @classmethod
    def of(
        cls,
        operation: str,
        response: httpx.Response,
        problem: str,
        redact: Callable[[str], str],
        cause: BaseException | None = None,
    ) -> "UnexpectedStatus":
        """A ``DailyRateLimitExceeded`` for a 429 of the daily budget, else what ``problem`` says."""
        if response.status_code == 429:
            limit = RateLimit.from_headers(response.headers, datetime.now(UTC))
            if limit.daily_spent:
                quoted = excerpt(response.content, redact)
                return DailyRateLimitExceeded(
                    operation, 429, _daily_problem(limit.daily_reset), quoted, limit.daily_reset
                )
        return super().of(operation, response, problem, redact, cause)


class DailyRateLimitExceeded(UnexpectedStatus):
    """A 429 that says HighLevel's daily budget is spent (``X-RateLimit-Daily-Remaining: 0``). It is
    not retried: the budget comes back hours later, not seconds.

    Attributes:
        reset_seconds: seconds from the answer until the day's budget comes back, from
            ``X-RateLimit-Daily-Reset`` (``ratelimit.daily_reset_seconds`` says what unit is assumed
            and why), or None when the answer does not say.
    """

    def __init__(
        self, operation: str, status_code: int, problem: str, excerpt: str, reset_seconds: float | None
    ) -> None:
        super().__init__(operation, status_code, problem, excerpt)
        self.reset_seconds = reset_seconds


def _daily_problem(reset_seconds: float | None) -> str:
    """What a ``DailyRateLimitExceeded`` says: the day's budget is spent, and when it comes back."""
    spent = "HighLevel's daily rate limit is spent (X-RateLimit-Daily-Remaining: 0)"
    if reset_seconds is None:
        return f"{spent}; the answer does not say when it resets"
    hours, minutes = divmod(round(reset_seconds / 60), 60)
    return f"{spent}; it resets in {reset_seconds:.0f} s ({hours} h {minutes:02d} min)"


class TokenRefreshError(Exception):
    """An OAuth access token could not be refreshed (``auth.OAuthRefresh``), so the call that needed
    it was not sent. Raised by that call, and by every call that waited for the same refresh.

    Attributes:
        reason: what failed: the token endpoint's status and message, or the network error. It
            never holds the client secret or a token.
        status_code: the token endpoint's status, or None when it did not answer.
        retryable: True when the refresh request cannot have reached the token endpoint (the
            connection failed): the refresh token is unspent, and the next call tries again.
            False otherwise: the refresh token may be spent or is refused, so the ``OAuthRefresh``
            never sends it again and every later call that needs a new token raises this error at
            once (an access token that is neither due nor refused is still sent: a 401 about a
            scope leaves it good for other calls); start a new one with the refresh token
            ``on_refresh`` stored last.

    A network error is chained as ``__cause__``; a body the endpoint sent is never quoted whole,
    since a token may be in it.
    """

    def __init__(self, reason: str, status_code: int | None = None, *, retryable: bool = False) -> None:
        self.reason = reason
        self.status_code = status_code
        self.retryable = retryable
        super().__init__(f"refreshing the OAuth access token failed: {reason}")


__all__ = [
    "EXCERPT_LENGTH",
    "PARSE_ERRORS",
    "DailyRateLimitExceeded",
    "TokenRefreshError",
    "UnexpectedResponse",
    "UnexpectedStatus",
    "excerpt",
]
