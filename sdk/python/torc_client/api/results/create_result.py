from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.result_model import ResultModel
from ...types import Response


def _get_kwargs(
    *,
    body: ResultModel,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/results",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DefaultErrorResponse | ResultModel | None:
    if response.status_code == 200:
        response_200 = ResultModel.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = DefaultErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = DefaultErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = DefaultErrorResponse.from_dict(response.json())

        return response_409

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DefaultErrorResponse | ResultModel]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ResultModel,
) -> Response[DefaultErrorResponse | ResultModel]:
    """Store a result

     Stores the outcome of one run of a job: return code, run id, attempt, the compute node that
    ran it, its execution time in minutes, its completion time, the status it ended in and, when
    monitored, its memory and CPU use. Runners do not call this: `complete_job` stores the
    result and changes the job's status in one step. A result stored here changes no job status
    and becomes part of the job's history (listed with `all_runs=true`); it does not replace the
    job's current result.

    Answers with the stored result and its new `id`. A job has at most one result per run and
    attempt: refused with 409 when (`job_id`, `run_id`, `attempt_id`) already has one. Refused
    with 404 when `workflow_id` names no workflow or `job_id` is not a job of that workflow.

    Args:
        body (ResultModel): The result of one attempt of a job in one run.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | ResultModel]
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
    body: ResultModel,
) -> DefaultErrorResponse | ResultModel | None:
    """Store a result

     Stores the outcome of one run of a job: return code, run id, attempt, the compute node that
    ran it, its execution time in minutes, its completion time, the status it ended in and, when
    monitored, its memory and CPU use. Runners do not call this: `complete_job` stores the
    result and changes the job's status in one step. A result stored here changes no job status
    and becomes part of the job's history (listed with `all_runs=true`); it does not replace the
    job's current result.

    Answers with the stored result and its new `id`. A job has at most one result per run and
    attempt: refused with 409 when (`job_id`, `run_id`, `attempt_id`) already has one. Refused
    with 404 when `workflow_id` names no workflow or `job_id` is not a job of that workflow.

    Args:
        body (ResultModel): The result of one attempt of a job in one run.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | ResultModel
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ResultModel,
) -> Response[DefaultErrorResponse | ResultModel]:
    """Store a result

     Stores the outcome of one run of a job: return code, run id, attempt, the compute node that
    ran it, its execution time in minutes, its completion time, the status it ended in and, when
    monitored, its memory and CPU use. Runners do not call this: `complete_job` stores the
    result and changes the job's status in one step. A result stored here changes no job status
    and becomes part of the job's history (listed with `all_runs=true`); it does not replace the
    job's current result.

    Answers with the stored result and its new `id`. A job has at most one result per run and
    attempt: refused with 409 when (`job_id`, `run_id`, `attempt_id`) already has one. Refused
    with 404 when `workflow_id` names no workflow or `job_id` is not a job of that workflow.

    Args:
        body (ResultModel): The result of one attempt of a job in one run.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | ResultModel]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ResultModel,
) -> DefaultErrorResponse | ResultModel | None:
    """Store a result

     Stores the outcome of one run of a job: return code, run id, attempt, the compute node that
    ran it, its execution time in minutes, its completion time, the status it ended in and, when
    monitored, its memory and CPU use. Runners do not call this: `complete_job` stores the
    result and changes the job's status in one step. A result stored here changes no job status
    and becomes part of the job's history (listed with `all_runs=true`); it does not replace the
    job's current result.

    Answers with the stored result and its new `id`. A job has at most one result per run and
    attempt: refused with 409 when (`job_id`, `run_id`, `attempt_id`) already has one. Refused
    with 404 when `workflow_id` names no workflow or `job_id` is not a job of that workflow.

    Args:
        body (ResultModel): The result of one attempt of a job in one run.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | ResultModel
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
