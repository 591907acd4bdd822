"""Sending a planned request politely, and what stops a recording.

Requests go through the live run's `PoliteProxy.forward` (paced to `CONFORMANCE_RATE`, and to the
API's burst window when an answer says it is spent). A 429 is waited out and the request sent
again, a bounded number of times; a 429 that says the day's budget is spent
(`X-RateLimit-Daily-Remaining: 0`) stops the recording at once: no retry within hours can succeed.

Two kinds of stop, with their own exit status:
- AnswerNotAsPlanned (1): the API answered, but not as the request was meant to provoke, or not as
  the spec says; its answers cannot become fixtures. The message names the request, the status and
  the likely cause.
- CouldNotRecord (2): nothing is known to be wrong with the API, the recording could not be made:
  unreachable, the day's budget spent, rate limited beyond the waits, a folder that cannot be written.
"""

import time
from datetime import UTC, datetime

import httpx

from generated.retry import RateLimit
from scripts.conformance.proxy import PoliteProxy, wait_after_rate_limit
from scripts.record.plan import INVALID_TOKEN, PlannedRequest

MAX_RATE_LIMIT_WAITS = 5
FIRST_BACKOFF_SECONDS = 1.0
MAX_WAIT_SECONDS = 60.0


class RecordingError(Exception):
    exit_status = 2


class AnswerNotAsPlanned(RecordingError):
    exit_status = 1


class CouldNotRecord(RecordingError):
    exit_status = 2


def _duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    return f"{minutes // 60} h {minutes % 60} min" if minutes >= 60 else f"{max(minutes, 1)} min"


def daily_budget_spent(planned: PlannedRequest, limit: RateLimit) -> CouldNotRecord:
    back = (
        f"it comes back in about {_duration(limit.daily_reset)} (X-RateLimit-Daily-Reset)"
        if limit.daily_reset is not None
        else "the answer did not say when it comes back"
    )
    return CouldNotRecord(
        f"the day's request budget is spent: {planned.describe()} got a 429 with X-RateLimit-Daily-Remaining: 0;"
        f" {back}. Nothing more was sent."
    )


def likely_cause(planned: PlannedRequest, status: int) -> str:
    pins = " and ".join(planned.pins) or "none"
    if planned.valid_token and status == 401:
        return (
            "is HIGHLEVEL_COMPANY_ID the company of the token, and is HIGHLEVEL_TOKEN a valid Agency token"
            " with the snapshots.readonly scope (snapshots.write to write)?"
        )
    if status == 403:
        return f"the token may not reach what the pinned ids name ({pins}), or lacks the scope"
    if status == 404:
        return f"a pinned id names nothing the token can see ({pins}), or HIGHLEVEL_BASE_URL is not the API"
    if status == 400 and planned.expected < 300:
        return f"the API refused a value the request carried (pinned: {pins})"
    if 200 <= status < 300 and planned.expected == 400:
        return f"the API accepted {planned.meant}: its 400 cannot be provoked this way"
    if 200 <= status < 300 and planned.expected == 401:
        return "the target accepted a deliberately invalid token: is HIGHLEVEL_BASE_URL the API?"
    if status >= 500:
        return "the server failed; try again later"
    return "the spec does not document this answer for it"


def send(proxy: PoliteProxy, base_url: str, planned: PlannedRequest, token: str) -> httpx.Response:
    """The answer to a planned request; raises CouldNotRecord when there is none to judge."""
    headers = {
        **planned.headers,
        "Authorization": f"Bearer {token if planned.valid_token else INVALID_TOKEN}",
        "Accept": "application/json",
    }
    request = httpx.Request(
        planned.method, base_url.rstrip("/") + planned.path, params=planned.query, headers=headers, json=planned.body
    )
    for attempt in range(MAX_RATE_LIMIT_WAITS + 1):
        try:
            response = proxy.forward(request)
        except httpx.TransportError as error:
            raise CouldNotRecord(
                f"{planned.describe()} could not reach {base_url}: {type(error).__name__}: {error}"
            ) from None
        if response is None:
            raise CouldNotRecord(f"the request cap was reached before {planned.describe()}")
        if response.status_code != 429:
            return response
        limit = RateLimit.from_headers(response.headers, datetime.now(UTC))
        if limit.daily_spent:
            raise daily_budget_spent(planned, limit)
        if attempt < MAX_RATE_LIMIT_WAITS:
            time.sleep(min(wait_after_rate_limit(response, attempt, FIRST_BACKOFF_SECONDS), MAX_WAIT_SECONDS))
    raise CouldNotRecord(
        f"{planned.describe()} was still rate limited (429) after {MAX_RATE_LIMIT_WAITS} waits:"
        " other traffic spends the budget; try later, or lower CONFORMANCE_RATE"
    )
