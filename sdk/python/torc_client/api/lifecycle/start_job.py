from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.job_model import JobModel
from ...models.start_job_body import StartJobBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    run_id: int,
    compute_node_id: int,
    *,
    body: StartJobBody | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/jobs/{id}/start_job/{run_id}/{compute_node_id}".format(
            id=quote(str(id), safe=""),
            run_id=quote(str(run_id), safe=""),
            compute_node_id=quote(str(compute_node_id), safe=""),
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
    run_id: int,
    compute_node_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: StartJobBody | Unset = UNSET,
) -> Response[DefaultErrorResponse | JobModel]:
    """Mark a claimed job as running

     A job runner calls it just before it launches a job it claimed. The job becomes `running`, the
    compute node is recorded as the job's active node (see `list_jobs` with `active_compute_node_id`),
    and a `job_started` event is broadcast. Answers the updated job. Refused with 422 when the job is
    not `pending` or `run_id` is not the workflow's current run id, and with 404 when the job or the
    compute node does not exist.

    Args:
        id (int):
        run_id (int):
        compute_node_id (int):
        body (StartJobBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | JobModel]
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
    body: StartJobBody | Unset = UNSET,
) -> DefaultErrorResponse | JobModel | None:
    """Mark a claimed job as running

     A job runner calls it just before it launches a job it claimed. The job becomes `running`, the
    compute node is recorded as the job's active node (see `list_jobs` with `active_compute_node_id`),
    and a `job_started` event is broadcast. Answers the updated job. Refused with 422 when the job is
    not `pending` or `run_id` is not the workflow's current run id, and with 404 when the job or the
    compute node does not exist.

    Args:
        id (int):
        run_id (int):
        compute_node_id (int):
        body (StartJobBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | JobModel
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
    body: StartJobBody | Unset = UNSET,
) -> Response[DefaultErrorResponse | JobModel]:
    """Mark a claimed job as running

     A job runner calls it just before it launches a job it claimed. The job becomes `running`, the
    compute node is recorded as the job's active node (see `list_jobs` with `active_compute_node_id`),
    and a `job_started` event is broadcast. Answers the updated job. Refused with 422 when the job is
    not `pending` or `run_id` is not the workflow's current run id, and with 404 when the job or the
    compute node does not exist.

    Args:
        id (int):
        run_id (int):
        compute_node_id (int):
        body (StartJobBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | JobModel]
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
    body: StartJobBody | Unset = UNSET,
) -> DefaultErrorResponse | JobModel | None:
    """Mark a claimed job as running

     A job runner calls it just before it launches a job it claimed. The job becomes `running`, the
    compute node is recorded as the job's active node (see `list_jobs` with `active_compute_node_id`),
    and a `job_started` event is broadcast. Answers the updated job. Refused with 422 when the job is
    not `pending` or `run_id` is not the workflow's current run id, and with 404 when the job or the
    compute node does not exist.

    Args:
        id (int):
        run_id (int):
        compute_node_id (int):
        body (StartJobBody | Unset):

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
            compute_node_id=compute_node_id,
            client=client,
            body=body,
        )
    ).parsed
