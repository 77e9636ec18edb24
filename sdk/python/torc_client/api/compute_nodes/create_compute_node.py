from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.compute_node_model import ComputeNodeModel
from ...models.default_error_response import DefaultErrorResponse
from ...types import Response


def _get_kwargs(
    *,
    body: ComputeNodeModel,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/compute_nodes",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ComputeNodeModel | DefaultErrorResponse | None:
    if response.status_code == 200:
        response_200 = ComputeNodeModel.from_dict(response.json())

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
) -> Response[ComputeNodeModel | DefaultErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ComputeNodeModel,
) -> Response[ComputeNodeModel | DefaultErrorResponse]:
    """Register a compute node

     Records a job runner that starts working on a workflow: the host it runs on, its process id,
    its start time and the resources it manages (CPUs, memory in GB, GPUs, nodes, and for a
    scheduled runner its time limit and scheduler details). The runner passes the new `id` when
    it starts jobs and updates the record when it exits (`is_active` false, `duration_seconds`).

    Answers with the stored record and its new `id`. Refused with 404 when `workflow_id` names
    no workflow.

    Args:
        body (ComputeNodeModel): A compute node: one job runner process, with the resources it
            offers to the workflow.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ComputeNodeModel | DefaultErrorResponse]
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
    body: ComputeNodeModel,
) -> ComputeNodeModel | DefaultErrorResponse | None:
    """Register a compute node

     Records a job runner that starts working on a workflow: the host it runs on, its process id,
    its start time and the resources it manages (CPUs, memory in GB, GPUs, nodes, and for a
    scheduled runner its time limit and scheduler details). The runner passes the new `id` when
    it starts jobs and updates the record when it exits (`is_active` false, `duration_seconds`).

    Answers with the stored record and its new `id`. Refused with 404 when `workflow_id` names
    no workflow.

    Args:
        body (ComputeNodeModel): A compute node: one job runner process, with the resources it
            offers to the workflow.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ComputeNodeModel | DefaultErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ComputeNodeModel,
) -> Response[ComputeNodeModel | DefaultErrorResponse]:
    """Register a compute node

     Records a job runner that starts working on a workflow: the host it runs on, its process id,
    its start time and the resources it manages (CPUs, memory in GB, GPUs, nodes, and for a
    scheduled runner its time limit and scheduler details). The runner passes the new `id` when
    it starts jobs and updates the record when it exits (`is_active` false, `duration_seconds`).

    Answers with the stored record and its new `id`. Refused with 404 when `workflow_id` names
    no workflow.

    Args:
        body (ComputeNodeModel): A compute node: one job runner process, with the resources it
            offers to the workflow.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ComputeNodeModel | DefaultErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ComputeNodeModel,
) -> ComputeNodeModel | DefaultErrorResponse | None:
    """Register a compute node

     Records a job runner that starts working on a workflow: the host it runs on, its process id,
    its start time and the resources it manages (CPUs, memory in GB, GPUs, nodes, and for a
    scheduled runner its time limit and scheduler details). The runner passes the new `id` when
    it starts jobs and updates the record when it exits (`is_active` false, `duration_seconds`).

    Answers with the stored record and its new `id`. Refused with 404 when `workflow_id` names
    no workflow.

    Args:
        body (ComputeNodeModel): A compute node: one job runner process, with the resources it
            offers to the workflow.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ComputeNodeModel | DefaultErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
