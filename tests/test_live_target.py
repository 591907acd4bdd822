"""Which operations and values a live run touches."""

from scripts.conformance.live_target import live_scope, pinned_variable


def test_parameter_names_map_to_environment_variables() -> None:
    assert pinned_variable("companyId") == "HIGHLEVEL_COMPANY_ID"
    assert pinned_variable("snapshotId") == "HIGHLEVEL_SNAPSHOT_ID"
    assert pinned_variable("locationId") == "HIGHLEVEL_LOCATION_ID"


def test_writes_and_unpinned_path_parameters_are_skipped_by_default() -> None:
    scope = live_scope({"HIGHLEVEL_COMPANY_ID": "c1"})
    assert scope.pinned == {"companyId": "c1"}
    assert set(scope.skipped) == {"create-snapshot-share-link", "get-snapshot-push", "get-latest-snapshot-push"}
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
    assert scope.skipped == {}
    assert scope.skipped_checks == {}
    assert scope.pinned == {"companyId": "c1", "snapshotId": "s1", "locationId": "l1"}
