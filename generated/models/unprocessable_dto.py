from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="UnprocessableDTO")
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
class UnprocessableDTO:
    """The documented 422 body: a validation failure. Unlike the 400 body, `message` is an
    array of strings, one for each problem. All three fields are required (the documented
    example shows all three).

        Example:
            {'statusCode': 422, 'message': ['refresh_token must be a string'], 'error': 'Unprocessable Entity'}

        Attributes:
            status_code (float):  Example: 422.
            message (list[str]):  Example: ['refresh_token must be a string'].
            error (str):  Example: Unprocessable Entity.
    """

    status_code: float
    message: list[str]
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
                raise TypeError(f"UnprocessableDTO must be an object, not {type(src_dict).__name__}")
            src_dict = dict(src_dict)
        status_code = src_dict["statusCode"]
        if not (
            type(status_code) is float
            or type(status_code) is int
            or (isinstance(status_code, (int, float)) and not isinstance(status_code, bool))
        ):
            raise TypeError(f"UnprocessableDTO.statusCode must be a number, not {type(status_code).__name__}")

        _message = src_dict["message"]
        if not isinstance(_message, list):
            raise TypeError(f"message must be an array, not {type(_message).__name__}")
        for message_item_data in _message:
            if not (type(message_item_data) is str or isinstance(message_item_data, str)):
                raise TypeError(f"message items must be a string, not {type(message_item_data).__name__}")

        message = cast(list[str], _message)

        error = src_dict["error"]
        if not (type(error) is str or isinstance(error, str)):
            raise TypeError(f"UnprocessableDTO.error must be a string, not {type(error).__name__}")

        unprocessable_dto = _new(cls)
        unprocessable_dto.status_code = status_code
        unprocessable_dto.message = message
        unprocessable_dto.error = error

        if len(src_dict) > 3:
            unprocessable_dto.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _PROPERTY_NAMES
            }

        return unprocessable_dto

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
