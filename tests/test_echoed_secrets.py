"""Secrets a server echoes back reach no message, repr, cause or log record the client makes, on the
paths no other test covers: the refresh token a refresh has just spent, an answer of the token
endpoint that cannot be read, the problem text of an UnexpectedResponse, and a refresh token a
worker found in the store and sent without having seen it before.

No model of the spec quotes a value it refuses today, but the generated enum checks do
(generated/models/get_access_token_request_dto_user_type.py); `_refusing` makes a model's from_dict
refuse every body that way, quoting the body, as a future model's check could."""

import logging
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, NoReturn

import pytest

from generated import AuthenticatedClient
from generated.api.snapshots import get_custom_snapshots
from generated.auth import OAuthRefresh
from generated.errors import TokenRefreshError, UnexpectedResponse, UnexpectedStatus
from generated.models import GetAccessTokenSuccessfulResponseDTO, GetSnapshotsSuccessfulResponseDto
from generated.stores_redis import RedisStore
from scripts.stand_ins.scripted import SeenRequest, scripted_server
from scripts.wsgi import Answer
from tests.support.leaks import leaked, texts_of

SECRET = "canary-client-secret-51d0"
REFRESH_TOKEN = "canary-refresh-token-a3e6"
NEW_ACCESS = "canary-new-access-token-77c1"
NEW_REFRESH = "canary-new-refresh-token-0b4f"
TOKEN = "canary-token-e9d2"
CREDENTIALS = [SECRET, REFRESH_TOKEN, NEW_ACCESS, NEW_REFRESH, TOKEN]
TOKENS = Answer.of_json(200, {"access_token": NEW_ACCESS, "refresh_token": NEW_REFRESH, "expires_in": 86399})


def _refusing(monkeypatch: pytest.MonkeyPatch, model: type) -> None:
    def from_dict(cls: type, src_dict: Mapping[str, Any]) -> NoReturn:
        raise TypeError(f"Unexpected value {src_dict!r}")

    monkeypatch.setattr(model, "from_dict", classmethod(from_dict))


@contextmanager
def _oauth_client(token_answer: Answer, resource_answer: Answer) -> Iterator[AuthenticatedClient]:
    """A client with an OAuthRefresh whose token endpoint answers `token_answer` and whose resource
    answers `resource_answer`; in both, ECHO is replaced by the last form the token endpoint got."""
    forms = [b""]

    def respond(request: SeenRequest) -> Answer:
        if request.path == "/oauth/token":
            forms.append(request.body)
            answer = token_answer
        else:
            answer = resource_answer
        return Answer(answer.status, answer.body.replace(b"ECHO", forms[-1]), answer.headers)

    with scripted_server(respond) as server:
        auth = OAuthRefresh(client_id="id", client_secret=SECRET, refresh_token=REFRESH_TOKEN, base_url=server.url)
        with AuthenticatedClient(base_url=server.url, auth=auth, retry=None) as client:
            yield client


def test_the_refresh_token_a_refresh_spent_stays_a_secret(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    echo = Answer(403, b"<p>last refresh: ECHO</p>", (("Content-Type", "text/html"),))
    with _oauth_client(TOKENS, echo) as client, pytest.raises(UnexpectedStatus) as raised:
        get_custom_snapshots.sync(client=client, company_id="c")
    assert raised.value.excerpt.endswith("&refresh_token=<redacted></p>")  # the spent one, echoed and redacted
    assert leaked(CREDENTIALS, texts_of(raised.value), caplog.records) == []


def test_a_token_answer_that_cannot_be_read_quotes_no_secret(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    _refusing(monkeypatch, GetAccessTokenSuccessfulResponseDTO)
    echo = Answer.of_json(200, {"echo": "ECHO"})
    with _oauth_client(echo, Answer(500)) as client, pytest.raises(TokenRefreshError) as raised:
        get_custom_snapshots.sync(client=client, company_id="c")
    assert raised.value.reason.startswith("POST /oauth/token answered 200, which could not be read (TypeError: ")
    assert "&client_secret=<redacted>&" in raised.value.reason  # the form, echoed and redacted
    assert leaked(CREDENTIALS, texts_of(raised.value), caplog.records) == []


def test_the_problem_of_an_unexpected_response_and_its_cause_quote_no_token(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    _refusing(monkeypatch, GetSnapshotsSuccessfulResponseDto)

    def respond(request: SeenRequest) -> Answer:
        return Answer.of_json(200, {"snapshots": request.headers["Authorization"]})

    with scripted_server(respond) as server, AuthenticatedClient(base_url=server.url, token=TOKEN) as client:
        with pytest.raises(UnexpectedResponse) as raised:
            get_custom_snapshots.sync(client=client, company_id="c")
    assert raised.value.problem == "TypeError: Unexpected value {'snapshots': 'Bearer <redacted>'}"
    assert isinstance(raised.value.__cause__, TypeError)
    assert leaked(CREDENTIALS, texts_of(raised.value), caplog.records) == []


def test_a_refresh_token_from_the_store_a_worker_never_saw_stays_a_secret(
    redis_store: RedisStore, caplog: pytest.LogCaptureFixture
) -> None:
    """Worker `a` refreshes and stores NEW_REFRESH; once its tokens are due, worker `b`, which started
    with the spent REFRESH_TOKEN, takes the store's lock and sends NEW_REFRESH, which the endpoint quotes."""
    caplog.set_level(logging.DEBUG)
    due_soon = Answer.of_json(200, {"access_token": NEW_ACCESS, "refresh_token": NEW_REFRESH, "expires_in": 0.4})
    token_answers = iter([due_soon, Answer.of_json(400, {"statusCode": 400, "message": "refused: ECHO"})])

    def respond(request: SeenRequest) -> Answer:
        if request.path != "/oauth/token":
            return Answer.of_json(200, {"snapshots": []})
        answer = next(token_answers)
        return Answer(answer.status, answer.body.replace(b"ECHO", request.body), answer.headers)

    with scripted_server(respond) as server:
        a, b = (
            OAuthRefresh(
                client_id="id",
                client_secret=SECRET,
                refresh_token=REFRESH_TOKEN,
                base_url=server.url,
                store=redis_store,
                installation="c",
            )
            for _ in "ab"
        )
        with AuthenticatedClient(base_url=server.url, auth=a, retry=None) as first:
            assert get_custom_snapshots.sync_detailed(client=first, company_id="c").status_code == 200
        time.sleep(0.25)  # due: half of expires_in
        with AuthenticatedClient(base_url=server.url, auth=b, retry=None) as second:
            with pytest.raises(TokenRefreshError) as raised:
                get_custom_snapshots.sync_detailed(client=second, company_id="c")
    assert raised.value.reason.endswith("&refresh_token=<redacted>")  # the store's, echoed and redacted
    assert leaked(CREDENTIALS, texts_of(raised.value), caplog.records) == []
