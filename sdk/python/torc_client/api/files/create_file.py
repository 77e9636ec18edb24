from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.file_model import FileModel
from ...types import Response


def _get_kwargs(
    *,
    body: FileModel,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/files",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DefaultErrorResponse | FileModel | None:
    if response.status_code == 200:
        response_200 = FileModel.from_dict(response.json())

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
) -> Response[DefaultErrorResponse | FileModel]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: FileModel,
) -> Response[DefaultErrorResponse | FileModel]:
    """Create a file record

     Records a file that jobs of a workflow read or write. `name` is the name jobs and specs use
    for it, `path` its location on disk. `st_mtime` is the file's modification time in seconds
    since the epoch, when it is known; runners set it when a job produces the file and the
    workflow manager compares it with the disk to detect changed inputs. Which jobs read or
    write the file is set on the jobs (`input_file_ids`, `output_file_ids`).

    Answers with the stored record and its new `id`. Refused with 404 when `workflow_id` names
    no workflow.

    Args:
        body (FileModel): A file that jobs read or write. A job that reads a file depends on the
            job that writes it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | FileModel]
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
    body: FileModel,
) -> DefaultErrorResponse | FileModel | None:
    """Create a file record

     Records a file that jobs of a workflow read or write. `name` is the name jobs and specs use
    for it, `path` its location on disk. `st_mtime` is the file's modification time in seconds
    since the epoch, when it is known; runners set it when a job produces the file and the
    workflow manager compares it with the disk to detect changed inputs. Which jobs read or
    write the file is set on the jobs (`input_file_ids`, `output_file_ids`).

    Answers with the stored record and its new `id`. Refused with 404 when `workflow_id` names
    no workflow.

    Args:
        body (FileModel): A file that jobs read or write. A job that reads a file depends on the
            job that writes it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | FileModel
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: FileModel,
) -> Response[DefaultErrorResponse | FileModel]:
    """Create a file record

     Records a file that jobs of a workflow read or write. `name` is the name jobs and specs use
    for it, `path` its location on disk. `st_mtime` is the file's modification time in seconds
    since the epoch, when it is known; runners set it when a job produces the file and the
    workflow manager compares it with the disk to detect changed inputs. Which jobs read or
    write the file is set on the jobs (`input_file_ids`, `output_file_ids`).

    Answers with the stored record and its new `id`. Refused with 404 when `workflow_id` names
    no workflow.

    Args:
        body (FileModel): A file that jobs read or write. A job that reads a file depends on the
            job that writes it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | FileModel]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: FileModel,
) -> DefaultErrorResponse | FileModel | None:
    """Create a file record

     Records a file that jobs of a workflow read or write. `name` is the name jobs and specs use
    for it, `path` its location on disk. `st_mtime` is the file's modification time in seconds
    since the epoch, when it is known; runners set it when a job produces the file and the
    workflow manager compares it with the disk to detect changed inputs. Which jobs read or
    write the file is set on the jobs (`input_file_ids`, `output_file_ids`).

    Answers with the stored record and its new `id`. Refused with 404 when `workflow_id` names
    no workflow.

    Args:
        body (FileModel): A file that jobs read or write. A job that reads a file depends on the
            job that writes it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | FileModel
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
