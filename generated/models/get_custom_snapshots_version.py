from typing import Literal

GetCustomSnapshotsVersion = Literal["2021-07-28"]

GET_CUSTOM_SNAPSHOTS_VERSION_VALUES: set[GetCustomSnapshotsVersion] = {
    "2021-07-28",
}


def check_get_custom_snapshots_version(value: str) -> GetCustomSnapshotsVersion:
    if value in GET_CUSTOM_SNAPSHOTS_VERSION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_CUSTOM_SNAPSHOTS_VERSION_VALUES!r}")
