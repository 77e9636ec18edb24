from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.workflow_model import WorkflowModel
from ...types import Response


def _get_kwargs(
    *,
    body: WorkflowModel,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/workflows",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DefaultErrorResponse | WorkflowModel | None:
    if response.status_code == 200:
        response_200 = WorkflowModel.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = DefaultErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 422:
        response_422 = DefaultErrorResponse.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DefaultErrorResponse | WorkflowModel]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: WorkflowModel,
) -> Response[DefaultErrorResponse | WorkflowModel]:
    """Create a workflow

     Creates an empty workflow. In the same transaction the server creates the workflow's status record
    (`run_id` 0, not canceled, not archived) and a resource requirements record named `default` (1 CPU,
    0 GPUs, 1 node, memory `1m`, runtime `P0DT1M`) that jobs created without `resource_requirements_id`
    use. The server sets `id`, `timestamp` and `status_id` and applies the documented defaults to the
    fields left out. Several workflows may have the same name. Add jobs, files and the other records
    afterwards with their own create operations. A negative `compute_node_*` setting is refused with 422
    naming the field.

    Args:
        body (WorkflowModel): A workflow: a named set of jobs with their files, user data,
            resource requirements and schedulers, plus the settings that job runners follow while
            running it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | WorkflowModel]
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
    body: WorkflowModel,
) -> DefaultErrorResponse | WorkflowModel | None:
    """Create a workflow

     Creates an empty workflow. In the same transaction the server creates the workflow's status record
    (`run_id` 0, not canceled, not archived) and a resource requirements record named `default` (1 CPU,
    0 GPUs, 1 node, memory `1m`, runtime `P0DT1M`) that jobs created without `resource_requirements_id`
    use. The server sets `id`, `timestamp` and `status_id` and applies the documented defaults to the
    fields left out. Several workflows may have the same name. Add jobs, files and the other records
    afterwards with their own create operations. A negative `compute_node_*` setting is refused with 422
    naming the field.

    Args:
        body (WorkflowModel): A workflow: a named set of jobs with their files, user data,
            resource requirements and schedulers, plus the settings that job runners follow while
            running it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | WorkflowModel
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: WorkflowModel,
) -> Response[DefaultErrorResponse | WorkflowModel]:
    """Create a workflow

     Creates an empty workflow. In the same transaction the server creates the workflow's status record
    (`run_id` 0, not canceled, not archived) and a resource requirements record named `default` (1 CPU,
    0 GPUs, 1 node, memory `1m`, runtime `P0DT1M`) that jobs created without `resource_requirements_id`
    use. The server sets `id`, `timestamp` and `status_id` and applies the documented defaults to the
    fields left out. Several workflows may have the same name. Add jobs, files and the other records
    afterwards with their own create operations. A negative `compute_node_*` setting is refused with 422
    naming the field.

    Args:
        body (WorkflowModel): A workflow: a named set of jobs with their files, user data,
            resource requirements and schedulers, plus the settings that job runners follow while
            running it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | WorkflowModel]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: WorkflowModel,
) -> DefaultErrorResponse | WorkflowModel | None:
    """Create a workflow

     Creates an empty workflow. In the same transaction the server creates the workflow's status record
    (`run_id` 0, not canceled, not archived) and a resource requirements record named `default` (1 CPU,
    0 GPUs, 1 node, memory `1m`, runtime `P0DT1M`) that jobs created without `resource_requirements_id`
    use. The server sets `id`, `timestamp` and `status_id` and applies the documented defaults to the
    fields left out. Several workflows may have the same name. Add jobs, files and the other records
    afterwards with their own create operations. A negative `compute_node_*` setting is refused with 422
    naming the field.

    Args:
        body (WorkflowModel): A workflow: a named set of jobs with their files, user data,
            resource requirements and schedulers, plus the settings that job runners follow while
            running it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | WorkflowModel
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
