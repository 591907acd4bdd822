"""Checks of our own that schemathesis runs beside its built-in ones during `make conformance`.

- `client_parses`: the generated client turns the response into the model its spec
  documents. An exception while parsing is a finding, reported like any failed check.
- `undeclared_fields`: fields the response carries that the spec does not declare. They
  are drift warnings, collected in DRIFT; in strict mode they are failures too.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import schemathesis
from schemathesis import Case, CheckContext, Response

from scripts.conformance.client_bridge import parse_with_client
from scripts.spec import response_schema, response_schema_name


@dataclass
class DriftLog:
    strict: bool = False
    # operation label -> dotted paths of undeclared fields, e.g. "snapshots[].createdAt"
    fields: dict[str, set[str]] = field(default_factory=dict)

    def reset(self, *, strict: bool) -> None:
        self.strict = strict
        self.fields = {}


DRIFT = DriftLog()


def undeclared_paths(body: Any, schema: dict[str, Any] | None, prefix: str = "") -> Iterator[str]:
    """Paths of the object keys in `body` that `schema` does not declare as properties."""
    if not schema:
        return
    if isinstance(body, dict) and "properties" in schema:
        declared = schema["properties"]
        for key, value in body.items():
            path = f"{prefix}.{key}" if prefix else key
            if key in declared:
                yield from undeclared_paths(value, declared[key], path)
            else:
                yield path
    elif isinstance(body, list) and "items" in schema:
        for item in body:
            yield from undeclared_paths(item, schema["items"], f"{prefix}[]")


def _operation_id(case: Case[Any]) -> str:
    return str(case.operation.definition.raw["operationId"])


def _json_body(response: Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


@schemathesis.check
def undeclared_fields(ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
    paths = sorted(
        set(undeclared_paths(_json_body(response), response_schema(_operation_id(case), response.status_code)))
    )
    if not paths:
        return None
    DRIFT.fields.setdefault(case.operation.label, set()).update(paths)
    if DRIFT.strict:
        raise AssertionError(f"The response carries fields the spec does not declare: {', '.join(paths)}")
    return True


@schemathesis.check
def client_parses(ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
    operation_id = _operation_id(case)
    expected = response_schema_name(operation_id, response.status_code)
    if expected is None:
        return None  # no documented model for this status: status_code_conformance judges it
    answer = httpx.Response(
        response.status_code,
        headers=[(name, value) for name, values in response.headers.items() for value in values],
        content=response.content,
    )
    try:
        parsed = parse_with_client(operation_id, {}, answer)
    except Exception as error:
        raise AssertionError(
            f"The generated client could not parse this {response.status_code} response: "
            f"{type(error).__name__}: {error}"
        ) from error
    if type(parsed).__name__ != expected:
        raise AssertionError(f"The generated client returned {type(parsed).__name__}, not {expected}")
    return True
