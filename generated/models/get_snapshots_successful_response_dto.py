from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.snapshots_schema import SnapshotsSchema


T = TypeVar("T", bound="GetSnapshotsSuccessfulResponseDto")
_PROPERTY_NAMES = frozenset(
    {
        "snapshots",
    }
)


@_attrs_define
class GetSnapshotsSuccessfulResponseDto:
    """The snapshots of the company. `snapshots` is required (the documented example shows it).

    Example:
        {'snapshots': [{'id': '1eM2UgkfaECOYyUdCo9Pa', 'name': 'Martial Arts Snapshot', 'type': 'own'}]}

    Attributes:
        snapshots (list[SnapshotsSchema]):
    """

    snapshots: list[SnapshotsSchema]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        snapshots = []
        for snapshots_item_data in self.snapshots:
            snapshots_item = snapshots_item_data.to_dict()
            snapshots.append(snapshots_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "snapshots": snapshots,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        if type(src_dict) is not dict:
            if not isinstance(src_dict, Mapping):
                raise TypeError(f"GetSnapshotsSuccessfulResponseDto must be an object, not {type(src_dict).__name__}")
            src_dict = dict(src_dict)
        _snapshots = src_dict["snapshots"]
        if not isinstance(_snapshots, list):
            raise TypeError(f"snapshots must be an array, not {type(_snapshots).__name__}")
        snapshots = [SnapshotsSchema.from_dict(snapshots_item_data) for snapshots_item_data in _snapshots]

        get_snapshots_successful_response_dto = cls.__new__(cls)
        get_snapshots_successful_response_dto.snapshots = snapshots
        d = {key: value for key, value in src_dict.items() if key not in _PROPERTY_NAMES} if len(src_dict) > 1 else {}

        get_snapshots_successful_response_dto.additional_properties = d
        return get_snapshots_successful_response_dto

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


from ..models.snapshots_schema import SnapshotsSchema
