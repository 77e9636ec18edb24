from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.job_model import JobModel
from ...models.retry_job_body import RetryJobBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    run_id: int,
    *,
    body: RetryJobBody | Unset = UNSET,
    max_retries: int | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["max_retries"] = max_retries

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/jobs/{id}/retry/{run_id}".format(
            id=quote(str(id), safe=""),
            run_id=quote(str(run_id), safe=""),
        ),
        "params": params,
    }

    if not isinstance(body, Unset):
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

    if response.status_code == 422:
        response_422 = DefaultErrorResponse.from_dict(response.json())

        return response_422

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
    id: int,
    run_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: RetryJobBody | Unset = UNSET,
    max_retries: int | Unset = UNSET,
) -> Response[DefaultErrorResponse | JobModel]:
    """Retry a job that failed

     Puts the job back in the queue for another attempt: it becomes `ready` and its `attempt_id` goes up
    by 1, and a `job_retried` event is recorded. Job runners call it when a failure handler rule matches
    a failed job's return code, instead of `complete_job`. Refused with 422 when the job is not
    `running`, `failed`, `terminated` or `pending_failed`, when `run_id` is not the workflow's current
    run id, or when `max_retries` is given and the job's `attempt_id` is already at or above it; with
    404 when the job does not exist.

    Args:
        id (int):
        run_id (int):
        max_retries (int | Unset):
        body (RetryJobBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | JobModel]
    """

    kwargs = _get_kwargs(
        id=id,
        run_id=run_id,
        body=body,
        max_retries=max_retries,
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
    body: RetryJobBody | Unset = UNSET,
    max_retries: int | Unset = UNSET,
) -> DefaultErrorResponse | JobModel | None:
    """Retry a job that failed

     Puts the job back in the queue for another attempt: it becomes `ready` and its `attempt_id` goes up
    by 1, and a `job_retried` event is recorded. Job runners call it when a failure handler rule matches
    a failed job's return code, instead of `complete_job`. Refused with 422 when the job is not
    `running`, `failed`, `terminated` or `pending_failed`, when `run_id` is not the workflow's current
    run id, or when `max_retries` is given and the job's `attempt_id` is already at or above it; with
    404 when the job does not exist.

    Args:
        id (int):
        run_id (int):
        max_retries (int | Unset):
        body (RetryJobBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | JobModel
    """

    return sync_detailed(
        id=id,
        run_id=run_id,
        client=client,
        body=body,
        max_retries=max_retries,
    ).parsed


async def asyncio_detailed(
    id: int,
    run_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: RetryJobBody | Unset = UNSET,
    max_retries: int | Unset = UNSET,
) -> Response[DefaultErrorResponse | JobModel]:
    """Retry a job that failed

     Puts the job back in the queue for another attempt: it becomes `ready` and its `attempt_id` goes up
    by 1, and a `job_retried` event is recorded. Job runners call it when a failure handler rule matches
    a failed job's return code, instead of `complete_job`. Refused with 422 when the job is not
    `running`, `failed`, `terminated` or `pending_failed`, when `run_id` is not the workflow's current
    run id, or when `max_retries` is given and the job's `attempt_id` is already at or above it; with
    404 when the job does not exist.

    Args:
        id (int):
        run_id (int):
        max_retries (int | Unset):
        body (RetryJobBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | JobModel]
    """

    kwargs = _get_kwargs(
        id=id,
        run_id=run_id,
        body=body,
        max_retries=max_retries,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    run_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: RetryJobBody | Unset = UNSET,
    max_retries: int | Unset = UNSET,
) -> DefaultErrorResponse | JobModel | None:
    """Retry a job that failed

     Puts the job back in the queue for another attempt: it becomes `ready` and its `attempt_id` goes up
    by 1, and a `job_retried` event is recorded. Job runners call it when a failure handler rule matches
    a failed job's return code, instead of `complete_job`. Refused with 422 when the job is not
    `running`, `failed`, `terminated` or `pending_failed`, when `run_id` is not the workflow's current
    run id, or when `max_retries` is given and the job's `attempt_id` is already at or above it; with
    404 when the job does not exist.

    Args:
        id (int):
        run_id (int):
        max_retries (int | Unset):
        body (RetryJobBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | JobModel
    """

    return (
        await asyncio_detailed(
            id=id,
            run_id=run_id,
            client=client,
            body=body,
            max_retries=max_retries,
        )
    ).parsed
