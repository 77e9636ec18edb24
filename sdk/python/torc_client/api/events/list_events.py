from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.list_events_response import ListEventsResponse
from ...models.list_events_sort_by import ListEventsSortBy
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    workflow_id: int,
    offset: int | Unset = 0,
    limit: int | Unset = 10000,
    sort_by: ListEventsSortBy | Unset = ListEventsSortBy.ID,
    reverse_sort: bool | Unset = False,
    category: str | Unset = UNSET,
    after_timestamp: int | Unset = UNSET,
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

    params["category"] = category

    params["after_timestamp"] = after_timestamp

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/events",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DefaultErrorResponse | ListEventsResponse | None:
    if response.status_code == 200:
        response_200 = ListEventsResponse.from_dict(response.json())

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
) -> Response[DefaultErrorResponse | ListEventsResponse]:
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
    sort_by: ListEventsSortBy | Unset = ListEventsSortBy.ID,
    reverse_sort: bool | Unset = False,
    category: str | Unset = UNSET,
    after_timestamp: int | Unset = UNSET,
) -> Response[DefaultErrorResponse | ListEventsResponse]:
    """List the events of a workflow

     Lists the events of one workflow, a page at a time. `category` keeps the events whose `data`
    has a `category` field equal to the value; `after_timestamp` keeps the events stored
    strictly after a time, which lets a client poll for new events by passing the largest
    timestamp it has seen.

    Filters combine: a record is listed only when it matches every filter given. The answer is
    one page of at most `limit` records starting at `offset`, ordered by `sort_by` (default
    `id`) and `reverse_sort`; page on with `offset += count` while `has_more` is true.

    Refused with 400 for an unknown `sort_by` field or a `limit` over 10,000, and with 404 when
    the workflow does not exist.

    Args:
        workflow_id (int):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 10000.
        sort_by (ListEventsSortBy | Unset):  Default: ListEventsSortBy.ID.
        reverse_sort (bool | Unset):  Default: False.
        category (str | Unset):
        after_timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | ListEventsResponse]
    """

    kwargs = _get_kwargs(
        workflow_id=workflow_id,
        offset=offset,
        limit=limit,
        sort_by=sort_by,
        reverse_sort=reverse_sort,
        category=category,
        after_timestamp=after_timestamp,
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
    sort_by: ListEventsSortBy | Unset = ListEventsSortBy.ID,
    reverse_sort: bool | Unset = False,
    category: str | Unset = UNSET,
    after_timestamp: int | Unset = UNSET,
) -> DefaultErrorResponse | ListEventsResponse | None:
    """List the events of a workflow

     Lists the events of one workflow, a page at a time. `category` keeps the events whose `data`
    has a `category` field equal to the value; `after_timestamp` keeps the events stored
    strictly after a time, which lets a client poll for new events by passing the largest
    timestamp it has seen.

    Filters combine: a record is listed only when it matches every filter given. The answer is
    one page of at most `limit` records starting at `offset`, ordered by `sort_by` (default
    `id`) and `reverse_sort`; page on with `offset += count` while `has_more` is true.

    Refused with 400 for an unknown `sort_by` field or a `limit` over 10,000, and with 404 when
    the workflow does not exist.

    Args:
        workflow_id (int):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 10000.
        sort_by (ListEventsSortBy | Unset):  Default: ListEventsSortBy.ID.
        reverse_sort (bool | Unset):  Default: False.
        category (str | Unset):
        after_timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | ListEventsResponse
    """

    return sync_detailed(
        client=client,
        workflow_id=workflow_id,
        offset=offset,
        limit=limit,
        sort_by=sort_by,
        reverse_sort=reverse_sort,
        category=category,
        after_timestamp=after_timestamp,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    workflow_id: int,
    offset: int | Unset = 0,
    limit: int | Unset = 10000,
    sort_by: ListEventsSortBy | Unset = ListEventsSortBy.ID,
    reverse_sort: bool | Unset = False,
    category: str | Unset = UNSET,
    after_timestamp: int | Unset = UNSET,
) -> Response[DefaultErrorResponse | ListEventsResponse]:
    """List the events of a workflow

     Lists the events of one workflow, a page at a time. `category` keeps the events whose `data`
    has a `category` field equal to the value; `after_timestamp` keeps the events stored
    strictly after a time, which lets a client poll for new events by passing the largest
    timestamp it has seen.

    Filters combine: a record is listed only when it matches every filter given. The answer is
    one page of at most `limit` records starting at `offset`, ordered by `sort_by` (default
    `id`) and `reverse_sort`; page on with `offset += count` while `has_more` is true.

    Refused with 400 for an unknown `sort_by` field or a `limit` over 10,000, and with 404 when
    the workflow does not exist.

    Args:
        workflow_id (int):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 10000.
        sort_by (ListEventsSortBy | Unset):  Default: ListEventsSortBy.ID.
        reverse_sort (bool | Unset):  Default: False.
        category (str | Unset):
        after_timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | ListEventsResponse]
    """

    kwargs = _get_kwargs(
        workflow_id=workflow_id,
        offset=offset,
        limit=limit,
        sort_by=sort_by,
        reverse_sort=reverse_sort,
        category=category,
        after_timestamp=after_timestamp,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    workflow_id: int,
    offset: int | Unset = 0,
    limit: int | Unset = 10000,
    sort_by: ListEventsSortBy | Unset = ListEventsSortBy.ID,
    reverse_sort: bool | Unset = False,
    category: str | Unset = UNSET,
    after_timestamp: int | Unset = UNSET,
) -> DefaultErrorResponse | ListEventsResponse | None:
    """List the events of a workflow

     Lists the events of one workflow, a page at a time. `category` keeps the events whose `data`
    has a `category` field equal to the value; `after_timestamp` keeps the events stored
    strictly after a time, which lets a client poll for new events by passing the largest
    timestamp it has seen.

    Filters combine: a record is listed only when it matches every filter given. The answer is
    one page of at most `limit` records starting at `offset`, ordered by `sort_by` (default
    `id`) and `reverse_sort`; page on with `offset += count` while `has_more` is true.

    Refused with 400 for an unknown `sort_by` field or a `limit` over 10,000, and with 404 when
    the workflow does not exist.

    Args:
        workflow_id (int):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 10000.
        sort_by (ListEventsSortBy | Unset):  Default: ListEventsSortBy.ID.
        reverse_sort (bool | Unset):  Default: False.
        category (str | Unset):
        after_timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | ListEventsResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            workflow_id=workflow_id,
            offset=offset,
            limit=limit,
            sort_by=sort_by,
            reverse_sort=reverse_sort,
            category=category,
            after_timestamp=after_timestamp,
        )
    ).parsed
