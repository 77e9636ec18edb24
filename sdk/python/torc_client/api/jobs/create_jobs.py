from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_jobs_response import CreateJobsResponse
from ...models.default_error_response import DefaultErrorResponse
from ...models.jobs_model import JobsModel
from ...types import Response


def _get_kwargs(
    *,
    body: JobsModel,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/bulk_jobs",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CreateJobsResponse | DefaultErrorResponse | None:
    if response.status_code == 200:
        response_200 = CreateJobsResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = DefaultErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = DefaultErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = DefaultErrorResponse.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CreateJobsResponse | DefaultErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: JobsModel,
) -> Response[CreateJobsResponse | DefaultErrorResponse]:
    """Create many jobs at once

     Creates the jobs of the body (`{"jobs": [...]}`), each with its dependencies and its input and
    output files and user data, in one transaction: either all are created or none. Answers the created
    jobs in the same order as the request. Jobs may depend on jobs created earlier, not on jobs of the
    same request. Each job starts `uninitialized` and gets the workflow's `default` resource
    requirements when it has no `resource_requirements_id`. Send at most 10,000 jobs per request.
    Refused with 422 when the jobs do not all belong to the same workflow, and with 404 when the
    workflow or any referenced record does not exist.

    Args:
        body (JobsModel): A batch of jobs to create with `create_jobs`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateJobsResponse | DefaultErrorResponse]
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
    body: JobsModel,
) -> CreateJobsResponse | DefaultErrorResponse | None:
    """Create many jobs at once

     Creates the jobs of the body (`{"jobs": [...]}`), each with its dependencies and its input and
    output files and user data, in one transaction: either all are created or none. Answers the created
    jobs in the same order as the request. Jobs may depend on jobs created earlier, not on jobs of the
    same request. Each job starts `uninitialized` and gets the workflow's `default` resource
    requirements when it has no `resource_requirements_id`. Send at most 10,000 jobs per request.
    Refused with 422 when the jobs do not all belong to the same workflow, and with 404 when the
    workflow or any referenced record does not exist.

    Args:
        body (JobsModel): A batch of jobs to create with `create_jobs`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateJobsResponse | DefaultErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: JobsModel,
) -> Response[CreateJobsResponse | DefaultErrorResponse]:
    """Create many jobs at once

     Creates the jobs of the body (`{"jobs": [...]}`), each with its dependencies and its input and
    output files and user data, in one transaction: either all are created or none. Answers the created
    jobs in the same order as the request. Jobs may depend on jobs created earlier, not on jobs of the
    same request. Each job starts `uninitialized` and gets the workflow's `default` resource
    requirements when it has no `resource_requirements_id`. Send at most 10,000 jobs per request.
    Refused with 422 when the jobs do not all belong to the same workflow, and with 404 when the
    workflow or any referenced record does not exist.

    Args:
        body (JobsModel): A batch of jobs to create with `create_jobs`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateJobsResponse | DefaultErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: JobsModel,
) -> CreateJobsResponse | DefaultErrorResponse | None:
    """Create many jobs at once

     Creates the jobs of the body (`{"jobs": [...]}`), each with its dependencies and its input and
    output files and user data, in one transaction: either all are created or none. Answers the created
    jobs in the same order as the request. Jobs may depend on jobs created earlier, not on jobs of the
    same request. Each job starts `uninitialized` and gets the workflow's `default` resource
    requirements when it has no `resource_requirements_id`. Send at most 10,000 jobs per request.
    Refused with 422 when the jobs do not all belong to the same workflow, and with 404 when the
    workflow or any referenced record does not exist.

    Args:
        body (JobsModel): A batch of jobs to create with `create_jobs`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateJobsResponse | DefaultErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
