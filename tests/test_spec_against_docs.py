"""The spec's response schemas accept what the documentation page shows, and reject what breaks it."""

from typing import Any

import pytest

from scripts.conformance.suite import check_fixture, contract_schema
from scripts.fixtures import Fixture
from tests.support.docs_examples import DOCUMENTED_STATUSES, documented_examples


def _failed_checks(status: int, body: Any) -> set[str]:
    """The response checks that a GET /snapshots/ answered with this status and body fails."""
    exchange = Fixture(
        operation_id="get-custom-snapshots",
        name="docs-page",
        provenance={},
        request={"method": "GET", "path": "/snapshots/", "query": {"companyId": "5D112kQsiKESj6rash"}},
        response={"status": status, "headers": {"Content-Type": "application/json"}, "body": body},
        default=False,
    )
    return set(check_fixture(exchange))


@pytest.mark.parametrize("status", DOCUMENTED_STATUSES)
def test_each_documented_example_matches_the_schema_of_its_status(status: int) -> None:
    assert _failed_checks(status, documented_examples()[status]) == set()


def test_the_spec_declares_the_documented_examples() -> None:
    operation = contract_schema()["/snapshots/"]["GET"].definition.raw
    examples = documented_examples()
    spec_200 = operation["responses"]["200"]["content"]["application/json"]["example"]
    assert spec_200 == examples[200]


BROKEN_BODIES = {
    "401 without error": (401, {"statusCode": 401, "message": "Invalid token: access token is invalid"}),
    "snapshots not an array": (200, {"snapshots": {"id": "1", "name": "n", "type": "own"}}),
    "snapshot without id": (200, {"snapshots": [{"name": "Martial Arts Snapshot", "type": "own"}]}),
    "statusCode as a string": (400, {"statusCode": "400", "message": "Bad Request"}),
    "200 without snapshots": (200, {}),
}


@pytest.mark.parametrize("case", BROKEN_BODIES)
def test_a_body_that_breaks_the_documented_shape_is_rejected(case: str) -> None:
    status, body = BROKEN_BODIES[case]
    assert _failed_checks(status, body) == {"response_schema_conformance"}
