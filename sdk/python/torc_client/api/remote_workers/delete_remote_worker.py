from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.remote_worker_model import RemoteWorkerModel
from ...types import Response


def _get_kwargs(
    id: int,
    worker: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/workflows/{id}/remote_workers/{worker}".format(
            id=quote(str(id), safe=""),
            worker=quote(str(worker), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DefaultErrorResponse | RemoteWorkerModel | None:
    if response.status_code == 200:
        response_200 = RemoteWorkerModel.from_dict(response.json())

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
) -> Response[DefaultErrorResponse | RemoteWorkerModel]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: int,
    worker: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[DefaultErrorResponse | RemoteWorkerModel]:
    """Remove a remote worker from a workflow

     Unregisters one worker address from the workflow and answers with the removed record. Runners
    already started on that machine are not stopped. Refused with 404 when the workflow does not exist
    or the address is not registered for it.

    Args:
        id (int):
        worker (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | RemoteWorkerModel]
    """

    kwargs = _get_kwargs(
        id=id,
        worker=worker,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    worker: str,
    *,
    client: AuthenticatedClient | Client,
) -> DefaultErrorResponse | RemoteWorkerModel | None:
    """Remove a remote worker from a workflow

     Unregisters one worker address from the workflow and answers with the removed record. Runners
    already started on that machine are not stopped. Refused with 404 when the workflow does not exist
    or the address is not registered for it.

    Args:
        id (int):
        worker (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | RemoteWorkerModel
    """

    return sync_detailed(
        id=id,
        worker=worker,
        client=client,
    ).parsed


async def asyncio_detailed(
    id: int,
    worker: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[DefaultErrorResponse | RemoteWorkerModel]:
    """Remove a remote worker from a workflow

     Unregisters one worker address from the workflow and answers with the removed record. Runners
    already started on that machine are not stopped. Refused with 404 when the workflow does not exist
    or the address is not registered for it.

    Args:
        id (int):
        worker (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | RemoteWorkerModel]
    """

    kwargs = _get_kwargs(
        id=id,
        worker=worker,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    worker: str,
    *,
    client: AuthenticatedClient | Client,
) -> DefaultErrorResponse | RemoteWorkerModel | None:
    """Remove a remote worker from a workflow

     Unregisters one worker address from the workflow and answers with the removed record. Runners
    already started on that machine are not stopped. Refused with 404 when the workflow does not exist
    or the address is not registered for it.

    Args:
        id (int):
        worker (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | RemoteWorkerModel
    """

    return (
        await asyncio_detailed(
            id=id,
            worker=worker,
            client=client,
        )
    ).parsed
