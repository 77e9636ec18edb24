from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.list_job_user_data_relationships_response import (
    ListJobUserDataRelationshipsResponse,
)
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    *,
    offset: int | Unset = 0,
    limit: int | Unset = 10000,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["offset"] = offset

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/workflows/{id}/job_user_data_relationships".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DefaultErrorResponse | ListJobUserDataRelationshipsResponse | None:
    if response.status_code == 200:
        response_200 = ListJobUserDataRelationshipsResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = DefaultErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = DefaultErrorResponse.from_dict(response.json())

        return response_404

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DefaultErrorResponse | ListJobUserDataRelationshipsResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    offset: int | Unset = 0,
    limit: int | Unset = 10000,
) -> Response[DefaultErrorResponse | ListJobUserDataRelationshipsResponse]:
    """List which jobs produce and consume a workflow's user data

     Lists the workflow's user data records with the jobs that produce and consume them: one item per
    record and consuming job, with the producing job when there is one. A record that no job consumes
    appears once without a consumer; a record that no job produces has no producer. Paged with `offset`
    and `limit`. It changes nothing. Refused with 404 when the workflow does not exist.

    Args:
        id (int):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 10000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | ListJobUserDataRelationshipsResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        offset=offset,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    offset: int | Unset = 0,
    limit: int | Unset = 10000,
) -> DefaultErrorResponse | ListJobUserDataRelationshipsResponse | None:
    """List which jobs produce and consume a workflow's user data

     Lists the workflow's user data records with the jobs that produce and consume them: one item per
    record and consuming job, with the producing job when there is one. A record that no job consumes
    appears once without a consumer; a record that no job produces has no producer. Paged with `offset`
    and `limit`. It changes nothing. Refused with 404 when the workflow does not exist.

    Args:
        id (int):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 10000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | ListJobUserDataRelationshipsResponse
    """

    return sync_detailed(
        id=id,
        client=client,
        offset=offset,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    offset: int | Unset = 0,
    limit: int | Unset = 10000,
) -> Response[DefaultErrorResponse | ListJobUserDataRelationshipsResponse]:
    """List which jobs produce and consume a workflow's user data

     Lists the workflow's user data records with the jobs that produce and consume them: one item per
    record and consuming job, with the producing job when there is one. A record that no job consumes
    appears once without a consumer; a record that no job produces has no producer. Paged with `offset`
    and `limit`. It changes nothing. Refused with 404 when the workflow does not exist.

    Args:
        id (int):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 10000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | ListJobUserDataRelationshipsResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        offset=offset,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    offset: int | Unset = 0,
    limit: int | Unset = 10000,
) -> DefaultErrorResponse | ListJobUserDataRelationshipsResponse | None:
    """List which jobs produce and consume a workflow's user data

     Lists the workflow's user data records with the jobs that produce and consume them: one item per
    record and consuming job, with the producing job when there is one. A record that no job consumes
    appears once without a consumer; a record that no job produces has no producer. Paged with `offset`
    and `limit`. It changes nothing. Refused with 404 when the workflow does not exist.

    Args:
        id (int):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 10000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | ListJobUserDataRelationshipsResponse
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            offset=offset,
            limit=limit,
        )
    ).parsed
