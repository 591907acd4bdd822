"""The spec patch a run proposes: each kind of change, its evidence, what it must never do, and
that `git apply` takes it."""

import json
import subprocess
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_schema_validator import OAS30Validator

from scripts.conformance.drift import SpecWalker, body_schema_location, node_at
from scripts.conformance.spec_patch import Observations, PatchError, spec_patch, write_spec_patch
from scripts.conformance.spec_patch.infer import to_openapi
from scripts.conformance.spec_patch.observations import MAX_SAMPLES
from scripts.fixtures import load_fixtures
from scripts.paths import SPEC
from scripts.spec import dereference

SPEC_TEXT = SPEC.read_text(encoding="utf-8")
ORIGINAL = yaml.safe_load(SPEC_TEXT)
MONDAY, TUESDAY = datetime(2026, 11, 30, 9, tzinfo=UTC), datetime(2026, 12, 1, 17, tzinfo=UTC)
SNAPSHOT = {"id": "1eM2UgkfaECOYyUdCo9Pa", "name": "Martial Arts Snapshot", "type": "own"}
Response = tuple[str, int, Any]


def observed(*responses: Response, conforming: int = 0) -> Observations:
    """Observations of drifting responses (seen on Monday, the last on Tuesday), plus some that conformed."""
    observations = Observations()
    for index, (operation_id, status, body) in enumerate(responses):
        at = TUESDAY if index == len(responses) - 1 else MONDAY
        observations.record(operation_id, status, body, drifted=True, at=at)
    for operation_id, status, _ in responses[:conforming]:
        observations.record(operation_id, status, None, drifted=False)
    return observations


def applied(tmp_path: Path, patch: str, spec_text: str = SPEC_TEXT) -> dict[str, Any]:
    """The spec after `git apply` of the patch in a copy of the repository's openapi/ folder."""
    (tmp_path / "openapi").mkdir()
    (tmp_path / "openapi" / "snapshots.yaml").write_text(spec_text, encoding="utf-8")
    (tmp_path / "spec.patch").write_text(patch, encoding="utf-8")
    for command in (["git", "apply", "--check", "spec.patch"], ["git", "apply", "spec.patch"]):
        result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)  # noqa: S603
        assert result.returncode == 0, result.stderr
    document: dict[str, Any] = yaml.safe_load((tmp_path / "openapi" / "snapshots.yaml").read_text(encoding="utf-8"))
    return document


def assert_describes(document: dict[str, Any], *responses: Response) -> None:
    """Every response is documented by the patched spec, with no field undeclared and none of another shape."""
    walker = SpecWalker(document)
    for operation_id, status, body in responses:
        location = body_schema_location(document, operation_id, status)
        assert location is not None, (operation_id, status)
        assert list(walker.findings(body, location)) == []


def schema(document: dict[str, Any], name: str) -> dict[str, Any]:
    found: dict[str, Any] = document["components"]["schemas"][name]
    return found


def test_the_committed_spec_survives_the_round_trip_byte_for_byte() -> None:
    # spec_patch refuses a spec whose round trip is not byte-identical; here it finds nothing to change.
    assert spec_patch(observed(("get-custom-snapshots", 200, {"snapshots": [SNAPSHOT]})), SPEC_TEXT) == ""


def test_a_spec_the_round_trip_would_restyle_is_refused() -> None:
    restyled = SPEC_TEXT.replace("openapi: 3.0.3", "openapi:    3.0.3")
    with pytest.raises(PatchError, match="round trip"):
        spec_patch(observed(("get-custom-snapshots", 200, {"snapshots": [], "total": 0})), restyled)


def test_undeclared_fields_become_optional_properties_typed_from_every_value(tmp_path: Path) -> None:
    bodies: list[Response] = [
        ("get-custom-snapshots", 200, {"snapshots": [{**SNAPSHOT, "size": 1, "tags": [], "folder": None}], "total": 1}),
        ("get-custom-snapshots", 200, {"snapshots": [{**SNAPSHOT, "size": 2.5, "tags": ["a"], "archived": False}]}),
        ("get-custom-snapshots", 200, {"snapshots": [{**SNAPSHOT, "folder": {"id": "f1"}, "deletedAt": None}]}),
    ]
    document = applied(tmp_path, spec_patch(observed(*bodies, conforming=1), SPEC_TEXT))
    properties = schema(document, "SnapshotsSchema")["properties"]
    declared = ORIGINAL["components"]["schemas"]["SnapshotsSchema"]["properties"]
    assert {name: properties[name] for name in declared} == declared
    added = {
        name: {key: value for key, value in node.items() if key != "description"}
        for name, node in properties.items()
        if name not in declared
    }
    assert list(added) == ["size", "tags", "folder", "archived", "deletedAt"]  # in the order first seen
    assert added == {
        "size": {"type": "number"},
        "tags": {"type": "array", "items": {"type": "string"}},
        "folder": {"type": "object", "nullable": True, "required": ["id"], "properties": {"id": {"type": "string"}}},
        "archived": {"type": "boolean"},
        "deletedAt": {"nullable": True},
    }
    assert schema(document, "SnapshotsSchema")["required"] == ["id", "name", "type"]
    assert schema(document, "GetSnapshotsSuccessfulResponseDto")["properties"]["total"]["type"] == "integer"
    assert " ".join(properties["size"]["description"].split()) == (
        "Added from drift observed by `make conformance` from 2026-11-30 to 2026-12-01 (UTC): 2 of 4 responses"
        " of get-custom-snapshots 200. Type inferred from every value seen."
    )
    assert_describes(document, *bodies)


