"""The contract suite: schemathesis drives the spec against a server, and checks fixtures.

`run_contract_suite` runs every phase schemathesis has for the spec (examples, coverage,
fuzzing) against a base URL with the checks in CONTRACT_CHECKS (or those a caller names, with
their options and a `filter_failure` hook of the run), and returns what it saw as plain data:
what ran on which operation, and what failed. An answer carrying the polite proxy's
REFUSED_HEADER is the proxy's, not the API's: no check of it is counted or reported.
`check_fixture` runs the response checks on one recorded interaction.
"""

import copy
import datetime
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx
import schemathesis
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.engine import Status, events, from_schema
from schemathesis.hooks import HookContext
from schemathesis.specs.openapi.schemas import OpenApiSchema

from scripts.conformance.client_bridge import recorded_response
from scripts.conformance.proxy import REFUSED_HEADER
from scripts.fixtures import Fixture, redact
from scripts.spec import operations, spec_document

CONTRACT_CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
    "positive_data_acceptance",
    "missing_required_header",
    "unsupported_method",
    "ignored_auth",
)
PHASES = ("examples", "coverage", "fuzzing", "stateful")
SERVER = "https://services.leadconnectorhq.com"
REQUEST_TIMEOUT = 10.0  # seconds schemathesis waits for an answer, unless told otherwise
# The checks that judge a response alone, without sending anything: the ones a fixture can face.
RESPONSE_CHECKS = ("status_code_conformance", "content_type_conformance", "response_schema_conformance")


def contract_schema(config: SchemathesisConfig | None = None) -> OpenApiSchema:
    """A fresh schemathesis view of the spec (callers may configure it)."""
    # A copy: schemathesis writes into the document it is given (inlined responses, inferred
    # links), which would change the shared spec under the checks and the next run in the process.
    return schemathesis.openapi.from_dict(copy.deepcopy(spec_document()), config=config or SchemathesisConfig())


@dataclass(frozen=True)
class CheckFailure:
    check: str
    operation: str
    title: str
    message: str
    curl: str


@dataclass
class ContractReport:
    cases: Counter[str] = field(default_factory=Counter)  # operation label -> cases the API answered
    check_runs: Counter[tuple[str, str]] = field(default_factory=Counter)  # (operation, check) -> runs
    failures: list[CheckFailure] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    not_answered: int = 0  # cases the proxy answered itself: nothing of them is judged
    seconds: float = 0.0

    @property
    def operations(self) -> set[str]:
        return {operation for operation, count in self.cases.items() if count}

    def failing_checks(self) -> set[tuple[str, str]]:
        """(check, operation) pairs that failed."""
        return {(failure.check, failure.operation) for failure in self.failures}


Progress = Callable[[str], None]
# schemathesis' `filter_failure` hook: whether to keep a failure of a check.
FailureFilter = Callable[[HookContext, Failure, Any, Any], bool]


def _answered_by_proxy(recorder: Any, case_id: str) -> bool:
    interaction = recorder.interactions.get(case_id)
    response = interaction.response if interaction is not None else None
    return response is not None and REFUSED_HEADER.lower() in {name.lower() for name in response.headers}


def _record_scenario(report: ContractReport, event: events.ScenarioFinished, token: str) -> None:
    recorder = event.recorder
    # A stateful scenario spans operations: each result is put down to its own case's operation.
    labels = {case_id: node.value.operation.label for case_id, node in recorder.cases.items()}
    refused = {case_id for case_id in labels if _answered_by_proxy(recorder, case_id)}
    report.not_answered += len(refused)
    report.cases.update(label for case_id, label in labels.items() if case_id not in refused)
    seen = {(failure.check, failure.operation, failure.title) for failure in report.failures}
    for case_id, results in recorder.checks.items():
        if case_id in refused:
            continue
        operation = labels.get(case_id, recorder.label)
        for result in results:
            report.check_runs[operation, result.name] += 1
            info = result.failure_info
            if result.status != Status.FAILURE or info is None:
                continue
            failure = info.failure
            key = (result.name, operation, redact(failure.title, token))
            if key in seen:
                continue
            seen.add(key)
            report.failures.append(
                CheckFailure(
                    check=result.name,
                    operation=operation,
                    title=key[2],
                    message=redact(str(failure.message), token),
                    curl=redact(info.code_sample, token),
                )
            )


