from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.is_complete_response import IsCompleteResponse
from ...types import Response


def _get_kwargs(
    id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/workflows/{id}/is_complete".format(
            id=quote(str(id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DefaultErrorResponse | IsCompleteResponse | None:
    if response.status_code == 200:
        response_200 = IsCompleteResponse.from_dict(response.json())

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
) -> Response[DefaultErrorResponse | IsCompleteResponse]:
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
) -> Response[DefaultErrorResponse | IsCompleteResponse]:
    """Check whether a workflow is complete

     Answers whether the workflow is complete: it is canceled, or every job is `completed`, `failed`,
    `canceled` or `disabled` (a `terminated` job still has to run). Job runners poll it to know when to
    stop, and stop their jobs when `is_canceled` is true. It changes nothing. Refused with 404 when the
    workflow does not exist.

    Args:
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | IsCompleteResponse]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient | Client,
) -> DefaultErrorResponse | IsCompleteResponse | None:
    """Check whether a workflow is complete

     Answers whether the workflow is complete: it is canceled, or every job is `completed`, `failed`,
    `canceled` or `disabled` (a `terminated` job still has to run). Job runners poll it to know when to
    stop, and stop their jobs when `is_canceled` is true. It changes nothing. Refused with 404 when the
    workflow does not exist.

    Args:
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | IsCompleteResponse
    """

    return sync_detailed(
        id=id,
        client=client,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[DefaultErrorResponse | IsCompleteResponse]:
    """Check whether a workflow is complete

     Answers whether the workflow is complete: it is canceled, or every job is `completed`, `failed`,
    `canceled` or `disabled` (a `terminated` job still has to run). Job runners poll it to know when to
    stop, and stop their jobs when `is_canceled` is true. It changes nothing. Refused with 404 when the
    workflow does not exist.

    Args:
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | IsCompleteResponse]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient | Client,
) -> DefaultErrorResponse | IsCompleteResponse | None:
    """Check whether a workflow is complete

     Answers whether the workflow is complete: it is canceled, or every job is `completed`, `failed`,
    `canceled` or `disabled` (a `terminated` job still has to run). Job runners poll it to know when to
    stop, and stop their jobs when `is_canceled` is true. It changes nothing. Refused with 404 when the
    workflow does not exist.

    Args:
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | IsCompleteResponse
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
        )
    ).parsed
