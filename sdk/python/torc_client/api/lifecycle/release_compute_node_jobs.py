from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.jobs_response import JobsResponse
from ...models.release_compute_node_jobs_request import ReleaseComputeNodeJobsRequest
from ...types import Response


def _get_kwargs(
    id: int,
    *,
    body: ReleaseComputeNodeJobsRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/workflows/{id}/release_compute_node_jobs".format(
            id=quote(str(id), safe=""),
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
    *,
    client: AuthenticatedClient | Client,
    body: ReleaseComputeNodeJobsRequest,
) -> Response[DefaultErrorResponse | JobsResponse]:
    """Give back the jobs of compute nodes whose runners are gone

     For a runner that starts on a workflow and finds jobs held by runners that are no longer alive
    (killed, or exited with claimed jobs it never started): in one transaction, every job of the
    workflow that is `pending` (claimed) or `running` on one of `compute_node_ids` becomes `ready`
    again, so that a runner claims and runs it, and those compute nodes are marked inactive. A
    `job_status_changed` event is broadcast for each job. Answers the released jobs in `jobs`. Refused
    with 404 when the workflow or one of the compute nodes does not exist, with 422 when a compute node
    belongs to another workflow.

    Args:
        id (int):
        body (ReleaseComputeNodeJobsRequest): The body of `release_compute_node_jobs`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | JobsResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ReleaseComputeNodeJobsRequest,
) -> DefaultErrorResponse | JobsResponse | None:
    """Give back the jobs of compute nodes whose runners are gone

     For a runner that starts on a workflow and finds jobs held by runners that are no longer alive
    (killed, or exited with claimed jobs it never started): in one transaction, every job of the
    workflow that is `pending` (claimed) or `running` on one of `compute_node_ids` becomes `ready`
    again, so that a runner claims and runs it, and those compute nodes are marked inactive. A
    `job_status_changed` event is broadcast for each job. Answers the released jobs in `jobs`. Refused
    with 404 when the workflow or one of the compute nodes does not exist, with 422 when a compute node
    belongs to another workflow.

    Args:
        id (int):
        body (ReleaseComputeNodeJobsRequest): The body of `release_compute_node_jobs`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | JobsResponse
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ReleaseComputeNodeJobsRequest,
) -> Response[DefaultErrorResponse | JobsResponse]:
    """Give back the jobs of compute nodes whose runners are gone

     For a runner that starts on a workflow and finds jobs held by runners that are no longer alive
    (killed, or exited with claimed jobs it never started): in one transaction, every job of the
    workflow that is `pending` (claimed) or `running` on one of `compute_node_ids` becomes `ready`
    again, so that a runner claims and runs it, and those compute nodes are marked inactive. A
    `job_status_changed` event is broadcast for each job. Answers the released jobs in `jobs`. Refused
    with 404 when the workflow or one of the compute nodes does not exist, with 422 when a compute node
    belongs to another workflow.

    Args:
        id (int):
        body (ReleaseComputeNodeJobsRequest): The body of `release_compute_node_jobs`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | JobsResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ReleaseComputeNodeJobsRequest,
) -> DefaultErrorResponse | JobsResponse | None:
    """Give back the jobs of compute nodes whose runners are gone

     For a runner that starts on a workflow and finds jobs held by runners that are no longer alive
    (killed, or exited with claimed jobs it never started): in one transaction, every job of the
    workflow that is `pending` (claimed) or `running` on one of `compute_node_ids` becomes `ready`
    again, so that a runner claims and runs it, and those compute nodes are marked inactive. A
    `job_status_changed` event is broadcast for each job. Answers the released jobs in `jobs`. Refused
    with 404 when the workflow or one of the compute nodes does not exist, with 422 when a compute node
    belongs to another workflow.

    Args:
        id (int):
        body (ReleaseComputeNodeJobsRequest): The body of `release_compute_node_jobs`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | JobsResponse
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed
