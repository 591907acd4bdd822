"""What a recording sends: for each operation, its valid request and the requests meant to provoke
its 400 and 401, each with the status it expects; and a note for everything it leaves out.

Every value sent comes from a pin (HIGHLEVEL_COMPANY_ID, HIGHLEVEL_SNAPSHOT_ID, ... as
`scope.live_scope` decides them), or from the spec's declared default or closed set of
values (the `Version` header, `share_type`), never from the spec's examples: an example id is
someone else's snapshot, or nothing at all.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from scripts.conformance.scope import LiveScope, pinned_variable
from scripts.spec import Operation

INVALID_TOKEN = "recording-deliberately-invalid-token"  # noqa: S105 - a documented, public stand-in


@dataclass(frozen=True)
class PlannedRequest:
    operation_id: str
    meant: str  # what the request is, in words: "the valid request", "the request without companyId", ...
    expected: int
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: Any  # None: no body
    valid_token: bool
    pins: tuple[str, ...]  # the variables whose values it carries, for the messages

    def describe(self) -> str:
        return f"{self.meant} of {self.operation_id} ({self.method} {self.path})"


@dataclass(frozen=True)
class Plan:
    requests: tuple[PlannedRequest, ...]
    notes: tuple[str, ...]


class Unplannable(Exception):
    """The operation needs a value that is not pinned; the message names the variable."""


def _value(name: str, schema: Mapping[str, Any], pins: Mapping[str, str], used: list[str]) -> Any:
    """A pinned value, else the schema's default, else the first of its declared values."""
    variable = pinned_variable(name)
    if variable is not None and variable in pins:
        used.append(variable)
        return pins[variable]
    if "default" in schema:
        return schema["default"]
    if schema.get("enum"):
        return schema["enum"][0]
    raise Unplannable(
        f"set {variable} to include it" if variable else f"it needs a real {name}, and no setting pins one"
    )


def _body(operation: Operation, pins: Mapping[str, str], used: list[str]) -> tuple[dict[str, Any] | None, list[str]]:
    """The JSON body of the valid request (its required fields only) and the names of those fields."""
    if operation.request_body is None:
        return None, []
    schema = operation.request_body.get("content", {}).get("application/json", {}).get("schema")
    if not isinstance(schema, dict) or schema.get("type", "object") != "object":
        raise Unplannable("its body is not a JSON object the recording knows how to fill")
    required = list(schema.get("required", []))
    properties = schema.get("properties", {})
    return {field: _value(field, properties.get(field, {}), pins, used) for field in required}, required


def _valid_request(operation: Operation, pins: Mapping[str, str]) -> tuple[PlannedRequest, list[str]]:
    used: list[str] = []
    query: dict[str, str] = {}
    headers: dict[str, str] = {}
    path = operation.path
    for parameter in operation.parameters:
        name, schema = parameter["name"], parameter.get("schema", {})
        if not parameter.get("required") and pinned_variable(name) not in pins:
            continue
        value = str(_value(name, schema, pins, used))
        if parameter["in"] == "query":
            query[name] = value
        elif parameter["in"] == "header":
            headers[name] = value
        elif parameter["in"] == "path":
            path = path.replace("{" + name + "}", value)
    body, body_fields = _body(operation, pins, used)
    successes = sorted(code for code in operation.responses if code.startswith("2"))
    if not successes:
        raise Unplannable("the spec documents no success status for it")
    request = PlannedRequest(
        operation_id=operation.operation_id,
        meant="the valid request",
        expected=int(successes[0]),
        method=operation.method,
        path=path,
        query=query,
        headers=headers,
        body=body,
        valid_token=True,
        pins=tuple(used),
    )
    return request, body_fields


def _bad_request(operation: Operation, valid: PlannedRequest, body_fields: list[str]) -> PlannedRequest | None:
    """The valid request without its first required query parameter, else without its first required
    body field: a request the API must refuse with 400. None when there is neither to leave out."""
    required_query = [p["name"] for p in operation.parameters if p["in"] == "query" and p.get("required")]
    if required_query:
        left_out = required_query[0]
        query = {name: value for name, value in valid.query.items() if name != left_out}
        return replace(valid, meant=f"the request without {left_out}", expected=400, query=query)
    if body_fields:
        left_out = body_fields[0]
        body = {name: value for name, value in valid.body.items() if name != left_out}
        return replace(valid, meant=f"the request without {left_out} in its body", expected=400, body=body)
    return None


def plan_operation(operation: Operation, pins: Mapping[str, str]) -> tuple[list[PlannedRequest], list[str]]:
    """The requests for one operation and the notes on what is left out. `pins` maps each
    HIGHLEVEL_* variable to its value."""
    try:
        valid, body_fields = _valid_request(operation, pins)
    except Unplannable as reason:
        return [], [f"skipped {operation.operation_id}: {reason}"]
    requests, notes = [valid], []
    if "400" in operation.responses:
        bad = _bad_request(operation, valid, body_fields)
        if bad is None:
            notes.append(
                f"no 400 recorded for {operation.operation_id}: it has no required query parameter"
                " or body field to leave out"
            )
        else:
            requests.append(bad)
    if "401" in operation.responses:
        requests.append(replace(valid, meant="the request with an invalid token", expected=401, valid_token=False))
    return requests, notes


def plan_recording(operations: Iterable[Operation], scope: LiveScope) -> Plan:
    """The plan for every operation the live scope does not skip (writes without
    CONFORMANCE_ALLOW_WRITES=1, unpinned path ids, operations a live run must never call)."""
    pins = {
        variable: value
        for name, value in scope.pinned.items()
        if (variable := pinned_variable(name.removeprefix("body."))) is not None
    }
    requests: list[PlannedRequest] = []
    notes = [f"skipped {operation_id}: {why}" for operation_id, why in scope.skipped.items()]
    for operation in operations:
        # never_live as well as the scope: whatever scope it is given, a recording asks for no token.
        if operation.operation_id in scope.skipped or operation.never_live:
            continue
        planned, operation_notes = plan_operation(operation, pins)
        requests += planned
        notes += operation_notes
    return Plan(tuple(requests), tuple(notes))
