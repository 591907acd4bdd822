"""Contains all the data models used in inputs/outputs"""

from .bad_request_dto import BadRequestDTO
from .create_snapshot_share_link_request_dto import CreateSnapshotShareLinkRequestDTO
from .create_snapshot_share_link_request_dto_share_type import CreateSnapshotShareLinkRequestDTOShareType
from .create_snapshot_share_link_successful_response_dto import CreateSnapshotShareLinkSuccessfulResponseDTO
from .create_snapshot_share_link_version import CreateSnapshotShareLinkVersion
from .get_access_token_request_dto import GetAccessTokenRequestDTO
from .get_access_token_request_dto_grant_type import GetAccessTokenRequestDTOGrantType
from .get_access_token_request_dto_user_type import GetAccessTokenRequestDTOUserType
from .get_access_token_successful_response_dto import GetAccessTokenSuccessfulResponseDTO
from .get_access_token_version import GetAccessTokenVersion
from .get_custom_snapshots_version import GetCustomSnapshotsVersion
from .get_latest_snapshot_push_status_response_dto import GetLatestSnapshotPushStatusResponseDTO
from .get_latest_snapshot_push_version import GetLatestSnapshotPushVersion
from .get_snapshot_push_status_response_dto import GetSnapshotPushStatusResponseDTO
from .get_snapshot_push_version import GetSnapshotPushVersion
from .get_snapshots_successful_response_dto import GetSnapshotsSuccessfulResponseDto
from .snapshot_status_schema import SnapshotStatusSchema
from .snapshot_status_schema_with_assets import SnapshotStatusSchemaWithAssets
from .snapshots_schema import SnapshotsSchema
from .unauthorized_dto import UnauthorizedDTO
from .unprocessable_dto import UnprocessableDTO

__all__ = (
    "BadRequestDTO",
    "CreateSnapshotShareLinkRequestDTO",
    "CreateSnapshotShareLinkRequestDTOShareType",
    "CreateSnapshotShareLinkSuccessfulResponseDTO",
    "CreateSnapshotShareLinkVersion",
    "GetAccessTokenRequestDTO",
    "GetAccessTokenRequestDTOGrantType",
    "GetAccessTokenRequestDTOUserType",
    "GetAccessTokenSuccessfulResponseDTO",
    "GetAccessTokenVersion",
    "GetCustomSnapshotsVersion",
    "GetLatestSnapshotPushStatusResponseDTO",
    "GetLatestSnapshotPushVersion",
    "GetSnapshotPushStatusResponseDTO",
    "GetSnapshotPushVersion",
    "GetSnapshotsSuccessfulResponseDto",
    "SnapshotStatusSchema",
    "SnapshotStatusSchemaWithAssets",
    "SnapshotsSchema",
    "UnauthorizedDTO",
    "UnprocessableDTO",
)
