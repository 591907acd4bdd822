"""Checks of our own that schemathesis runs beside its built-in ones during `make conformance`, and
the `Findings` they keep for the run that owns them.

As schemathesis reads a check's result: None is a pass, True is "does not apply to this
response" (not counted as a run), an AssertionError is a failure.

- `client_parses`: the generated client turns the response into the model its spec
  documents. An exception while parsing is a finding, reported like any failed check.
- `undeclared_fields`: fields the response carries that the spec does not declare. They
  are drift warnings, in `Findings.drift`; with `strict` they are failures too. It also keeps,
  in `Findings.observed`, the bodies of every response that drifted in any way (undeclared
  fields, a declared field of another shape, an undocumented status) for the spec patch of the run.
- `undocumented_method`: the answer to a method the spec does not document for a path (the
  coverage phase sends them) is 404, 405 or 501, or a 401/403 (authentication comes before
  routing): anything else is a failure. A 404 rather than 405, or a 405 without `Allow`, is
  only a warning, in `Findings.warnings`: Express, under HighLevel's NestJS, answers 404.

The last two are check classes: schemathesis builds one instance of each for every run, with the
keyword arguments the run's checks configuration gives it (`check_options`: the run's `Findings`,
and `strict`), so whatever they find stays with that run.

`filter_failure` is the run's hook of that name: it lets a 501 to an undocumented method pass
schemathesis' `not_a_server_error`, as RFC 9110 prescribes 501 for a method a server does not
recognise.
"""

from dataclasses import dataclass, field
from functools import cache
from typing import Any

import httpx
import schemathesis
from schemathesis import Case, CheckContext, Response
from schemathesis.core.failures import Failure, ServerError
from schemathesis.hooks import HookContext
from schemathesis.specs.openapi.checks import is_unexpected_http_status_case

from scripts.conformance.client_bridge import parse_with_client
from scripts.conformance.drift import (
    Kind,
    SpecWalker,
    body_schema_location,
    documents_status,
    operation_location,
)
from scripts.conformance.spec_patch import Observations
from scripts.spec import response_schema_name, spec_document

UNDOCUMENTED_METHOD_ANSWERS = frozenset({404, 405, 501})
# Answered by the framework itself, not by a route: not a method an operation could have.
IMPLICIT_METHODS = frozenset({"HEAD", "OPTIONS"})


@dataclass
class Findings:
    """What the checks of one run saw beside failures; the run creates it and reads it at the end."""

    # operation label -> dotted paths of undeclared fields, e.g. "snapshots[].createdAt"
    drift: dict[str, set[str]] = field(default_factory=dict)
    observed: Observations = field(default_factory=Observations)
    # operation label -> a problem of its answers -> the methods that showed it
    warnings: dict[str, dict[str, set[str]]] = field(default_factory=dict)

    def warn(self, operation: str, problem: str, method: str) -> None:
        self.warnings.setdefault(operation, {}).setdefault(problem, set()).add(method)

    def warning_lines(self) -> dict[str, list[str]]:
        """operation label -> its warnings, in words: "POST, PUT answered 404, not 405 ..."."""
        return {
            operation: [f"{', '.join(sorted(methods))} {problem}" for problem, methods in sorted(problems.items())]
            for operation, problems in sorted(self.warnings.items())
        }


def check_options(findings: Findings, *, strict: bool) -> dict[str, dict[str, Any]]:
    """The checks configuration of a run (schemathesis' `[checks.<name>]` sections): the keyword
    arguments its instances of our check classes are built with."""
    return {
        "undeclared_fields": {"findings": findings, "strict": strict},
        "undocumented_method": {"findings": findings},
    }


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


def _undocumented_method(case: Case[Any]) -> str | None:
    """The method of a case the coverage phase sent with a method its path does not document."""
    method = str(case.method).upper()
    return method if method != case.operation.method.upper() else None


# schemathesis names a check after its class, and the reports name our checks as they always did.
@schemathesis.check
class undeclared_fields:
    def __init__(self, findings: Findings, strict: bool = False) -> None:
        self._findings = findings
        self._strict = strict

    def after_response(self, ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
        if is_unexpected_http_status_case(case):
            return True  # a probe with a method or media type the operation does not have, as schemathesis skips
        operation_id, status, body = _operation_id(case), response.status_code, _json_body(response)
        walker = _walker()
        location = body_schema_location(walker.root, operation_id, status)
        findings = list(walker.findings(body, location)) if location is not None and body is not None else []
        operation = operation_location(walker.root, operation_id)
        undocumented = operation is not None and not documents_status(walker.root, operation, status)
        drifted = body is not None and (undocumented or bool(findings))
        self._findings.observed.record(operation_id, status, body, drifted=drifted)
        paths = sorted({finding.path for finding in findings if finding.kind is Kind.UNDECLARED})
        if not paths:
            return None
        self._findings.drift.setdefault(case.operation.label, set()).update(paths)
        if self._strict:
            raise AssertionError(f"The response carries fields the spec does not declare: {', '.join(paths)}")
        return None


@schemathesis.check
class undocumented_method:
    def __init__(self, findings: Findings) -> None:
        self._findings = findings

    def after_response(self, ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
        method = _undocumented_method(case)
        if method is None or method in IMPLICIT_METHODS:
            return True
        status, label = response.status_code, case.operation.label
        if status in (401, 403):
            return None
        if status not in UNDOCUMENTED_METHOD_ANSWERS:
            raise AssertionError(
                f"{method} is not documented for {case.operation.path}, yet the API answered {status}: "
                "expected 404, 405 or 501 (or 401/403)"
            )
        if status == 404:
            self._findings.warn(label, "answered 404, not 405 Method Not Allowed", method)
        elif status == 405 and "allow" not in {name.lower() for name in response.headers}:
            self._findings.warn(label, "answered 405 without an Allow header", method)
        return None


@schemathesis.check
def client_parses(ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
    operation_id = _operation_id(case)
    expected = response_schema_name(operation_id, response.status_code)
    if expected is None:
        return True  # no documented model for this status: status_code_conformance judges it
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
    return None


def filter_failure(context: HookContext, failure: Failure, case: Case[Any], response: Response) -> bool:
    """Whether schemathesis keeps a failure: all but `not_a_server_error`'s for a 501 to an
    undocumented method (`undocumented_method` judges that answer)."""
    return not (isinstance(failure, ServerError) and failure.status_code == 501 and _undocumented_method(case))
