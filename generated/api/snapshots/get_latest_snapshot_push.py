import re
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bad_request_dto import BadRequestDTO
from ...models.get_latest_snapshot_push_status_response_dto import GetLatestSnapshotPushStatusResponseDTO
from ...models.get_latest_snapshot_push_version import (
    GetLatestSnapshotPushVersion,
)
from ...models.unauthorized_dto import UnauthorizedDTO
from ...types import UNSET, Response

_OPERATION = "GET /snapshots/snapshot-status/{snapshot_id}/location/{location_id} (get_latest_snapshot_push)"
_COMPANY_ID_PATTERN = re.compile("\\S")


def _get_kwargs(
    snapshot_id: str,
    location_id: str,
    *,
    company_id: str,
    version: GetLatestSnapshotPushVersion = "2021-07-28",
) -> dict[str, Any]:
    if len(snapshot_id) < 1:
        raise ValueError("snapshot_id (path parameter snapshotId) must be at least 1 character(s) long")
    if len(location_id) < 1:
        raise ValueError("location_id (path parameter locationId) must be at least 1 character(s) long")
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
        "method": "get",
        "url": "/snapshots/snapshot-status/{snapshot_id}/location/{location_id}".format(
            snapshot_id=quote(str(snapshot_id), safe=""),
            location_id=quote(str(location_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BadRequestDTO | GetLatestSnapshotPushStatusResponseDTO | UnauthorizedDTO | None:
    try:
        if response.status_code == 200:
            response_200 = GetLatestSnapshotPushStatusResponseDTO.from_dict(response.json())

            return response_200

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
) -> Response[BadRequestDTO | GetLatestSnapshotPushStatusResponseDTO | UnauthorizedDTO]:
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
    snapshot_id: str,
    location_id: str,
    *,
    client: AuthenticatedClient,
    company_id: str,
    version: GetLatestSnapshotPushVersion = "2021-07-28",
) -> Response[BadRequestDTO | GetLatestSnapshotPushStatusResponseDTO | UnauthorizedDTO]:
    """Get Last Snapshot Push

     Get Latest Snapshot Push Status for a location id

    Args:
        snapshot_id (str):  Example: 1eM2UgkfaECOYyUdCo9Pa.
        location_id (str):  Example: ve9EPM428h8vShlRW1KT.
        company_id (str):  Example: 5D112kQsiKESj6rash.
        version (GetLatestSnapshotPushVersion):  Default: '2021-07-28'.

    Raises:
        ValueError: If an argument breaks a constraint of the spec; nothing is sent then.
        errors.UnexpectedStatus: If the server answers with a status the spec does not document and
            Client.raise_on_unexpected_status is True (the default).
        errors.UnexpectedResponse: If the body of a documented status does not match its schema.
        httpx.RequestError: If the request fails on the network, for instance
            httpx.TimeoutException when it takes longer than Client.timeout.

    Returns:
        Response[BadRequestDTO | GetLatestSnapshotPushStatusResponseDTO | UnauthorizedDTO]
    """

    kwargs = _get_kwargs(
        snapshot_id=snapshot_id,
        location_id=location_id,
        company_id=company_id,
        version=version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    snapshot_id: str,
    location_id: str,
    *,
    client: AuthenticatedClient,
    company_id: str,
    version: GetLatestSnapshotPushVersion = "2021-07-28",
) -> BadRequestDTO | GetLatestSnapshotPushStatusResponseDTO | UnauthorizedDTO | None:
    """Get Last Snapshot Push

     Get Latest Snapshot Push Status for a location id

    Args:
        snapshot_id (str):  Example: 1eM2UgkfaECOYyUdCo9Pa.
        location_id (str):  Example: ve9EPM428h8vShlRW1KT.
        company_id (str):  Example: 5D112kQsiKESj6rash.
        version (GetLatestSnapshotPushVersion):  Default: '2021-07-28'.

    Raises:
        ValueError: If an argument breaks a constraint of the spec; nothing is sent then.
        errors.UnexpectedStatus: If the server answers with a status the spec does not document and
            Client.raise_on_unexpected_status is True (the default).
        errors.UnexpectedResponse: If the body of a documented status does not match its schema.
        httpx.RequestError: If the request fails on the network, for instance
            httpx.TimeoutException when it takes longer than Client.timeout.

    Returns:
        BadRequestDTO | GetLatestSnapshotPushStatusResponseDTO | UnauthorizedDTO
    """

    return sync_detailed(
        snapshot_id=snapshot_id,
        location_id=location_id,
        client=client,
        company_id=company_id,
        version=version,
    ).parsed


async def asyncio_detailed(
    snapshot_id: str,
    location_id: str,
    *,
    client: AuthenticatedClient,
    company_id: str,
    version: GetLatestSnapshotPushVersion = "2021-07-28",
) -> Response[BadRequestDTO | GetLatestSnapshotPushStatusResponseDTO | UnauthorizedDTO]:
    """Get Last Snapshot Push

     Get Latest Snapshot Push Status for a location id

    Args:
        snapshot_id (str):  Example: 1eM2UgkfaECOYyUdCo9Pa.
        location_id (str):  Example: ve9EPM428h8vShlRW1KT.
        company_id (str):  Example: 5D112kQsiKESj6rash.
        version (GetLatestSnapshotPushVersion):  Default: '2021-07-28'.

    Raises:
        ValueError: If an argument breaks a constraint of the spec; nothing is sent then.
        errors.UnexpectedStatus: If the server answers with a status the spec does not document and
            Client.raise_on_unexpected_status is True (the default).
        errors.UnexpectedResponse: If the body of a documented status does not match its schema.
        httpx.RequestError: If the request fails on the network, for instance
            httpx.TimeoutException when it takes longer than Client.timeout.

    Returns:
        Response[BadRequestDTO | GetLatestSnapshotPushStatusResponseDTO | UnauthorizedDTO]
    """

    kwargs = _get_kwargs(
        snapshot_id=snapshot_id,
        location_id=location_id,
        company_id=company_id,
        version=version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    snapshot_id: str,
    location_id: str,
    *,
    client: AuthenticatedClient,
    company_id: str,
    version: GetLatestSnapshotPushVersion = "2021-07-28",
) -> BadRequestDTO | GetLatestSnapshotPushStatusResponseDTO | UnauthorizedDTO | None:
    """Get Last Snapshot Push

     Get Latest Snapshot Push Status for a location id

    Args:
        snapshot_id (str):  Example: 1eM2UgkfaECOYyUdCo9Pa.
        location_id (str):  Example: ve9EPM428h8vShlRW1KT.
        company_id (str):  Example: 5D112kQsiKESj6rash.
        version (GetLatestSnapshotPushVersion):  Default: '2021-07-28'.

    Raises:
        ValueError: If an argument breaks a constraint of the spec; nothing is sent then.
        errors.UnexpectedStatus: If the server answers with a status the spec does not document and
            Client.raise_on_unexpected_status is True (the default).
        errors.UnexpectedResponse: If the body of a documented status does not match its schema.
        httpx.RequestError: If the request fails on the network, for instance
            httpx.TimeoutException when it takes longer than Client.timeout.

    Returns:
        BadRequestDTO | GetLatestSnapshotPushStatusResponseDTO | UnauthorizedDTO
    """

    return (
        await asyncio_detailed(
            snapshot_id=snapshot_id,
            location_id=location_id,
            client=client,
            company_id=company_id,
            version=version,
        )
    ).parsed
