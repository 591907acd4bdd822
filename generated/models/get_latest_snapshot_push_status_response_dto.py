from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.snapshot_status_schema_with_assets import SnapshotStatusSchemaWithAssets


T = TypeVar("T", bound="GetLatestSnapshotPushStatusResponseDTO")
_PROPERTY_NAMES = frozenset(
    {
        "data",
    }
)


_new = object.__new__
_EXTRAS_LOCK = threading.Lock()


@_attrs_define
class GetLatestSnapshotPushStatusResponseDTO:
    """The latest push. `data` is required (the documented example shows it).

    Example:
        {'data': {'id': '6511ba4b3d1b5e8a4f1b8e9f', 'locationId': 've9EPM428h8vShlRW1KT', 'status': 'processing',
            'completed': ['forms', 'surveys', 'funnels', 'workflows'], 'pending': ['custom_fields', 'custom_values',
            'tags']}}

    Attributes:
        data (SnapshotStatusSchemaWithAssets): The latest push to one sub-account, with the assets done and still to do.
            All five
            fields are required (the documented example shows all five). The documentation
            gives `completed` and `pending` as comma-separated examples of an array of strings;
            each asset is one string.
    """

    data: SnapshotStatusSchemaWithAssets
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data.to_dict()

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
                raise TypeError(
                    f"GetLatestSnapshotPushStatusResponseDTO must be an object, not {type(src_dict).__name__}"
                )
            src_dict = dict(src_dict)
        data = SnapshotStatusSchemaWithAssets.from_dict(src_dict["data"])

        get_latest_snapshot_push_status_response_dto = _new(cls)
        get_latest_snapshot_push_status_response_dto.data = data

        if len(src_dict) > 1:
            get_latest_snapshot_push_status_response_dto.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _PROPERTY_NAMES
            }

        return get_latest_snapshot_push_status_response_dto

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


from ..models.snapshot_status_schema_with_assets import SnapshotStatusSchemaWithAssets
