from typing import Literal

CreateSnapshotShareLinkRequestDTOShareType = Literal["agency_link", "link", "location_link", "permanent_link"]

CREATE_SNAPSHOT_SHARE_LINK_REQUEST_DTO_SHARE_TYPE_VALUES: set[CreateSnapshotShareLinkRequestDTOShareType] = {
    "agency_link",
    "link",
    "location_link",
    "permanent_link",
}


def check_create_snapshot_share_link_request_dto_share_type(value: str) -> CreateSnapshotShareLinkRequestDTOShareType:
    if value in CREATE_SNAPSHOT_SHARE_LINK_REQUEST_DTO_SHARE_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CREATE_SNAPSHOT_SHARE_LINK_REQUEST_DTO_SHARE_TYPE_VALUES!r}"
    )
