from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.workflow_access_group_model import WorkflowAccessGroupModel
from ...types import Response


def _get_kwargs(
    id: int,
    *,
    body: WorkflowAccessGroupModel,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/workflows/{id}/access_groups".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DefaultErrorResponse | WorkflowAccessGroupModel | None:
    if response.status_code == 200:
        response_200 = WorkflowAccessGroupModel.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = DefaultErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = DefaultErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = DefaultErrorResponse.from_dict(response.json())

        return response_409

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DefaultErrorResponse | WorkflowAccessGroupModel]:
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
    body: WorkflowAccessGroupModel,
) -> Response[DefaultErrorResponse | WorkflowAccessGroupModel]:
    """Add a workflow to an access group (body form)

     Gives the members of an access group access to a workflow. The workflow is the one in the
    path and the group is the body's `group_id`; the body's `workflow_id` and `created_at` are
    ignored. Existing clients call the equivalent `POST
    /workflows/{id}/access_groups/{group_id}` (`add_workflow_to_group_by_id`), which takes no
    body.

    Refused with 404 when the workflow or the group does not exist and with 409 when the
    workflow is already in the group.

    Args:
        id (int):
        body (WorkflowAccessGroupModel): The sharing of a workflow with an access group.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | WorkflowAccessGroupModel]
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
    body: WorkflowAccessGroupModel,
) -> DefaultErrorResponse | WorkflowAccessGroupModel | None:
    """Add a workflow to an access group (body form)

     Gives the members of an access group access to a workflow. The workflow is the one in the
    path and the group is the body's `group_id`; the body's `workflow_id` and `created_at` are
    ignored. Existing clients call the equivalent `POST
    /workflows/{id}/access_groups/{group_id}` (`add_workflow_to_group_by_id`), which takes no
    body.

    Refused with 404 when the workflow or the group does not exist and with 409 when the
    workflow is already in the group.

    Args:
        id (int):
        body (WorkflowAccessGroupModel): The sharing of a workflow with an access group.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | WorkflowAccessGroupModel
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
    body: WorkflowAccessGroupModel,
) -> Response[DefaultErrorResponse | WorkflowAccessGroupModel]:
    """Add a workflow to an access group (body form)

     Gives the members of an access group access to a workflow. The workflow is the one in the
    path and the group is the body's `group_id`; the body's `workflow_id` and `created_at` are
    ignored. Existing clients call the equivalent `POST
    /workflows/{id}/access_groups/{group_id}` (`add_workflow_to_group_by_id`), which takes no
    body.

    Refused with 404 when the workflow or the group does not exist and with 409 when the
    workflow is already in the group.

    Args:
        id (int):
        body (WorkflowAccessGroupModel): The sharing of a workflow with an access group.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | WorkflowAccessGroupModel]
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
    body: WorkflowAccessGroupModel,
) -> DefaultErrorResponse | WorkflowAccessGroupModel | None:
    """Add a workflow to an access group (body form)

     Gives the members of an access group access to a workflow. The workflow is the one in the
    path and the group is the body's `group_id`; the body's `workflow_id` and `created_at` are
    ignored. Existing clients call the equivalent `POST
    /workflows/{id}/access_groups/{group_id}` (`add_workflow_to_group_by_id`), which takes no
    body.

    Refused with 404 when the workflow or the group does not exist and with 409 when the
    workflow is already in the group.

    Args:
        id (int):
        body (WorkflowAccessGroupModel): The sharing of a workflow with an access group.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | WorkflowAccessGroupModel
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed
