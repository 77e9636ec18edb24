from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.slurm_scheduler_model import SlurmSchedulerModel
from ...types import Response


def _get_kwargs(
    *,
    body: SlurmSchedulerModel,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/slurm_schedulers",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DefaultErrorResponse | SlurmSchedulerModel | None:
    if response.status_code == 200:
        response_200 = SlurmSchedulerModel.from_dict(response.json())

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
) -> Response[DefaultErrorResponse | SlurmSchedulerModel]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SlurmSchedulerModel,
) -> Response[DefaultErrorResponse | SlurmSchedulerModel]:
    """Create a Slurm scheduler

     Stores a Slurm allocation template for a workflow: the account to charge, the number of
    nodes per allocation, the walltime (`HH:MM:SS`, for example `04:00:00`) and, optionally,
    partition, QOS (default `normal`), GPUs (`gres`, for example `gpu:2`), memory per node
    (`mem`, for example `180G`), local scratch space (`tmp`) and extra `sbatch` options
    (`extra`). Allocations are requested with it by `torc slurm schedule-nodes` and by
    `schedule_nodes` actions, and jobs can be pinned to it through `scheduler_id`.

    Answers with the stored record and its new `id`. Refused with 404 when `workflow_id` names
    no workflow.

    Args:
        body (SlurmSchedulerModel): A Slurm scheduler configuration: the sbatch options used to
            request allocations for a workflow.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | SlurmSchedulerModel]
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
    body: SlurmSchedulerModel,
) -> DefaultErrorResponse | SlurmSchedulerModel | None:
    """Create a Slurm scheduler

     Stores a Slurm allocation template for a workflow: the account to charge, the number of
    nodes per allocation, the walltime (`HH:MM:SS`, for example `04:00:00`) and, optionally,
    partition, QOS (default `normal`), GPUs (`gres`, for example `gpu:2`), memory per node
    (`mem`, for example `180G`), local scratch space (`tmp`) and extra `sbatch` options
    (`extra`). Allocations are requested with it by `torc slurm schedule-nodes` and by
    `schedule_nodes` actions, and jobs can be pinned to it through `scheduler_id`.

    Answers with the stored record and its new `id`. Refused with 404 when `workflow_id` names
    no workflow.

    Args:
        body (SlurmSchedulerModel): A Slurm scheduler configuration: the sbatch options used to
            request allocations for a workflow.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | SlurmSchedulerModel
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SlurmSchedulerModel,
) -> Response[DefaultErrorResponse | SlurmSchedulerModel]:
    """Create a Slurm scheduler

     Stores a Slurm allocation template for a workflow: the account to charge, the number of
    nodes per allocation, the walltime (`HH:MM:SS`, for example `04:00:00`) and, optionally,
    partition, QOS (default `normal`), GPUs (`gres`, for example `gpu:2`), memory per node
    (`mem`, for example `180G`), local scratch space (`tmp`) and extra `sbatch` options
    (`extra`). Allocations are requested with it by `torc slurm schedule-nodes` and by
    `schedule_nodes` actions, and jobs can be pinned to it through `scheduler_id`.

    Answers with the stored record and its new `id`. Refused with 404 when `workflow_id` names
    no workflow.

    Args:
        body (SlurmSchedulerModel): A Slurm scheduler configuration: the sbatch options used to
            request allocations for a workflow.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | SlurmSchedulerModel]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: SlurmSchedulerModel,
) -> DefaultErrorResponse | SlurmSchedulerModel | None:
    """Create a Slurm scheduler

     Stores a Slurm allocation template for a workflow: the account to charge, the number of
    nodes per allocation, the walltime (`HH:MM:SS`, for example `04:00:00`) and, optionally,
    partition, QOS (default `normal`), GPUs (`gres`, for example `gpu:2`), memory per node
    (`mem`, for example `180G`), local scratch space (`tmp`) and extra `sbatch` options
    (`extra`). Allocations are requested with it by `torc slurm schedule-nodes` and by
    `schedule_nodes` actions, and jobs can be pinned to it through `scheduler_id`.

    Answers with the stored record and its new `id`. Refused with 404 when `workflow_id` names
    no workflow.

    Args:
        body (SlurmSchedulerModel): A Slurm scheduler configuration: the sbatch options used to
            request allocations for a workflow.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | SlurmSchedulerModel
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
