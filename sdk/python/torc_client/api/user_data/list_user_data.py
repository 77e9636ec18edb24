from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.list_user_data_response import ListUserDataResponse
from ...models.list_user_data_sort_by import ListUserDataSortBy
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    workflow_id: int,
    consumer_job_id: int | Unset = UNSET,
    producer_job_id: int | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 10000,
    sort_by: ListUserDataSortBy | Unset = ListUserDataSortBy.ID,
    reverse_sort: bool | Unset = False,
    name: str | Unset = UNSET,
    is_ephemeral: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["workflow_id"] = workflow_id

    params["consumer_job_id"] = consumer_job_id

    params["producer_job_id"] = producer_job_id

    params["offset"] = offset

    params["limit"] = limit

    json_sort_by: str | Unset = UNSET
    if not isinstance(sort_by, Unset):
        json_sort_by = sort_by.value

    params["sort_by"] = json_sort_by

    params["reverse_sort"] = reverse_sort

    params["name"] = name

    params["is_ephemeral"] = is_ephemeral

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/user_data",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DefaultErrorResponse | ListUserDataResponse | None:
    if response.status_code == 200:
        response_200 = ListUserDataResponse.from_dict(response.json())

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
) -> Response[DefaultErrorResponse | ListUserDataResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    workflow_id: int,
    consumer_job_id: int | Unset = UNSET,
    producer_job_id: int | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 10000,
    sort_by: ListUserDataSortBy | Unset = ListUserDataSortBy.ID,
    reverse_sort: bool | Unset = False,
    name: str | Unset = UNSET,
    is_ephemeral: bool | Unset = UNSET,
) -> Response[DefaultErrorResponse | ListUserDataResponse]:
    """List the user data records of a workflow

     Lists the user data records of one workflow, a page at a time, optionally filtered by the
    job that consumes or produces them, by name or by the ephemeral flag.

    Filters combine: a record is listed only when it matches every filter given. The answer is
    one page of at most `limit` records starting at `offset`, ordered by `sort_by` (default
    `id`) and `reverse_sort`; page on with `offset += count` while `has_more` is true.

    Refused with 400 for an unknown `sort_by` field or a `limit` over 10,000, and with 404 when
    the workflow does not exist.

    Args:
        workflow_id (int):
        consumer_job_id (int | Unset):
        producer_job_id (int | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 10000.
        sort_by (ListUserDataSortBy | Unset):  Default: ListUserDataSortBy.ID.
        reverse_sort (bool | Unset):  Default: False.
        name (str | Unset):
        is_ephemeral (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | ListUserDataResponse]
    """

    kwargs = _get_kwargs(
        workflow_id=workflow_id,
        consumer_job_id=consumer_job_id,
        producer_job_id=producer_job_id,
        offset=offset,
        limit=limit,
        sort_by=sort_by,
        reverse_sort=reverse_sort,
        name=name,
        is_ephemeral=is_ephemeral,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    workflow_id: int,
    consumer_job_id: int | Unset = UNSET,
    producer_job_id: int | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 10000,
    sort_by: ListUserDataSortBy | Unset = ListUserDataSortBy.ID,
    reverse_sort: bool | Unset = False,
    name: str | Unset = UNSET,
    is_ephemeral: bool | Unset = UNSET,
) -> DefaultErrorResponse | ListUserDataResponse | None:
    """List the user data records of a workflow

     Lists the user data records of one workflow, a page at a time, optionally filtered by the
    job that consumes or produces them, by name or by the ephemeral flag.

    Filters combine: a record is listed only when it matches every filter given. The answer is
    one page of at most `limit` records starting at `offset`, ordered by `sort_by` (default
    `id`) and `reverse_sort`; page on with `offset += count` while `has_more` is true.

    Refused with 400 for an unknown `sort_by` field or a `limit` over 10,000, and with 404 when
    the workflow does not exist.

    Args:
        workflow_id (int):
        consumer_job_id (int | Unset):
        producer_job_id (int | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 10000.
        sort_by (ListUserDataSortBy | Unset):  Default: ListUserDataSortBy.ID.
        reverse_sort (bool | Unset):  Default: False.
        name (str | Unset):
        is_ephemeral (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | ListUserDataResponse
    """

    return sync_detailed(
        client=client,
        workflow_id=workflow_id,
        consumer_job_id=consumer_job_id,
        producer_job_id=producer_job_id,
        offset=offset,
        limit=limit,
        sort_by=sort_by,
        reverse_sort=reverse_sort,
        name=name,
        is_ephemeral=is_ephemeral,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    workflow_id: int,
    consumer_job_id: int | Unset = UNSET,
    producer_job_id: int | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 10000,
    sort_by: ListUserDataSortBy | Unset = ListUserDataSortBy.ID,
    reverse_sort: bool | Unset = False,
    name: str | Unset = UNSET,
    is_ephemeral: bool | Unset = UNSET,
) -> Response[DefaultErrorResponse | ListUserDataResponse]:
    """List the user data records of a workflow

     Lists the user data records of one workflow, a page at a time, optionally filtered by the
    job that consumes or produces them, by name or by the ephemeral flag.

    Filters combine: a record is listed only when it matches every filter given. The answer is
    one page of at most `limit` records starting at `offset`, ordered by `sort_by` (default
    `id`) and `reverse_sort`; page on with `offset += count` while `has_more` is true.

    Refused with 400 for an unknown `sort_by` field or a `limit` over 10,000, and with 404 when
    the workflow does not exist.

    Args:
        workflow_id (int):
        consumer_job_id (int | Unset):
        producer_job_id (int | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 10000.
        sort_by (ListUserDataSortBy | Unset):  Default: ListUserDataSortBy.ID.
        reverse_sort (bool | Unset):  Default: False.
        name (str | Unset):
        is_ephemeral (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | ListUserDataResponse]
    """

    kwargs = _get_kwargs(
        workflow_id=workflow_id,
        consumer_job_id=consumer_job_id,
        producer_job_id=producer_job_id,
        offset=offset,
        limit=limit,
        sort_by=sort_by,
        reverse_sort=reverse_sort,
        name=name,
        is_ephemeral=is_ephemeral,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    workflow_id: int,
    consumer_job_id: int | Unset = UNSET,
    producer_job_id: int | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 10000,
    sort_by: ListUserDataSortBy | Unset = ListUserDataSortBy.ID,
    reverse_sort: bool | Unset = False,
    name: str | Unset = UNSET,
    is_ephemeral: bool | Unset = UNSET,
) -> DefaultErrorResponse | ListUserDataResponse | None:
    """List the user data records of a workflow

     Lists the user data records of one workflow, a page at a time, optionally filtered by the
    job that consumes or produces them, by name or by the ephemeral flag.

    Filters combine: a record is listed only when it matches every filter given. The answer is
    one page of at most `limit` records starting at `offset`, ordered by `sort_by` (default
    `id`) and `reverse_sort`; page on with `offset += count` while `has_more` is true.

    Refused with 400 for an unknown `sort_by` field or a `limit` over 10,000, and with 404 when
    the workflow does not exist.

    Args:
        workflow_id (int):
        consumer_job_id (int | Unset):
        producer_job_id (int | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 10000.
        sort_by (ListUserDataSortBy | Unset):  Default: ListUserDataSortBy.ID.
        reverse_sort (bool | Unset):  Default: False.
        name (str | Unset):
        is_ephemeral (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | ListUserDataResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            workflow_id=workflow_id,
            consumer_job_id=consumer_job_id,
            producer_job_id=producer_job_id,
            offset=offset,
            limit=limit,
            sort_by=sort_by,
            reverse_sort=reverse_sort,
            name=name,
            is_ephemeral=is_ephemeral,
        )
    ).parsed
