"""Whatever JSON a documented status comes with, the client returns a model whose values match its
annotations and give back the body, when the spec's schema accepts the body, and raises
UnexpectedResponse when it does not; nothing else. `make fuzz-client` runs many more examples."""

import json
from typing import Any

import httpx
import pytest
from hypothesis import event, given
from hypothesis import strategies as st
from openapi_schema_validator import OAS30Validator

from generated import AuthenticatedClient
from generated.api.snapshots import get_custom_snapshots
from generated.errors import UnexpectedResponse
from generated.models import BadRequestDTO, GetSnapshotsSuccessfulResponseDto, UnauthorizedDTO
from scripts.spec import response_schema
from tests.support.annotations import conforms
from tests.support.docs_examples import DOCUMENTED_STATUSES
from tests.support.json_bodies import any_bodies, bodies_with_one_value_broken

MODELS: dict[int, type[Any]] = {200: GetSnapshotsSuccessfulResponseDto, 400: BadRequestDTO, 401: UnauthorizedDTO}
FAMILIES = {"one value broken": bodies_with_one_value_broken, "any": any_bodies}
# Whether the spec accepts a body: what the client must parse (and nothing else).
SCHEMAS = {status: OAS30Validator(response_schema("get-custom-snapshots", status)) for status in DOCUMENTED_STATUSES}
BODIES = {
    (family, status): bodies("/snapshots/", "get", status)
    for family, bodies in FAMILIES.items()
    for status in DOCUMENTED_STATUSES
}


class _Answer:
    """The status and body the mock transport answers with, set by each example."""

    status = 200
    body = b""


def _respond(request: httpx.Request) -> httpx.Response:
    return httpx.Response(_Answer.status, content=_Answer.body)


CLIENT = AuthenticatedClient(
    base_url="https://services.leadconnectorhq.com",
    token="property-test-token",  # redacted in messages: a token of one letter would blot out every "t"
    retry=None,
    httpx_args={"transport": httpx.MockTransport(_respond)},
)


@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize("status", DOCUMENTED_STATUSES)
@given(data=st.data())
def test_any_json_gives_a_well_typed_model_or_unexpected_response(
    status: int, family: str, data: st.DataObject
) -> None:
    body = data.draw(BODIES[family, status], label="body")
    _Answer.status, _Answer.body = status, json.dumps(body).encode()
    valid = SCHEMAS[status].is_valid(body)
    try:
        parsed = get_custom_snapshots.sync(client=CLIENT, company_id="c")
    except UnexpectedResponse as error:
        assert not valid, f"a body the spec accepts was refused: {error}"
        assert error.status_code == status
        event(f"UnexpectedResponse from {type(error.__cause__).__name__}")
    else:
        assert valid, f"a body the spec refuses was parsed: {parsed!r}"
        assert type(parsed) is MODELS[status]
        assert conforms(parsed, MODELS[status]), parsed
        assert parsed is not None and parsed.to_dict() == body
        event("parsed into the model")


def test_the_annotation_check_finds_values_of_the_wrong_type() -> None:
    body = {"snapshots": [{"id": "1", "name": "n", "type": "own"}]}
    parsed = GetSnapshotsSuccessfulResponseDto.from_dict(body)
    assert conforms(parsed, GetSnapshotsSuccessfulResponseDto)
    parsed.snapshots[0].name = 1.5  # type: ignore[assignment]
    assert not conforms(parsed, GetSnapshotsSuccessfulResponseDto)
    assert conforms(BadRequestDTO(status_code=400, message="m"), BadRequestDTO)
    assert not conforms(BadRequestDTO(status_code=True, message="m"), BadRequestDTO)
    assert not conforms({1: "key is not a string"}, dict[str, Any])
