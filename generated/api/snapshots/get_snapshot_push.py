import re
from collections.abc import AsyncIterator, Iterator
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bad_request_dto import BadRequestDTO
from ...models.get_snapshot_push_status_response_dto import GetSnapshotPushStatusResponseDTO
from ...models.get_snapshot_push_version import GetSnapshotPushVersion
from ...models.snapshot_status_schema import SnapshotStatusSchema
from ...models.unauthorized_dto import UnauthorizedDTO
from ...types import UNSET, Response, Unset

_OPERATION = "GET /snapshots/snapshot-status/{snapshot_id} (get_snapshot_push)"
_COMPANY_ID_PATTERN = re.compile("\\S")
_FROM__PATTERN = re.compile(
    "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]+)?)?(Z|[+-]([01][0-9]|2[0-3]):?[0-5][0-9])?)?$"
)
_TO_PATTERN = re.compile(
    "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]+)?)?(Z|[+-]([01][0-9]|2[0-3]):?[0-5][0-9])?)?$"
)


def _get_kwargs(
    snapshot_id: str,
    *,
    company_id: str,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    last_doc: str | Unset = UNSET,
    limit: int | Unset = 20,
    version: GetSnapshotPushVersion = "2021-07-28",
) -> dict[str, Any]:
    if len(snapshot_id) < 1:
        raise ValueError("snapshot_id (path parameter snapshotId) must be at least 1 character(s) long")
    if len(company_id) < 1:
        raise ValueError("company_id (query parameter companyId) must be at least 1 character(s) long")
    if _COMPANY_ID_PATTERN.search(company_id) is None:
        raise ValueError("company_id (query parameter companyId) must match the pattern \\S")
    if isinstance(from_, str) and _FROM__PATTERN.search(from_) is None:
        raise ValueError(
            "from_ (query parameter from) must match the pattern ^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]+)?)?(Z|[+-]([01][0-9]|2[0-3]):?[0-5][0-9])?)?$"
        )
    if isinstance(to, str) and _TO_PATTERN.search(to) is None:
        raise ValueError(
            "to (query parameter to) must match the pattern ^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]+)?)?(Z|[+-]([01][0-9]|2[0-3]):?[0-5][0-9])?)?$"
        )

    headers: dict[str, Any] = {}
    headers["Version"] = str(version)

    params: dict[str, Any] = {}

    params["companyId"] = company_id

    params["from"] = from_

    params["to"] = to

    params["lastDoc"] = last_doc

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/snapshots/snapshot-status/{snapshot_id}".format(
            snapshot_id=quote(str(snapshot_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BadRequestDTO | GetSnapshotPushStatusResponseDTO | UnauthorizedDTO | None:
    try:
        if response.status_code == 200:
            response_200 = GetSnapshotPushStatusResponseDTO.from_dict(response.json())

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
) -> Response[BadRequestDTO | GetSnapshotPushStatusResponseDTO | UnauthorizedDTO]:
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
    *,
    client: AuthenticatedClient,
    company_id: str,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    last_doc: str | Unset = UNSET,
    limit: int | Unset = 20,
    version: GetSnapshotPushVersion = "2021-07-28",
) -> Response[BadRequestDTO | GetSnapshotPushStatusResponseDTO | UnauthorizedDTO]:
    """Get Snapshot Push between Dates

     Get list of sub-accounts snapshot pushed in time period. Pages with a cursor: pass
    the `id` of the last push of a page as `lastDoc` to get the next page.

    Args:
        snapshot_id (str):  Example: 1eM2UgkfaECOYyUdCo9Pa.
        company_id (str):  Example: 5D112kQsiKESj6rash.
        from_ (str | Unset):  Example: 2022-10-10.
        to (str | Unset):  Example: 2022-10-31.
        last_doc (str | Unset):  Example: 6511ba4b3d1b5e8a4f1b8e9f.
        limit (int | Unset):  Default: 20. Example: 10.
        version (GetSnapshotPushVersion):  Default: '2021-07-28'.

    Raises:
        ValueError: If an argument breaks a constraint of the spec; nothing is sent then.
        errors.UnexpectedStatus: If the server answers with a status the spec does not document and
            Client.raise_on_unexpected_status is True (the default).
        errors.UnexpectedResponse: If the body of a documented status does not match its schema.
        httpx.RequestError: If the request fails on the network, for instance
            httpx.TimeoutException when it takes longer than Client.timeout.

    Returns:
        Response[BadRequestDTO | GetSnapshotPushStatusResponseDTO | UnauthorizedDTO]
    """

    kwargs = _get_kwargs(
        snapshot_id=snapshot_id,
        company_id=company_id,
        from_=from_,
        to=to,
        last_doc=last_doc,
        limit=limit,
        version=version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    snapshot_id: str,
    *,
    client: AuthenticatedClient,
    company_id: str,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    last_doc: str | Unset = UNSET,
    limit: int | Unset = 20,
    version: GetSnapshotPushVersion = "2021-07-28",
) -> BadRequestDTO | GetSnapshotPushStatusResponseDTO | UnauthorizedDTO | None:
    """Get Snapshot Push between Dates

     Get list of sub-accounts snapshot pushed in time period. Pages with a cursor: pass
    the `id` of the last push of a page as `lastDoc` to get the next page.

    Args:
        snapshot_id (str):  Example: 1eM2UgkfaECOYyUdCo9Pa.
        company_id (str):  Example: 5D112kQsiKESj6rash.
        from_ (str | Unset):  Example: 2022-10-10.
        to (str | Unset):  Example: 2022-10-31.
        last_doc (str | Unset):  Example: 6511ba4b3d1b5e8a4f1b8e9f.
        limit (int | Unset):  Default: 20. Example: 10.
        version (GetSnapshotPushVersion):  Default: '2021-07-28'.

    Raises:
        ValueError: If an argument breaks a constraint of the spec; nothing is sent then.
        errors.UnexpectedStatus: If the server answers with a status the spec does not document and
            Client.raise_on_unexpected_status is True (the default).
        errors.UnexpectedResponse: If the body of a documented status does not match its schema.
        httpx.RequestError: If the request fails on the network, for instance
            httpx.TimeoutException when it takes longer than Client.timeout.

    Returns:
        BadRequestDTO | GetSnapshotPushStatusResponseDTO | UnauthorizedDTO
    """

    return sync_detailed(
        snapshot_id=snapshot_id,
        client=client,
        company_id=company_id,
        from_=from_,
        to=to,
        last_doc=last_doc,
        limit=limit,
        version=version,
    ).parsed


