from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.job_status import JobStatus
from ...models.list_results_response import ListResultsResponse
from ...models.list_results_sort_by import ListResultsSortBy
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    workflow_id: int,
    job_id: int | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 10000,
    sort_by: ListResultsSortBy | Unset = ListResultsSortBy.ID,
    reverse_sort: bool | Unset = False,
    run_id: int | Unset = UNSET,
    return_code: int | Unset = UNSET,
    status: JobStatus | Unset = UNSET,
    all_runs: bool | Unset = False,
    compute_node_id: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["workflow_id"] = workflow_id

    params["job_id"] = job_id

    params["offset"] = offset

    params["limit"] = limit

    json_sort_by: str | Unset = UNSET
    if not isinstance(sort_by, Unset):
        json_sort_by = sort_by.value

    params["sort_by"] = json_sort_by

    params["reverse_sort"] = reverse_sort

    params["run_id"] = run_id

    params["return_code"] = return_code

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["all_runs"] = all_runs

    params["compute_node_id"] = compute_node_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/results",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DefaultErrorResponse | ListResultsResponse | None:
    if response.status_code == 200:
        response_200 = ListResultsResponse.from_dict(response.json())

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
) -> Response[DefaultErrorResponse | ListResultsResponse]:
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
    job_id: int | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 10000,
    sort_by: ListResultsSortBy | Unset = ListResultsSortBy.ID,
    reverse_sort: bool | Unset = False,
    run_id: int | Unset = UNSET,
    return_code: int | Unset = UNSET,
    status: JobStatus | Unset = UNSET,
    all_runs: bool | Unset = False,
    compute_node_id: int | Unset = UNSET,
) -> Response[DefaultErrorResponse | ListResultsResponse]:
    """List the results of a workflow

     Lists the job results of one workflow, a page at a time. By default (`all_runs` false) it
    lists only the current result of each job, the one recorded by the job's latest completion;
    with `all_runs` true it lists every result stored, across runs and retry attempts. Filters
    narrow either set.

    Filters combine: a record is listed only when it matches every filter given. The answer is
    one page of at most `limit` records starting at `offset`, ordered by `sort_by` (default
    `id`) and `reverse_sort`; page on with `offset += count` while `has_more` is true.

    Refused with 400 for an unknown `sort_by` field or a `limit` over 10,000, and with 404 when
    the workflow does not exist.

    Args:
        workflow_id (int):
        job_id (int | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 10000.
        sort_by (ListResultsSortBy | Unset):  Default: ListResultsSortBy.ID.
        reverse_sort (bool | Unset):  Default: False.
        run_id (int | Unset):
        return_code (int | Unset):
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
        all_runs (bool | Unset):  Default: False.
        compute_node_id (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | ListResultsResponse]
    """

    kwargs = _get_kwargs(
        workflow_id=workflow_id,
        job_id=job_id,
        offset=offset,
        limit=limit,
        sort_by=sort_by,
        reverse_sort=reverse_sort,
        run_id=run_id,
        return_code=return_code,
        status=status,
        all_runs=all_runs,
        compute_node_id=compute_node_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    workflow_id: int,
    job_id: int | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 10000,
    sort_by: ListResultsSortBy | Unset = ListResultsSortBy.ID,
    reverse_sort: bool | Unset = False,
    run_id: int | Unset = UNSET,
    return_code: int | Unset = UNSET,
    status: JobStatus | Unset = UNSET,
    all_runs: bool | Unset = False,
    compute_node_id: int | Unset = UNSET,
) -> DefaultErrorResponse | ListResultsResponse | None:
    """List the results of a workflow

     Lists the job results of one workflow, a page at a time. By default (`all_runs` false) it
    lists only the current result of each job, the one recorded by the job's latest completion;
    with `all_runs` true it lists every result stored, across runs and retry attempts. Filters
    narrow either set.

    Filters combine: a record is listed only when it matches every filter given. The answer is
    one page of at most `limit` records starting at `offset`, ordered by `sort_by` (default
    `id`) and `reverse_sort`; page on with `offset += count` while `has_more` is true.

    Refused with 400 for an unknown `sort_by` field or a `limit` over 10,000, and with 404 when
    the workflow does not exist.

    Args:
        workflow_id (int):
        job_id (int | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 10000.
        sort_by (ListResultsSortBy | Unset):  Default: ListResultsSortBy.ID.
        reverse_sort (bool | Unset):  Default: False.
        run_id (int | Unset):
        return_code (int | Unset):
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
        all_runs (bool | Unset):  Default: False.
        compute_node_id (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | ListResultsResponse
    """

    return sync_detailed(
        client=client,
        workflow_id=workflow_id,
        job_id=job_id,
        offset=offset,
        limit=limit,
        sort_by=sort_by,
        reverse_sort=reverse_sort,
        run_id=run_id,
        return_code=return_code,
        status=status,
        all_runs=all_runs,
        compute_node_id=compute_node_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    workflow_id: int,
    job_id: int | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 10000,
    sort_by: ListResultsSortBy | Unset = ListResultsSortBy.ID,
    reverse_sort: bool | Unset = False,
    run_id: int | Unset = UNSET,
    return_code: int | Unset = UNSET,
    status: JobStatus | Unset = UNSET,
    all_runs: bool | Unset = False,
    compute_node_id: int | Unset = UNSET,
) -> Response[DefaultErrorResponse | ListResultsResponse]:
    """List the results of a workflow

     Lists the job results of one workflow, a page at a time. By default (`all_runs` false) it
    lists only the current result of each job, the one recorded by the job's latest completion;
    with `all_runs` true it lists every result stored, across runs and retry attempts. Filters
    narrow either set.

    Filters combine: a record is listed only when it matches every filter given. The answer is
    one page of at most `limit` records starting at `offset`, ordered by `sort_by` (default
    `id`) and `reverse_sort`; page on with `offset += count` while `has_more` is true.

    Refused with 400 for an unknown `sort_by` field or a `limit` over 10,000, and with 404 when
    the workflow does not exist.

    Args:
        workflow_id (int):
        job_id (int | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 10000.
        sort_by (ListResultsSortBy | Unset):  Default: ListResultsSortBy.ID.
        reverse_sort (bool | Unset):  Default: False.
        run_id (int | Unset):
        return_code (int | Unset):
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
        all_runs (bool | Unset):  Default: False.
        compute_node_id (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | ListResultsResponse]
    """

    kwargs = _get_kwargs(
        workflow_id=workflow_id,
        job_id=job_id,
        offset=offset,
        limit=limit,
        sort_by=sort_by,
        reverse_sort=reverse_sort,
        run_id=run_id,
        return_code=return_code,
        status=status,
        all_runs=all_runs,
        compute_node_id=compute_node_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    workflow_id: int,
    job_id: int | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 10000,
    sort_by: ListResultsSortBy | Unset = ListResultsSortBy.ID,
    reverse_sort: bool | Unset = False,
    run_id: int | Unset = UNSET,
    return_code: int | Unset = UNSET,
    status: JobStatus | Unset = UNSET,
    all_runs: bool | Unset = False,
    compute_node_id: int | Unset = UNSET,
) -> DefaultErrorResponse | ListResultsResponse | None:
    """List the results of a workflow

     Lists the job results of one workflow, a page at a time. By default (`all_runs` false) it
    lists only the current result of each job, the one recorded by the job's latest completion;
    with `all_runs` true it lists every result stored, across runs and retry attempts. Filters
    narrow either set.

    Filters combine: a record is listed only when it matches every filter given. The answer is
    one page of at most `limit` records starting at `offset`, ordered by `sort_by` (default
    `id`) and `reverse_sort`; page on with `offset += count` while `has_more` is true.

    Refused with 400 for an unknown `sort_by` field or a `limit` over 10,000, and with 404 when
    the workflow does not exist.

    Args:
        workflow_id (int):
        job_id (int | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 10000.
        sort_by (ListResultsSortBy | Unset):  Default: ListResultsSortBy.ID.
        reverse_sort (bool | Unset):  Default: False.
        run_id (int | Unset):
        return_code (int | Unset):
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
        all_runs (bool | Unset):  Default: False.
        compute_node_id (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | ListResultsResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            workflow_id=workflow_id,
            job_id=job_id,
            offset=offset,
            limit=limit,
            sort_by=sort_by,
            reverse_sort=reverse_sort,
            run_id=run_id,
            return_code=return_code,
            status=status,
            all_runs=all_runs,
            compute_node_id=compute_node_id,
        )
    ).parsed
