from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SnapshotsSchema")
_PROPERTY_NAMES = frozenset(
    {
        "id",
        "name",
        "type",
    }
)


_new = object.__new__
_EXTRAS_LOCK = threading.Lock()


@_attrs_define
class SnapshotsSchema:
    """One snapshot. `id`, `name` and `type` are required: the documented example shows
    all three. `type` is documented as "own or imported" in prose only, so it stays an
    open string rather than an enum.

        Attributes:
            id (str): Snapshot Id. Example: 1eM2UgkfaECOYyUdCo9Pa.
            name (str): Name of the snapshot Example: Martial Arts Snapshot.
            type_ (str): Type of snapshot - own or imported. Example: own.
    """

    id: str
    name: str
    type_: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        if type(src_dict) is not dict:
            if not isinstance(src_dict, Mapping):
                raise TypeError(f"SnapshotsSchema must be an object, not {type(src_dict).__name__}")
            src_dict = dict(src_dict)
        id = src_dict["id"]
        if not (type(id) is str or isinstance(id, str)):
            raise TypeError(f"SnapshotsSchema.id must be a string, not {type(id).__name__}")

        name = src_dict["name"]
        if not (type(name) is str or isinstance(name, str)):
            raise TypeError(f"SnapshotsSchema.name must be a string, not {type(name).__name__}")

        type_ = src_dict["type"]
        if not (type(type_) is str or isinstance(type_, str)):
            raise TypeError(f"SnapshotsSchema.type must be a string, not {type(type_).__name__}")

        snapshots_schema = _new(cls)
        snapshots_schema.id = id
        snapshots_schema.name = name
        snapshots_schema.type_ = type_

        if len(src_dict) > 3:
            snapshots_schema.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _PROPERTY_NAMES
            }

        return snapshots_schema

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
