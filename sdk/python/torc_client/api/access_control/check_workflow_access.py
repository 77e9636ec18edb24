from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.access_check_response import AccessCheckResponse
from ...models.default_error_response import DefaultErrorResponse
from ...types import Response


def _get_kwargs(
    workflow_id: int,
    user_name: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/access_check/{workflow_id}/{user_name}".format(
            workflow_id=quote(str(workflow_id), safe=""),
            user_name=quote(str(user_name), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AccessCheckResponse | DefaultErrorResponse | None:
    if response.status_code == 200:
        response_200 = AccessCheckResponse.from_dict(response.json())

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
) -> Response[AccessCheckResponse | DefaultErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    workflow_id: int,
    user_name: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[AccessCheckResponse | DefaultErrorResponse]:
    """Check whether a user may use a workflow

     Answers whether the user may use the workflow: `has_access` is true when the user owns the workflow
    or belongs to a group the workflow has been added to. The answer is the same whether or not the
    server enforces access control. Refused with 404 when the workflow does not exist.

    Args:
        workflow_id (int):
        user_name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccessCheckResponse | DefaultErrorResponse]
    """

    kwargs = _get_kwargs(
        workflow_id=workflow_id,
        user_name=user_name,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    workflow_id: int,
    user_name: str,
    *,
    client: AuthenticatedClient | Client,
) -> AccessCheckResponse | DefaultErrorResponse | None:
    """Check whether a user may use a workflow

     Answers whether the user may use the workflow: `has_access` is true when the user owns the workflow
    or belongs to a group the workflow has been added to. The answer is the same whether or not the
    server enforces access control. Refused with 404 when the workflow does not exist.

    Args:
        workflow_id (int):
        user_name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccessCheckResponse | DefaultErrorResponse
    """

    return sync_detailed(
        workflow_id=workflow_id,
        user_name=user_name,
        client=client,
    ).parsed


async def asyncio_detailed(
    workflow_id: int,
    user_name: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[AccessCheckResponse | DefaultErrorResponse]:
    """Check whether a user may use a workflow

     Answers whether the user may use the workflow: `has_access` is true when the user owns the workflow
    or belongs to a group the workflow has been added to. The answer is the same whether or not the
    server enforces access control. Refused with 404 when the workflow does not exist.

    Args:
        workflow_id (int):
        user_name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccessCheckResponse | DefaultErrorResponse]
    """

    kwargs = _get_kwargs(
        workflow_id=workflow_id,
        user_name=user_name,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    workflow_id: int,
    user_name: str,
    *,
    client: AuthenticatedClient | Client,
) -> AccessCheckResponse | DefaultErrorResponse | None:
    """Check whether a user may use a workflow

     Answers whether the user may use the workflow: `has_access` is true when the user owns the workflow
    or belongs to a group the workflow has been added to. The answer is the same whether or not the
    server enforces access control. Refused with 404 when the workflow does not exist.

    Args:
        workflow_id (int):
        user_name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccessCheckResponse | DefaultErrorResponse
    """

    return (
        await asyncio_detailed(
            workflow_id=workflow_id,
            user_name=user_name,
            client=client,
        )
    ).parsed
