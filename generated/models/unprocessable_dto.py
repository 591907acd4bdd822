from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

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
        if not (isinstance(status_code, (int, float)) and not isinstance(status_code, bool)):
            raise TypeError(f"UnprocessableDTO.statusCode must be a number, not {type(status_code).__name__}")

        _message = src_dict["message"]
        if not isinstance(_message, list):
            raise TypeError(f"message must be an array, not {type(_message).__name__}")
        for message_item_data in _message:
            if not isinstance(message_item_data, str):
                raise TypeError(f"message items must be a string, not {type(message_item_data).__name__}")

        message = cast(list[str], _message)

        error = src_dict["error"]
        if not isinstance(error, str):
            raise TypeError(f"UnprocessableDTO.error must be a string, not {type(error).__name__}")

        unprocessable_dto = cls.__new__(cls)
        unprocessable_dto.status_code = status_code
        unprocessable_dto.message = message
        unprocessable_dto.error = error
        d = {key: value for key, value in src_dict.items() if key not in _PROPERTY_NAMES} if len(src_dict) > 3 else {}

        unprocessable_dto.additional_properties = d
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
