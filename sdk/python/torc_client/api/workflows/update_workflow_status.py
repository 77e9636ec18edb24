from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.workflow_status_model import WorkflowStatusModel
from ...types import Response


def _get_kwargs(
    id: int,
    *,
    body: WorkflowStatusModel,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/workflows/{id}/status".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DefaultErrorResponse | WorkflowStatusModel | None:
    if response.status_code == 200:
        response_200 = WorkflowStatusModel.from_dict(response.json())

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
) -> Response[DefaultErrorResponse | WorkflowStatusModel]:
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
    body: WorkflowStatusModel,
) -> Response[DefaultErrorResponse | WorkflowStatusModel]:
    """Update a workflow's status

     Replaces the workflow's status fields (`run_id`, `is_canceled`, `is_archived`,
    `has_detected_need_to_run_completion_script`) with those of the body; the `id` in the body is
    ignored. Clients use it to start a new run (read the status, add 1 to `run_id`, write it back) and
    to archive or unarchive a workflow. Refused with 404 when the workflow does not exist.

    Args:
        id (int):
        body (WorkflowStatusModel): The run state of a workflow.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | WorkflowStatusModel]
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
    body: WorkflowStatusModel,
) -> DefaultErrorResponse | WorkflowStatusModel | None:
    """Update a workflow's status

     Replaces the workflow's status fields (`run_id`, `is_canceled`, `is_archived`,
    `has_detected_need_to_run_completion_script`) with those of the body; the `id` in the body is
    ignored. Clients use it to start a new run (read the status, add 1 to `run_id`, write it back) and
    to archive or unarchive a workflow. Refused with 404 when the workflow does not exist.

    Args:
        id (int):
        body (WorkflowStatusModel): The run state of a workflow.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | WorkflowStatusModel
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
    body: WorkflowStatusModel,
) -> Response[DefaultErrorResponse | WorkflowStatusModel]:
    """Update a workflow's status

     Replaces the workflow's status fields (`run_id`, `is_canceled`, `is_archived`,
    `has_detected_need_to_run_completion_script`) with those of the body; the `id` in the body is
    ignored. Clients use it to start a new run (read the status, add 1 to `run_id`, write it back) and
    to archive or unarchive a workflow. Refused with 404 when the workflow does not exist.

    Args:
        id (int):
        body (WorkflowStatusModel): The run state of a workflow.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | WorkflowStatusModel]
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
    body: WorkflowStatusModel,
) -> DefaultErrorResponse | WorkflowStatusModel | None:
    """Update a workflow's status

     Replaces the workflow's status fields (`run_id`, `is_canceled`, `is_archived`,
    `has_detected_need_to_run_completion_script`) with those of the body; the `id` in the body is
    ignored. Clients use it to start a new run (read the status, add 1 to `run_id`, write it back) and
    to archive or unarchive a workflow. Refused with 404 when the workflow does not exist.

    Args:
        id (int):
        body (WorkflowStatusModel): The run state of a workflow.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | WorkflowStatusModel
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed
