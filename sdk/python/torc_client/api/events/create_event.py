from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.event_model import EventModel
from ...types import Response


def _get_kwargs(
    *,
    body: EventModel,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/events",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DefaultErrorResponse | EventModel | None:
    if response.status_code == 200:
        response_200 = EventModel.from_dict(response.json())

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
) -> Response[DefaultErrorResponse | EventModel]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: EventModel,
) -> Response[DefaultErrorResponse | EventModel]:
    """Store an event

     Stores an event in a workflow's log. `data` is any JSON object; by convention it carries a
    `category` string (which `list_events` can filter on) and a message. The server sets
    `timestamp` to the time it received the request, in milliseconds since the epoch: the body
    must carry a `timestamp`, but its value is replaced.

    The event is also delivered to the workflow's live event streams (`stream_workflow_events`).
    Answers with the stored event, its `id` and its `timestamp`. Refused with 404 when
    `workflow_id` names no workflow.

    Args:
        body (EventModel): A stored event, something notable that happened to a workflow.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | EventModel]
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
    body: EventModel,
) -> DefaultErrorResponse | EventModel | None:
    """Store an event

     Stores an event in a workflow's log. `data` is any JSON object; by convention it carries a
    `category` string (which `list_events` can filter on) and a message. The server sets
    `timestamp` to the time it received the request, in milliseconds since the epoch: the body
    must carry a `timestamp`, but its value is replaced.

    The event is also delivered to the workflow's live event streams (`stream_workflow_events`).
    Answers with the stored event, its `id` and its `timestamp`. Refused with 404 when
    `workflow_id` names no workflow.

    Args:
        body (EventModel): A stored event, something notable that happened to a workflow.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | EventModel
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: EventModel,
) -> Response[DefaultErrorResponse | EventModel]:
    """Store an event

     Stores an event in a workflow's log. `data` is any JSON object; by convention it carries a
    `category` string (which `list_events` can filter on) and a message. The server sets
    `timestamp` to the time it received the request, in milliseconds since the epoch: the body
    must carry a `timestamp`, but its value is replaced.

    The event is also delivered to the workflow's live event streams (`stream_workflow_events`).
    Answers with the stored event, its `id` and its `timestamp`. Refused with 404 when
    `workflow_id` names no workflow.

    Args:
        body (EventModel): A stored event, something notable that happened to a workflow.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | EventModel]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: EventModel,
) -> DefaultErrorResponse | EventModel | None:
    """Store an event

     Stores an event in a workflow's log. `data` is any JSON object; by convention it carries a
    `category` string (which `list_events` can filter on) and a message. The server sets
    `timestamp` to the time it received the request, in milliseconds since the epoch: the body
    must carry a `timestamp`, but its value is replaced.

    The event is also delivered to the workflow's live event streams (`stream_workflow_events`).
    Answers with the stored event, its `id` and its `timestamp`. Refused with 404 when
    `workflow_id` names no workflow.

    Args:
        body (EventModel): A stored event, something notable that happened to a workflow.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | EventModel
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
