from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.list_required_existing_files_response import (
    ListRequiredExistingFilesResponse,
)
from ...types import Response


def _get_kwargs(
    id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/workflows/{id}/required_existing_files".format(
            id=quote(str(id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DefaultErrorResponse | ListRequiredExistingFilesResponse | None:
    if response.status_code == 200:
        response_200 = ListRequiredExistingFilesResponse.from_dict(response.json())

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
) -> Response[DefaultErrorResponse | ListRequiredExistingFilesResponse]:
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
) -> Response[DefaultErrorResponse | ListRequiredExistingFilesResponse]:
    """List files that must exist before a run

     Answers the ids of the workflow's files that must already exist on disk when a run starts: files
    that a job consumes and no job produces (inputs provided by the user), and files produced by jobs
    that are already `completed`. Clients check that each path exists before starting a run. It changes
    nothing. Refused with 404 when the workflow does not exist.

    Args:
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | ListRequiredExistingFilesResponse]
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
) -> DefaultErrorResponse | ListRequiredExistingFilesResponse | None:
    """List files that must exist before a run

     Answers the ids of the workflow's files that must already exist on disk when a run starts: files
    that a job consumes and no job produces (inputs provided by the user), and files produced by jobs
    that are already `completed`. Clients check that each path exists before starting a run. It changes
    nothing. Refused with 404 when the workflow does not exist.

    Args:
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | ListRequiredExistingFilesResponse
    """

    return sync_detailed(
        id=id,
        client=client,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[DefaultErrorResponse | ListRequiredExistingFilesResponse]:
    """List files that must exist before a run

     Answers the ids of the workflow's files that must already exist on disk when a run starts: files
    that a job consumes and no job produces (inputs provided by the user), and files produced by jobs
    that are already `completed`. Clients check that each path exists before starting a run. It changes
    nothing. Refused with 404 when the workflow does not exist.

    Args:
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | ListRequiredExistingFilesResponse]
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
) -> DefaultErrorResponse | ListRequiredExistingFilesResponse | None:
    """List files that must exist before a run

     Answers the ids of the workflow's files that must already exist on disk when a run starts: files
    that a job consumes and no job produces (inputs provided by the user), and files produced by jobs
    that are already `completed`. Clients check that each path exists before starting a run. It changes
    nothing. Refused with 404 when the workflow does not exist.

    Args:
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | ListRequiredExistingFilesResponse
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
        )
    ).parsed
