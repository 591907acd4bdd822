"""Every fixture, replayed into the generated client (sync and async), gives a typed result
that holds exactly the fixture's values: converting it back gives the body, extra fields included."""

from typing import Any

import pytest

from scripts.conformance.client_bridge import parse_with_async_client, parse_with_client, recorded_response
from scripts.fixtures import Fixture, load_fixtures
from scripts.spec import response_schema_name

FIXTURES = load_fixtures()
IDS = [f"{fixture.operation_id}/{fixture.name}" for fixture in FIXTURES]


def _assert_holds_the_fixture(fixture: Fixture, parsed: Any) -> None:
    assert type(parsed).__name__ == response_schema_name(fixture.operation_id, fixture.status)
    assert parsed.to_dict() == fixture.body


def _response(fixture: Fixture) -> Any:
    return recorded_response(fixture.status, fixture.response.get("headers", {}), fixture.body)


@pytest.mark.parametrize("fixture", FIXTURES, ids=IDS)
def test_sync_client_holds_exactly_the_fixture(fixture: Fixture) -> None:
    _assert_holds_the_fixture(fixture, parse_with_client(fixture.operation_id, fixture.request, _response(fixture)))


@pytest.mark.anyio
@pytest.mark.parametrize("fixture", FIXTURES, ids=IDS)
async def test_async_client_holds_exactly_the_fixture(fixture: Fixture) -> None:
    parsed = await parse_with_async_client(fixture.operation_id, fixture.request, _response(fixture))
    _assert_holds_the_fixture(fixture, parsed)


def test_the_extra_field_survives_as_an_additional_property() -> None:
    fixture = next(f for f in FIXTURES if f.name == "200-extra-field")
    parsed = parse_with_client(fixture.operation_id, fixture.request, _response(fixture))
    [snapshot] = parsed.snapshots
    assert snapshot.additional_properties == {
        "createdAt": "2024-03-01T10:00:00.000Z",
        "folder": {"id": "f1", "name": "Sports"},
    }


def test_a_client_that_lost_a_value_is_noticed() -> None:
    fixture = next(f for f in FIXTURES if f.name == "200-non-ascii-names")
    parsed = parse_with_client(fixture.operation_id, fixture.request, _response(fixture))
    parsed.snapshots[0].name = parsed.snapshots[0].name.encode("ascii", "replace").decode()
    with pytest.raises(AssertionError):
        _assert_holds_the_fixture(fixture, parsed)
