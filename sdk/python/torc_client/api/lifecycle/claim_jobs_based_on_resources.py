from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.claim_jobs_based_on_resources_response import (
    ClaimJobsBasedOnResourcesResponse,
)
from ...models.compute_nodes_resources import ComputeNodesResources
from ...models.default_error_response import DefaultErrorResponse
from ...models.jobs_sort_method import JobsSortMethod
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    limit: int,
    *,
    body: ComputeNodesResources,
    sort_method: JobsSortMethod | Unset = UNSET,
    strict_scheduler_match: bool | Unset = False,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    json_sort_method: str | Unset = UNSET
    if not isinstance(sort_method, Unset):
        json_sort_method = sort_method.value

    params["sort_method"] = json_sort_method

    params["strict_scheduler_match"] = strict_scheduler_match

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/workflows/{id}/claim_jobs_based_on_resources/{limit}".format(
            id=quote(str(id), safe=""),
            limit=quote(str(limit), safe=""),
        ),
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ClaimJobsBasedOnResourcesResponse | DefaultErrorResponse | None:
    if response.status_code == 200:
        response_200 = ClaimJobsBasedOnResourcesResponse.from_dict(response.json())

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
) -> Response[ClaimJobsBasedOnResourcesResponse | DefaultErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: int,
    limit: int,
    *,
    client: AuthenticatedClient | Client,
    body: ComputeNodesResources,
    sort_method: JobsSortMethod | Unset = UNSET,
    strict_scheduler_match: bool | Unset = False,
) -> Response[ClaimJobsBasedOnResourcesResponse | DefaultErrorResponse]:
    """Claim ready jobs that fit a runner's free resources

     A job runner sends the resources it has free (CPUs, memory, GPUs, nodes, the time left in its
    allocation) and claims ready jobs that fit, in one atomic transaction: the claimed jobs become
    `pending` and no other runner can claim them. The runner then starts each job with
    `start_job`.

    Candidates are the workflow's `ready` jobs whose resource requirements each fit the body
    (memory, CPUs, GPUs, nodes, and runtime within `time_limit`) and whose `scheduler_id` is unset
    or equals the body's `scheduler_config_id`. When no job matches the scheduler and
    `strict_scheduler_match` is false, jobs of any scheduler are considered. The candidates are
    ordered by `sort_method`, at most `limit` of them are taken, and they are packed greedily: a
    job is accepted while the accepted jobs' total CPUs, memory and GPUs stay within the body's
    (jobs that need several nodes also count against `num_nodes`; single-node jobs share nodes);
    a job that does not fit is skipped and the next one tried.

    When the workflow is canceled the answer is `{"jobs": [], "reason": "Workflow is canceled"}`.
    Refused with 404 when the workflow does not exist and with 422 when `time_limit` is not an
    ISO-8601 duration.

    Args:
        id (int):
        limit (int):
        sort_method (JobsSortMethod | Unset): Order in which `claim_jobs_based_on_resources`
            considers ready jobs:
            `gpus_runtime_memory` = most GPUs first, then longest runtime, then most memory;
            `gpus_memory_runtime` = most GPUs first, then most memory, then longest runtime;
            `none` = no particular order.
        strict_scheduler_match (bool | Unset):  Default: False.
        body (ComputeNodesResources): The resources a job runner has free now, sent to
            `claim_jobs_based_on_resources`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClaimJobsBasedOnResourcesResponse | DefaultErrorResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        limit=limit,
        body=body,
        sort_method=sort_method,
        strict_scheduler_match=strict_scheduler_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    limit: int,
    *,
    client: AuthenticatedClient | Client,
    body: ComputeNodesResources,
    sort_method: JobsSortMethod | Unset = UNSET,
    strict_scheduler_match: bool | Unset = False,
) -> ClaimJobsBasedOnResourcesResponse | DefaultErrorResponse | None:
    """Claim ready jobs that fit a runner's free resources

     A job runner sends the resources it has free (CPUs, memory, GPUs, nodes, the time left in its
    allocation) and claims ready jobs that fit, in one atomic transaction: the claimed jobs become
    `pending` and no other runner can claim them. The runner then starts each job with
    `start_job`.

    Candidates are the workflow's `ready` jobs whose resource requirements each fit the body
    (memory, CPUs, GPUs, nodes, and runtime within `time_limit`) and whose `scheduler_id` is unset
    or equals the body's `scheduler_config_id`. When no job matches the scheduler and
    `strict_scheduler_match` is false, jobs of any scheduler are considered. The candidates are
    ordered by `sort_method`, at most `limit` of them are taken, and they are packed greedily: a
    job is accepted while the accepted jobs' total CPUs, memory and GPUs stay within the body's
    (jobs that need several nodes also count against `num_nodes`; single-node jobs share nodes);
    a job that does not fit is skipped and the next one tried.

    When the workflow is canceled the answer is `{"jobs": [], "reason": "Workflow is canceled"}`.
    Refused with 404 when the workflow does not exist and with 422 when `time_limit` is not an
    ISO-8601 duration.

    Args:
        id (int):
        limit (int):
        sort_method (JobsSortMethod | Unset): Order in which `claim_jobs_based_on_resources`
            considers ready jobs:
            `gpus_runtime_memory` = most GPUs first, then longest runtime, then most memory;
            `gpus_memory_runtime` = most GPUs first, then most memory, then longest runtime;
            `none` = no particular order.
        strict_scheduler_match (bool | Unset):  Default: False.
        body (ComputeNodesResources): The resources a job runner has free now, sent to
            `claim_jobs_based_on_resources`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClaimJobsBasedOnResourcesResponse | DefaultErrorResponse
    """

    return sync_detailed(
        id=id,
        limit=limit,
        client=client,
        body=body,
        sort_method=sort_method,
        strict_scheduler_match=strict_scheduler_match,
    ).parsed


async def asyncio_detailed(
    id: int,
    limit: int,
    *,
    client: AuthenticatedClient | Client,
    body: ComputeNodesResources,
    sort_method: JobsSortMethod | Unset = UNSET,
    strict_scheduler_match: bool | Unset = False,
) -> Response[ClaimJobsBasedOnResourcesResponse | DefaultErrorResponse]:
    """Claim ready jobs that fit a runner's free resources

     A job runner sends the resources it has free (CPUs, memory, GPUs, nodes, the time left in its
    allocation) and claims ready jobs that fit, in one atomic transaction: the claimed jobs become
    `pending` and no other runner can claim them. The runner then starts each job with
    `start_job`.

    Candidates are the workflow's `ready` jobs whose resource requirements each fit the body
    (memory, CPUs, GPUs, nodes, and runtime within `time_limit`) and whose `scheduler_id` is unset
    or equals the body's `scheduler_config_id`. When no job matches the scheduler and
    `strict_scheduler_match` is false, jobs of any scheduler are considered. The candidates are
    ordered by `sort_method`, at most `limit` of them are taken, and they are packed greedily: a
    job is accepted while the accepted jobs' total CPUs, memory and GPUs stay within the body's
    (jobs that need several nodes also count against `num_nodes`; single-node jobs share nodes);
    a job that does not fit is skipped and the next one tried.

    When the workflow is canceled the answer is `{"jobs": [], "reason": "Workflow is canceled"}`.
    Refused with 404 when the workflow does not exist and with 422 when `time_limit` is not an
    ISO-8601 duration.

    Args:
        id (int):
        limit (int):
        sort_method (JobsSortMethod | Unset): Order in which `claim_jobs_based_on_resources`
            considers ready jobs:
            `gpus_runtime_memory` = most GPUs first, then longest runtime, then most memory;
            `gpus_memory_runtime` = most GPUs first, then most memory, then longest runtime;
            `none` = no particular order.
        strict_scheduler_match (bool | Unset):  Default: False.
        body (ComputeNodesResources): The resources a job runner has free now, sent to
            `claim_jobs_based_on_resources`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClaimJobsBasedOnResourcesResponse | DefaultErrorResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        limit=limit,
        body=body,
        sort_method=sort_method,
        strict_scheduler_match=strict_scheduler_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    limit: int,
    *,
    client: AuthenticatedClient | Client,
    body: ComputeNodesResources,
    sort_method: JobsSortMethod | Unset = UNSET,
    strict_scheduler_match: bool | Unset = False,
) -> ClaimJobsBasedOnResourcesResponse | DefaultErrorResponse | None:
    """Claim ready jobs that fit a runner's free resources

     A job runner sends the resources it has free (CPUs, memory, GPUs, nodes, the time left in its
    allocation) and claims ready jobs that fit, in one atomic transaction: the claimed jobs become
    `pending` and no other runner can claim them. The runner then starts each job with
    `start_job`.

    Candidates are the workflow's `ready` jobs whose resource requirements each fit the body
    (memory, CPUs, GPUs, nodes, and runtime within `time_limit`) and whose `scheduler_id` is unset
    or equals the body's `scheduler_config_id`. When no job matches the scheduler and
    `strict_scheduler_match` is false, jobs of any scheduler are considered. The candidates are
    ordered by `sort_method`, at most `limit` of them are taken, and they are packed greedily: a
    job is accepted while the accepted jobs' total CPUs, memory and GPUs stay within the body's
    (jobs that need several nodes also count against `num_nodes`; single-node jobs share nodes);
    a job that does not fit is skipped and the next one tried.

    When the workflow is canceled the answer is `{"jobs": [], "reason": "Workflow is canceled"}`.
    Refused with 404 when the workflow does not exist and with 422 when `time_limit` is not an
    ISO-8601 duration.

    Args:
        id (int):
        limit (int):
        sort_method (JobsSortMethod | Unset): Order in which `claim_jobs_based_on_resources`
            considers ready jobs:
            `gpus_runtime_memory` = most GPUs first, then longest runtime, then most memory;
            `gpus_memory_runtime` = most GPUs first, then most memory, then longest runtime;
            `none` = no particular order.
        strict_scheduler_match (bool | Unset):  Default: False.
        body (ComputeNodesResources): The resources a job runner has free now, sent to
            `claim_jobs_based_on_resources`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClaimJobsBasedOnResourcesResponse | DefaultErrorResponse
    """

    return (
        await asyncio_detailed(
            id=id,
            limit=limit,
            client=client,
            body=body,
            sort_method=sort_method,
            strict_scheduler_match=strict_scheduler_match,
        )
    ).parsed
