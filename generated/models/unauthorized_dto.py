from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="UnauthorizedDTO")
_PROPERTY_NAMES = frozenset(
    {
        "statusCode",
        "message",
        "error",
    }
)


_new = object.__new__
_EXTRAS_LOCK = threading.Lock()


@_attrs_define
class UnauthorizedDTO:
    """The documented 401 body. All three fields are required (the documented example
    shows all three). HighLevel sends other messages too (for instance "The token is
    not authorized for this scope."), so `message` is an open string.

        Example:
            {'statusCode': 401, 'message': 'Invalid token: access token is invalid', 'error': 'Unauthorized'}

        Attributes:
            status_code (float):  Example: 401.
            message (str):  Example: Invalid token: access token is invalid.
            error (str):  Example: Unauthorized.
    """

    status_code: float
    message: str
    error: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status_code = self.status_code

        message = self.message

        error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "statusCode": status_code,
                "message": message,
                "error": error,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        if type(src_dict) is not dict:
            if not isinstance(src_dict, Mapping):
                raise TypeError(f"UnauthorizedDTO must be an object, not {type(src_dict).__name__}")
            src_dict = dict(src_dict)
        status_code = src_dict["statusCode"]
        if not (
            type(status_code) is float
            or type(status_code) is int
            or (isinstance(status_code, (int, float)) and not isinstance(status_code, bool))
        ):
            raise TypeError(f"UnauthorizedDTO.statusCode must be a number, not {type(status_code).__name__}")

        message = src_dict["message"]
        if not (type(message) is str or isinstance(message, str)):
            raise TypeError(f"UnauthorizedDTO.message must be a string, not {type(message).__name__}")

        error = src_dict["error"]
        if not (type(error) is str or isinstance(error, str)):
            raise TypeError(f"UnauthorizedDTO.error must be a string, not {type(error).__name__}")

        unauthorized_dto = _new(cls)
        unauthorized_dto.status_code = status_code
        unauthorized_dto.message = message
        unauthorized_dto.error = error

        if len(src_dict) > 3:
            unauthorized_dto.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _PROPERTY_NAMES
            }

        return unauthorized_dto

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
