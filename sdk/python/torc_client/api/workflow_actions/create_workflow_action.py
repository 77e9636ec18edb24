from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.workflow_action_model import WorkflowActionModel
from ...types import Response


def _get_kwargs(
    id: int,
    *,
    body: WorkflowActionModel,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/workflows/{id}/actions".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DefaultErrorResponse | WorkflowActionModel | None:
    if response.status_code == 200:
        response_200 = WorkflowActionModel.from_dict(response.json())

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
) -> Response[DefaultErrorResponse | WorkflowActionModel]:
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
    body: WorkflowActionModel,
) -> Response[DefaultErrorResponse | WorkflowActionModel]:
    """Create a workflow action

     Adds an action to a workflow: something a job runner does when a trigger fires, such as
    running setup commands when the workflow starts or requesting Slurm allocations when a group
    of jobs becomes ready. The workflow is the one in the path; the body's `workflow_id` is
    ignored.

    `trigger_type` is one of `on_workflow_start`, `on_workflow_complete`, `on_jobs_ready`,
    `on_jobs_complete`, `on_worker_start`, `on_worker_complete`. For `on_jobs_ready` and
    `on_jobs_complete`, `job_ids` lists the jobs to watch and the action fires once all of them
    are ready (or complete). The server sets `required_triggers` (the number of listed jobs for
    job triggers, 1 otherwise) and starts the action unexecuted with `trigger_count` 0; the
    `trigger_count`, `required_triggers`, `executed`, `executed_at` and `executed_by` of the
    body are ignored. A `persistent` action can be claimed by every runner (use it for worker
    triggers that must run once per runner); a non-persistent one runs once. `is_recovery` marks
    an action added to recover from failures; such actions are removed when the workflow is
    initialized again.

    `action_config` is checked against `action_type`:
    - `run_commands`: the object must hold exactly one key, `commands`, a non-empty array of
      strings (shell commands run in order).
    - `schedule_nodes`: only the keys `scheduler_id` (integer), `scheduler_type` (string),
      `num_allocations` (integer), `start_one_worker_per_node` (boolean) and `max_parallel_jobs`
      (integer) are allowed, each with that type.
    - other action types: stored as given.

    Refused with 422 when `action_config` fails these checks or `trigger_type` is not one of the
    six values, and with 404 when the workflow does not exist or a job in `job_ids` is not one
    of its jobs.

    Args:
        id (int):
        body (WorkflowActionModel): A workflow action: something a job runner does when a trigger
            fires, for example run commands when the workflow starts, or request Slurm allocations
            when some jobs become ready. Runners find actions whose trigger has fired with
            `get_pending_actions`, claim them with `claim_action` and execute them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | WorkflowActionModel]
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
    body: WorkflowActionModel,
) -> DefaultErrorResponse | WorkflowActionModel | None:
    """Create a workflow action

     Adds an action to a workflow: something a job runner does when a trigger fires, such as
    running setup commands when the workflow starts or requesting Slurm allocations when a group
    of jobs becomes ready. The workflow is the one in the path; the body's `workflow_id` is
    ignored.

    `trigger_type` is one of `on_workflow_start`, `on_workflow_complete`, `on_jobs_ready`,
    `on_jobs_complete`, `on_worker_start`, `on_worker_complete`. For `on_jobs_ready` and
    `on_jobs_complete`, `job_ids` lists the jobs to watch and the action fires once all of them
    are ready (or complete). The server sets `required_triggers` (the number of listed jobs for
    job triggers, 1 otherwise) and starts the action unexecuted with `trigger_count` 0; the
    `trigger_count`, `required_triggers`, `executed`, `executed_at` and `executed_by` of the
    body are ignored. A `persistent` action can be claimed by every runner (use it for worker
    triggers that must run once per runner); a non-persistent one runs once. `is_recovery` marks
    an action added to recover from failures; such actions are removed when the workflow is
    initialized again.

    `action_config` is checked against `action_type`:
    - `run_commands`: the object must hold exactly one key, `commands`, a non-empty array of
      strings (shell commands run in order).
    - `schedule_nodes`: only the keys `scheduler_id` (integer), `scheduler_type` (string),
      `num_allocations` (integer), `start_one_worker_per_node` (boolean) and `max_parallel_jobs`
      (integer) are allowed, each with that type.
    - other action types: stored as given.

    Refused with 422 when `action_config` fails these checks or `trigger_type` is not one of the
    six values, and with 404 when the workflow does not exist or a job in `job_ids` is not one
    of its jobs.

    Args:
        id (int):
        body (WorkflowActionModel): A workflow action: something a job runner does when a trigger
            fires, for example run commands when the workflow starts, or request Slurm allocations
            when some jobs become ready. Runners find actions whose trigger has fired with
            `get_pending_actions`, claim them with `claim_action` and execute them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | WorkflowActionModel
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
    body: WorkflowActionModel,
) -> Response[DefaultErrorResponse | WorkflowActionModel]:
    """Create a workflow action

     Adds an action to a workflow: something a job runner does when a trigger fires, such as
    running setup commands when the workflow starts or requesting Slurm allocations when a group
    of jobs becomes ready. The workflow is the one in the path; the body's `workflow_id` is
    ignored.

    `trigger_type` is one of `on_workflow_start`, `on_workflow_complete`, `on_jobs_ready`,
    `on_jobs_complete`, `on_worker_start`, `on_worker_complete`. For `on_jobs_ready` and
    `on_jobs_complete`, `job_ids` lists the jobs to watch and the action fires once all of them
    are ready (or complete). The server sets `required_triggers` (the number of listed jobs for
    job triggers, 1 otherwise) and starts the action unexecuted with `trigger_count` 0; the
    `trigger_count`, `required_triggers`, `executed`, `executed_at` and `executed_by` of the
    body are ignored. A `persistent` action can be claimed by every runner (use it for worker
    triggers that must run once per runner); a non-persistent one runs once. `is_recovery` marks
    an action added to recover from failures; such actions are removed when the workflow is
    initialized again.

    `action_config` is checked against `action_type`:
    - `run_commands`: the object must hold exactly one key, `commands`, a non-empty array of
      strings (shell commands run in order).
    - `schedule_nodes`: only the keys `scheduler_id` (integer), `scheduler_type` (string),
      `num_allocations` (integer), `start_one_worker_per_node` (boolean) and `max_parallel_jobs`
      (integer) are allowed, each with that type.
    - other action types: stored as given.

    Refused with 422 when `action_config` fails these checks or `trigger_type` is not one of the
    six values, and with 404 when the workflow does not exist or a job in `job_ids` is not one
    of its jobs.

    Args:
        id (int):
        body (WorkflowActionModel): A workflow action: something a job runner does when a trigger
            fires, for example run commands when the workflow starts, or request Slurm allocations
            when some jobs become ready. Runners find actions whose trigger has fired with
            `get_pending_actions`, claim them with `claim_action` and execute them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | WorkflowActionModel]
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
    body: WorkflowActionModel,
) -> DefaultErrorResponse | WorkflowActionModel | None:
    """Create a workflow action

     Adds an action to a workflow: something a job runner does when a trigger fires, such as
    running setup commands when the workflow starts or requesting Slurm allocations when a group
    of jobs becomes ready. The workflow is the one in the path; the body's `workflow_id` is
    ignored.

    `trigger_type` is one of `on_workflow_start`, `on_workflow_complete`, `on_jobs_ready`,
    `on_jobs_complete`, `on_worker_start`, `on_worker_complete`. For `on_jobs_ready` and
    `on_jobs_complete`, `job_ids` lists the jobs to watch and the action fires once all of them
    are ready (or complete). The server sets `required_triggers` (the number of listed jobs for
    job triggers, 1 otherwise) and starts the action unexecuted with `trigger_count` 0; the
    `trigger_count`, `required_triggers`, `executed`, `executed_at` and `executed_by` of the
    body are ignored. A `persistent` action can be claimed by every runner (use it for worker
    triggers that must run once per runner); a non-persistent one runs once. `is_recovery` marks
    an action added to recover from failures; such actions are removed when the workflow is
    initialized again.

    `action_config` is checked against `action_type`:
    - `run_commands`: the object must hold exactly one key, `commands`, a non-empty array of
      strings (shell commands run in order).
    - `schedule_nodes`: only the keys `scheduler_id` (integer), `scheduler_type` (string),
      `num_allocations` (integer), `start_one_worker_per_node` (boolean) and `max_parallel_jobs`
      (integer) are allowed, each with that type.
    - other action types: stored as given.

    Refused with 422 when `action_config` fails these checks or `trigger_type` is not one of the
    six values, and with 404 when the workflow does not exist or a job in `job_ids` is not one
    of its jobs.

    Args:
        id (int):
        body (WorkflowActionModel): A workflow action: something a job runner does when a trigger
            fires, for example run commands when the workflow starts, or request Slurm allocations
            when some jobs become ready. Runners find actions whose trigger has fired with
            `get_pending_actions`, claim them with `claim_action` and execute them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | WorkflowActionModel
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed
