"""What a run against a live API may touch, decided from the environment and the spec alone.

- An operation the spec marks `x-live: never` never runs, whatever the settings: getting an
  OAuth token, for one, would spend the caller's refresh token. The note is its `x-live-reason`.
- Operations that write (POST, PUT, PATCH, DELETE) run only with CONFORMANCE_ALLOW_WRITES=1:
  a share link, for one, is real once created. So does schemathesis' `unsupported_method`
  check, which sends the methods a path does not document (POST, PUT, DELETE, ...) to it.
- A parameter is pinned to the value of HIGHLEVEL_<NAME> (companyId: HIGHLEVEL_COMPANY_ID,
  snapshotId: HIGHLEVEL_SNAPSHOT_ID, locationId: HIGHLEVEL_LOCATION_ID). An operation with a
  path parameter that is not pinned is skipped: a made-up id only finds a 404.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from scripts.spec import operations

WRITING_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def pinned_variable(parameter: str) -> str:
    """companyId -> HIGHLEVEL_COMPANY_ID"""
    return "HIGHLEVEL_" + re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", parameter).upper()


@dataclass(frozen=True)
class LiveScope:
    pinned: dict[str, str] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)  # operationId -> why
    skipped_checks: dict[str, str] = field(default_factory=dict)  # check name -> why


def live_scope(env: Mapping[str, str]) -> LiveScope:
    scope = LiveScope()
    allow_writes = env.get("CONFORMANCE_ALLOW_WRITES") == "1"
    if not allow_writes:
        scope.skipped_checks["unsupported_method"] = (
            "it sends undocumented methods such as POST and DELETE; set CONFORMANCE_ALLOW_WRITES=1 to include it"
        )
    for operation in operations():
        for parameter in operation.parameters:
            value = env.get(pinned_variable(parameter["name"]))
            if value:
                scope.pinned[parameter["name"]] = value
        unpinned = [
            pinned_variable(p["name"])
            for p in operation.parameters
            if p["in"] == "path" and not env.get(pinned_variable(p["name"]))
        ]
        live = operation.extensions.get("x-live")
        if live not in (None, "never"):
            raise ValueError(f"{operation.operation_id}: x-live must be `never` or absent, not {live!r}")
        if operation.never_live:
            reason = operation.extensions.get("x-live-reason", "the spec marks it x-live: never")
            scope.skipped[operation.operation_id] = f"never run live: {reason}"
        elif operation.method in WRITING_METHODS and not allow_writes:
            scope.skipped[operation.operation_id] = "it writes; set CONFORMANCE_ALLOW_WRITES=1 to include it"
        elif unpinned:
            scope.skipped[operation.operation_id] = f"set {' and '.join(unpinned)} to include it"
    return scope
