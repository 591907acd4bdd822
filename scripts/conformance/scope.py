"""What a run against a live API may touch, decided from the environment and the spec alone.

- Read-only unless CONFORMANCE_ALLOW_WRITES=1: operations that write (POST, PUT, PATCH, DELETE)
  are skipped (a share link, for one, is real once created), and no method a path does not
  document is sent (schemathesis' coverage phase sends POST, PUT, DELETE, ... to every path by
  itself; `send_undocumented_methods` turns that off), so neither is the `undocumented_method`
  check run.
- Nothing else is sent either (`LiveScope.allows`): the polite proxy refuses the rest.
- An operation the spec marks `x-live: never` never runs, whatever the settings: getting an
  OAuth token, for one, would spend the caller's refresh token. The note is its `x-live-reason`.
- Only the documented settings pin a parameter: PINS. An operation with a path parameter that is
  not pinned is skipped: a made-up id only finds a 404. A top-level field of a JSON request body
  named like a pinned parameter (`snapshot_id` for snapshotId) is pinned too (`body.snapshot_id`):
  a share link of a made-up snapshot only finds a 400.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from scripts.spec import Operation, operations

WRITING_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
PINS = {
    "companyId": "HIGHLEVEL_COMPANY_ID",
    "snapshotId": "HIGHLEVEL_SNAPSHOT_ID",
    "locationId": "HIGHLEVEL_LOCATION_ID",
}
WRITE_CHECKS = {"undocumented_method": "it sends methods the spec does not document, such as POST and DELETE"}
ALLOW_WRITES = "set CONFORMANCE_ALLOW_WRITES=1 to include it"


@dataclass(frozen=True)
class LiveScope:
    pinned: dict[str, str] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)  # operationId -> why
    skipped_checks: dict[str, str] = field(default_factory=dict)  # check name -> why
    send_undocumented_methods: bool = True

    def allows(self, method: str, path: str) -> bool:
        """Whether a live run may send this request at all: the documented method of a path of an
        operation it runs, or, with writes allowed, any method to such a path. schemathesis also
        sends requests of its own (probes of the server, to made-up paths); this keeps them out."""
        return any(
            operation.path_pattern.match(path) and (self.send_undocumented_methods or method == operation.method)
            for operation in operations()
            if operation.operation_id not in self.skipped
        )


def _never_live(operation: Operation) -> str | None:
    """Why the spec keeps this operation out of live runs (`x-live: never`), or None."""
    live = operation.extensions.get("x-live")
    if live not in (None, "never"):
        raise ValueError(f"{operation.operation_id}: x-live must be `never` or absent, not {live!r}")
    if not operation.never_live:
        return None
    return f"never run live: {operation.extensions.get('x-live-reason', 'the spec marks it x-live: never')}"


def _same_name(one: str, other: str) -> bool:
    """snapshot_id and snapshotId are the same name."""
    return re.sub(r"[^a-z0-9]", "", one.lower()) == re.sub(r"[^a-z0-9]", "", other.lower())


def pinned_variable(name: str) -> str | None:
    """The setting that pins a parameter or body field of this name, if one does:
    snapshotId and snapshot_id -> HIGHLEVEL_SNAPSHOT_ID."""
    return next((variable for parameter, variable in PINS.items() if _same_name(parameter, name)), None)


def _body_pins(operation: Operation, pinned: Mapping[str, str]) -> dict[str, str]:
    """`body.<field>` -> value, for the body fields named like a pinned parameter."""
    schema = (operation.request_body or {}).get("content", {}).get("application/json", {}).get("schema", {})
    return {
        f"body.{field}": value
        for field in schema.get("properties", {})
        for parameter, value in pinned.items()
        if _same_name(field, parameter)
    }


def live_scope(env: Mapping[str, str]) -> LiveScope:
    allow_writes = env.get("CONFORMANCE_ALLOW_WRITES") == "1"
    scope = LiveScope(send_undocumented_methods=allow_writes)
    if not allow_writes:
        scope.skipped_checks.update({name: f"{why}; {ALLOW_WRITES}" for name, why in WRITE_CHECKS.items()})
    pinned = {parameter: env[variable] for parameter, variable in PINS.items() if env.get(variable)}
    for operation in operations():
        names = {parameter["name"] for parameter in operation.parameters}
        scope.pinned.update({name: value for name, value in pinned.items() if name in names})
        unpinned = [p["name"] for p in operation.parameters if p["in"] == "path" and p["name"] not in pinned]
        never = _never_live(operation)
        if never is not None:
            scope.skipped[operation.operation_id] = never
        elif operation.method in WRITING_METHODS and not allow_writes:
            scope.skipped[operation.operation_id] = f"it writes; {ALLOW_WRITES}"
        elif any(name not in PINS for name in unpinned):
            unknown = ", ".join(name for name in unpinned if name not in PINS)
            scope.skipped[operation.operation_id] = f"it needs a real {unknown}, and no setting pins one"
        elif unpinned:
            scope.skipped[operation.operation_id] = f"set {' and '.join(PINS[name] for name in unpinned)} to include it"
        if operation.operation_id not in scope.skipped:
            scope.pinned.update(_body_pins(operation, pinned))
    return scope
