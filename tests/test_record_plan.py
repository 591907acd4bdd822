"""What a recording sends: the status each request is meant to get, values from the pins only
(never the spec's examples), and a note for what it cannot provoke (issue 12, findings 2 and 7)."""

from typing import Any

from scripts.conformance.scope import LiveScope
from scripts.record.plan import INVALID_TOKEN, plan_operation, plan_recording
from scripts.spec import Operation, find_operation, operations, spec_document

PINS = {"companyId": "PinnedCompany", "snapshotId": "PinnedSnapshot", "locationId": "PinnedLocation"}
VERSION = find_operation("get-custom-snapshots").parameters[0]
DOCUMENTED: dict[str, Any] = {"200": {}, "400": {}, "401": {}}


def _strings(node: Any, wanted: bool = True) -> set[str]:
    """The strings in a JSON value; with wanted=False, only those under an `example` key."""
    if isinstance(node, str):
        return {node} if wanted else set()
    if isinstance(node, dict):
        return set().union(set(), *(_strings(value, wanted or key == "example") for key, value in node.items()))
    if isinstance(node, list):
        return set().union(set(), *(_strings(item, wanted) for item in node))
    return set()


def test_every_request_says_the_status_it_is_meant_to_get() -> None:
    plan = plan_recording(operations(), LiveScope(pinned=dict(PINS)))
    assert plan.notes == ()
    expected = {(request.operation_id, request.meant): request.expected for request in plan.requests}
    assert expected == {
        **{(op, "the valid request"): 200 for op in ("get-custom-snapshots", "get-snapshot-push")},
        ("get-latest-snapshot-push", "the valid request"): 200,
        ("create-snapshot-share-link", "the valid request"): 201,
        **{(op.operation_id, "the request without companyId"): 400 for op in operations() if not op.never_live},
        **{(op.operation_id, "the request with an invalid token"): 401 for op in operations() if not op.never_live},
    }
    # The token request is never planned, whatever the scope: it would spend a refresh token.
    assert "get-access-token" not in {request.operation_id for request in plan.requests}
    assert all(request.valid_token == (request.expected != 401) for request in plan.requests)


def test_values_come_from_the_pins_never_from_the_specs_examples() -> None:
    plan = plan_recording(operations(), LiveScope(pinned=dict(PINS)))
    share = next(r for r in plan.requests if r.operation_id == "create-snapshot-share-link" and r.expected == 201)
    assert share.body == {"snapshot_id": "PinnedSnapshot", "share_type": "link"}
    assert share.pins == ("HIGHLEVEL_COMPANY_ID", "HIGHLEVEL_SNAPSHOT_ID")
    examples = _strings(spec_document(), wanted=False) - {"2021-07-28", "link"}  # the declared default and first value
    sent = set().union(*(_strings([r.path, r.query, r.headers, r.body]) for r in plan.requests))
    assert sent & examples == set()
    assert INVALID_TOKEN not in sent


def test_an_operation_that_needs_an_unpinned_value_is_skipped_naming_the_variable() -> None:
    requests, notes = plan_operation(find_operation("create-snapshot-share-link"), {"HIGHLEVEL_COMPANY_ID": "c"})
    assert requests == []
    assert notes == ["skipped create-snapshot-share-link: set HIGHLEVEL_SNAPSHOT_ID to include it"]


def test_without_a_required_query_parameter_the_400_leaves_out_a_required_body_field() -> None:
    operation = Operation(
        operation_id="make-thing",
        method="POST",
        path="/things",
        parameters=(VERSION,),
        request_body={
            "content": {
                "application/json": {"schema": {"type": "object", "required": ["snapshot_id"], "properties": {}}}
            }
        },
        responses={"201": {}, "400": {}, "401": {}},
    )
    requests, notes = plan_operation(operation, {"HIGHLEVEL_SNAPSHOT_ID": "s"})
    assert notes == []
    bad = next(request for request in requests if request.expected == 400)
    assert (bad.meant, bad.body) == ("the request without snapshot_id in its body", {})


def test_an_operation_whose_400_cannot_be_provoked_gets_no_400_and_a_note() -> None:
    """Finding 7: the request meant for the 400 left out nothing, and its success was saved as a 400."""
    operation = Operation("list-things", "GET", "/things", (VERSION,), None, DOCUMENTED)
    requests, notes = plan_operation(operation, {})
    assert [request.expected for request in requests] == [200, 401]
    assert notes == ["no 400 recorded for list-things: it has no required query parameter or body field to leave out"]
