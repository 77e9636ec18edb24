from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.list_workflows_response import ListWorkflowsResponse
from ...models.list_workflows_sort_by import ListWorkflowsSortBy
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    offset: int | Unset = 0,
    sort_by: ListWorkflowsSortBy | Unset = ListWorkflowsSortBy.ID,
    reverse_sort: bool | Unset = False,
    limit: int | Unset = 10000,
    name: str | Unset = UNSET,
    user: str | Unset = UNSET,
    description: str | Unset = UNSET,
    is_archived: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["offset"] = offset

    json_sort_by: str | Unset = UNSET
    if not isinstance(sort_by, Unset):
        json_sort_by = sort_by.value

    params["sort_by"] = json_sort_by

    params["reverse_sort"] = reverse_sort

    params["limit"] = limit

    params["name"] = name

    params["user"] = user

    params["description"] = description

    params["is_archived"] = is_archived

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/workflows",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DefaultErrorResponse | ListWorkflowsResponse | None:
    if response.status_code == 200:
        response_200 = ListWorkflowsResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = DefaultErrorResponse.from_dict(response.json())

        return response_400

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DefaultErrorResponse | ListWorkflowsResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    offset: int | Unset = 0,
    sort_by: ListWorkflowsSortBy | Unset = ListWorkflowsSortBy.ID,
    reverse_sort: bool | Unset = False,
    limit: int | Unset = 10000,
    name: str | Unset = UNSET,
    user: str | Unset = UNSET,
    description: str | Unset = UNSET,
    is_archived: bool | Unset = UNSET,
) -> Response[DefaultErrorResponse | ListWorkflowsResponse]:
    """List workflows

     Lists workflows, optionally filtered by name, user, description and archive flag, one page at a
    time. Without filters it lists every workflow. When the server enforces access control and no `user`
    filter is given, it lists only the workflows the caller may access. Refused with 400 for a `limit`
    over 10,000 or an unknown `sort_by` field.

    Args:
        offset (int | Unset):  Default: 0.
        sort_by (ListWorkflowsSortBy | Unset):  Default: ListWorkflowsSortBy.ID.
        reverse_sort (bool | Unset):  Default: False.
        limit (int | Unset):  Default: 10000.
        name (str | Unset):
        user (str | Unset):
        description (str | Unset):
        is_archived (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | ListWorkflowsResponse]
    """

    kwargs = _get_kwargs(
        offset=offset,
        sort_by=sort_by,
        reverse_sort=reverse_sort,
        limit=limit,
        name=name,
        user=user,
        description=description,
        is_archived=is_archived,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    offset: int | Unset = 0,
    sort_by: ListWorkflowsSortBy | Unset = ListWorkflowsSortBy.ID,
    reverse_sort: bool | Unset = False,
    limit: int | Unset = 10000,
    name: str | Unset = UNSET,
    user: str | Unset = UNSET,
    description: str | Unset = UNSET,
    is_archived: bool | Unset = UNSET,
) -> DefaultErrorResponse | ListWorkflowsResponse | None:
    """List workflows

     Lists workflows, optionally filtered by name, user, description and archive flag, one page at a
    time. Without filters it lists every workflow. When the server enforces access control and no `user`
    filter is given, it lists only the workflows the caller may access. Refused with 400 for a `limit`
    over 10,000 or an unknown `sort_by` field.

    Args:
        offset (int | Unset):  Default: 0.
        sort_by (ListWorkflowsSortBy | Unset):  Default: ListWorkflowsSortBy.ID.
        reverse_sort (bool | Unset):  Default: False.
        limit (int | Unset):  Default: 10000.
        name (str | Unset):
        user (str | Unset):
        description (str | Unset):
        is_archived (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | ListWorkflowsResponse
    """

    return sync_detailed(
        client=client,
        offset=offset,
        sort_by=sort_by,
        reverse_sort=reverse_sort,
        limit=limit,
        name=name,
        user=user,
        description=description,
        is_archived=is_archived,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    offset: int | Unset = 0,
    sort_by: ListWorkflowsSortBy | Unset = ListWorkflowsSortBy.ID,
    reverse_sort: bool | Unset = False,
    limit: int | Unset = 10000,
    name: str | Unset = UNSET,
    user: str | Unset = UNSET,
    description: str | Unset = UNSET,
    is_archived: bool | Unset = UNSET,
) -> Response[DefaultErrorResponse | ListWorkflowsResponse]:
    """List workflows

     Lists workflows, optionally filtered by name, user, description and archive flag, one page at a
    time. Without filters it lists every workflow. When the server enforces access control and no `user`
    filter is given, it lists only the workflows the caller may access. Refused with 400 for a `limit`
    over 10,000 or an unknown `sort_by` field.

    Args:
        offset (int | Unset):  Default: 0.
        sort_by (ListWorkflowsSortBy | Unset):  Default: ListWorkflowsSortBy.ID.
        reverse_sort (bool | Unset):  Default: False.
        limit (int | Unset):  Default: 10000.
        name (str | Unset):
        user (str | Unset):
        description (str | Unset):
        is_archived (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | ListWorkflowsResponse]
    """

    kwargs = _get_kwargs(
        offset=offset,
        sort_by=sort_by,
        reverse_sort=reverse_sort,
        limit=limit,
        name=name,
        user=user,
        description=description,
        is_archived=is_archived,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    offset: int | Unset = 0,
    sort_by: ListWorkflowsSortBy | Unset = ListWorkflowsSortBy.ID,
    reverse_sort: bool | Unset = False,
    limit: int | Unset = 10000,
    name: str | Unset = UNSET,
    user: str | Unset = UNSET,
    description: str | Unset = UNSET,
    is_archived: bool | Unset = UNSET,
) -> DefaultErrorResponse | ListWorkflowsResponse | None:
    """List workflows

     Lists workflows, optionally filtered by name, user, description and archive flag, one page at a
    time. Without filters it lists every workflow. When the server enforces access control and no `user`
    filter is given, it lists only the workflows the caller may access. Refused with 400 for a `limit`
    over 10,000 or an unknown `sort_by` field.

    Args:
        offset (int | Unset):  Default: 0.
        sort_by (ListWorkflowsSortBy | Unset):  Default: ListWorkflowsSortBy.ID.
        reverse_sort (bool | Unset):  Default: False.
        limit (int | Unset):  Default: 10000.
        name (str | Unset):
        user (str | Unset):
        description (str | Unset):
        is_archived (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | ListWorkflowsResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            offset=offset,
            sort_by=sort_by,
            reverse_sort=reverse_sort,
            limit=limit,
            name=name,
            user=user,
            description=description,
            is_archived=is_archived,
        )
    ).parsed
