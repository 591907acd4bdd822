from __future__ import annotations

import threading
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


_new = object.__new__
_EXTRAS_LOCK = threading.Lock()


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
        snapshots = []
        for snapshots_item_data in _snapshots:
            try:
                _snapshots__id = snapshots_item_data["id"]
                if not (type(_snapshots__id) is str or isinstance(_snapshots__id, str)):
                    raise TypeError(f"SnapshotsSchema.id must be a string, not {type(_snapshots__id).__name__}")

                _snapshots__name = snapshots_item_data["name"]
                if not (type(_snapshots__name) is str or isinstance(_snapshots__name, str)):
                    raise TypeError(f"SnapshotsSchema.name must be a string, not {type(_snapshots__name).__name__}")

                _snapshots__type_ = snapshots_item_data["type"]
                if not (type(_snapshots__type_) is str or isinstance(_snapshots__type_, str)):
                    raise TypeError(f"SnapshotsSchema.type must be a string, not {type(_snapshots__type_).__name__}")

            except (TypeError, AttributeError):
                _snapshots__item = SnapshotsSchema.from_dict(snapshots_item_data)
            else:
                _snapshots__item = _new(SnapshotsSchema)
                _snapshots__item.id = _snapshots__id
                _snapshots__item.name = _snapshots__name
                _snapshots__item.type_ = _snapshots__type_

                if len(snapshots_item_data) > 3:
                    _snapshots__item.additional_properties = {
                        key: value for key, value in snapshots_item_data.items() if key not in {"id", "name", "type"}
                    }

            snapshots.append(_snapshots__item)

        get_snapshots_successful_response_dto = _new(cls)
        get_snapshots_successful_response_dto.snapshots = snapshots

        if len(src_dict) > 1:
            get_snapshots_successful_response_dto.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _PROPERTY_NAMES
            }

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


from ..models.snapshots_schema import SnapshotsSchema
