from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import fields

from ..types import UNSET, Unset

T = TypeVar("T", bound="GetAccessTokenSuccessfulResponseDTO")
_SECRET_FIELDS = frozenset(
    {
        "access_token",
        "refresh_token",
    }
)
_PROPERTY_NAMES = frozenset(
    {
        "access_token",
        "expires_in",
        "refresh_token",
        "token_type",
        "scope",
        "userType",
        "companyId",
        "locationId",
        "approvedLocations",
        "userId",
        "planId",
    }
)


_new = object.__new__
_EXTRAS_LOCK = threading.Lock()


@_attrs_define
class GetAccessTokenSuccessfulResponseDTO:
    """A new access token and a new refresh token. Only `access_token`, `refresh_token` and
    `expires_in` are required, although the documented example shows more fields: a
    refresh has already spent the old refresh token when this body arrives, so a body the
    client refused over a field it does not use would lose the new refresh token. The
    other fields are typed as documented, and are drift when they change. The tokens are
    marked `x-secret: true`, so the model's repr hides them.

        Attributes:
            access_token (str): The access token, sent as `Authorization: Bearer <token>`. A credential.
            expires_in (float): Seconds the access token lives, from when it was issued (documented example 86399,
                about a day). Declared a number rather than an integer, for the reason given above:
                a fractional value must not lose a refresh.
                 Example: 86399.
            refresh_token (str): The new refresh token (valid a year); it replaces the one sent. A credential.
            token_type (str | Unset): Documented as `Bearer`; an open string. Example: Bearer.
            scope (str | Unset): The granted scopes, separated by spaces. Example: snapshots.readonly snapshots.write.
            user_type (str | Unset): `Company` or `Location`; an open string, since it is a value we receive. Example:
                Company.
            company_id (str | Unset): The agency (company) the token is for. Example: 5D112kQsiKESj6rash.
            location_id (str | Unset): The sub-account the token is for; sub-account (`Location`) tokens only. Example:
                ve9EPM428h8vShlRW1KT.
            approved_locations (list[str] | Unset): Sub-accounts the app was approved for. Example:
                ['ve9EPM428h8vShlRW1KT'].
            user_id (str | Unset): The user who authorized the app. Example: 9NkT25Vor1v4aQatFsv2.
            plan_id (str | Unset): The app's plan the token was issued under. Example: 6502a8d5b6b3f11a54a3a0ae.
    """

    access_token: str
    expires_in: float
    refresh_token: str
    token_type: str | Unset = UNSET
    scope: str | Unset = UNSET
    user_type: str | Unset = UNSET
    company_id: str | Unset = UNSET
    location_id: str | Unset = UNSET
    approved_locations: list[str] | Unset = UNSET
    user_id: str | Unset = UNSET
    plan_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def __repr__(self) -> str:
        """attrs' repr, with '<redacted>' for the secrets: access_token, refresh_token."""
        shown = ", ".join(
            f"{field.name}={'<redacted>' if field.name in _SECRET_FIELDS else getattr(self, field.name)!r}"
            for field in fields(type(self))
        )
        return f"{type(self).__name__}({shown})"

    def to_dict(self) -> dict[str, Any]:
        access_token = self.access_token

        expires_in = self.expires_in

        refresh_token = self.refresh_token

        token_type = self.token_type

        scope = self.scope

        user_type = self.user_type

        company_id = self.company_id

        location_id = self.location_id

        approved_locations: list[str] | Unset = UNSET
        if not isinstance(self.approved_locations, Unset):
            approved_locations = self.approved_locations

        user_id = self.user_id

        plan_id = self.plan_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "access_token": access_token,
                "expires_in": expires_in,
                "refresh_token": refresh_token,
            }
        )
        if token_type is not UNSET:
            field_dict["token_type"] = token_type
        if scope is not UNSET:
            field_dict["scope"] = scope
        if user_type is not UNSET:
            field_dict["userType"] = user_type
        if company_id is not UNSET:
            field_dict["companyId"] = company_id
        if location_id is not UNSET:
            field_dict["locationId"] = location_id
        if approved_locations is not UNSET:
            field_dict["approvedLocations"] = approved_locations
        if user_id is not UNSET:
            field_dict["userId"] = user_id
        if plan_id is not UNSET:
            field_dict["planId"] = plan_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        if type(src_dict) is not dict:
            if not isinstance(src_dict, Mapping):
                raise TypeError(f"GetAccessTokenSuccessfulResponseDTO must be an object, not {type(src_dict).__name__}")
            src_dict = dict(src_dict)
        access_token = src_dict["access_token"]
        if not (type(access_token) is str or isinstance(access_token, str)):
            raise TypeError(
                f"GetAccessTokenSuccessfulResponseDTO.access_token must be a string, not {type(access_token).__name__}"
            )

        expires_in = src_dict["expires_in"]
        if not (
            type(expires_in) is float
            or type(expires_in) is int
            or (isinstance(expires_in, (int, float)) and not isinstance(expires_in, bool))
        ):
            raise TypeError(
                f"GetAccessTokenSuccessfulResponseDTO.expires_in must be a number, not {type(expires_in).__name__}"
            )

        refresh_token = src_dict["refresh_token"]
        if not (type(refresh_token) is str or isinstance(refresh_token, str)):
            raise TypeError(
                f"GetAccessTokenSuccessfulResponseDTO.refresh_token must be a string, not {type(refresh_token).__name__}"
            )

        token_type = src_dict.get("token_type", UNSET)
        if not (type(token_type) is str or isinstance(token_type, str)) and not isinstance(token_type, Unset):
            raise TypeError(
                f"GetAccessTokenSuccessfulResponseDTO.token_type must be a string, not {type(token_type).__name__}"
            )

        scope = src_dict.get("scope", UNSET)
        if not (type(scope) is str or isinstance(scope, str)) and not isinstance(scope, Unset):
            raise TypeError(f"GetAccessTokenSuccessfulResponseDTO.scope must be a string, not {type(scope).__name__}")

        user_type = src_dict.get("userType", UNSET)
        if not (type(user_type) is str or isinstance(user_type, str)) and not isinstance(user_type, Unset):
            raise TypeError(
                f"GetAccessTokenSuccessfulResponseDTO.userType must be a string, not {type(user_type).__name__}"
            )

        company_id = src_dict.get("companyId", UNSET)
        if not (type(company_id) is str or isinstance(company_id, str)) and not isinstance(company_id, Unset):
            raise TypeError(
                f"GetAccessTokenSuccessfulResponseDTO.companyId must be a string, not {type(company_id).__name__}"
            )

        location_id = src_dict.get("locationId", UNSET)
        if not (type(location_id) is str or isinstance(location_id, str)) and not isinstance(location_id, Unset):
            raise TypeError(
                f"GetAccessTokenSuccessfulResponseDTO.locationId must be a string, not {type(location_id).__name__}"
            )

        _approved_locations = src_dict.get("approvedLocations", UNSET)
        approved_locations: list[str] | Unset = UNSET
        if not isinstance(_approved_locations, Unset):
            if not isinstance(_approved_locations, list):
                raise TypeError(f"approvedLocations must be an array, not {type(_approved_locations).__name__}")
            for approved_locations_item_data in _approved_locations:
                if not (type(approved_locations_item_data) is str or isinstance(approved_locations_item_data, str)):
                    raise TypeError(
                        f"approvedLocations items must be a string, not {type(approved_locations_item_data).__name__}"
                    )

            approved_locations = cast(list[str], _approved_locations)

        user_id = src_dict.get("userId", UNSET)
        if not (type(user_id) is str or isinstance(user_id, str)) and not isinstance(user_id, Unset):
            raise TypeError(
                f"GetAccessTokenSuccessfulResponseDTO.userId must be a string, not {type(user_id).__name__}"
            )

        plan_id = src_dict.get("planId", UNSET)
        if not (type(plan_id) is str or isinstance(plan_id, str)) and not isinstance(plan_id, Unset):
            raise TypeError(
                f"GetAccessTokenSuccessfulResponseDTO.planId must be a string, not {type(plan_id).__name__}"
            )

        get_access_token_successful_response_dto = _new(cls)
        get_access_token_successful_response_dto.access_token = access_token
        get_access_token_successful_response_dto.expires_in = expires_in
        get_access_token_successful_response_dto.refresh_token = refresh_token
        get_access_token_successful_response_dto.token_type = token_type
        get_access_token_successful_response_dto.scope = scope
        get_access_token_successful_response_dto.user_type = user_type
        get_access_token_successful_response_dto.company_id = company_id
        get_access_token_successful_response_dto.location_id = location_id
        get_access_token_successful_response_dto.approved_locations = approved_locations
        get_access_token_successful_response_dto.user_id = user_id
        get_access_token_successful_response_dto.plan_id = plan_id

        if len(src_dict) > 3:
            get_access_token_successful_response_dto.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _PROPERTY_NAMES
            }

        return get_access_token_successful_response_dto

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