def run_contract_suite(
    base_url: str,
    token: str,
    *,
    seed: int = 0,
    max_examples: int = 25,
    checks: Sequence[str] = CONTRACT_CHECKS,
    check_options: Mapping[str, Mapping[str, Any]] | None = None,
    failure_filter: FailureFilter | None = None,
    rate_limit: str | None = None,
    request_timeout: float = REQUEST_TIMEOUT,
    parameters: dict[str, Any] | None = None,
    exclude_operations: Sequence[str] = (),
    send_undocumented_methods: bool = True,
    phases: Sequence[str] = PHASES,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> ContractReport:
    """Runs the suite; never raises for what the server does, only records it.

    `check_options` are the run's `[checks.<name>]` sections: the keyword arguments schemathesis
    builds this run's instances of check classes with. `send_undocumented_methods=False` keeps the
    coverage phase from sending the methods a path does not document (by default it sends POST,
    PUT, DELETE, ... to every path). The run stops early once `should_stop()` is true (it is asked
    after every event).
    """
    options = {name: dict(values) for name, values in (check_options or {}).items()}
    config = SchemathesisConfig.from_dict({"checks": options})
    config.update(seed=seed, max_failures=None)
    project = config.projects.override
    project.update(
        base_url=base_url,
        headers={"Authorization": f"Bearer {token}"},
        rate_limit=rate_limit,
        request_timeout=request_timeout,
        parameters=parameters,
    )
    project.checks.update(included_check_names=list(checks))
    # No example database: the same seed sends the same requests, whatever ran before.
    project.generation.update(max_examples=max_examples, database="none")
    if set(phases) != set(PHASES):
        # Only then: naming the stateful phase makes it an error when no link is left to follow.
        project.phases.update(phases=list(phases))
    if not send_undocumented_methods:
        project.phases.coverage.unexpected_methods = set()
    report = ContractReport()
    started = time.monotonic()
    schema = contract_schema(config).exclude(operation_id=list(exclude_operations))
    if failure_filter is not None:
        schema.hook("filter_failure")(failure_filter)
    stream = from_schema(schema).execute()
    for event in stream:
        if should_stop():
            stream.stop()
        if isinstance(event, events.ScenarioFinished):
            _record_scenario(report, event, token)
            if progress is not None:
                progress(f"{event.phase.value:<9} {event.recorder.label}: {len(event.recorder.cases)} cases")
        elif isinstance(event, events.NonFatalError):
            report.errors.append(redact(f"{event.label}: {event.info.title}: {event.value}", token))
        elif isinstance(event, events.FatalError):
            report.errors.append(redact(f"{type(event.exception).__name__}: {event.exception}", token))
    report.seconds = time.monotonic() - started
    return report


def _as_received(fixture: Fixture) -> httpx.Response:
    """The fixture's response as schemathesis expects one after a real exchange: read, with its request."""
    response = recorded_response(fixture.status, fixture.response.get("headers", {}), fixture.body)
    response.request = httpx.Request(fixture.request["method"], SERVER + fixture.request["path"])
    response.elapsed = datetime.timedelta(0)
    return response


def _case_for(fixture: Fixture, checks: Sequence[str]) -> Any:
    operation = next(op for op in operations() if op.operation_id == fixture.operation_id)
    config = SchemathesisConfig()
    # Only these checks: schemathesis would build every other check class it knows as well.
    config.projects.override.checks.update(included_check_names=list(checks))
    api_operation = contract_schema(config)[operation.path][operation.method]
    request = fixture.request
    extra = {"body": request["body"], "media_type": operation.body_media_type} if "body" in request else {}
    return api_operation.Case(
        path_parameters=operation.path_values(request["path"]) or None,
        query=dict(request.get("query", {})) or None,
        headers=dict(request.get("headers", {})) or None,
        **extra,
    )


def check_fixture(fixture: Fixture, checks: Sequence[str] = RESPONSE_CHECKS) -> dict[str, str]:
    """The response checks a fixture fails, each with its message; empty when it conforms."""
    load_all_checks()
    case = _case_for(fixture, checks)
    response = _as_received(fixture)
    failed: dict[str, str] = {}
    for name, check in zip(checks, CHECKS.get_by_names(list(checks)), strict=True):
        try:
            case.validate_response(response, checks=[check])
        except (Failure, FailureGroup) as error:
            failed[name] = str(error)
    return failed
