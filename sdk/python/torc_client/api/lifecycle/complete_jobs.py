from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.complete_jobs_request import CompleteJobsRequest
from ...models.default_error_response import DefaultErrorResponse
from ...models.jobs_response import JobsResponse
from ...types import Response


def _get_kwargs(
    id: int,
    run_id: int,
    *,
    body: CompleteJobsRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/workflows/{id}/complete_jobs/{run_id}".format(
            id=quote(str(id), safe=""),
            run_id=quote(str(run_id), safe=""),
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
    *,
    client: AuthenticatedClient | Client,
    body: CompleteJobsRequest,
) -> Response[DefaultErrorResponse | JobsResponse]:
    """Finish several jobs and store their results at once

     The batched form of `complete_job`, so a runner reports every job that finished since its last
    report in one request. In one transaction each completion is applied as `complete_job` would: the
    result is stored, the job gets its final status, and its dependents are released (made `ready`) or
    canceled. All or nothing: refused with 422 (naming the job) when a status is not a completion
    status, a job is already complete, a job appears twice, or `run_id` is not the workflow's current
    run id; with 404 when the workflow or a job of the workflow does not exist; and then nothing is
    stored. Answers the finished jobs in the order of the request.
    With `claim`, the same transaction then claims more jobs for the reporting runner and starts them on
    its compute node (as `claim_jobs_based_on_resources` or `claim_next_jobs`, then `start_jobs`,
    would), so a runner reports what ended and takes new work in one round trip; jobs released by these
    very completions are among the candidates. `completions` may be empty, to claim only. The claimed
    jobs are answered in `claimed`.
    A runner that keeps a few claimed jobs queued locally (`claim.start` false: they stay `pending`)
    starts them when it has room and reports them in `started` (with its `compute_node_id`); they are
    started, as `start_jobs` would, before the completions apply, so a job may be reported started and
    finished in the same request. Refused with 422 when a started job is not `pending`, with 422 when
    `started` is given without `compute_node_id`.

    Args:
        id (int):
        run_id (int):
        body (CompleteJobsRequest): The jobs a runner reports as finished together (see
            `complete_jobs`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | JobsResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        run_id=run_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    run_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: CompleteJobsRequest,
) -> DefaultErrorResponse | JobsResponse | None:
    """Finish several jobs and store their results at once

     The batched form of `complete_job`, so a runner reports every job that finished since its last
    report in one request. In one transaction each completion is applied as `complete_job` would: the
    result is stored, the job gets its final status, and its dependents are released (made `ready`) or
    canceled. All or nothing: refused with 422 (naming the job) when a status is not a completion
    status, a job is already complete, a job appears twice, or `run_id` is not the workflow's current
    run id; with 404 when the workflow or a job of the workflow does not exist; and then nothing is
    stored. Answers the finished jobs in the order of the request.
    With `claim`, the same transaction then claims more jobs for the reporting runner and starts them on
    its compute node (as `claim_jobs_based_on_resources` or `claim_next_jobs`, then `start_jobs`,
    would), so a runner reports what ended and takes new work in one round trip; jobs released by these
    very completions are among the candidates. `completions` may be empty, to claim only. The claimed
    jobs are answered in `claimed`.
    A runner that keeps a few claimed jobs queued locally (`claim.start` false: they stay `pending`)
    starts them when it has room and reports them in `started` (with its `compute_node_id`); they are
    started, as `start_jobs` would, before the completions apply, so a job may be reported started and
    finished in the same request. Refused with 422 when a started job is not `pending`, with 422 when
    `started` is given without `compute_node_id`.

    Args:
        id (int):
        run_id (int):
        body (CompleteJobsRequest): The jobs a runner reports as finished together (see
            `complete_jobs`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | JobsResponse
    """

    return sync_detailed(
        id=id,
        run_id=run_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: int,
    run_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: CompleteJobsRequest,
) -> Response[DefaultErrorResponse | JobsResponse]:
    """Finish several jobs and store their results at once

     The batched form of `complete_job`, so a runner reports every job that finished since its last
    report in one request. In one transaction each completion is applied as `complete_job` would: the
    result is stored, the job gets its final status, and its dependents are released (made `ready`) or
    canceled. All or nothing: refused with 422 (naming the job) when a status is not a completion
    status, a job is already complete, a job appears twice, or `run_id` is not the workflow's current
    run id; with 404 when the workflow or a job of the workflow does not exist; and then nothing is
    stored. Answers the finished jobs in the order of the request.
    With `claim`, the same transaction then claims more jobs for the reporting runner and starts them on
    its compute node (as `claim_jobs_based_on_resources` or `claim_next_jobs`, then `start_jobs`,
    would), so a runner reports what ended and takes new work in one round trip; jobs released by these
    very completions are among the candidates. `completions` may be empty, to claim only. The claimed
    jobs are answered in `claimed`.
    A runner that keeps a few claimed jobs queued locally (`claim.start` false: they stay `pending`)
    starts them when it has room and reports them in `started` (with its `compute_node_id`); they are
    started, as `start_jobs` would, before the completions apply, so a job may be reported started and
    finished in the same request. Refused with 422 when a started job is not `pending`, with 422 when
    `started` is given without `compute_node_id`.

    Args:
        id (int):
        run_id (int):
        body (CompleteJobsRequest): The jobs a runner reports as finished together (see
            `complete_jobs`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | JobsResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        run_id=run_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    run_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: CompleteJobsRequest,
) -> DefaultErrorResponse | JobsResponse | None:
    """Finish several jobs and store their results at once

     The batched form of `complete_job`, so a runner reports every job that finished since its last
    report in one request. In one transaction each completion is applied as `complete_job` would: the
    result is stored, the job gets its final status, and its dependents are released (made `ready`) or
    canceled. All or nothing: refused with 422 (naming the job) when a status is not a completion
    status, a job is already complete, a job appears twice, or `run_id` is not the workflow's current
    run id; with 404 when the workflow or a job of the workflow does not exist; and then nothing is
    stored. Answers the finished jobs in the order of the request.
    With `claim`, the same transaction then claims more jobs for the reporting runner and starts them on
    its compute node (as `claim_jobs_based_on_resources` or `claim_next_jobs`, then `start_jobs`,
    would), so a runner reports what ended and takes new work in one round trip; jobs released by these
    very completions are among the candidates. `completions` may be empty, to claim only. The claimed
    jobs are answered in `claimed`.
    A runner that keeps a few claimed jobs queued locally (`claim.start` false: they stay `pending`)
    starts them when it has room and reports them in `started` (with its `compute_node_id`); they are
    started, as `start_jobs` would, before the completions apply, so a job may be reported started and
    finished in the same request. Refused with 422 when a started job is not `pending`, with 422 when
    `started` is given without `compute_node_id`.

    Args:
        id (int):
        run_id (int):
        body (CompleteJobsRequest): The jobs a runner reports as finished together (see
            `complete_jobs`).

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
            client=client,
            body=body,
        )
    ).parsed
