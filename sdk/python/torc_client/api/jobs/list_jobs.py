from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.job_status import JobStatus
from ...models.list_jobs_response import ListJobsResponse
from ...models.list_jobs_sort_by import ListJobsSortBy
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    workflow_id: int,
    status: JobStatus | Unset = UNSET,
    needs_file_id: int | Unset = UNSET,
    upstream_job_id: int | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 10000,
    sort_by: ListJobsSortBy | Unset = ListJobsSortBy.ID,
    reverse_sort: bool | Unset = False,
    include_relationships: bool | Unset = False,
    active_compute_node_id: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["workflow_id"] = workflow_id

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["needs_file_id"] = needs_file_id

    params["upstream_job_id"] = upstream_job_id

    params["offset"] = offset

    params["limit"] = limit

    json_sort_by: str | Unset = UNSET
    if not isinstance(sort_by, Unset):
        json_sort_by = sort_by.value

    params["sort_by"] = json_sort_by

    params["reverse_sort"] = reverse_sort

    params["include_relationships"] = include_relationships

    params["active_compute_node_id"] = active_compute_node_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/jobs",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DefaultErrorResponse | ListJobsResponse | None:
    if response.status_code == 200:
        response_200 = ListJobsResponse.from_dict(response.json())

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
) -> Response[DefaultErrorResponse | ListJobsResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    workflow_id: int,
    status: JobStatus | Unset = UNSET,
    needs_file_id: int | Unset = UNSET,
    upstream_job_id: int | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 10000,
    sort_by: ListJobsSortBy | Unset = ListJobsSortBy.ID,
    reverse_sort: bool | Unset = False,
    include_relationships: bool | Unset = False,
    active_compute_node_id: int | Unset = UNSET,
) -> Response[DefaultErrorResponse | ListJobsResponse]:
    """List a workflow's jobs

     Lists the jobs of one workflow, optionally filtered, one page at a time. The relationship id lists
    (`depends_on_job_ids`, `input_file_ids`, `output_file_ids`, `input_user_data_ids`,
    `output_user_data_ids`) are included only with `include_relationships`. Refused with 404 when the
    workflow does not exist, and with 400 for a `limit` over 10,000 or an unknown `sort_by` field.

    Args:
        workflow_id (int):
        status (JobStatus | Unset): Status of a job. The database stores it as an integer code:
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
        needs_file_id (int | Unset):
        upstream_job_id (int | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 10000.
        sort_by (ListJobsSortBy | Unset):  Default: ListJobsSortBy.ID.
        reverse_sort (bool | Unset):  Default: False.
        include_relationships (bool | Unset):  Default: False.
        active_compute_node_id (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | ListJobsResponse]
    """

    kwargs = _get_kwargs(
        workflow_id=workflow_id,
        status=status,
        needs_file_id=needs_file_id,
        upstream_job_id=upstream_job_id,
        offset=offset,
        limit=limit,
        sort_by=sort_by,
        reverse_sort=reverse_sort,
        include_relationships=include_relationships,
        active_compute_node_id=active_compute_node_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    workflow_id: int,
    status: JobStatus | Unset = UNSET,
    needs_file_id: int | Unset = UNSET,
    upstream_job_id: int | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 10000,
    sort_by: ListJobsSortBy | Unset = ListJobsSortBy.ID,
    reverse_sort: bool | Unset = False,
    include_relationships: bool | Unset = False,
    active_compute_node_id: int | Unset = UNSET,
) -> DefaultErrorResponse | ListJobsResponse | None:
    """List a workflow's jobs

     Lists the jobs of one workflow, optionally filtered, one page at a time. The relationship id lists
    (`depends_on_job_ids`, `input_file_ids`, `output_file_ids`, `input_user_data_ids`,
    `output_user_data_ids`) are included only with `include_relationships`. Refused with 404 when the
    workflow does not exist, and with 400 for a `limit` over 10,000 or an unknown `sort_by` field.

    Args:
        workflow_id (int):
        status (JobStatus | Unset): Status of a job. The database stores it as an integer code:
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
        needs_file_id (int | Unset):
        upstream_job_id (int | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 10000.
        sort_by (ListJobsSortBy | Unset):  Default: ListJobsSortBy.ID.
        reverse_sort (bool | Unset):  Default: False.
        include_relationships (bool | Unset):  Default: False.
        active_compute_node_id (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | ListJobsResponse
    """

    return sync_detailed(
        client=client,
        workflow_id=workflow_id,
        status=status,
        needs_file_id=needs_file_id,
        upstream_job_id=upstream_job_id,
        offset=offset,
        limit=limit,
        sort_by=sort_by,
        reverse_sort=reverse_sort,
        include_relationships=include_relationships,
        active_compute_node_id=active_compute_node_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    workflow_id: int,
    status: JobStatus | Unset = UNSET,
    needs_file_id: int | Unset = UNSET,
    upstream_job_id: int | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 10000,
    sort_by: ListJobsSortBy | Unset = ListJobsSortBy.ID,
    reverse_sort: bool | Unset = False,
    include_relationships: bool | Unset = False,
    active_compute_node_id: int | Unset = UNSET,
) -> Response[DefaultErrorResponse | ListJobsResponse]:
    """List a workflow's jobs

     Lists the jobs of one workflow, optionally filtered, one page at a time. The relationship id lists
    (`depends_on_job_ids`, `input_file_ids`, `output_file_ids`, `input_user_data_ids`,
    `output_user_data_ids`) are included only with `include_relationships`. Refused with 404 when the
    workflow does not exist, and with 400 for a `limit` over 10,000 or an unknown `sort_by` field.

    Args:
        workflow_id (int):
        status (JobStatus | Unset): Status of a job. The database stores it as an integer code:
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
        needs_file_id (int | Unset):
        upstream_job_id (int | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 10000.
        sort_by (ListJobsSortBy | Unset):  Default: ListJobsSortBy.ID.
        reverse_sort (bool | Unset):  Default: False.
        include_relationships (bool | Unset):  Default: False.
        active_compute_node_id (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | ListJobsResponse]
    """

    kwargs = _get_kwargs(
        workflow_id=workflow_id,
        status=status,
        needs_file_id=needs_file_id,
        upstream_job_id=upstream_job_id,
        offset=offset,
        limit=limit,
        sort_by=sort_by,
        reverse_sort=reverse_sort,
        include_relationships=include_relationships,
        active_compute_node_id=active_compute_node_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    workflow_id: int,
    status: JobStatus | Unset = UNSET,
    needs_file_id: int | Unset = UNSET,
    upstream_job_id: int | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 10000,
    sort_by: ListJobsSortBy | Unset = ListJobsSortBy.ID,
    reverse_sort: bool | Unset = False,
    include_relationships: bool | Unset = False,
    active_compute_node_id: int | Unset = UNSET,
) -> DefaultErrorResponse | ListJobsResponse | None:
    """List a workflow's jobs

     Lists the jobs of one workflow, optionally filtered, one page at a time. The relationship id lists
    (`depends_on_job_ids`, `input_file_ids`, `output_file_ids`, `input_user_data_ids`,
    `output_user_data_ids`) are included only with `include_relationships`. Refused with 404 when the
    workflow does not exist, and with 400 for a `limit` over 10,000 or an unknown `sort_by` field.

    Args:
        workflow_id (int):
        status (JobStatus | Unset): Status of a job. The database stores it as an integer code:
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
        needs_file_id (int | Unset):
        upstream_job_id (int | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 10000.
        sort_by (ListJobsSortBy | Unset):  Default: ListJobsSortBy.ID.
        reverse_sort (bool | Unset):  Default: False.
        include_relationships (bool | Unset):  Default: False.
        active_compute_node_id (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | ListJobsResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            workflow_id=workflow_id,
            status=status,
            needs_file_id=needs_file_id,
            upstream_job_id=upstream_job_id,
            offset=offset,
            limit=limit,
            sort_by=sort_by,
            reverse_sort=reverse_sort,
            include_relationships=include_relationships,
            active_compute_node_id=active_compute_node_id,
        )
    ).parsed
