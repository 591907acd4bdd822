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


def _get_kwargs(
    *,
    body: CreateSnapshotShareLinkRequestDTO,
    company_id: str,
    version: CreateSnapshotShareLinkVersion = "2021-07-28",
) -> dict[str, Any]:
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
    if response.status_code == 201:
        response_201 = CreateSnapshotShareLinkSuccessfulResponseDTO.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = BadRequestDTO.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = UnauthorizedDTO.from_dict(response.json())

        return response_401

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[BadRequestDTO | CreateSnapshotShareLinkSuccessfulResponseDTO | UnauthorizedDTO]:
    return Response(
        status_code=HTTPStatus(response.status_code),
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
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

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
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

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
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

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
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

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
