from typing import Literal

GetAccessTokenRequestDTOGrantType = Literal["authorization_code", "refresh_token"]

GET_ACCESS_TOKEN_REQUEST_DTO_GRANT_TYPE_VALUES: set[GetAccessTokenRequestDTOGrantType] = {
    "authorization_code",
    "refresh_token",
}


def check_get_access_token_request_dto_grant_type(value: str) -> GetAccessTokenRequestDTOGrantType:
    if value in GET_ACCESS_TOKEN_REQUEST_DTO_GRANT_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_ACCESS_TOKEN_REQUEST_DTO_GRANT_TYPE_VALUES!r}")
