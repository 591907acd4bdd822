"""What a call does when HighLevel (or something in front of it) misbehaves: one table, sync and async.

Each row is what a loopback server answers to the first attempt, the second, ... (the last answer
repeats), and the outcome the call must have: the model it returns, our exception (with its
status), or httpx's. Retried rows give the number of attempts and the least gap the client must
leave between them. The token is a canary: bodies that raise echo it back (ECHO becomes the
Authorization header the server got), and it must appear in no message, repr or log record.
"""

import json
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from typing import Any

import httpx
import pytest

from generated import AuthenticatedClient
from generated.api.snapshots import get_custom_snapshots
from generated.errors import DailyRateLimitExceeded, UnexpectedResponse, UnexpectedStatus
from generated.models import BadRequestDTO, GetSnapshotsSuccessfulResponseDto, UnauthorizedDTO
from generated.retry import RetryPolicy
from generated.types import Response
from scripts.stand_ins.scripted import Cut, Reset, ScriptedServer, SeenRequest, Stall, scripted_server
from scripts.wsgi import Answer
from tests.support.docs_examples import documented_examples
from tests.support.leaks import texts_of

TOKEN = "canary-3c1f0e9b7d"
ECHO = b"ECHO"
TIMEOUT = 0.3
POLICY = RetryPolicy(max_attempts=3, backoff_base=0.001, backoff_max=0.005, max_total_seconds=2.0)
HTML = (("Content-Type", "text/html"),)
SNAPSHOTS = documented_examples()[200]
OK = Answer.of_json(200, SNAPSHOTS)
SNAPSHOTS_BYTES = OK.body


@dataclass(frozen=True)
class Fault:
    name: str
    answers: tuple[Answer | Cut | Reset | Stall, ...]
    outcome: type[object]
    status: int | None = None
    attempts: int = 1
    gap: float = 0.0


