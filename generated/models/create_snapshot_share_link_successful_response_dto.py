from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import fields

T = TypeVar("T", bound="CreateSnapshotShareLinkSuccessfulResponseDTO")
_SECRET_FIELDS = frozenset(
    {
        "share_link",
    }
)
_PROPERTY_NAMES = frozenset(
    {
        "id",
        "shareLink",
    }
)


_new = object.__new__
_EXTRAS_LOCK = threading.Lock()


@_attrs_define
class CreateSnapshotShareLinkSuccessfulResponseDTO:
    """The created link. Both fields are required (the documented example shows both).
    The `id` example is ours: the documentation shows only the link.

        Example:
            {'id': '6h6GELjlYgCP5X3Sm3Ey', 'shareLink': 'https://affiliates.gohighlevel.com/?share=1eM2UgkfaECOYyUdCo9Pa'}

        Attributes:
            id (str): Id of the share link Example: 6h6GELjlYgCP5X3Sm3Ey.
            share_link (str): The link to share Example: https://affiliates.gohighlevel.com/?share=1eM2UgkfaECOYyUdCo9Pa.
    """

    id: str
    share_link: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def __repr__(self) -> str:
        """attrs' repr, with '<redacted>' for the secrets: share_link."""
        shown = ", ".join(
            f"{field.name}={'<redacted>' if field.name in _SECRET_FIELDS else getattr(self, field.name)!r}"
            for field in fields(type(self))
        )
        return f"{type(self).__name__}({shown})"

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        share_link = self.share_link

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "shareLink": share_link,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        if type(src_dict) is not dict:
            if not isinstance(src_dict, Mapping):
                raise TypeError(
                    f"CreateSnapshotShareLinkSuccessfulResponseDTO must be an object, not {type(src_dict).__name__}"
                )
            src_dict = dict(src_dict)
        id = src_dict["id"]
        if not (type(id) is str or isinstance(id, str)):
            raise TypeError(
                f"CreateSnapshotShareLinkSuccessfulResponseDTO.id must be a string, not {type(id).__name__}"
            )

        share_link = src_dict["shareLink"]
        if not (type(share_link) is str or isinstance(share_link, str)):
            raise TypeError(
                f"CreateSnapshotShareLinkSuccessfulResponseDTO.shareLink must be a string, not {type(share_link).__name__}"
            )

        create_snapshot_share_link_successful_response_dto = _new(cls)
        create_snapshot_share_link_successful_response_dto.id = id
        create_snapshot_share_link_successful_response_dto.share_link = share_link

        if len(src_dict) > 2:
            create_snapshot_share_link_successful_response_dto.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _PROPERTY_NAMES
            }

        return create_snapshot_share_link_successful_response_dto

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
