from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.job_model import JobModel
from ...models.job_status import JobStatus
from ...models.manage_status_change_body import ManageStatusChangeBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    status: JobStatus,
    run_id: int,
    *,
    body: ManageStatusChangeBody | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/jobs/{id}/manage_status_change/{status}/{run_id}".format(
            id=quote(str(id), safe=""),
            status=quote(str(status), safe=""),
            run_id=quote(str(run_id), safe=""),
        ),
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
    status: JobStatus,
    run_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ManageStatusChangeBody | Unset = UNSET,
) -> Response[DefaultErrorResponse | JobModel]:
    """Change a job's status outside the normal run flow

     Sets the job's status to `status`. Clients use it to send a finished job back to `uninitialized`
    (for example when one of its input files changed) so that it runs again; that also sends its
    finished dependents back to `uninitialized`, and `initialize_jobs` with `only_uninitialized` then
    re-evaluates them. Setting the status the job already has changes nothing. Answers the job. Refused
    with 422 when `status` is `completed`, `failed`, `canceled` or `terminated` (finish a job with
    `complete_job` instead, which stores its result) or when `run_id` is not the workflow's current run
    id, and with 404 when the job does not exist.

    Args:
        id (int):
        status (JobStatus): Status of a job. The database stores it as an integer code:
            `uninitialized` = 0 (created or reset, dependencies not evaluated yet),
            `blocked` = 1 (waiting for a dependency to finish),
            `ready` = 2 (may be claimed),
            `pending` = 3 (claimed by a runner, not started yet),
            `running` = 4,
            `completed` = 5 (return code 0),
            `failed` = 6 (non-zero return code),
            `canceled` = 7,
            `terminated` = 8 (interrupted by its runner, for example at the end of an allocation; it
            runs
            again when a runner next starts on the workflow),
            `disabled` = 9 (excluded by the user),
            `pending_failed` = 10 (failed without a matching failure-handler rule while the workflow's
            `use_pending_failed` is set; awaits a decision to retry or fail it).
            `completed`, `failed` and `canceled` are done: dependents may proceed (or are canceled).
        run_id (int):
        body (ManageStatusChangeBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | JobModel]
    """

    kwargs = _get_kwargs(
        id=id,
        status=status,
        run_id=run_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    status: JobStatus,
    run_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ManageStatusChangeBody | Unset = UNSET,
) -> DefaultErrorResponse | JobModel | None:
    """Change a job's status outside the normal run flow

     Sets the job's status to `status`. Clients use it to send a finished job back to `uninitialized`
    (for example when one of its input files changed) so that it runs again; that also sends its
    finished dependents back to `uninitialized`, and `initialize_jobs` with `only_uninitialized` then
    re-evaluates them. Setting the status the job already has changes nothing. Answers the job. Refused
    with 422 when `status` is `completed`, `failed`, `canceled` or `terminated` (finish a job with
    `complete_job` instead, which stores its result) or when `run_id` is not the workflow's current run
    id, and with 404 when the job does not exist.

    Args:
        id (int):
        status (JobStatus): Status of a job. The database stores it as an integer code:
            `uninitialized` = 0 (created or reset, dependencies not evaluated yet),
            `blocked` = 1 (waiting for a dependency to finish),
            `ready` = 2 (may be claimed),
            `pending` = 3 (claimed by a runner, not started yet),
            `running` = 4,
            `completed` = 5 (return code 0),
            `failed` = 6 (non-zero return code),
            `canceled` = 7,
            `terminated` = 8 (interrupted by its runner, for example at the end of an allocation; it
            runs
            again when a runner next starts on the workflow),
            `disabled` = 9 (excluded by the user),
            `pending_failed` = 10 (failed without a matching failure-handler rule while the workflow's
            `use_pending_failed` is set; awaits a decision to retry or fail it).
            `completed`, `failed` and `canceled` are done: dependents may proceed (or are canceled).
        run_id (int):
        body (ManageStatusChangeBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | JobModel
    """

    return sync_detailed(
        id=id,
        status=status,
        run_id=run_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: int,
    status: JobStatus,
    run_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ManageStatusChangeBody | Unset = UNSET,
) -> Response[DefaultErrorResponse | JobModel]:
    """Change a job's status outside the normal run flow

     Sets the job's status to `status`. Clients use it to send a finished job back to `uninitialized`
    (for example when one of its input files changed) so that it runs again; that also sends its
    finished dependents back to `uninitialized`, and `initialize_jobs` with `only_uninitialized` then
    re-evaluates them. Setting the status the job already has changes nothing. Answers the job. Refused
    with 422 when `status` is `completed`, `failed`, `canceled` or `terminated` (finish a job with
    `complete_job` instead, which stores its result) or when `run_id` is not the workflow's current run
    id, and with 404 when the job does not exist.

    Args:
        id (int):
        status (JobStatus): Status of a job. The database stores it as an integer code:
            `uninitialized` = 0 (created or reset, dependencies not evaluated yet),
            `blocked` = 1 (waiting for a dependency to finish),
            `ready` = 2 (may be claimed),
            `pending` = 3 (claimed by a runner, not started yet),
            `running` = 4,
            `completed` = 5 (return code 0),
            `failed` = 6 (non-zero return code),
            `canceled` = 7,
            `terminated` = 8 (interrupted by its runner, for example at the end of an allocation; it
            runs
            again when a runner next starts on the workflow),
            `disabled` = 9 (excluded by the user),
            `pending_failed` = 10 (failed without a matching failure-handler rule while the workflow's
            `use_pending_failed` is set; awaits a decision to retry or fail it).
            `completed`, `failed` and `canceled` are done: dependents may proceed (or are canceled).
        run_id (int):
        body (ManageStatusChangeBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | JobModel]
    """

    kwargs = _get_kwargs(
        id=id,
        status=status,
        run_id=run_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    status: JobStatus,
    run_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ManageStatusChangeBody | Unset = UNSET,
) -> DefaultErrorResponse | JobModel | None:
    """Change a job's status outside the normal run flow

     Sets the job's status to `status`. Clients use it to send a finished job back to `uninitialized`
    (for example when one of its input files changed) so that it runs again; that also sends its
    finished dependents back to `uninitialized`, and `initialize_jobs` with `only_uninitialized` then
    re-evaluates them. Setting the status the job already has changes nothing. Answers the job. Refused
    with 422 when `status` is `completed`, `failed`, `canceled` or `terminated` (finish a job with
    `complete_job` instead, which stores its result) or when `run_id` is not the workflow's current run
    id, and with 404 when the job does not exist.

    Args:
        id (int):
        status (JobStatus): Status of a job. The database stores it as an integer code:
            `uninitialized` = 0 (created or reset, dependencies not evaluated yet),
            `blocked` = 1 (waiting for a dependency to finish),
            `ready` = 2 (may be claimed),
            `pending` = 3 (claimed by a runner, not started yet),
            `running` = 4,
            `completed` = 5 (return code 0),
            `failed` = 6 (non-zero return code),
            `canceled` = 7,
            `terminated` = 8 (interrupted by its runner, for example at the end of an allocation; it
            runs
            again when a runner next starts on the workflow),
            `disabled` = 9 (excluded by the user),
            `pending_failed` = 10 (failed without a matching failure-handler rule while the workflow's
            `use_pending_failed` is set; awaits a decision to retry or fail it).
            `completed`, `failed` and `canceled` are done: dependents may proceed (or are canceled).
        run_id (int):
        body (ManageStatusChangeBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | JobModel
    """

    return (
        await asyncio_detailed(
            id=id,
            status=status,
            run_id=run_id,
            client=client,
            body=body,
        )
    ).parsed
