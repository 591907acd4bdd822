from typing import Literal

GetSnapshotPushVersion = Literal["2021-07-28"]

GET_SNAPSHOT_PUSH_VERSION_VALUES: set[GetSnapshotPushVersion] = {
    "2021-07-28",
}


def check_get_snapshot_push_version(value: str) -> GetSnapshotPushVersion:
    if value in GET_SNAPSHOT_PUSH_VERSION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_SNAPSHOT_PUSH_VERSION_VALUES!r}")
