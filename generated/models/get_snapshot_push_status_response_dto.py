from __future__ import annotations

import threading
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


_new = object.__new__
_EXTRAS_LOCK = threading.Lock()


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
        data = []
        for data_item_data in _data:
            try:
                _data__id = data_item_data["id"]
                if not (type(_data__id) is str or isinstance(_data__id, str)):
                    raise TypeError(f"SnapshotStatusSchema.id must be a string, not {type(_data__id).__name__}")

                _data__location_id = data_item_data["locationId"]
                if not (type(_data__location_id) is str or isinstance(_data__location_id, str)):
                    raise TypeError(
                        f"SnapshotStatusSchema.locationId must be a string, not {type(_data__location_id).__name__}"
                    )

                _data__status = data_item_data["status"]
                if not (type(_data__status) is str or isinstance(_data__status, str)):
                    raise TypeError(f"SnapshotStatusSchema.status must be a string, not {type(_data__status).__name__}")

                _data__date_added = data_item_data["dateAdded"]
                if not (type(_data__date_added) is str or isinstance(_data__date_added, str)):
                    raise TypeError(
                        f"SnapshotStatusSchema.dateAdded must be a string, not {type(_data__date_added).__name__}"
                    )

            except (TypeError, AttributeError):
                _data__item = SnapshotStatusSchema.from_dict(data_item_data)
            else:
                _data__item = _new(SnapshotStatusSchema)
                _data__item.id = _data__id
                _data__item.location_id = _data__location_id
                _data__item.status = _data__status
                _data__item.date_added = _data__date_added

                if len(data_item_data) > 4:
                    _data__item.additional_properties = {
                        key: value
                        for key, value in data_item_data.items()
                        if key not in {"id", "locationId", "status", "dateAdded"}
                    }

            data.append(_data__item)

        get_snapshot_push_status_response_dto = _new(cls)
        get_snapshot_push_status_response_dto.data = data

        if len(src_dict) > 1:
            get_snapshot_push_status_response_dto.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _PROPERTY_NAMES
            }

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

    if not TYPE_CHECKING:

        def __getattr__(self, name: str) -> Any:
            """additional_properties on first use: from_dict leaves it unset when there are no
            undeclared fields (a dict less for every object it builds)."""
            if name != "additional_properties":
                raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}", name=name, obj=self)
            with _EXTRAS_LOCK:  # two threads' first uses create one dict
                try:
                    return object.__getattribute__(self, name)
                except AttributeError:
                    self.additional_properties = created = {}
                    return created


from ..models.snapshot_status_schema import SnapshotStatusSchema
