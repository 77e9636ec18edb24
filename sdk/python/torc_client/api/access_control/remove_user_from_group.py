from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.remove_user_from_group_body import RemoveUserFromGroupBody
from ...models.user_group_membership_model import UserGroupMembershipModel
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    user_name: str,
    *,
    body: RemoveUserFromGroupBody | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/access_groups/{id}/members/{user_name}".format(
            id=quote(str(id), safe=""),
            user_name=quote(str(user_name), safe=""),
        ),
    }

    if not isinstance(body, Unset):
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
    user_name: str,
    *,
    client: AuthenticatedClient | Client,
    body: RemoveUserFromGroupBody | Unset = UNSET,
) -> Response[DefaultErrorResponse | UserGroupMembershipModel]:
    """Remove a user from an access group

     Ends a user's membership of a group and answers with the removed membership. The user loses the
    access the group gave them. Refused with 404 when the user is not a member of the group or the group
    does not exist.

    Args:
        id (int):
        user_name (str):
        body (RemoveUserFromGroupBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | UserGroupMembershipModel]
    """

    kwargs = _get_kwargs(
        id=id,
        user_name=user_name,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    user_name: str,
    *,
    client: AuthenticatedClient | Client,
    body: RemoveUserFromGroupBody | Unset = UNSET,
) -> DefaultErrorResponse | UserGroupMembershipModel | None:
    """Remove a user from an access group

     Ends a user's membership of a group and answers with the removed membership. The user loses the
    access the group gave them. Refused with 404 when the user is not a member of the group or the group
    does not exist.

    Args:
        id (int):
        user_name (str):
        body (RemoveUserFromGroupBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | UserGroupMembershipModel
    """

    return sync_detailed(
        id=id,
        user_name=user_name,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: int,
    user_name: str,
    *,
    client: AuthenticatedClient | Client,
    body: RemoveUserFromGroupBody | Unset = UNSET,
) -> Response[DefaultErrorResponse | UserGroupMembershipModel]:
    """Remove a user from an access group

     Ends a user's membership of a group and answers with the removed membership. The user loses the
    access the group gave them. Refused with 404 when the user is not a member of the group or the group
    does not exist.

    Args:
        id (int):
        user_name (str):
        body (RemoveUserFromGroupBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | UserGroupMembershipModel]
    """

    kwargs = _get_kwargs(
        id=id,
        user_name=user_name,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    user_name: str,
    *,
    client: AuthenticatedClient | Client,
    body: RemoveUserFromGroupBody | Unset = UNSET,
) -> DefaultErrorResponse | UserGroupMembershipModel | None:
    """Remove a user from an access group

     Ends a user's membership of a group and answers with the removed membership. The user loses the
    access the group gave them. Refused with 404 when the user is not a member of the group or the group
    does not exist.

    Args:
        id (int):
        user_name (str):
        body (RemoveUserFromGroupBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | UserGroupMembershipModel
    """

    return (
        await asyncio_detailed(
            id=id,
            user_name=user_name,
            client=client,
            body=body,
        )
    ).parsed
