"""The spec's response schemas accept what the documentation page shows, and reject what breaks it."""

from typing import Any

import pytest

from scripts.contract import CONTRACT_FAILURES, json_response, validate_documented_response
from scripts.spec import contract_schema
from tests.support.docs_examples import DOCUMENTED_STATUSES, documented_examples


def _validate(status: int, body: Any) -> None:
    validate_documented_response(json_response(status, body), path="/snapshots/", method="GET")


@pytest.mark.parametrize("status", DOCUMENTED_STATUSES)
def test_each_documented_example_matches_the_schema_of_its_status(status: int) -> None:
    _validate(status, documented_examples()[status])


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
    with pytest.raises(CONTRACT_FAILURES):
        _validate(status, body)
