from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.remove_workflow_from_group_body import RemoveWorkflowFromGroupBody
from ...models.workflow_access_group_model import WorkflowAccessGroupModel
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    group_id: int,
    *,
    body: RemoveWorkflowFromGroupBody | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/workflows/{id}/access_groups/{group_id}".format(
            id=quote(str(id), safe=""),
            group_id=quote(str(group_id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
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
    group_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: RemoveWorkflowFromGroupBody | Unset = UNSET,
) -> Response[DefaultErrorResponse | WorkflowAccessGroupModel]:
    """Remove a workflow from an access group

     Takes a workflow out of a group and answers with the removed link. Members of the group lose the
    access it gave them (the owner keeps theirs). Refused with 404 when the workflow is not in the
    group.

    Args:
        id (int):
        group_id (int):
        body (RemoveWorkflowFromGroupBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | WorkflowAccessGroupModel]
    """

    kwargs = _get_kwargs(
        id=id,
        group_id=group_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    group_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: RemoveWorkflowFromGroupBody | Unset = UNSET,
) -> DefaultErrorResponse | WorkflowAccessGroupModel | None:
    """Remove a workflow from an access group

     Takes a workflow out of a group and answers with the removed link. Members of the group lose the
    access it gave them (the owner keeps theirs). Refused with 404 when the workflow is not in the
    group.

    Args:
        id (int):
        group_id (int):
        body (RemoveWorkflowFromGroupBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | WorkflowAccessGroupModel
    """

    return sync_detailed(
        id=id,
        group_id=group_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: int,
    group_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: RemoveWorkflowFromGroupBody | Unset = UNSET,
) -> Response[DefaultErrorResponse | WorkflowAccessGroupModel]:
    """Remove a workflow from an access group

     Takes a workflow out of a group and answers with the removed link. Members of the group lose the
    access it gave them (the owner keeps theirs). Refused with 404 when the workflow is not in the
    group.

    Args:
        id (int):
        group_id (int):
        body (RemoveWorkflowFromGroupBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | WorkflowAccessGroupModel]
    """

    kwargs = _get_kwargs(
        id=id,
        group_id=group_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    group_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: RemoveWorkflowFromGroupBody | Unset = UNSET,
) -> DefaultErrorResponse | WorkflowAccessGroupModel | None:
    """Remove a workflow from an access group

     Takes a workflow out of a group and answers with the removed link. Members of the group lose the
    access it gave them (the owner keeps theirs). Refused with 404 when the workflow is not in the
    group.

    Args:
        id (int):
        group_id (int):
        body (RemoveWorkflowFromGroupBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | WorkflowAccessGroupModel
    """

    return (
        await asyncio_detailed(
            id=id,
            group_id=group_id,
            client=client,
            body=body,
        )
    ).parsed