async def asyncio_detailed(
    snapshot_id: str,
    *,
    client: AuthenticatedClient,
    company_id: str,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    last_doc: str | Unset = UNSET,
    limit: int | Unset = 20,
    version: GetSnapshotPushVersion = "2021-07-28",
) -> Response[BadRequestDTO | GetSnapshotPushStatusResponseDTO | UnauthorizedDTO]:
    """Get Snapshot Push between Dates

     Get list of sub-accounts snapshot pushed in time period. Pages with a cursor: pass
    the `id` of the last push of a page as `lastDoc` to get the next page.

    Args:
        snapshot_id (str):  Example: 1eM2UgkfaECOYyUdCo9Pa.
        company_id (str):  Example: 5D112kQsiKESj6rash.
        from_ (str | Unset):  Example: 2022-10-10.
        to (str | Unset):  Example: 2022-10-31.
        last_doc (str | Unset):  Example: 6511ba4b3d1b5e8a4f1b8e9f.
        limit (int | Unset):  Default: 20. Example: 10.
        version (GetSnapshotPushVersion):  Default: '2021-07-28'.

    Raises:
        ValueError: If an argument breaks a constraint of the spec; nothing is sent then.
        errors.UnexpectedStatus: If the server answers with a status the spec does not document and
            Client.raise_on_unexpected_status is True (the default).
        errors.UnexpectedResponse: If the body of a documented status does not match its schema.
        httpx.RequestError: If the request fails on the network, for instance
            httpx.TimeoutException when it takes longer than Client.timeout.

    Returns:
        Response[BadRequestDTO | GetSnapshotPushStatusResponseDTO | UnauthorizedDTO]
    """

    kwargs = _get_kwargs(
        snapshot_id=snapshot_id,
        company_id=company_id,
        from_=from_,
        to=to,
        last_doc=last_doc,
        limit=limit,
        version=version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    snapshot_id: str,
    *,
    client: AuthenticatedClient,
    company_id: str,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    last_doc: str | Unset = UNSET,
    limit: int | Unset = 20,
    version: GetSnapshotPushVersion = "2021-07-28",
) -> BadRequestDTO | GetSnapshotPushStatusResponseDTO | UnauthorizedDTO | None:
    """Get Snapshot Push between Dates

     Get list of sub-accounts snapshot pushed in time period. Pages with a cursor: pass
    the `id` of the last push of a page as `lastDoc` to get the next page.

    Args:
        snapshot_id (str):  Example: 1eM2UgkfaECOYyUdCo9Pa.
        company_id (str):  Example: 5D112kQsiKESj6rash.
        from_ (str | Unset):  Example: 2022-10-10.
        to (str | Unset):  Example: 2022-10-31.
        last_doc (str | Unset):  Example: 6511ba4b3d1b5e8a4f1b8e9f.
        limit (int | Unset):  Default: 20. Example: 10.
        version (GetSnapshotPushVersion):  Default: '2021-07-28'.

    Raises:
        ValueError: If an argument breaks a constraint of the spec; nothing is sent then.
        errors.UnexpectedStatus: If the server answers with a status the spec does not document and
            Client.raise_on_unexpected_status is True (the default).
        errors.UnexpectedResponse: If the body of a documented status does not match its schema.
        httpx.RequestError: If the request fails on the network, for instance
            httpx.TimeoutException when it takes longer than Client.timeout.

    Returns:
        BadRequestDTO | GetSnapshotPushStatusResponseDTO | UnauthorizedDTO
    """

    return (
        await asyncio_detailed(
            snapshot_id=snapshot_id,
            client=client,
            company_id=company_id,
            from_=from_,
            to=to,
            last_doc=last_doc,
            limit=limit,
            version=version,
        )
    ).parsed


def _next_cursor(
    page: GetSnapshotPushStatusResponseDTO,
    cursor: str | Unset,
    response: Response[Any],
    client: AuthenticatedClient | Client,
) -> str | None:
    """The cursor of the page after this one; None when this page is empty (the listing's end)."""
    if not page.data:
        return None
    following = page.data[-1].id
    if following == cursor:
        problem = f"the cursor did not advance past {following!r}: the listing would never end"
        raise errors.UnexpectedResponse(
            _OPERATION, response.status_code, problem, errors.excerpt(response.content, client.redact)
        )
    return following


def _page(response: Response[Any], client: AuthenticatedClient | Client) -> GetSnapshotPushStatusResponseDTO:
    if not isinstance(response.parsed, GetSnapshotPushStatusResponseDTO):
        problem = f"a page answered {int(response.status_code)} instead of a page of results"
        raise errors.UnexpectedResponse(
            _OPERATION, response.status_code, problem, errors.excerpt(response.content, client.redact)
        )
    return response.parsed


def sync_all(
    snapshot_id: str,
    *,
    client: AuthenticatedClient,
    company_id: str,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    last_doc: str | Unset = UNSET,
    limit: int | Unset = 20,
    version: GetSnapshotPushVersion = "2021-07-28",
) -> Iterator[SnapshotStatusSchema]:
    """Every item of the listing, page after page, from the first page (or from after the given
    cursor). Each page is fetched only when the items before it are used up; the listing ends at
    the first empty page.

    Raises:
        errors.UnexpectedResponse: If a page is not a page of results (a 400 or 401 included), or
            if its cursor does not advance.
        and whatever ``sync_detailed`` raises.
    """
    while True:
        response = sync_detailed(
            snapshot_id=snapshot_id,
            client=client,
            company_id=company_id,
            from_=from_,
            to=to,
            last_doc=last_doc,
            limit=limit,
            version=version,
        )
        page = _page(response, client)
        yield from page.data
        following = _next_cursor(page, last_doc, response, client)
        if following is None:
            return
        last_doc = following


async def asyncio_all(
    snapshot_id: str,
    *,
    client: AuthenticatedClient,
    company_id: str,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    last_doc: str | Unset = UNSET,
    limit: int | Unset = 20,
    version: GetSnapshotPushVersion = "2021-07-28",
) -> AsyncIterator[SnapshotStatusSchema]:
    """Like ``sync_all``, for async code: ``async for item in asyncio_all(...)``."""
    while True:
        response = await asyncio_detailed(
            snapshot_id=snapshot_id,
            client=client,
            company_id=company_id,
            from_=from_,
            to=to,
            last_doc=last_doc,
            limit=limit,
            version=version,
        )
        page = _page(response, client)
        for item in page.data:
            yield item
        following = _next_cursor(page, last_doc, response, client)
        if following is None:
            return
        last_doc = following
