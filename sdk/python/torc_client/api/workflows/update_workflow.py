from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.workflow_model import WorkflowModel
from ...types import Response


def _get_kwargs(
    id: int,
    *,
    body: WorkflowModel,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/workflows/{id}".format(
            id=quote(str(id), safe=""),
        ),
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
) -> Response[DefaultErrorResponse | WorkflowModel]:
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
    body: WorkflowModel,
) -> Response[DefaultErrorResponse | WorkflowModel]:
    """Update a workflow

     Replaces the workflow's fields with those of the body and answers the updated workflow. The `id`,
    `timestamp` and `status_id` in the body are ignored; the workflow is the one named in the path. Use
    `update_workflow_status` to change the run id or the canceled and archived flags. Refused with 404
    when the workflow does not exist, with 422 (naming the field) when a `compute_node_*` setting is
    negative.

    Args:
        id (int):
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
    body: WorkflowModel,
) -> DefaultErrorResponse | WorkflowModel | None:
    """Update a workflow

     Replaces the workflow's fields with those of the body and answers the updated workflow. The `id`,
    `timestamp` and `status_id` in the body are ignored; the workflow is the one named in the path. Use
    `update_workflow_status` to change the run id or the canceled and archived flags. Refused with 404
    when the workflow does not exist, with 422 (naming the field) when a `compute_node_*` setting is
    negative.

    Args:
        id (int):
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
        id=id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: WorkflowModel,
) -> Response[DefaultErrorResponse | WorkflowModel]:
    """Update a workflow

     Replaces the workflow's fields with those of the body and answers the updated workflow. The `id`,
    `timestamp` and `status_id` in the body are ignored; the workflow is the one named in the path. Use
    `update_workflow_status` to change the run id or the canceled and archived flags. Refused with 404
    when the workflow does not exist, with 422 (naming the field) when a `compute_node_*` setting is
    negative.

    Args:
        id (int):
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
        id=id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: WorkflowModel,
) -> DefaultErrorResponse | WorkflowModel | None:
    """Update a workflow

     Replaces the workflow's fields with those of the body and answers the updated workflow. The `id`,
    `timestamp` and `status_id` in the body are ignored; the workflow is the one named in the path. Use
    `update_workflow_status` to change the run id or the canceled and archived flags. Refused with 404
    when the workflow does not exist, with 422 (naming the field) when a `compute_node_*` setting is
    negative.

    Args:
        id (int):
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
            id=id,
            client=client,
            body=body,
        )
    ).parsed
