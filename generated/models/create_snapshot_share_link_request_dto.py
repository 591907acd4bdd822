from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.create_snapshot_share_link_request_dto_share_type import (
    CreateSnapshotShareLinkRequestDTOShareType,
    check_create_snapshot_share_link_request_dto_share_type,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateSnapshotShareLinkRequestDTO")
_PROPERTY_NAMES = frozenset(
    {
        "snapshot_id",
        "share_type",
        "relationship_number",
        "share_location_id",
    }
)


_new = object.__new__
_EXTRAS_LOCK = threading.Lock()


@_attrs_define
class CreateSnapshotShareLinkRequestDTO:
    """
    Attributes:
        snapshot_id (str): Snapshot Id Example: 1eM2UgkfaECOYyUdCo9Pa.
        share_type (CreateSnapshotShareLinkRequestDTOShareType): How the link may be used. The documentation lists
            exactly these four values for
            a value we send, so the client offers them as a closed set.
             Example: link.
        relationship_number (str | Unset): Comma separated Relationship number of Agencies, for share_type agency_link
            Example: 0-128-926,1-208-926.
        share_location_id (str | Unset): Comma separated Sub-Account ids, for share_type location_link Example:
            lBPqgBowX1CsjHay12LY,JvByB6Z9xEMAaFYoVmbe.
    """

    snapshot_id: str
    share_type: CreateSnapshotShareLinkRequestDTOShareType
    relationship_number: str | Unset = UNSET
    share_location_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        snapshot_id = self.snapshot_id

        share_type: str = self.share_type

        relationship_number = self.relationship_number

        share_location_id = self.share_location_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "snapshot_id": snapshot_id,
                "share_type": share_type,
            }
        )
        if relationship_number is not UNSET:
            field_dict["relationship_number"] = relationship_number
        if share_location_id is not UNSET:
            field_dict["share_location_id"] = share_location_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        if type(src_dict) is not dict:
            if not isinstance(src_dict, Mapping):
                raise TypeError(f"CreateSnapshotShareLinkRequestDTO must be an object, not {type(src_dict).__name__}")
            src_dict = dict(src_dict)
        snapshot_id = src_dict["snapshot_id"]
        if not (type(snapshot_id) is str or isinstance(snapshot_id, str)):
            raise TypeError(
                f"CreateSnapshotShareLinkRequestDTO.snapshot_id must be a string, not {type(snapshot_id).__name__}"
            )

        share_type = check_create_snapshot_share_link_request_dto_share_type(src_dict["share_type"])

        relationship_number = src_dict.get("relationship_number", UNSET)
        if not (type(relationship_number) is str or isinstance(relationship_number, str)) and not isinstance(
            relationship_number, Unset
        ):
            raise TypeError(
                f"CreateSnapshotShareLinkRequestDTO.relationship_number must be a string, not {type(relationship_number).__name__}"
            )

        share_location_id = src_dict.get("share_location_id", UNSET)
        if not (type(share_location_id) is str or isinstance(share_location_id, str)) and not isinstance(
            share_location_id, Unset
        ):
            raise TypeError(
                f"CreateSnapshotShareLinkRequestDTO.share_location_id must be a string, not {type(share_location_id).__name__}"
            )

        create_snapshot_share_link_request_dto = _new(cls)
        create_snapshot_share_link_request_dto.snapshot_id = snapshot_id
        create_snapshot_share_link_request_dto.share_type = share_type
        create_snapshot_share_link_request_dto.relationship_number = relationship_number
        create_snapshot_share_link_request_dto.share_location_id = share_location_id

        if len(src_dict) > 2:
            create_snapshot_share_link_request_dto.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _PROPERTY_NAMES
            }

        return create_snapshot_share_link_request_dto

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
