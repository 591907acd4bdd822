"""Sending a planned request politely, and what stops a recording.

Requests go through the live run's `PoliteProxy.forward`: paced to `CONFORMANCE_RATE` and to the
API's burst budget (keeping its reserve for other traffic), a burst 429 waited out and the request
sent again. When the proxy stops (a 429 that says the day's budget is spent, the target
unreachable, the rate limit outlasting the time budget, the request cap), so does the recording.

Two kinds of stop, with their own exit status:
- AnswerNotAsPlanned (1): the API answered, but not as the request was meant to provoke, or not as
  the spec says; its answers cannot become fixtures. The message names the request, the status and
  the likely cause.
- CouldNotRecord (2): nothing is known to be wrong with the API, the recording could not be made:
  the proxy stopped (see above), or a folder that cannot be written.
"""

import httpx

from scripts.conformance.proxy import PoliteProxy, RunStopped
from scripts.record.plan import INVALID_TOKEN, PlannedRequest


class RecordingError(Exception):
    exit_status = 2


class AnswerNotAsPlanned(RecordingError):
    exit_status = 1


class CouldNotRecord(RecordingError):
    exit_status = 2


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
    try:
        return proxy.forward(request)
    except RunStopped as stopped:
        raise CouldNotRecord(
            f"{planned.describe()} was not answered: {stopped.reason}. Nothing more was sent."
        ) from None
