"""Three ways to parse the same bytes: the generated models, json.loads alone, and pydantic v2.

The pydantic models are the benchmark's own yardstick, equivalent to the generated ones
(three string fields, unknown fields kept); the generated package never imports pydantic.
"""

import json
from typing import Any

from pydantic import BaseModel, ConfigDict

from generated.models import GetSnapshotsSuccessfulResponseDto


class Snapshot(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    name: str
    type: str


class SnapshotsResponse(BaseModel):
    model_config = ConfigDict(extra="allow")

    snapshots: list[Snapshot]


def parse_generated(raw: bytes) -> GetSnapshotsSuccessfulResponseDto:
    return GetSnapshotsSuccessfulResponseDto.from_dict(json.loads(raw))


def parse_json(raw: bytes) -> Any:
    return json.loads(raw)


def parse_pydantic(raw: bytes) -> SnapshotsResponse:
    return SnapshotsResponse.model_validate_json(raw)
