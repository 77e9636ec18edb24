from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.user_group_membership_model import UserGroupMembershipModel
from ...types import Response


def _get_kwargs(
    id: int,
    *,
    body: UserGroupMembershipModel,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/access_groups/{id}/members".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DefaultErrorResponse | UserGroupMembershipModel | None:
    if response.status_code == 200:
        response_200 = UserGroupMembershipModel.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = DefaultErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = DefaultErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = DefaultErrorResponse.from_dict(response.json())

        return response_409

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DefaultErrorResponse | UserGroupMembershipModel]:
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
    body: UserGroupMembershipModel,
) -> Response[DefaultErrorResponse | UserGroupMembershipModel]:
    """Add a user to an access group

     Makes a user a member of the group in the path, with the `role` of the body (`member`, the default,
    or `admin`). The group is the one in the path; the body's `group_id` is ignored. Refused with 404
    when no group has this id and with 409 when the user is already a member of it.

    Args:
        id (int):
        body (UserGroupMembershipModel): The membership of a user in an access group.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | UserGroupMembershipModel]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: UserGroupMembershipModel,
) -> DefaultErrorResponse | UserGroupMembershipModel | None:
    """Add a user to an access group

     Makes a user a member of the group in the path, with the `role` of the body (`member`, the default,
    or `admin`). The group is the one in the path; the body's `group_id` is ignored. Refused with 404
    when no group has this id and with 409 when the user is already a member of it.

    Args:
        id (int):
        body (UserGroupMembershipModel): The membership of a user in an access group.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | UserGroupMembershipModel
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: UserGroupMembershipModel,
) -> Response[DefaultErrorResponse | UserGroupMembershipModel]:
    """Add a user to an access group

     Makes a user a member of the group in the path, with the `role` of the body (`member`, the default,
    or `admin`). The group is the one in the path; the body's `group_id` is ignored. Refused with 404
    when no group has this id and with 409 when the user is already a member of it.

    Args:
        id (int):
        body (UserGroupMembershipModel): The membership of a user in an access group.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | UserGroupMembershipModel]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: UserGroupMembershipModel,
) -> DefaultErrorResponse | UserGroupMembershipModel | None:
    """Add a user to an access group

     Makes a user a member of the group in the path, with the `role` of the body (`member`, the default,
    or `admin`). The group is the one in the path; the body's `group_id` is ignored. Refused with 404
    when no group has this id and with 409 when the user is already a member of it.

    Args:
        id (int):
        body (UserGroupMembershipModel): The membership of a user in an access group.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | UserGroupMembershipModel
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed
