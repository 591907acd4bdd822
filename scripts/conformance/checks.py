"""Checks of our own that schemathesis runs beside its built-in ones during `make conformance`.

- `client_parses`: the generated client turns the response into the model its spec
  documents. An exception while parsing is a finding, reported like any failed check.
- `undeclared_fields`: fields the response carries that the spec does not declare. They
  are drift warnings, collected in DRIFT; in strict mode they are failures too. It also keeps,
  in DRIFT.observed, the bodies of every response that drifted in any way (undeclared fields,
  a declared field of another shape, an undocumented status) for the spec patch of the run.
"""

from dataclasses import dataclass, field
from functools import cache
from typing import Any

import httpx
import schemathesis
from schemathesis import Case, CheckContext, Response
from schemathesis.specs.openapi.checks import is_unexpected_http_status_case

from scripts.conformance.client_bridge import parse_with_client
from scripts.conformance.spec_patch import Observations
from scripts.conformance.spec_patch.shapes import (
    Kind,
    SpecWalker,
    body_schema_location,
    documents_status,
    operation_location,
)
from scripts.spec import response_schema_name, spec_document


@dataclass
class DriftLog:
    strict: bool = False
    # operation label -> dotted paths of undeclared fields, e.g. "snapshots[].createdAt"
    fields: dict[str, set[str]] = field(default_factory=dict)
    observed: Observations = field(default_factory=Observations)

    def reset(self, *, strict: bool) -> None:
        self.strict = strict
        self.fields = {}
        self.observed = Observations()


DRIFT = DriftLog()


@cache
def _walker() -> SpecWalker:
    return SpecWalker(spec_document())


def _operation_id(case: Case[Any]) -> str:
    return str(case.operation.definition.raw["operationId"])


def _json_body(response: Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


@schemathesis.check
def undeclared_fields(ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
    if is_unexpected_http_status_case(case):
        return None  # a probe with a method or media type the operation does not have, as schemathesis skips
    operation_id, status, body = _operation_id(case), response.status_code, _json_body(response)
    walker = _walker()
    location = body_schema_location(walker.root, operation_id, status)
    findings = list(walker.findings(body, location)) if location is not None and body is not None else []
    operation = operation_location(walker.root, operation_id)
    undocumented = operation is not None and not documents_status(walker.root, operation, status)
    DRIFT.observed.record(operation_id, status, body, drifted=body is not None and (undocumented or bool(findings)))
    paths = sorted({finding.path for finding in findings if finding.kind is Kind.UNDECLARED})
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
