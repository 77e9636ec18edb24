from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.local_scheduler_model import LocalSchedulerModel
from ...types import Response


def _get_kwargs(
    *,
    body: LocalSchedulerModel,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/local_schedulers",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DefaultErrorResponse | LocalSchedulerModel | None:
    if response.status_code == 200:
        response_200 = LocalSchedulerModel.from_dict(response.json())

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
) -> Response[DefaultErrorResponse | LocalSchedulerModel]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: LocalSchedulerModel,
) -> Response[DefaultErrorResponse | LocalSchedulerModel]:
    """Create a local scheduler

     Stores a configuration for running a workflow's jobs on the local machine: a name (default
    `default`) and, optionally, the memory and number of CPUs a local runner may use. Jobs can
    name it through `scheduler_id`.

    Answers with the stored record and its new `id`. Refused with 404 when `workflow_id` names
    no workflow.

    Args:
        body (LocalSchedulerModel): A local scheduler configuration: the resources of job runners
            started on the local machine.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | LocalSchedulerModel]
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
    body: LocalSchedulerModel,
) -> DefaultErrorResponse | LocalSchedulerModel | None:
    """Create a local scheduler

     Stores a configuration for running a workflow's jobs on the local machine: a name (default
    `default`) and, optionally, the memory and number of CPUs a local runner may use. Jobs can
    name it through `scheduler_id`.

    Answers with the stored record and its new `id`. Refused with 404 when `workflow_id` names
    no workflow.

    Args:
        body (LocalSchedulerModel): A local scheduler configuration: the resources of job runners
            started on the local machine.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | LocalSchedulerModel
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: LocalSchedulerModel,
) -> Response[DefaultErrorResponse | LocalSchedulerModel]:
    """Create a local scheduler

     Stores a configuration for running a workflow's jobs on the local machine: a name (default
    `default`) and, optionally, the memory and number of CPUs a local runner may use. Jobs can
    name it through `scheduler_id`.

    Answers with the stored record and its new `id`. Refused with 404 when `workflow_id` names
    no workflow.

    Args:
        body (LocalSchedulerModel): A local scheduler configuration: the resources of job runners
            started on the local machine.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | LocalSchedulerModel]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: LocalSchedulerModel,
) -> DefaultErrorResponse | LocalSchedulerModel | None:
    """Create a local scheduler

     Stores a configuration for running a workflow's jobs on the local machine: a name (default
    `default`) and, optionally, the memory and number of CPUs a local runner may use. Jobs can
    name it through `scheduler_id`.

    Answers with the stored record and its new `id`. Refused with 404 when `workflow_id` names
    no workflow.

    Args:
        body (LocalSchedulerModel): A local scheduler configuration: the resources of job runners
            started on the local machine.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | LocalSchedulerModel
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