FAULTS = [
    Fault("documented 200", (OK,), GetSnapshotsSuccessfulResponseDto),
    Fault("documented 400", (Answer.of_json(400, documented_examples()[400]),), BadRequestDTO),
    Fault("documented 401", (Answer.of_json(401, documented_examples()[401]),), UnauthorizedDTO),
    Fault(
        "200 as text/plain (content type is not checked)",
        (Answer(200, SNAPSHOTS_BYTES, (("Content-Type", "text/plain"),)),),
        GetSnapshotsSuccessfulResponseDto,
    ),
    Fault("malformed JSON", (Answer(200, b'{"snapshots": [ECHO]}'),), UnexpectedResponse, 200),
    Fault("empty body with 200", (Answer(200, b""),), UnexpectedResponse, 200),
    Fault("truncated JSON", (Answer(200, SNAPSHOTS_BYTES[:25]),), UnexpectedResponse, 200),
    Fault("invalid UTF-8", (Answer(200, b'{"snapshots": ["\xff"]}'),), UnexpectedResponse, 200),
    Fault("invalid UTF-8 beside an echo", (Answer(200, b'{"snapshots": ["\xff", "ECHO"]}'),), UnexpectedResponse, 200),
    Fault("JSON nested too deep", (Answer(200, b"[" * 100_000 + b"]" * 100_000),), UnexpectedResponse, 200),
    Fault("200 without snapshots", (Answer.of_json(200, {"message": "ECHO"}),), UnexpectedResponse, 200),
    Fault("200 as an array of pairs", (Answer.of_json(200, [["snapshots", []]]),), UnexpectedResponse, 200),
    Fault(
        "snapshot id is a number",
        (Answer.of_json(200, {"snapshots": [{"id": 12345, "name": "ECHO", "type": "own"}]}),),
        UnexpectedResponse,
        200,
    ),
    Fault(
        "snapshot name is a float",
        (Answer.of_json(200, {"snapshots": [{"id": "ECHO", "name": 1.5, "type": "own"}]}),),
        UnexpectedResponse,
        200,
    ),
    Fault(
        "400 with message as an array",
        (Answer.of_json(400, {"statusCode": 400, "message": ["ECHO"]}),),
        UnexpectedResponse,
        400,
    ),
    Fault(
        "400 with statusCode true (a bool is no number)",
        (Answer.of_json(400, {"statusCode": True, "message": "ECHO"}),),
        UnexpectedResponse,
        400,
    ),
    Fault(
        "403",
        (Answer.of_json(403, {"statusCode": 403, "message": "ECHO is not authorized for this scope."}),),
        UnexpectedStatus,
        403,
    ),
    Fault(
        "422",
        (Answer.of_json(422, {"statusCode": 422, "message": ["companyId must be a string", "ECHO"]}),),
        UnexpectedStatus,
        422,
    ),
    Fault(
        "500 (not retried)",
        (Answer.of_json(500, {"statusCode": 500, "message": "jwt malformed: ECHO"}),),
        UnexpectedStatus,
        500,
    ),
    Fault("520, a status outside HTTPStatus", (Answer(520, b"<html>ECHO</html>", HTML),), UnexpectedStatus, 520),
    Fault(
        "HTML 502 page, every time",
        (Answer(502, b"<html><h1>502 Bad Gateway</h1>ECHO</html>", HTML),),
        UnexpectedStatus,
        502,
        attempts=3,
    ),
    Fault(
        "429 with Retry-After: 0.05, then 200",
        (Answer.of_json(429, {}, ("Retry-After", "0.05")), OK),
        GetSnapshotsSuccessfulResponseDto,
        attempts=2,
        gap=0.05,
    ),
    Fault(
        "429 with the burst budget spent (60 ms interval), then 200",
        (Answer.of_json(429, {}, ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Interval-Milliseconds", "60")), OK),
        GetSnapshotsSuccessfulResponseDto,
        attempts=2,
        gap=0.06,
    ),
    Fault(
        "429 with Retry-After: 3600 (beyond the time budget)",
        (Answer.of_json(429, {"message": "ECHO"}, ("Retry-After", "3600")),),
        UnexpectedStatus,
        429,
    ),
    Fault(
        "429 of the daily budget (not retried)",
        (
            Answer.of_json(
                429,
                {"statusCode": 429, "message": "ECHO: daily limit"},
                ("X-RateLimit-Daily-Remaining", "0"),
                ("X-RateLimit-Daily-Reset", "3600000"),
                ("X-RateLimit-Remaining", "7"),
            ),
            OK,
        ),
        DailyRateLimitExceeded,
        429,
    ),
    Fault(
        "503 with Retry-After: 0.05, then 200",
        (Answer.of_json(503, {}, ("Retry-After", "0.05")), OK),
        GetSnapshotsSuccessfulResponseDto,
        attempts=2,
        gap=0.05,
    ),
    Fault(
        "504 without a hint (backoff), then 200",
        (Answer(504, b"", HTML), OK),
        GetSnapshotsSuccessfulResponseDto,
        attempts=2,
    ),
    Fault("503, every time", (Answer.of_json(503, {"message": "ECHO"}),), UnexpectedStatus, 503, attempts=3),
    Fault("connection reset, then 200", (Reset(), OK), GetSnapshotsSuccessfulResponseDto, attempts=2),
    Fault("connection reset, every time", (Reset(),), httpx.ReadError, attempts=3),
    Fault(
        "body cut short of its Content-Length (not retried)",
        (Cut(OK, sent=10),),
        httpx.RemoteProtocolError,
    ),
    Fault("stalled server", (Stall(),), httpx.ReadTimeout),
]


def _responder(fault: Fault) -> Callable[[SeenRequest], Answer | Cut | Reset | Stall]:
    answered: list[SeenRequest] = []

    def respond(request: SeenRequest) -> Answer | Cut | Reset | Stall:
        answer = fault.answers[min(len(answered), len(fault.answers) - 1)]
        answered.append(request)
        if isinstance(answer, Answer):
            return replace(answer, body=answer.body.replace(ECHO, request.headers["Authorization"].encode()))
        return answer

    return respond


def _client(server: ScriptedServer) -> AuthenticatedClient:
    return AuthenticatedClient(base_url=server.url, token=TOKEN, timeout=httpx.Timeout(TIMEOUT), retry=POLICY)


def _check(
    fault: Fault,
    outcome: object,
    client: AuthenticatedClient,
    server: ScriptedServer,
    elapsed: float,
    caplog: pytest.LogCaptureFixture,
) -> None:
    parsed = outcome.parsed if isinstance(outcome, Response) else outcome
    assert type(parsed) is fault.outcome, outcome
    if isinstance(parsed, UnexpectedResponse):
        assert parsed.status_code == fault.status
        assert parsed.operation == "GET /snapshots/ (get_custom_snapshots)"
        assert isinstance(parsed, UnexpectedStatus) or parsed.__cause__ is not None
    assert len(server.seen) == fault.attempts
    gaps = [later.at - earlier.at for earlier, later in zip(server.seen, server.seen[1:], strict=False)]
    assert all(gap >= fault.gap for gap in gaps), gaps
    assert elapsed < 5
    assert any(record.name.startswith("httpcore") for record in caplog.records), "httpcore DEBUG logging is off"
    assert _leaks(outcome, client, caplog) == []


def _leaks(outcome: object, client: AuthenticatedClient, caplog: pytest.LogCaptureFixture) -> list[str]:
    leaks = [text for text in [*texts_of(outcome), repr(client), caplog.text] if TOKEN in text]
    return leaks + [record.getMessage() for record in caplog.records if TOKEN in record.getMessage()]


def _run(call: Callable[[], object]) -> object:
    try:
        return call()
    except Exception as error:  # the outcome is what the row checks
        return error


async def _run_async(call: Callable[[], Awaitable[object]]) -> object:
    try:
        return await call()
    except Exception as error:  # the outcome is what the row checks
        return error


@pytest.mark.parametrize("fault", FAULTS, ids=[fault.name for fault in FAULTS])
def test_sync(fault: Fault, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with scripted_server(_responder(fault)) as server, _client(server) as client:
        started = time.monotonic()
        outcome = _run(lambda: get_custom_snapshots.sync_detailed(client=client, company_id="5D112kQsiKESj6rash"))
        elapsed = time.monotonic() - started
    _check(fault, outcome, client, server, elapsed, caplog)


@pytest.mark.anyio
@pytest.mark.parametrize("fault", FAULTS, ids=[fault.name for fault in FAULTS])
async def test_async(fault: Fault, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with scripted_server(_responder(fault)) as server:
        async with _client(server) as client:
            started = time.monotonic()
            outcome: Any = await _run_async(
                lambda: get_custom_snapshots.asyncio_detailed(client=client, company_id="5D112kQsiKESj6rash")
            )
            elapsed = time.monotonic() - started
    _check(fault, outcome, client, server, elapsed, caplog)


def test_the_leak_check_looks_into_causes_and_log_records(caplog: pytest.LogCaptureFixture) -> None:
    client = AuthenticatedClient(base_url="https://example.invalid", token=TOKEN)
    try:
        try:
            json.loads(f'{{"echoed": {TOKEN}}}')
        except ValueError as cause:
            raise UnexpectedResponse("GET /", 200, "problem", "excerpt") from cause
    except UnexpectedResponse as error:
        assert _leaks(error, client, caplog) == [f'{{"echoed": {TOKEN}}}']
    logging.getLogger("httpcore.test").warning("sent %s", TOKEN)
    assert len(_leaks(None, client, caplog)) == 2
