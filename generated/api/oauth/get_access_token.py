from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bad_request_dto import BadRequestDTO
from ...models.get_access_token_request_dto import GetAccessTokenRequestDTO
from ...models.get_access_token_successful_response_dto import GetAccessTokenSuccessfulResponseDTO
from ...models.get_access_token_version import GetAccessTokenVersion
from ...models.unauthorized_dto import UnauthorizedDTO
from ...models.unprocessable_dto import UnprocessableDTO
from ...types import Response

_OPERATION = "POST /oauth/token (get_access_token)"


def _get_kwargs(
    *,
    body: GetAccessTokenRequestDTO,
    version: GetAccessTokenVersion = "2021-07-28",
) -> dict[str, Any]:

    headers: dict[str, Any] = {}
    headers["Version"] = str(version)

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/oauth/token",
    }

    _kwargs["data"] = body.to_dict()
    headers["Content-Type"] = "application/x-www-form-urlencoded"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BadRequestDTO | GetAccessTokenSuccessfulResponseDTO | UnauthorizedDTO | UnprocessableDTO | None:
    try:
        if response.status_code == 200:
            response_200 = GetAccessTokenSuccessfulResponseDTO.from_dict(response.json())

            return response_200

        if response.status_code == 400:
            response_400 = BadRequestDTO.from_dict(response.json())

            return response_400

        if response.status_code == 401:
            response_401 = UnauthorizedDTO.from_dict(response.json())

            return response_401

        if response.status_code == 422:
            response_422 = UnprocessableDTO.from_dict(response.json())

            return response_422

    except errors.PARSE_ERRORS as error:
        problem = f"{type(error).__name__}: {error}"
        raise errors.UnexpectedResponse.of(_OPERATION, response, problem, client.redact, error) from error
    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus.of(_OPERATION, response, "undocumented status", client.redact)
    return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[BadRequestDTO | GetAccessTokenSuccessfulResponseDTO | UnauthorizedDTO | UnprocessableDTO]:
    try:
        status_code = HTTPStatus(response.status_code)
    except ValueError as error:
        raise errors.UnexpectedStatus.of(_OPERATION, response, "status outside HTTPStatus", client.redact) from error
    return Response(
        status_code=status_code,
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: GetAccessTokenRequestDTO,
    version: GetAccessTokenVersion = "2021-07-28",
) -> Response[BadRequestDTO | GetAccessTokenSuccessfulResponseDTO | UnauthorizedDTO | UnprocessableDTO]:
    """Get Access Token

     Exchanges an authorization code, or a refresh token, for an access token and a new
    refresh token. Takes no bearer token: the app authenticates with its `client_id` and
    `client_secret` in the body.

    A refresh rotates the caller's refresh token: the one sent is spent (single use is the
    safe assumption; the documentation does not say whether an old one keeps working), and
    the one in the answer must be stored. `generated.auth.OAuthRefresh` sends this request.

    Args:
        version (GetAccessTokenVersion):  Default: '2021-07-28'.
        body (GetAccessTokenRequestDTO): The form of a token request. The documentation lists the
            fields of both grants in one
            form; so does this schema, rather than one schema per grant: `code` and `redirect_uri`
            belong to the authorization code grant and `refresh_token` to the refresh grant, and
            each is optional here because the other grant leaves it out. `client_id`,
            `client_secret`, `grant_type` and `user_type` are required: every documented request
            carries them (the documentation marks none required; this is our decision). The app's
            id and secret must not be empty (`minLength: 1`): an empty one can never name an app.
            Credentials are marked `x-secret: true` (our extension), so the model's repr hides them.

    Raises:
        errors.UnexpectedStatus: If the server answers with a status the spec does not document and
            Client.raise_on_unexpected_status is True (the default).
        errors.UnexpectedResponse: If the body of a documented status does not match its schema.
        httpx.RequestError: If the request fails on the network, for instance
            httpx.TimeoutException when it takes longer than Client.timeout.

    Returns:
        Response[BadRequestDTO | GetAccessTokenSuccessfulResponseDTO | UnauthorizedDTO | UnprocessableDTO]
    """

    kwargs = _get_kwargs(
        body=body,
        version=version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: GetAccessTokenRequestDTO,
    version: GetAccessTokenVersion = "2021-07-28",
) -> BadRequestDTO | GetAccessTokenSuccessfulResponseDTO | UnauthorizedDTO | UnprocessableDTO | None:
    """Get Access Token

     Exchanges an authorization code, or a refresh token, for an access token and a new
    refresh token. Takes no bearer token: the app authenticates with its `client_id` and
    `client_secret` in the body.

    A refresh rotates the caller's refresh token: the one sent is spent (single use is the
    safe assumption; the documentation does not say whether an old one keeps working), and
    the one in the answer must be stored. `generated.auth.OAuthRefresh` sends this request.

    Args:
        version (GetAccessTokenVersion):  Default: '2021-07-28'.
        body (GetAccessTokenRequestDTO): The form of a token request. The documentation lists the
            fields of both grants in one
            form; so does this schema, rather than one schema per grant: `code` and `redirect_uri`
            belong to the authorization code grant and `refresh_token` to the refresh grant, and
            each is optional here because the other grant leaves it out. `client_id`,
            `client_secret`, `grant_type` and `user_type` are required: every documented request
            carries them (the documentation marks none required; this is our decision). The app's
            id and secret must not be empty (`minLength: 1`): an empty one can never name an app.
            Credentials are marked `x-secret: true` (our extension), so the model's repr hides them.

    Raises:
        errors.UnexpectedStatus: If the server answers with a status the spec does not document and
            Client.raise_on_unexpected_status is True (the default).
        errors.UnexpectedResponse: If the body of a documented status does not match its schema.
        httpx.RequestError: If the request fails on the network, for instance
            httpx.TimeoutException when it takes longer than Client.timeout.

    Returns:
        BadRequestDTO | GetAccessTokenSuccessfulResponseDTO | UnauthorizedDTO | UnprocessableDTO
    """

    return sync_detailed(
        client=client,
        body=body,
        version=version,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: GetAccessTokenRequestDTO,
    version: GetAccessTokenVersion = "2021-07-28",
) -> Response[BadRequestDTO | GetAccessTokenSuccessfulResponseDTO | UnauthorizedDTO | UnprocessableDTO]:
    """Get Access Token

     Exchanges an authorization code, or a refresh token, for an access token and a new
    refresh token. Takes no bearer token: the app authenticates with its `client_id` and
    `client_secret` in the body.

    A refresh rotates the caller's refresh token: the one sent is spent (single use is the
    safe assumption; the documentation does not say whether an old one keeps working), and
    the one in the answer must be stored. `generated.auth.OAuthRefresh` sends this request.

    Args:
        version (GetAccessTokenVersion):  Default: '2021-07-28'.
        body (GetAccessTokenRequestDTO): The form of a token request. The documentation lists the
            fields of both grants in one
            form; so does this schema, rather than one schema per grant: `code` and `redirect_uri`
            belong to the authorization code grant and `refresh_token` to the refresh grant, and
            each is optional here because the other grant leaves it out. `client_id`,
            `client_secret`, `grant_type` and `user_type` are required: every documented request
            carries them (the documentation marks none required; this is our decision). The app's
            id and secret must not be empty (`minLength: 1`): an empty one can never name an app.
            Credentials are marked `x-secret: true` (our extension), so the model's repr hides them.

    Raises:
        errors.UnexpectedStatus: If the server answers with a status the spec does not document and
            Client.raise_on_unexpected_status is True (the default).
        errors.UnexpectedResponse: If the body of a documented status does not match its schema.
        httpx.RequestError: If the request fails on the network, for instance
            httpx.TimeoutException when it takes longer than Client.timeout.

    Returns:
        Response[BadRequestDTO | GetAccessTokenSuccessfulResponseDTO | UnauthorizedDTO | UnprocessableDTO]
    """

    kwargs = _get_kwargs(
        body=body,
        version=version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: GetAccessTokenRequestDTO,
    version: GetAccessTokenVersion = "2021-07-28",
) -> BadRequestDTO | GetAccessTokenSuccessfulResponseDTO | UnauthorizedDTO | UnprocessableDTO | None:
    """Get Access Token

     Exchanges an authorization code, or a refresh token, for an access token and a new
    refresh token. Takes no bearer token: the app authenticates with its `client_id` and
    `client_secret` in the body.

    A refresh rotates the caller's refresh token: the one sent is spent (single use is the
    safe assumption; the documentation does not say whether an old one keeps working), and
    the one in the answer must be stored. `generated.auth.OAuthRefresh` sends this request.

    Args:
        version (GetAccessTokenVersion):  Default: '2021-07-28'.
        body (GetAccessTokenRequestDTO): The form of a token request. The documentation lists the
            fields of both grants in one
            form; so does this schema, rather than one schema per grant: `code` and `redirect_uri`
            belong to the authorization code grant and `refresh_token` to the refresh grant, and
            each is optional here because the other grant leaves it out. `client_id`,
            `client_secret`, `grant_type` and `user_type` are required: every documented request
            carries them (the documentation marks none required; this is our decision). The app's
            id and secret must not be empty (`minLength: 1`): an empty one can never name an app.
            Credentials are marked `x-secret: true` (our extension), so the model's repr hides them.

    Raises:
        errors.UnexpectedStatus: If the server answers with a status the spec does not document and
            Client.raise_on_unexpected_status is True (the default).
        errors.UnexpectedResponse: If the body of a documented status does not match its schema.
        httpx.RequestError: If the request fails on the network, for instance
            httpx.TimeoutException when it takes longer than Client.timeout.

    Returns:
        BadRequestDTO | GetAccessTokenSuccessfulResponseDTO | UnauthorizedDTO | UnprocessableDTO
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            version=version,
        )
    ).parsed
