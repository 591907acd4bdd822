from typing import Literal

GetAccessTokenRequestDTOUserType = Literal["Company", "Location"]

GET_ACCESS_TOKEN_REQUEST_DTO_USER_TYPE_VALUES: set[GetAccessTokenRequestDTOUserType] = {
    "Company",
    "Location",
}


def check_get_access_token_request_dto_user_type(value: str) -> GetAccessTokenRequestDTOUserType:
    if value in GET_ACCESS_TOKEN_REQUEST_DTO_USER_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_ACCESS_TOKEN_REQUEST_DTO_USER_TYPE_VALUES!r}")
