from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.delete_files_body import DeleteFilesBody
from ...models.delete_files_response import DeleteFilesResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: DeleteFilesBody | Unset = UNSET,
    workflow_id: int,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["workflow_id"] = workflow_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/files",
        "params": params,
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DefaultErrorResponse | DeleteFilesResponse | None:
    if response.status_code == 200:
        response_200 = DeleteFilesResponse.from_dict(response.json())

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
) -> Response[DefaultErrorResponse | DeleteFilesResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: DeleteFilesBody | Unset = UNSET,
    workflow_id: int,
) -> Response[DefaultErrorResponse | DeleteFilesResponse]:
    """Delete all file records of a workflow

     Deletes every file record of the workflow named by `workflow_id` and answers with how many were
    deleted (0 when there were none). The workflow itself is not changed. Only the records are deleted,
    never the files on disk; the jobs of the workflow lose their links to the deleted files. Refused
    with 404 when the workflow does not exist.

    Args:
        workflow_id (int):
        body (DeleteFilesBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | DeleteFilesResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        workflow_id=workflow_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: DeleteFilesBody | Unset = UNSET,
    workflow_id: int,
) -> DefaultErrorResponse | DeleteFilesResponse | None:
    """Delete all file records of a workflow

     Deletes every file record of the workflow named by `workflow_id` and answers with how many were
    deleted (0 when there were none). The workflow itself is not changed. Only the records are deleted,
    never the files on disk; the jobs of the workflow lose their links to the deleted files. Refused
    with 404 when the workflow does not exist.

    Args:
        workflow_id (int):
        body (DeleteFilesBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | DeleteFilesResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        workflow_id=workflow_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: DeleteFilesBody | Unset = UNSET,
    workflow_id: int,
) -> Response[DefaultErrorResponse | DeleteFilesResponse]:
    """Delete all file records of a workflow

     Deletes every file record of the workflow named by `workflow_id` and answers with how many were
    deleted (0 when there were none). The workflow itself is not changed. Only the records are deleted,
    never the files on disk; the jobs of the workflow lose their links to the deleted files. Refused
    with 404 when the workflow does not exist.

    Args:
        workflow_id (int):
        body (DeleteFilesBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | DeleteFilesResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        workflow_id=workflow_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: DeleteFilesBody | Unset = UNSET,
    workflow_id: int,
) -> DefaultErrorResponse | DeleteFilesResponse | None:
    """Delete all file records of a workflow

     Deletes every file record of the workflow named by `workflow_id` and answers with how many were
    deleted (0 when there were none). The workflow itself is not changed. Only the records are deleted,
    never the files on disk; the jobs of the workflow lose their links to the deleted files. Refused
    with 404 when the workflow does not exist.

    Args:
        workflow_id (int):
        body (DeleteFilesBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | DeleteFilesResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            workflow_id=workflow_id,
        )
    ).parsed
