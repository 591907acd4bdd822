from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BadRequestDTO")
_PROPERTY_NAMES = frozenset(
    {
        "statusCode",
        "message",
    }
)


_new = object.__new__
_EXTRAS_LOCK = threading.Lock()


@_attrs_define
class BadRequestDTO:
    """The documented 400 body. Both fields are required (the documented example shows
    both). `statusCode` is documented as a number; an integer is a number.

        Example:
            {'statusCode': 400, 'message': 'Bad Request'}

        Attributes:
            status_code (float):  Example: 400.
            message (str):  Example: Bad Request.
    """

    status_code: float
    message: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status_code = self.status_code

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "statusCode": status_code,
                "message": message,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        if type(src_dict) is not dict:
            if not isinstance(src_dict, Mapping):
                raise TypeError(f"BadRequestDTO must be an object, not {type(src_dict).__name__}")
            src_dict = dict(src_dict)
        status_code = src_dict["statusCode"]
        if not (
            type(status_code) is float
            or type(status_code) is int
            or (isinstance(status_code, (int, float)) and not isinstance(status_code, bool))
        ):
            raise TypeError(f"BadRequestDTO.statusCode must be a number, not {type(status_code).__name__}")

        message = src_dict["message"]
        if not (type(message) is str or isinstance(message, str)):
            raise TypeError(f"BadRequestDTO.message must be a string, not {type(message).__name__}")

        bad_request_dto = _new(cls)
        bad_request_dto.status_code = status_code
        bad_request_dto.message = message

        if len(src_dict) > 2:
            bad_request_dto.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _PROPERTY_NAMES
            }

        return bad_request_dto

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
