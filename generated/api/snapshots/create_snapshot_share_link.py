import re
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bad_request_dto import BadRequestDTO
from ...models.create_snapshot_share_link_request_dto import CreateSnapshotShareLinkRequestDTO
from ...models.create_snapshot_share_link_successful_response_dto import CreateSnapshotShareLinkSuccessfulResponseDTO
from ...models.create_snapshot_share_link_version import (
    CreateSnapshotShareLinkVersion,
)
from ...models.unauthorized_dto import UnauthorizedDTO
from ...types import UNSET, Response

_OPERATION = "POST /snapshots/share/link (create_snapshot_share_link)"
_COMPANY_ID_PATTERN = re.compile("\\S")


def _get_kwargs(
    *,
    body: CreateSnapshotShareLinkRequestDTO,
    company_id: str,
    version: CreateSnapshotShareLinkVersion = "2021-07-28",
) -> dict[str, Any]:
    if len(company_id) < 1:
        raise ValueError("company_id (query parameter companyId) must be at least 1 character(s) long")
    if _COMPANY_ID_PATTERN.search(company_id) is None:
        raise ValueError("company_id (query parameter companyId) must match the pattern \\S")

    headers: dict[str, Any] = {}
    headers["Version"] = str(version)

    params: dict[str, Any] = {}

    params["companyId"] = company_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/snapshots/share/link",
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BadRequestDTO | CreateSnapshotShareLinkSuccessfulResponseDTO | UnauthorizedDTO | None:
    try:
        if response.status_code == 201:
            response_201 = CreateSnapshotShareLinkSuccessfulResponseDTO.from_dict(response.json())

            return response_201

        if response.status_code == 400:
            response_400 = BadRequestDTO.from_dict(response.json())

            return response_400

        if response.status_code == 401:
            response_401 = UnauthorizedDTO.from_dict(response.json())

            return response_401

    except errors.PARSE_ERRORS as error:
        problem = f"{type(error).__name__}: {error}"
        raise errors.UnexpectedResponse.of(_OPERATION, response, problem, client.redact, error) from error
    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus.of(_OPERATION, response, "undocumented status", client.redact)
    return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[BadRequestDTO | CreateSnapshotShareLinkSuccessfulResponseDTO | UnauthorizedDTO]:
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
    client: AuthenticatedClient,
    body: CreateSnapshotShareLinkRequestDTO,
    company_id: str,
    version: CreateSnapshotShareLinkVersion = "2021-07-28",
) -> Response[BadRequestDTO | CreateSnapshotShareLinkSuccessfulResponseDTO | UnauthorizedDTO]:
    """Create Snapshot Share Link

     Create a share link for snapshot

    Args:
        company_id (str):  Example: 5D112kQsiKESj6rash.
        version (CreateSnapshotShareLinkVersion):  Default: '2021-07-28'.
        body (CreateSnapshotShareLinkRequestDTO):

    Raises:
        ValueError: If an argument breaks a constraint of the spec; nothing is sent then.
        errors.UnexpectedStatus: If the server answers with a status the spec does not document and
            Client.raise_on_unexpected_status is True (the default).
        errors.UnexpectedResponse: If the body of a documented status does not match its schema.
        httpx.RequestError: If the request fails on the network, for instance
            httpx.TimeoutException when it takes longer than Client.timeout.

    Returns:
        Response[BadRequestDTO | CreateSnapshotShareLinkSuccessfulResponseDTO | UnauthorizedDTO]
    """

    kwargs = _get_kwargs(
        body=body,
        company_id=company_id,
        version=version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: CreateSnapshotShareLinkRequestDTO,
    company_id: str,
    version: CreateSnapshotShareLinkVersion = "2021-07-28",
) -> BadRequestDTO | CreateSnapshotShareLinkSuccessfulResponseDTO | UnauthorizedDTO | None:
    """Create Snapshot Share Link

     Create a share link for snapshot

    Args:
        company_id (str):  Example: 5D112kQsiKESj6rash.
        version (CreateSnapshotShareLinkVersion):  Default: '2021-07-28'.
        body (CreateSnapshotShareLinkRequestDTO):

    Raises:
        ValueError: If an argument breaks a constraint of the spec; nothing is sent then.
        errors.UnexpectedStatus: If the server answers with a status the spec does not document and
            Client.raise_on_unexpected_status is True (the default).
        errors.UnexpectedResponse: If the body of a documented status does not match its schema.
        httpx.RequestError: If the request fails on the network, for instance
            httpx.TimeoutException when it takes longer than Client.timeout.

    Returns:
        BadRequestDTO | CreateSnapshotShareLinkSuccessfulResponseDTO | UnauthorizedDTO
    """

    return sync_detailed(
        client=client,
        body=body,
        company_id=company_id,
        version=version,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateSnapshotShareLinkRequestDTO,
    company_id: str,
    version: CreateSnapshotShareLinkVersion = "2021-07-28",
) -> Response[BadRequestDTO | CreateSnapshotShareLinkSuccessfulResponseDTO | UnauthorizedDTO]:
    """Create Snapshot Share Link

     Create a share link for snapshot

    Args:
        company_id (str):  Example: 5D112kQsiKESj6rash.
        version (CreateSnapshotShareLinkVersion):  Default: '2021-07-28'.
        body (CreateSnapshotShareLinkRequestDTO):

    Raises:
        ValueError: If an argument breaks a constraint of the spec; nothing is sent then.
        errors.UnexpectedStatus: If the server answers with a status the spec does not document and
            Client.raise_on_unexpected_status is True (the default).
        errors.UnexpectedResponse: If the body of a documented status does not match its schema.
        httpx.RequestError: If the request fails on the network, for instance
            httpx.TimeoutException when it takes longer than Client.timeout.

    Returns:
        Response[BadRequestDTO | CreateSnapshotShareLinkSuccessfulResponseDTO | UnauthorizedDTO]
    """

    kwargs = _get_kwargs(
        body=body,
        company_id=company_id,
        version=version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CreateSnapshotShareLinkRequestDTO,
    company_id: str,
    version: CreateSnapshotShareLinkVersion = "2021-07-28",
) -> BadRequestDTO | CreateSnapshotShareLinkSuccessfulResponseDTO | UnauthorizedDTO | None:
    """Create Snapshot Share Link

     Create a share link for snapshot

    Args:
        company_id (str):  Example: 5D112kQsiKESj6rash.
        version (CreateSnapshotShareLinkVersion):  Default: '2021-07-28'.
        body (CreateSnapshotShareLinkRequestDTO):

    Raises:
        ValueError: If an argument breaks a constraint of the spec; nothing is sent then.
        errors.UnexpectedStatus: If the server answers with a status the spec does not document and
            Client.raise_on_unexpected_status is True (the default).
        errors.UnexpectedResponse: If the body of a documented status does not match its schema.
        httpx.RequestError: If the request fails on the network, for instance
            httpx.TimeoutException when it takes longer than Client.timeout.

    Returns:
        BadRequestDTO | CreateSnapshotShareLinkSuccessfulResponseDTO | UnauthorizedDTO
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            company_id=company_id,
            version=version,
        )
    ).parsed