def test_a_declared_field_of_another_shape_is_widened_to_both(tmp_path: Path) -> None:
    bodies: list[Response] = [
        ("get-custom-snapshots", 400, {"statusCode": 400, "message": ["companyId should not be empty"]}),
        ("get-snapshot-push", 400, {"statusCode": 400, "message": ["limit must be a number", "limit too big"]}),
        ("get-snapshot-push", 401, {"statusCode": 401, "message": None, "error": "Unauthorized"}),
    ]
    document = applied(tmp_path, spec_patch(observed(*bodies), SPEC_TEXT))
    message = schema(document, "BadRequestDTO")["properties"]["message"]
    old = ORIGINAL["components"]["schemas"]["BadRequestDTO"]["properties"]["message"]
    assert message["anyOf"] == [old, {"type": "array", "items": {"type": "string"}}]
    assert "1 of 1 response of get-custom-snapshots 400; 1 of 1 response of get-snapshot-push 400" in " ".join(
        message["description"].split()
    )
    # Null alone widens a typed schema in place.
    unauthorized = schema(document, "UnauthorizedDTO")["properties"]["message"]
    assert {key: unauthorized[key] for key in ("type", "nullable")} == {"type": "string", "nullable": True}
    assert_describes(document, *bodies)


def test_an_undocumented_status_becomes_a_shared_response_with_a_named_schema(tmp_path: Path) -> None:
    forbidden = {"statusCode": 403, "message": "Forbidden resource", "error": "Forbidden"}
    bodies: list[Response] = [
        ("get-custom-snapshots", 403, forbidden),
        ("get-snapshot-push", 403, forbidden),
        ("get-snapshot-push", 422, {"statusCode": 422, "message": ["limit must be positive"]}),
        ("get-snapshot-push", 429, {"statusCode": 429, "message": "Too Many Requests"}),
        ("get-snapshot-push", 500, {"statusCode": 500, "message": "Internal server error"}),
    ]
    document = applied(tmp_path, spec_patch(observed(*bodies), SPEC_TEXT))
    assert list(document["paths"]["/snapshots/"]["get"]["responses"]) == ["200", "400", "401", "403"]
    push = document["paths"]["/snapshots/snapshot-status/{snapshotId}"]["get"]["responses"]
    assert list(push) == ["200", "400", "401", "403", "422"]
    assert push["403"] == {"$ref": "#/components/responses/Forbidden"}
    assert push["422"] == {"$ref": "#/components/responses/UnprocessableEntity"}
    response = document["components"]["responses"]["Forbidden"]
    assert response["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ForbiddenDTO"}
    assert "get-custom-snapshots answered 403 in 1 response; get-snapshot-push answered 403 in 1 response" in (
        " ".join(response["description"].split())
    )
    assert schema(document, "ForbiddenDTO")["required"] == ["error", "message", "statusCode"]
    assert_describes(document, *bodies[:3])


