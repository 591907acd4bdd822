from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SnapshotStatusSchemaWithAssets")
_PROPERTY_NAMES = frozenset(
    {
        "id",
        "locationId",
        "status",
        "completed",
        "pending",
    }
)


_new = object.__new__
_EXTRAS_LOCK = threading.Lock()


@_attrs_define
class SnapshotStatusSchemaWithAssets:
    """The latest push to one sub-account, with the assets done and still to do. All five
    fields are required (the documented example shows all five). The documentation
    gives `completed` and `pending` as comma-separated examples of an array of strings;
    each asset is one string.

        Attributes:
            id (str): Document id of the push Example: 6511ba4b3d1b5e8a4f1b8e9f.
            location_id (str): Sub-account id Example: ve9EPM428h8vShlRW1KT.
            status (str): Status of the push. Documented by example only (`processing`), so an open string. Example:
                processing.
            completed (list[str]): Assets already pushed Example: ['forms', 'surveys', 'funnels', 'workflows'].
            pending (list[str]): Assets still to push Example: ['custom_fields', 'custom_values', 'tags'].
    """

    id: str
    location_id: str
    status: str
    completed: list[str]
    pending: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        location_id = self.location_id

        status = self.status

        completed = self.completed

        pending = self.pending

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "locationId": location_id,
                "status": status,
                "completed": completed,
                "pending": pending,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        if type(src_dict) is not dict:
            if not isinstance(src_dict, Mapping):
                raise TypeError(f"SnapshotStatusSchemaWithAssets must be an object, not {type(src_dict).__name__}")
            src_dict = dict(src_dict)
        id = src_dict["id"]
        if not (type(id) is str or isinstance(id, str)):
            raise TypeError(f"SnapshotStatusSchemaWithAssets.id must be a string, not {type(id).__name__}")

        location_id = src_dict["locationId"]
        if not (type(location_id) is str or isinstance(location_id, str)):
            raise TypeError(
                f"SnapshotStatusSchemaWithAssets.locationId must be a string, not {type(location_id).__name__}"
            )

        status = src_dict["status"]
        if not (type(status) is str or isinstance(status, str)):
            raise TypeError(f"SnapshotStatusSchemaWithAssets.status must be a string, not {type(status).__name__}")

        _completed = src_dict["completed"]
        if not isinstance(_completed, list):
            raise TypeError(f"completed must be an array, not {type(_completed).__name__}")
        for completed_item_data in _completed:
            if not (type(completed_item_data) is str or isinstance(completed_item_data, str)):
                raise TypeError(f"completed items must be a string, not {type(completed_item_data).__name__}")

        completed = cast(list[str], _completed)

        _pending = src_dict["pending"]
        if not isinstance(_pending, list):
            raise TypeError(f"pending must be an array, not {type(_pending).__name__}")
        for pending_item_data in _pending:
            if not (type(pending_item_data) is str or isinstance(pending_item_data, str)):
                raise TypeError(f"pending items must be a string, not {type(pending_item_data).__name__}")

        pending = cast(list[str], _pending)

        snapshot_status_schema_with_assets = _new(cls)
        snapshot_status_schema_with_assets.id = id
        snapshot_status_schema_with_assets.location_id = location_id
        snapshot_status_schema_with_assets.status = status
        snapshot_status_schema_with_assets.completed = completed
        snapshot_status_schema_with_assets.pending = pending

        if len(src_dict) > 5:
            snapshot_status_schema_with_assets.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _PROPERTY_NAMES
            }

        return snapshot_status_schema_with_assets

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
