"""Which operations and values a live run touches."""

import dataclasses

import pytest

from scripts.conformance.scope import PINS, live_scope
from scripts.spec import find_operation

ALL = {
    "HIGHLEVEL_COMPANY_ID": "c1",
    "HIGHLEVEL_SNAPSHOT_ID": "s1",
    "HIGHLEVEL_LOCATION_ID": "l1",
    "CONFORMANCE_ALLOW_WRITES": "1",
}


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
    assert set(scope.skipped_checks) == {"undocumented_method"}
    assert scope.send_undocumented_methods is False


def test_pinning_and_allowing_writes_includes_everything() -> None:
    scope = live_scope(ALL)
    assert set(scope.skipped) == {"get-access-token"}  # never run live
    assert scope.skipped_checks == {}
    assert scope.send_undocumented_methods is True
    # The share link's body names the snapshot too: a made-up one only finds a 400.
    assert scope.pinned == {"companyId": "c1", "snapshotId": "s1", "locationId": "l1", "body.snapshot_id": "s1"}


def test_only_the_documented_settings_pin_a_parameter() -> None:
    # A stray HIGHLEVEL_VERSION once pinned the Version header of every request.
    scope = live_scope({**ALL, "HIGHLEVEL_VERSION": "1999-01-01", "HIGHLEVEL_LIMIT": "3", "HIGHLEVEL_FROM": "x"})
    assert set(scope.pinned) == {"companyId", "snapshotId", "locationId", "body.snapshot_id"}
    assert set(PINS.values()) == {"HIGHLEVEL_COMPANY_ID", "HIGHLEVEL_SNAPSHOT_ID", "HIGHLEVEL_LOCATION_ID"}


def test_a_read_only_run_allows_only_the_documented_method_of_the_paths_it_runs() -> None:
    read_only = live_scope({"HIGHLEVEL_COMPANY_ID": "c1", "HIGHLEVEL_SNAPSHOT_ID": "s1"})
    assert read_only.allows("GET", "/snapshots/")
    assert read_only.allows("GET", "/snapshots/snapshot-status/s1")
    assert not read_only.allows("POST", "/snapshots/")
    assert not read_only.allows("POST", "/snapshots/share/link")  # skipped: it writes
    assert not read_only.allows("GET", "/snapshots/snapshot-status/s1/location/l1")  # skipped: no location
    assert not read_only.allows("GET", "/schemathesis-probe%5C%1B%01")
    writing = live_scope(ALL)
    assert writing.allows("DELETE", "/snapshots/") and writing.allows("POST", "/snapshots/share/link")
    assert not writing.allows("GET", "/")


def test_an_operation_marked_never_live_is_skipped_whatever_the_settings_with_its_reason() -> None:
    scope = live_scope({"HIGHLEVEL_COMPANY_ID": "c1", "CONFORMANCE_ALLOW_WRITES": "1"})
    reason = find_operation("get-access-token").extensions["x-live-reason"]
    assert scope.skipped["get-access-token"] == f"never run live: {reason}"
    assert "refresh token" in reason


def test_an_unknown_x_live_value_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    operation = find_operation("get-access-token")
    broken = dataclasses.replace(operation, extensions={"x-live": "sometimes"})
    monkeypatch.setattr("scripts.conformance.scope.operations", lambda: (broken,))
    with pytest.raises(ValueError, match="x-live must be `never` or absent, not 'sometimes'"):
        live_scope({"HIGHLEVEL_COMPANY_ID": "c1"})