def test_the_patch_never_narrows_what_the_spec_accepted(tmp_path: Path) -> None:
    bodies: list[Response] = [
        ("get-custom-snapshots", 200, {"snapshots": [{**SNAPSHOT, "createdAt": "2024-03-01"}], "total": 1}),
        ("get-custom-snapshots", 400, {"statusCode": 400, "message": ["companyId should not be empty"], "error": "x"}),
        ("get-custom-snapshots", 403, {"statusCode": 403, "message": "Forbidden resource"}),
    ]
    patch = spec_patch(observed(*bodies), SPEC_TEXT)
    removed = [line[1:].strip() for line in patch.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = {line[1:].strip() for line in patch.splitlines() if line.startswith("+") and not line.startswith("+++")}
    assert removed and set(removed) <= added  # a removed line only moves (re-indented into an anyOf)
    document = applied(tmp_path, patch)
    for fixture in load_fixtures():  # every recorded body the spec accepted, it still accepts
        location = body_schema_location(document, fixture.operation_id, fixture.status)
        assert location is not None
        assert OAS30Validator(dereference(node_at(document, location), document)).is_valid(fixture.body), fixture.name


@pytest.mark.parametrize(
    "observations",
    [
        Observations(),
        observed(conforming=0),
        observed(("no-such-operation", 200, {"extra": 1})),
        observed(("get-custom-snapshots", 503, {"message": "Service Unavailable"})),
    ],
    ids=["nothing", "no-drift", "unknown-operation", "server-error"],
)
def test_without_drift_to_describe_there_is_no_patch(observations: Observations) -> None:
    assert spec_patch(observations, SPEC_TEXT) == ""


def test_write_spec_patch_writes_the_patch_and_removes_a_stale_one(tmp_path: Path) -> None:
    path = tmp_path / "reports" / "spec.patch"
    drift = observed(("get-custom-snapshots", 200, {"snapshots": [], "total": 0}))
    assert write_spec_patch(drift, path) == path
    assert path.read_text(encoding="utf-8").startswith("diff --git a/openapi/snapshots.yaml b/openapi/snapshots.yaml\n")
    assert write_spec_patch(Observations(), path) is None
    assert not path.exists()


def test_no_value_seen_reaches_the_patch_not_even_of_a_secret_field(tmp_path: Path) -> None:
    canary, token = "secret-canary-0c1d", "token-canary-9e8f"
    marked = SPEC_TEXT.replace(
        "          description: Name of the snapshot\n",
        "          description: Name of the snapshot\n          x-secret: true\n",
    )
    assert marked != SPEC_TEXT
    body = {"snapshots": [{**SNAPSHOT, "name": {"value": canary}, "apiToken": token, token: canary}]}
    patch = spec_patch(observed(("get-custom-snapshots", 200, body)), marked, secrets=[token])
    assert canary not in patch
    assert token not in patch  # as a value by construction; as a field name, redacted
    document = applied(tmp_path, patch, marked)
    name = schema(document, "SnapshotsSchema")["properties"]["name"]
    assert name["anyOf"][0]["x-secret"] is True
    assert name["anyOf"][1] == {"type": "object", "required": ["value"], "properties": {"value": {"type": "string"}}}


@pytest.mark.parametrize(
    ("json_schema", "openapi"),
    [
        ({"type": ["null", "string"]}, {"type": "string", "nullable": True}),
        ({"type": ["integer", "string"]}, {"anyOf": [{"type": "integer"}, {"type": "string"}]}),
        ({"type": "null"}, {"nullable": True}),
        ({"type": "array"}, {"type": "array", "items": {}}),
        (
            {
                "anyOf": [
                    {"type": "null"},
                    {"type": "object", "properties": {"a": {"type": "integer"}}, "required": ["a"]},
                ]
            },
            {"type": "object", "nullable": True, "required": ["a"], "properties": {"a": {"type": "integer"}}},
        ),
        (
            {"anyOf": [{"type": ["null", "string"]}, {"type": "array", "items": {"type": "boolean"}}]},
            {
                "anyOf": [
                    {"type": "string", "nullable": True},
                    {"type": "array", "nullable": True, "items": {"type": "boolean"}},
                ]
            },
        ),
    ],
)
def test_genson_json_schema_becomes_openapi_3_0(json_schema: dict[str, Any], openapi: dict[str, Any]) -> None:
    assert to_openapi(json_schema) == openapi


def test_observations_keep_a_bounded_sample_and_count_every_response() -> None:
    observations = Observations()
    for index in range(MAX_SAMPLES + 20):
        observations.record("get-custom-snapshots", 200, {"snapshots": [], "total": index}, drifted=True, at=MONDAY)
        observations.record("get-custom-snapshots", 200, {"snapshots": [], "total": 0}, drifted=True, at=TUESDAY)
        observations.record("get-custom-snapshots", 200, {"snapshots": []}, drifted=False)
    [(_, _, seen)] = list(observations.drifted())
    assert (seen.responses, seen.drifted, len(seen.samples)) == (
        3 * (MAX_SAMPLES + 20),
        2 * (MAX_SAMPLES + 20),
        MAX_SAMPLES,
    )
    assert seen.samples[json.dumps({"snapshots": [], "total": 0}, sort_keys=True)].times == MAX_SAMPLES + 21
    assert seen.days == (MONDAY.date(), TUESDAY.date())


def test_the_names_of_added_responses_do_not_depend_on_the_interpreter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Python 3.13 renamed 422's phrase ("Unprocessable Content"): the patch named its shared response by
    the Python that ran it. Here every phrase the interpreter knows is changed, as a later Python might."""
    statuses = (403, 409, 413, 414, 416, 422, 499)
    bodies: list[Response] = [
        ("get-snapshot-push", status, {"statusCode": status, "message": "m"}) for status in statuses
    ]
    patch = spec_patch(observed(*bodies), SPEC_TEXT)
    for member in HTTPStatus:
        monkeypatch.setattr(member, "phrase", f"Phrase Of This Python {member.value}")
    assert spec_patch(observed(*bodies), SPEC_TEXT) == patch
    responses = applied(tmp_path, patch)["components"]["responses"]
    assert {"Forbidden", "UnprocessableEntity", "RequestEntityTooLarge", "Status499"} <= set(responses)
