from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import fields

from ..models.get_access_token_request_dto_grant_type import (
    GetAccessTokenRequestDTOGrantType,
    check_get_access_token_request_dto_grant_type,
)
from ..models.get_access_token_request_dto_user_type import (
    GetAccessTokenRequestDTOUserType,
    check_get_access_token_request_dto_user_type,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="GetAccessTokenRequestDTO")
_SECRET_FIELDS = frozenset(
    {
        "client_secret",
        "code",
        "refresh_token",
    }
)
_PROPERTY_NAMES = frozenset(
    {
        "client_id",
        "client_secret",
        "grant_type",
        "user_type",
        "code",
        "redirect_uri",
        "refresh_token",
    }
)


_new = object.__new__
_EXTRAS_LOCK = threading.Lock()


@_attrs_define
class GetAccessTokenRequestDTO:
    """The form of a token request. The documentation lists the fields of both grants in one
    form; so does this schema, rather than one schema per grant: `code` and `redirect_uri`
    belong to the authorization code grant and `refresh_token` to the refresh grant, and
    each is optional here because the other grant leaves it out. `client_id`,
    `client_secret`, `grant_type` and `user_type` are required: every documented request
    carries them (the documentation marks none required; this is our decision). The app's
    id and secret must not be empty (`minLength: 1`): an empty one can never name an app.
    Credentials are marked `x-secret: true` (our extension), so the model's repr hides them.

        Attributes:
            client_id (str): The app's client id.
            client_secret (str): The app's client secret. A credential.
            grant_type (GetAccessTokenRequestDTOGrantType): The grant; the documentation lists exactly these two values for
                a value we send.
            user_type (GetAccessTokenRequestDTOUserType): The kind of token wanted: `Company` (an agency token, the one the
                Snapshots API
                takes) or `Location` (a sub-account token). The documentation lists exactly these
                two values for a value we send.
            code (str | Unset): The authorization code (authorization code grant only). A credential.
            redirect_uri (str | Unset): The redirect URI the code was issued for (authorization code grant only).
            refresh_token (str | Unset): The refresh token to spend (refresh grant only). A credential.
    """

    client_id: str
    client_secret: str
    grant_type: GetAccessTokenRequestDTOGrantType
    user_type: GetAccessTokenRequestDTOUserType
    code: str | Unset = UNSET
    redirect_uri: str | Unset = UNSET
    refresh_token: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def __repr__(self) -> str:
        """attrs' repr, with '<redacted>' for the secrets: client_secret, code, refresh_token."""
        shown = ", ".join(
            f"{field.name}={'<redacted>' if field.name in _SECRET_FIELDS else getattr(self, field.name)!r}"
            for field in fields(type(self))
        )
        return f"{type(self).__name__}({shown})"

    def to_dict(self) -> dict[str, Any]:
        client_id = self.client_id

        client_secret = self.client_secret

        grant_type: str = self.grant_type

        user_type: str = self.user_type

        code = self.code

        redirect_uri = self.redirect_uri

        refresh_token = self.refresh_token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "client_id": client_id,
                "client_secret": client_secret,
                "grant_type": grant_type,
                "user_type": user_type,
            }
        )
        if code is not UNSET:
            field_dict["code"] = code
        if redirect_uri is not UNSET:
            field_dict["redirect_uri"] = redirect_uri
        if refresh_token is not UNSET:
            field_dict["refresh_token"] = refresh_token

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        if type(src_dict) is not dict:
            if not isinstance(src_dict, Mapping):
                raise TypeError(f"GetAccessTokenRequestDTO must be an object, not {type(src_dict).__name__}")
            src_dict = dict(src_dict)
        client_id = src_dict["client_id"]
        if not (type(client_id) is str or isinstance(client_id, str)):
            raise TypeError(f"GetAccessTokenRequestDTO.client_id must be a string, not {type(client_id).__name__}")

        client_secret = src_dict["client_secret"]
        if not (type(client_secret) is str or isinstance(client_secret, str)):
            raise TypeError(
                f"GetAccessTokenRequestDTO.client_secret must be a string, not {type(client_secret).__name__}"
            )

        grant_type = check_get_access_token_request_dto_grant_type(src_dict["grant_type"])

        user_type = check_get_access_token_request_dto_user_type(src_dict["user_type"])

        code = src_dict.get("code", UNSET)
        if not (type(code) is str or isinstance(code, str)) and not isinstance(code, Unset):
            raise TypeError(f"GetAccessTokenRequestDTO.code must be a string, not {type(code).__name__}")

        redirect_uri = src_dict.get("redirect_uri", UNSET)
        if not (type(redirect_uri) is str or isinstance(redirect_uri, str)) and not isinstance(redirect_uri, Unset):
            raise TypeError(
                f"GetAccessTokenRequestDTO.redirect_uri must be a string, not {type(redirect_uri).__name__}"
            )

        refresh_token = src_dict.get("refresh_token", UNSET)
        if not (type(refresh_token) is str or isinstance(refresh_token, str)) and not isinstance(refresh_token, Unset):
            raise TypeError(
                f"GetAccessTokenRequestDTO.refresh_token must be a string, not {type(refresh_token).__name__}"
            )

        get_access_token_request_dto = _new(cls)
        get_access_token_request_dto.client_id = client_id
        get_access_token_request_dto.client_secret = client_secret
        get_access_token_request_dto.grant_type = grant_type
        get_access_token_request_dto.user_type = user_type
        get_access_token_request_dto.code = code
        get_access_token_request_dto.redirect_uri = redirect_uri
        get_access_token_request_dto.refresh_token = refresh_token

        if len(src_dict) > 4:
            get_access_token_request_dto.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _PROPERTY_NAMES
            }

        return get_access_token_request_dto

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
