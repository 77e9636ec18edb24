from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.job_model import JobModel
from ...types import Response


def _get_kwargs(
    *,
    body: JobModel,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/jobs",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DefaultErrorResponse | JobModel | None:
    if response.status_code == 200:
        response_200 = JobModel.from_dict(response.json())

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
) -> Response[DefaultErrorResponse | JobModel]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: JobModel,
) -> Response[DefaultErrorResponse | JobModel]:
    """Create a job

     Creates one job, with its dependencies and its input and output files and user data, in one
    transaction. The job starts `uninitialized` whatever `status` the body carries. Without
    `resource_requirements_id` it gets the workflow's `default` resource requirements. To create many
    jobs, use `create_jobs`. Refused with 404 when the workflow or any referenced job, file, user data,
    resource requirements, scheduler or failure handler does not exist.

    Args:
        body (JobModel): A job: a command that a job runner executes once its dependencies are
            complete, with the files and user data it reads and writes and the resources it needs.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | JobModel]
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
    body: JobModel,
) -> DefaultErrorResponse | JobModel | None:
    """Create a job

     Creates one job, with its dependencies and its input and output files and user data, in one
    transaction. The job starts `uninitialized` whatever `status` the body carries. Without
    `resource_requirements_id` it gets the workflow's `default` resource requirements. To create many
    jobs, use `create_jobs`. Refused with 404 when the workflow or any referenced job, file, user data,
    resource requirements, scheduler or failure handler does not exist.

    Args:
        body (JobModel): A job: a command that a job runner executes once its dependencies are
            complete, with the files and user data it reads and writes and the resources it needs.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | JobModel
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: JobModel,
) -> Response[DefaultErrorResponse | JobModel]:
    """Create a job

     Creates one job, with its dependencies and its input and output files and user data, in one
    transaction. The job starts `uninitialized` whatever `status` the body carries. Without
    `resource_requirements_id` it gets the workflow's `default` resource requirements. To create many
    jobs, use `create_jobs`. Refused with 404 when the workflow or any referenced job, file, user data,
    resource requirements, scheduler or failure handler does not exist.

    Args:
        body (JobModel): A job: a command that a job runner executes once its dependencies are
            complete, with the files and user data it reads and writes and the resources it needs.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | JobModel]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: JobModel,
) -> DefaultErrorResponse | JobModel | None:
    """Create a job

     Creates one job, with its dependencies and its input and output files and user data, in one
    transaction. The job starts `uninitialized` whatever `status` the body carries. Without
    `resource_requirements_id` it gets the workflow's `default` resource requirements. To create many
    jobs, use `create_jobs`. Refused with 404 when the workflow or any referenced job, file, user data,
    resource requirements, scheduler or failure handler does not exist.

    Args:
        body (JobModel): A job: a command that a job runner executes once its dependencies are
            complete, with the files and user data it reads and writes and the resources it needs.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | JobModel
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
