from typing import Literal

GetAccessTokenVersion = Literal["2021-07-28"]

GET_ACCESS_TOKEN_VERSION_VALUES: set[GetAccessTokenVersion] = {
    "2021-07-28",
}


def check_get_access_token_version(value: str) -> GetAccessTokenVersion:
    if value in GET_ACCESS_TOKEN_VERSION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_ACCESS_TOKEN_VERSION_VALUES!r}")
