from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.list_scheduled_compute_nodes_response import (
    ListScheduledComputeNodesResponse,
)
from ...models.list_scheduled_compute_nodes_sort_by import (
    ListScheduledComputeNodesSortBy,
)
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    workflow_id: int,
    offset: int | Unset = 0,
    limit: int | Unset = 10000,
    sort_by: ListScheduledComputeNodesSortBy
    | Unset = ListScheduledComputeNodesSortBy.ID,
    reverse_sort: bool | Unset = False,
    scheduler_id: str | Unset = UNSET,
    scheduler_config_id: str | Unset = UNSET,
    status: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["workflow_id"] = workflow_id

    params["offset"] = offset

    params["limit"] = limit

    json_sort_by: str | Unset = UNSET
    if not isinstance(sort_by, Unset):
        json_sort_by = sort_by.value

    params["sort_by"] = json_sort_by

    params["reverse_sort"] = reverse_sort

    params["scheduler_id"] = scheduler_id

    params["scheduler_config_id"] = scheduler_config_id

    params["status"] = status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/scheduled_compute_nodes",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DefaultErrorResponse | ListScheduledComputeNodesResponse | None:
    if response.status_code == 200:
        response_200 = ListScheduledComputeNodesResponse.from_dict(response.json())

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
) -> Response[DefaultErrorResponse | ListScheduledComputeNodesResponse]:
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
    offset: int | Unset = 0,
    limit: int | Unset = 10000,
    sort_by: ListScheduledComputeNodesSortBy
    | Unset = ListScheduledComputeNodesSortBy.ID,
    reverse_sort: bool | Unset = False,
    scheduler_id: str | Unset = UNSET,
    scheduler_config_id: str | Unset = UNSET,
    status: str | Unset = UNSET,
) -> Response[DefaultErrorResponse | ListScheduledComputeNodesResponse]:
    """List the scheduled compute nodes of a workflow

     Lists the scheduler allocations recorded for one workflow, a page at a time, optionally
    filtered by scheduler job id, scheduler configuration or status.

    Filters combine: a record is listed only when it matches every filter given. The answer is
    one page of at most `limit` records starting at `offset`, ordered by `sort_by` (default
    `id`) and `reverse_sort`; page on with `offset += count` while `has_more` is true.

    Refused with 400 for an unknown `sort_by` field or a `limit` over 10,000, and with 404 when
    the workflow does not exist.

    Args:
        workflow_id (int):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 10000.
        sort_by (ListScheduledComputeNodesSortBy | Unset):  Default:
            ListScheduledComputeNodesSortBy.ID.
        reverse_sort (bool | Unset):  Default: False.
        scheduler_id (str | Unset):
        scheduler_config_id (str | Unset):
        status (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | ListScheduledComputeNodesResponse]
    """

    kwargs = _get_kwargs(
        workflow_id=workflow_id,
        offset=offset,
        limit=limit,
        sort_by=sort_by,
        reverse_sort=reverse_sort,
        scheduler_id=scheduler_id,
        scheduler_config_id=scheduler_config_id,
        status=status,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    workflow_id: int,
    offset: int | Unset = 0,
    limit: int | Unset = 10000,
    sort_by: ListScheduledComputeNodesSortBy
    | Unset = ListScheduledComputeNodesSortBy.ID,
    reverse_sort: bool | Unset = False,
    scheduler_id: str | Unset = UNSET,
    scheduler_config_id: str | Unset = UNSET,
    status: str | Unset = UNSET,
) -> DefaultErrorResponse | ListScheduledComputeNodesResponse | None:
    """List the scheduled compute nodes of a workflow

     Lists the scheduler allocations recorded for one workflow, a page at a time, optionally
    filtered by scheduler job id, scheduler configuration or status.

    Filters combine: a record is listed only when it matches every filter given. The answer is
    one page of at most `limit` records starting at `offset`, ordered by `sort_by` (default
    `id`) and `reverse_sort`; page on with `offset += count` while `has_more` is true.

    Refused with 400 for an unknown `sort_by` field or a `limit` over 10,000, and with 404 when
    the workflow does not exist.

    Args:
        workflow_id (int):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 10000.
        sort_by (ListScheduledComputeNodesSortBy | Unset):  Default:
            ListScheduledComputeNodesSortBy.ID.
        reverse_sort (bool | Unset):  Default: False.
        scheduler_id (str | Unset):
        scheduler_config_id (str | Unset):
        status (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | ListScheduledComputeNodesResponse
    """

    return sync_detailed(
        client=client,
        workflow_id=workflow_id,
        offset=offset,
        limit=limit,
        sort_by=sort_by,
        reverse_sort=reverse_sort,
        scheduler_id=scheduler_id,
        scheduler_config_id=scheduler_config_id,
        status=status,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    workflow_id: int,
    offset: int | Unset = 0,
    limit: int | Unset = 10000,
    sort_by: ListScheduledComputeNodesSortBy
    | Unset = ListScheduledComputeNodesSortBy.ID,
    reverse_sort: bool | Unset = False,
    scheduler_id: str | Unset = UNSET,
    scheduler_config_id: str | Unset = UNSET,
    status: str | Unset = UNSET,
) -> Response[DefaultErrorResponse | ListScheduledComputeNodesResponse]:
    """List the scheduled compute nodes of a workflow

     Lists the scheduler allocations recorded for one workflow, a page at a time, optionally
    filtered by scheduler job id, scheduler configuration or status.

    Filters combine: a record is listed only when it matches every filter given. The answer is
    one page of at most `limit` records starting at `offset`, ordered by `sort_by` (default
    `id`) and `reverse_sort`; page on with `offset += count` while `has_more` is true.

    Refused with 400 for an unknown `sort_by` field or a `limit` over 10,000, and with 404 when
    the workflow does not exist.

    Args:
        workflow_id (int):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 10000.
        sort_by (ListScheduledComputeNodesSortBy | Unset):  Default:
            ListScheduledComputeNodesSortBy.ID.
        reverse_sort (bool | Unset):  Default: False.
        scheduler_id (str | Unset):
        scheduler_config_id (str | Unset):
        status (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | ListScheduledComputeNodesResponse]
    """

    kwargs = _get_kwargs(
        workflow_id=workflow_id,
        offset=offset,
        limit=limit,
        sort_by=sort_by,
        reverse_sort=reverse_sort,
        scheduler_id=scheduler_id,
        scheduler_config_id=scheduler_config_id,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    workflow_id: int,
    offset: int | Unset = 0,
    limit: int | Unset = 10000,
    sort_by: ListScheduledComputeNodesSortBy
    | Unset = ListScheduledComputeNodesSortBy.ID,
    reverse_sort: bool | Unset = False,
    scheduler_id: str | Unset = UNSET,
    scheduler_config_id: str | Unset = UNSET,
    status: str | Unset = UNSET,
) -> DefaultErrorResponse | ListScheduledComputeNodesResponse | None:
    """List the scheduled compute nodes of a workflow

     Lists the scheduler allocations recorded for one workflow, a page at a time, optionally
    filtered by scheduler job id, scheduler configuration or status.

    Filters combine: a record is listed only when it matches every filter given. The answer is
    one page of at most `limit` records starting at `offset`, ordered by `sort_by` (default
    `id`) and `reverse_sort`; page on with `offset += count` while `has_more` is true.

    Refused with 400 for an unknown `sort_by` field or a `limit` over 10,000, and with 404 when
    the workflow does not exist.

    Args:
        workflow_id (int):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 10000.
        sort_by (ListScheduledComputeNodesSortBy | Unset):  Default:
            ListScheduledComputeNodesSortBy.ID.
        reverse_sort (bool | Unset):  Default: False.
        scheduler_id (str | Unset):
        scheduler_config_id (str | Unset):
        status (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | ListScheduledComputeNodesResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            workflow_id=workflow_id,
            offset=offset,
            limit=limit,
            sort_by=sort_by,
            reverse_sort=reverse_sort,
            scheduler_id=scheduler_id,
            scheduler_config_id=scheduler_config_id,
            status=status,
        )
    ).parsed
