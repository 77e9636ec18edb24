from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.access_group_model import AccessGroupModel
from ...models.default_error_response import DefaultErrorResponse
from ...types import Response


def _get_kwargs(
    *,
    body: AccessGroupModel,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/access_groups",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AccessGroupModel | DefaultErrorResponse | None:
    if response.status_code == 200:
        response_200 = AccessGroupModel.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = DefaultErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 409:
        response_409 = DefaultErrorResponse.from_dict(response.json())

        return response_409

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AccessGroupModel | DefaultErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AccessGroupModel,
) -> Response[AccessGroupModel | DefaultErrorResponse]:
    """Create an access group

     Creates a named group of users. Adding a workflow to a group lets every member use it. When the
    server enforces access control, a user may use a workflow they own (the workflow's `user`) or one
    that has been added to a group they belong to. Group names are unique: a name already in use is
    refused with 409.

    Args:
        body (AccessGroupModel): An access group, a team of users who share workflows.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccessGroupModel | DefaultErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: AccessGroupModel,
) -> AccessGroupModel | DefaultErrorResponse | None:
    """Create an access group

     Creates a named group of users. Adding a workflow to a group lets every member use it. When the
    server enforces access control, a user may use a workflow they own (the workflow's `user`) or one
    that has been added to a group they belong to. Group names are unique: a name already in use is
    refused with 409.

    Args:
        body (AccessGroupModel): An access group, a team of users who share workflows.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccessGroupModel | DefaultErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AccessGroupModel,
) -> Response[AccessGroupModel | DefaultErrorResponse]:
    """Create an access group

     Creates a named group of users. Adding a workflow to a group lets every member use it. When the
    server enforces access control, a user may use a workflow they own (the workflow's `user`) or one
    that has been added to a group they belong to. Group names are unique: a name already in use is
    refused with 409.

    Args:
        body (AccessGroupModel): An access group, a team of users who share workflows.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccessGroupModel | DefaultErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: AccessGroupModel,
) -> AccessGroupModel | DefaultErrorResponse | None:
    """Create an access group

     Creates a named group of users. Adding a workflow to a group lets every member use it. When the
    server enforces access control, a user may use a workflow they own (the workflow's `user`) or one
    that has been added to a group they belong to. Group names are unique: a name already in use is
    refused with 409.

    Args:
        body (AccessGroupModel): An access group, a team of users who share workflows.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccessGroupModel | DefaultErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
