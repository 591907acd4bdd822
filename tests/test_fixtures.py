"""Every fixture is well-formed, carries no token, and passes schemathesis' response checks."""

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from scripts.conformance.suite import check_fixture
from scripts.fixtures import REDACTED, REDACTED_AUTHORIZATION, Fixture, load_fixtures
from scripts.spec import SECRET_MARK, find_operation, operations

FIXTURES = load_fixtures()
IDS = [f"{fixture.operation_id}/{fixture.name}" for fixture in FIXTURES]


def test_every_operation_has_documented_fixtures_and_one_default() -> None:
    for operation in operations():
        mine = [fixture for fixture in FIXTURES if fixture.operation_id == operation.operation_id]
        documented = {int(status) for status in operation.responses}
        assert documented <= {fixture.status for fixture in mine}, operation.operation_id
        assert sum(fixture.default for fixture in mine) == 1, operation.operation_id


@pytest.mark.parametrize("fixture", FIXTURES, ids=IDS)
def test_fixture_is_well_formed(fixture: Fixture) -> None:
    assert fixture.operation_id in {operation.operation_id for operation in operations()}
    assert fixture.provenance["source"] in ("docs", "live")
    assert {"origin", "date", "api_version"} <= set(fixture.provenance)
    if find_operation(fixture.operation_id).public:
        assert "Authorization" not in fixture.request["headers"]
    else:
        assert fixture.request["headers"]["Authorization"] == REDACTED_AUTHORIZATION


def _secrets_sent(fixture: Fixture) -> dict[str, Any]:
    """The fields of the fixture's request body that the spec marks `x-secret: true`."""
    operation = find_operation(fixture.operation_id)
    if "body" not in fixture.request or operation.request_body is None:
        return {}
    properties = operation.request_body["content"][operation.body_media_type]["schema"].get("properties", {})
    return {name: value for name, value in fixture.request["body"].items() if properties.get(name, {}).get(SECRET_MARK)}


@pytest.mark.parametrize("fixture", FIXTURES, ids=IDS)
def test_no_fixture_sends_a_secret(fixture: Fixture) -> None:
    assert set(_secrets_sent(fixture).values()) <= {REDACTED}


def test_a_secret_sent_is_noticed() -> None:
    fixture = next(f for f in FIXTURES if f.operation_id == "get-access-token" and f.default)
    leaky = dataclasses.replace(
        fixture, request={**fixture.request, "body": {**fixture.request["body"], "client_secret": "s3"}}
    )
    assert _secrets_sent(leaky) == {"client_secret": "s3", "refresh_token": REDACTED}


@pytest.mark.parametrize("fixture", FIXTURES, ids=IDS)
def test_fixture_passes_the_response_checks(fixture: Fixture) -> None:
    assert check_fixture(fixture) == {}


def _documented_200() -> Fixture:
    return next(fixture for fixture in FIXTURES if fixture.default and fixture.operation_id == "get-custom-snapshots")


BROKEN: dict[str, tuple[Callable[[Fixture], Fixture], str]] = {
    "body breaks the schema": (
        lambda f: dataclasses.replace(f, response={**f.response, "body": {"snapshots": [{"id": 1}]}}),
        "response_schema_conformance",
    ),
    "undocumented status": (
        lambda f: dataclasses.replace(f, response={**f.response, "status": 422}),
        "status_code_conformance",
    ),
    "undocumented content type": (
        lambda f: dataclasses.replace(f, response={**f.response, "headers": {"Content-Type": "text/html"}}),
        "content_type_conformance",
    ),
}


@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_fixture_is_caught_by_name(case: str) -> None:
    breakage, check = BROKEN[case]
    assert list(check_fixture(breakage(_documented_200()))) == [check]
