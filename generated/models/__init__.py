"""Contains all the data models used in inputs/outputs"""

from .bad_request_dto import BadRequestDTO
from .get_custom_snapshots_version import GetCustomSnapshotsVersion
from .get_snapshots_successful_response_dto import GetSnapshotsSuccessfulResponseDto
from .snapshots_schema import SnapshotsSchema
from .unauthorized_dto import UnauthorizedDTO

__all__ = (
    "BadRequestDTO",
    "GetCustomSnapshotsVersion",
    "GetSnapshotsSuccessfulResponseDto",
    "SnapshotsSchema",
    "UnauthorizedDTO",
)
