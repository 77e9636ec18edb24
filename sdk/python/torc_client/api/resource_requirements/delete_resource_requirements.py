from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.count_response import CountResponse
from ...models.default_error_response import DefaultErrorResponse
from ...models.delete_resource_requirements_body import DeleteResourceRequirementsBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: DeleteResourceRequirementsBody | Unset = UNSET,
    workflow_id: int,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["workflow_id"] = workflow_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/resource_requirements",
        "params": params,
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CountResponse | DefaultErrorResponse | None:
    if response.status_code == 200:
        response_200 = CountResponse.from_dict(response.json())

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
) -> Response[CountResponse | DefaultErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: DeleteResourceRequirementsBody | Unset = UNSET,
    workflow_id: int,
) -> Response[CountResponse | DefaultErrorResponse]:
    """Delete all resource requirements of a workflow

     Deletes every resource requirements record of the workflow named by `workflow_id` and answers with
    how many were deleted (0 when there were none). The workflow itself is not changed. Refused with 409
    while the workflow has jobs (they use its requirements), and with 404 when the workflow does not
    exist.

    Args:
        workflow_id (int):
        body (DeleteResourceRequirementsBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CountResponse | DefaultErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        workflow_id=workflow_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: DeleteResourceRequirementsBody | Unset = UNSET,
    workflow_id: int,
) -> CountResponse | DefaultErrorResponse | None:
    """Delete all resource requirements of a workflow

     Deletes every resource requirements record of the workflow named by `workflow_id` and answers with
    how many were deleted (0 when there were none). The workflow itself is not changed. Refused with 409
    while the workflow has jobs (they use its requirements), and with 404 when the workflow does not
    exist.

    Args:
        workflow_id (int):
        body (DeleteResourceRequirementsBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CountResponse | DefaultErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        workflow_id=workflow_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: DeleteResourceRequirementsBody | Unset = UNSET,
    workflow_id: int,
) -> Response[CountResponse | DefaultErrorResponse]:
    """Delete all resource requirements of a workflow

     Deletes every resource requirements record of the workflow named by `workflow_id` and answers with
    how many were deleted (0 when there were none). The workflow itself is not changed. Refused with 409
    while the workflow has jobs (they use its requirements), and with 404 when the workflow does not
    exist.

    Args:
        workflow_id (int):
        body (DeleteResourceRequirementsBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CountResponse | DefaultErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        workflow_id=workflow_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: DeleteResourceRequirementsBody | Unset = UNSET,
    workflow_id: int,
) -> CountResponse | DefaultErrorResponse | None:
    """Delete all resource requirements of a workflow

     Deletes every resource requirements record of the workflow named by `workflow_id` and answers with
    how many were deleted (0 when there were none). The workflow itself is not changed. Refused with 409
    while the workflow has jobs (they use its requirements), and with 404 when the workflow does not
    exist.

    Args:
        workflow_id (int):
        body (DeleteResourceRequirementsBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CountResponse | DefaultErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            workflow_id=workflow_id,
        )
    ).parsed
