from typing import Literal

CreateSnapshotShareLinkVersion = Literal["2021-07-28"]

CREATE_SNAPSHOT_SHARE_LINK_VERSION_VALUES: set[CreateSnapshotShareLinkVersion] = {
    "2021-07-28",
}


def check_create_snapshot_share_link_version(value: str) -> CreateSnapshotShareLinkVersion:
    if value in CREATE_SNAPSHOT_SHARE_LINK_VERSION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CREATE_SNAPSHOT_SHARE_LINK_VERSION_VALUES!r}")
