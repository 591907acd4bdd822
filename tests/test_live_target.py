"""Which operations and values a live run touches."""

import dataclasses

import pytest

from scripts.conformance import live_target
from scripts.conformance.live_target import live_scope, pinned_variable
from scripts.spec import find_operation


def test_parameter_names_map_to_environment_variables() -> None:
    assert pinned_variable("companyId") == "HIGHLEVEL_COMPANY_ID"
    assert pinned_variable("snapshotId") == "HIGHLEVEL_SNAPSHOT_ID"
    assert pinned_variable("locationId") == "HIGHLEVEL_LOCATION_ID"


def test_writes_and_unpinned_path_parameters_are_skipped_by_default() -> None:
    scope = live_scope({"HIGHLEVEL_COMPANY_ID": "c1"})
    assert scope.pinned == {"companyId": "c1"}
    assert set(scope.skipped) == {
        "create-snapshot-share-link",
        "get-snapshot-push",
        "get-latest-snapshot-push",
        "get-access-token",
    }
    assert "CONFORMANCE_ALLOW_WRITES=1" in scope.skipped["create-snapshot-share-link"]
    assert (
        scope.skipped["get-latest-snapshot-push"] == "set HIGHLEVEL_SNAPSHOT_ID and HIGHLEVEL_LOCATION_ID to include it"
    )
    assert set(scope.skipped_checks) == {"unsupported_method"}


def test_pinning_and_allowing_writes_includes_everything() -> None:
    scope = live_scope(
        {
            "HIGHLEVEL_COMPANY_ID": "c1",
            "HIGHLEVEL_SNAPSHOT_ID": "s1",
            "HIGHLEVEL_LOCATION_ID": "l1",
            "CONFORMANCE_ALLOW_WRITES": "1",
        }
    )
    assert set(scope.skipped) == {"get-access-token"}
    assert scope.skipped_checks == {}
    assert scope.pinned == {"companyId": "c1", "snapshotId": "s1", "locationId": "l1"}


def test_an_operation_marked_never_live_is_skipped_whatever_the_settings_with_its_reason() -> None:
    scope = live_scope({"HIGHLEVEL_COMPANY_ID": "c1", "CONFORMANCE_ALLOW_WRITES": "1"})
    reason = find_operation("get-access-token").extensions["x-live-reason"]
    assert scope.skipped["get-access-token"] == f"never run live: {reason}"
    assert "refresh token" in reason


def test_an_unknown_x_live_value_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    operation = find_operation("get-access-token")
    broken = dataclasses.replace(operation, extensions={"x-live": "sometimes"})
    monkeypatch.setattr(live_target, "operations", lambda: (broken,))
    with pytest.raises(ValueError, match="x-live must be `never` or absent, not 'sometimes'"):
        live_scope({"HIGHLEVEL_COMPANY_ID": "c1"})
