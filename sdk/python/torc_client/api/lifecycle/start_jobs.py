from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.jobs_response import JobsResponse
from ...models.start_jobs_request import StartJobsRequest
from ...types import Response


def _get_kwargs(
    id: int,
    run_id: int,
    compute_node_id: int,
    *,
    body: StartJobsRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/workflows/{id}/start_jobs/{run_id}/{compute_node_id}".format(
            id=quote(str(id), safe=""),
            run_id=quote(str(run_id), safe=""),
            compute_node_id=quote(str(compute_node_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DefaultErrorResponse | JobsResponse | None:
    if response.status_code == 200:
        response_200 = JobsResponse.from_dict(response.json())

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
) -> Response[DefaultErrorResponse | JobsResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: int,
    run_id: int,
    compute_node_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: StartJobsRequest,
) -> Response[DefaultErrorResponse | JobsResponse]:
    """Start several claimed jobs at once

     The batched form of `start_job`, for a runner that claimed several jobs: in one transaction every
    listed job becomes `running` with the compute node as its active node, and a `job_started` event is
    recorded for each. All or nothing: refused with 422 (naming the job) when a job is not `pending` or
    `run_id` is not the workflow's current run id, with 404 when the workflow, the compute node or a job
    of the workflow does not exist, and then no job is started. Answers the started jobs in the order of
    the request.

    Args:
        id (int):
        run_id (int):
        compute_node_id (int):
        body (StartJobsRequest): The jobs a runner starts together (see `start_jobs`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | JobsResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        run_id=run_id,
        compute_node_id=compute_node_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    run_id: int,
    compute_node_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: StartJobsRequest,
) -> DefaultErrorResponse | JobsResponse | None:
    """Start several claimed jobs at once

     The batched form of `start_job`, for a runner that claimed several jobs: in one transaction every
    listed job becomes `running` with the compute node as its active node, and a `job_started` event is
    recorded for each. All or nothing: refused with 422 (naming the job) when a job is not `pending` or
    `run_id` is not the workflow's current run id, with 404 when the workflow, the compute node or a job
    of the workflow does not exist, and then no job is started. Answers the started jobs in the order of
    the request.

    Args:
        id (int):
        run_id (int):
        compute_node_id (int):
        body (StartJobsRequest): The jobs a runner starts together (see `start_jobs`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | JobsResponse
    """

    return sync_detailed(
        id=id,
        run_id=run_id,
        compute_node_id=compute_node_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: int,
    run_id: int,
    compute_node_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: StartJobsRequest,
) -> Response[DefaultErrorResponse | JobsResponse]:
    """Start several claimed jobs at once

     The batched form of `start_job`, for a runner that claimed several jobs: in one transaction every
    listed job becomes `running` with the compute node as its active node, and a `job_started` event is
    recorded for each. All or nothing: refused with 422 (naming the job) when a job is not `pending` or
    `run_id` is not the workflow's current run id, with 404 when the workflow, the compute node or a job
    of the workflow does not exist, and then no job is started. Answers the started jobs in the order of
    the request.

    Args:
        id (int):
        run_id (int):
        compute_node_id (int):
        body (StartJobsRequest): The jobs a runner starts together (see `start_jobs`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | JobsResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        run_id=run_id,
        compute_node_id=compute_node_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    run_id: int,
    compute_node_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: StartJobsRequest,
) -> DefaultErrorResponse | JobsResponse | None:
    """Start several claimed jobs at once

     The batched form of `start_job`, for a runner that claimed several jobs: in one transaction every
    listed job becomes `running` with the compute node as its active node, and a `job_started` event is
    recorded for each. All or nothing: refused with 422 (naming the job) when a job is not `pending` or
    `run_id` is not the workflow's current run id, with 404 when the workflow, the compute node or a job
    of the workflow does not exist, and then no job is started. Answers the started jobs in the order of
    the request.

    Args:
        id (int):
        run_id (int):
        compute_node_id (int):
        body (StartJobsRequest): The jobs a runner starts together (see `start_jobs`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | JobsResponse
    """

    return (
        await asyncio_detailed(
            id=id,
            run_id=run_id,
            compute_node_id=compute_node_id,
            client=client,
            body=body,
        )
    ).parsed
