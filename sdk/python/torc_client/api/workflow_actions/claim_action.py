from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.claim_action_request import ClaimActionRequest
from ...models.claim_action_response import ClaimActionResponse
from ...models.default_error_response import DefaultErrorResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    action_id: int,
    *,
    body: ClaimActionRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/workflows/{id}/actions/{action_id}/claim".format(
            id=quote(str(id), safe=""),
            action_id=quote(str(action_id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ClaimActionResponse | DefaultErrorResponse | None:
    if response.status_code == 200:
        response_200 = ClaimActionResponse.from_dict(response.json())

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
) -> Response[ClaimActionResponse | DefaultErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: int,
    action_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ClaimActionRequest | Unset = UNSET,
) -> Response[ClaimActionResponse | DefaultErrorResponse]:
    """Claim an action for execution

     Atomically claims a pending action for the caller, who then executes it. For a
    non-persistent action only the first claim succeeds: it marks the action executed, with the
    time (`executed_at`) and the claiming compute node (`executed_by`), and any later claim is
    refused with 409. A persistent action can be claimed by every runner; each claim records the
    time and the action stays pending.

    The body may name the claiming compute node; a client that is not a runner (for example a
    submission from a login node) sends `{}` or no body. The answer carries `claimed` (read by
    existing clients) and `success`, both true. Refused with 404 when the workflow or the action
    does not exist or the action belongs to another workflow, and with 409 when a non-persistent
    action was already claimed.

    Args:
        id (int):
        action_id (int):
        body (ClaimActionRequest | Unset): The body of `claim_action`; may be `{}`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClaimActionResponse | DefaultErrorResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        action_id=action_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    action_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ClaimActionRequest | Unset = UNSET,
) -> ClaimActionResponse | DefaultErrorResponse | None:
    """Claim an action for execution

     Atomically claims a pending action for the caller, who then executes it. For a
    non-persistent action only the first claim succeeds: it marks the action executed, with the
    time (`executed_at`) and the claiming compute node (`executed_by`), and any later claim is
    refused with 409. A persistent action can be claimed by every runner; each claim records the
    time and the action stays pending.

    The body may name the claiming compute node; a client that is not a runner (for example a
    submission from a login node) sends `{}` or no body. The answer carries `claimed` (read by
    existing clients) and `success`, both true. Refused with 404 when the workflow or the action
    does not exist or the action belongs to another workflow, and with 409 when a non-persistent
    action was already claimed.

    Args:
        id (int):
        action_id (int):
        body (ClaimActionRequest | Unset): The body of `claim_action`; may be `{}`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClaimActionResponse | DefaultErrorResponse
    """

    return sync_detailed(
        id=id,
        action_id=action_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: int,
    action_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ClaimActionRequest | Unset = UNSET,
) -> Response[ClaimActionResponse | DefaultErrorResponse]:
    """Claim an action for execution

     Atomically claims a pending action for the caller, who then executes it. For a
    non-persistent action only the first claim succeeds: it marks the action executed, with the
    time (`executed_at`) and the claiming compute node (`executed_by`), and any later claim is
    refused with 409. A persistent action can be claimed by every runner; each claim records the
    time and the action stays pending.

    The body may name the claiming compute node; a client that is not a runner (for example a
    submission from a login node) sends `{}` or no body. The answer carries `claimed` (read by
    existing clients) and `success`, both true. Refused with 404 when the workflow or the action
    does not exist or the action belongs to another workflow, and with 409 when a non-persistent
    action was already claimed.

    Args:
        id (int):
        action_id (int):
        body (ClaimActionRequest | Unset): The body of `claim_action`; may be `{}`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClaimActionResponse | DefaultErrorResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        action_id=action_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    action_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ClaimActionRequest | Unset = UNSET,
) -> ClaimActionResponse | DefaultErrorResponse | None:
    """Claim an action for execution

     Atomically claims a pending action for the caller, who then executes it. For a
    non-persistent action only the first claim succeeds: it marks the action executed, with the
    time (`executed_at`) and the claiming compute node (`executed_by`), and any later claim is
    refused with 409. A persistent action can be claimed by every runner; each claim records the
    time and the action stays pending.

    The body may name the claiming compute node; a client that is not a runner (for example a
    submission from a login node) sends `{}` or no body. The answer carries `claimed` (read by
    existing clients) and `success`, both true. Refused with 404 when the workflow or the action
    does not exist or the action belongs to another workflow, and with 409 when a non-persistent
    action was already claimed.

    Args:
        id (int):
        action_id (int):
        body (ClaimActionRequest | Unset): The body of `claim_action`; may be `{}`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClaimActionResponse | DefaultErrorResponse
    """

    return (
        await asyncio_detailed(
            id=id,
            action_id=action_id,
            client=client,
            body=body,
        )
    ).parsed
