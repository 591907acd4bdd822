from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.snapshot_status_schema import SnapshotStatusSchema


T = TypeVar("T", bound="GetSnapshotPushStatusResponseDTO")
_PROPERTY_NAMES = frozenset(
    {
        "data",
    }
)


@_attrs_define
class GetSnapshotPushStatusResponseDTO:
    """One page of pushes. `data` is required (the documented example shows it).

    Example:
        {'data': [{'id': '6511ba4b3d1b5e8a4f1b8e9f', 'locationId': 've9EPM428h8vShlRW1KT', 'status': 'processing',
            'dateAdded': '10/28/2022, 6:24:54 PM'}]}

    Attributes:
        data (list[SnapshotStatusSchema]):
    """

    data: list[SnapshotStatusSchema]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        if type(src_dict) is not dict:
            if not isinstance(src_dict, Mapping):
                raise TypeError(f"GetSnapshotPushStatusResponseDTO must be an object, not {type(src_dict).__name__}")
            src_dict = dict(src_dict)
        _data = src_dict["data"]
        if not isinstance(_data, list):
            raise TypeError(f"data must be an array, not {type(_data).__name__}")
        data = [SnapshotStatusSchema.from_dict(data_item_data) for data_item_data in _data]

        get_snapshot_push_status_response_dto = cls.__new__(cls)
        get_snapshot_push_status_response_dto.data = data
        d = {key: value for key, value in src_dict.items() if key not in _PROPERTY_NAMES} if len(src_dict) > 1 else {}

        get_snapshot_push_status_response_dto.additional_properties = d
        return get_snapshot_push_status_response_dto

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


from ..models.snapshot_status_schema import SnapshotStatusSchema
