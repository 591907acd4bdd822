from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SnapshotStatusSchema")
_PROPERTY_NAMES = frozenset(
    {
        "id",
        "locationId",
        "status",
        "dateAdded",
    }
)


_new = object.__new__
_EXTRAS_LOCK = threading.Lock()


@_attrs_define
class SnapshotStatusSchema:
    """One push of a snapshot to a sub-account. All four fields are required (the
    documented example shows all four).

        Attributes:
            id (str): Document id of the push; the `lastDoc` cursor of the next page. Example: 6511ba4b3d1b5e8a4f1b8e9f.
            location_id (str): Sub-account id Example: ve9EPM428h8vShlRW1KT.
            status (str): Status of the push. Documented by example only (`processing`), so an open string. Example:
                processing.
            date_added (str): When the push started. The documentation declares a date-time but shows
                `10/28/2022, 6:24:54 PM`, which is not RFC 3339. We declare a plain string, so
                the client parses the documented example (and an RFC 3339 value) without error
                and hands the text to the caller unchanged.
                 Example: 10/28/2022, 6:24:54 PM.
    """

    id: str
    location_id: str
    status: str
    date_added: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        location_id = self.location_id

        status = self.status

        date_added = self.date_added

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "locationId": location_id,
                "status": status,
                "dateAdded": date_added,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        if type(src_dict) is not dict:
            if not isinstance(src_dict, Mapping):
                raise TypeError(f"SnapshotStatusSchema must be an object, not {type(src_dict).__name__}")
            src_dict = dict(src_dict)
        id = src_dict["id"]
        if not (type(id) is str or isinstance(id, str)):
            raise TypeError(f"SnapshotStatusSchema.id must be a string, not {type(id).__name__}")

        location_id = src_dict["locationId"]
        if not (type(location_id) is str or isinstance(location_id, str)):
            raise TypeError(f"SnapshotStatusSchema.locationId must be a string, not {type(location_id).__name__}")

        status = src_dict["status"]
        if not (type(status) is str or isinstance(status, str)):
            raise TypeError(f"SnapshotStatusSchema.status must be a string, not {type(status).__name__}")

        date_added = src_dict["dateAdded"]
        if not (type(date_added) is str or isinstance(date_added, str)):
            raise TypeError(f"SnapshotStatusSchema.dateAdded must be a string, not {type(date_added).__name__}")

        snapshot_status_schema = _new(cls)
        snapshot_status_schema.id = id
        snapshot_status_schema.location_id = location_id
        snapshot_status_schema.status = status
        snapshot_status_schema.date_added = date_added

        if len(src_dict) > 4:
            snapshot_status_schema.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _PROPERTY_NAMES
            }

        return snapshot_status_schema

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
