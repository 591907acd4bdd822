from typing import Literal

GetLatestSnapshotPushVersion = Literal["2021-07-28"]

GET_LATEST_SNAPSHOT_PUSH_VERSION_VALUES: set[GetLatestSnapshotPushVersion] = {
    "2021-07-28",
}


def check_get_latest_snapshot_push_version(value: str) -> GetLatestSnapshotPushVersion:
    if value in GET_LATEST_SNAPSHOT_PUSH_VERSION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_LATEST_SNAPSHOT_PUSH_VERSION_VALUES!r}")
