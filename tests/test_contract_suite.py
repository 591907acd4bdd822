"""Schemathesis drives the spec against the replay server, over a real loopback socket,
and the same suite catches each deliberately broken server by the name of the right check."""

import pytest

from scripts.conformance.suite import CONTRACT_CHECKS, run_contract_suite
from scripts.fixtures import load_fixtures
from scripts.paths import SPEC
from scripts.spec import load_spec, operations, spec_document
from scripts.stand_ins import broken_replays
from scripts.stand_ins.replay import DEVELOPMENT_TOKEN, ReplayApp
from scripts.wsgi import running_server

SEED = 20261129
OPERATIONS = {f"{operation.method} {operation.path}" for operation in operations()}


# The broken servers below are run as this control is: the coverage phase alone (every phase runs in
# tests/test_conformance.py, through `make conformance`).
PHASES = ("coverage",)


def test_the_replay_server_conforms() -> None:
    with running_server(ReplayApp(load_fixtures())) as url:
        report = run_contract_suite(url, DEVELOPMENT_TOKEN, seed=SEED, max_examples=2, phases=PHASES)
    assert report.failures == []
    assert report.errors == []
    assert report.operations == OPERATIONS
    assert set(report.check_runs) == {(operation, check) for operation in OPERATIONS for check in CONTRACT_CHECKS}


def test_a_run_leaves_the_shared_spec_as_it_was() -> None:
    # For the stateful phase, schemathesis writes the links it infers into the document it is given.
    with running_server(ReplayApp(load_fixtures())) as url:
        report = run_contract_suite(url, DEVELOPMENT_TOKEN, seed=SEED, max_examples=1, phases=("stateful",))
    assert report.cases.total() > 0
    assert spec_document() == load_spec(SPEC)


# The coverage phase alone catches every one of these breakages (each check fails with it alone).
# A breakage shows only where it can: a token is ignored, and a 401 answered, only where one is
# needed; a 422 is undocumented only where the spec does not declare one (POST /oauth/token does).
NEEDING_A_TOKEN = {f"{operation.method} {operation.path}" for operation in operations() if not operation.public}
WITHOUT_422 = {f"{operation.method} {operation.path}" for operation in operations() if "422" not in operation.responses}
BROKEN = [
    (broken_replays.IgnoresToken, "ignored_auth", NEEDING_A_TOKEN),
    (broken_replays.IgnoresVersion, "missing_required_header", OPERATIONS),
    (broken_replays.UnauthorizedWithoutError, "response_schema_conformance", NEEDING_A_TOKEN),
    (broken_replays.Undocumented422, "status_code_conformance", WITHOUT_422),
    (broken_replays.SuccessDropsAField, "response_schema_conformance", OPERATIONS),
]


@pytest.mark.parametrize(("server", "check", "where"), BROKEN, ids=[server.__name__ for server, _, _ in BROKEN])
def test_a_broken_server_is_caught_by_name(server: type[ReplayApp], check: str, where: set[str]) -> None:
    with running_server(server(load_fixtures())) as url:
        report = run_contract_suite(url, DEVELOPMENT_TOKEN, seed=SEED, max_examples=2, phases=PHASES)
    assert {(check, operation) for operation in where} <= report.failing_checks(), report.failures
    assert DEVELOPMENT_TOKEN not in repr(report.failures)
