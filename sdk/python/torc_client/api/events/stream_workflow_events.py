from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.stream_workflow_events_level import StreamWorkflowEventsLevel
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    *,
    level: StreamWorkflowEventsLevel | Unset = StreamWorkflowEventsLevel.INFO,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_level: str | Unset = UNSET
    if not isinstance(level, Unset):
        json_level = level.value

    params["level"] = json_level

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/workflows/{id}/events/stream".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DefaultErrorResponse | str | None:
    if response.status_code == 200:
        response_200 = response.text
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
) -> Response[DefaultErrorResponse | str]:
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
    level: StreamWorkflowEventsLevel | Unset = StreamWorkflowEventsLevel.INFO,
) -> Response[DefaultErrorResponse | str]:
    """Stream a workflow's events live

     Opens a server-sent events stream (`text/event-stream`) of the events of one workflow as they
    happen: jobs started and completed (`job_started`, `job_completed`, `job_failed`,
    `job_canceled`, `job_terminated`, `job_pending_failed`), compute nodes started and stopped
    (`compute_node_started`, `compute_node_stopped`), allocations created
    (`scheduler_node_created`) and the workflow initialized (`workflow_started`,
    `workflow_reinitialized`), and the events clients store with `create_event` (named by their
    data's `type`, else `category`, else `event`; severity from its `severity`, else `info`).
    A client sees only what happens while it is connected: the first thing the server sends is
    the comment line `: subscribed`, after which every event of the workflow is delivered, in
    the order it was recorded. The stream stays open until the client disconnects.

    Each event is one frame:

    ```
    event: <event_type>
    data: {"workflow_id": 1, "timestamp": 1700000000000, "event_type": "job_started", "severity":
    "info", "data": {...}}

    ```

    that is, an `event:` line with the event type, a `data:` line with a JSON object
    `{workflow_id, timestamp, event_type, severity, data}` (`timestamp` in milliseconds since the
    Unix epoch, `severity` one of `debug`, `info`, `warning`, `error`, `data` an object with the
    event's details), and an empty line. When the client reads too slowly and the server has to
    drop events for it, the server sends a frame `event: warning` with the data
    `{"dropped": <number of events dropped>}`.

    Refused with 400 for an unknown `level` and with 404 when the workflow does not exist.

    Args:
        id (int):
        level (StreamWorkflowEventsLevel | Unset):  Default: StreamWorkflowEventsLevel.INFO.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | str]
    """

    kwargs = _get_kwargs(
        id=id,
        level=level,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    level: StreamWorkflowEventsLevel | Unset = StreamWorkflowEventsLevel.INFO,
) -> DefaultErrorResponse | str | None:
    """Stream a workflow's events live

     Opens a server-sent events stream (`text/event-stream`) of the events of one workflow as they
    happen: jobs started and completed (`job_started`, `job_completed`, `job_failed`,
    `job_canceled`, `job_terminated`, `job_pending_failed`), compute nodes started and stopped
    (`compute_node_started`, `compute_node_stopped`), allocations created
    (`scheduler_node_created`) and the workflow initialized (`workflow_started`,
    `workflow_reinitialized`), and the events clients store with `create_event` (named by their
    data's `type`, else `category`, else `event`; severity from its `severity`, else `info`).
    A client sees only what happens while it is connected: the first thing the server sends is
    the comment line `: subscribed`, after which every event of the workflow is delivered, in
    the order it was recorded. The stream stays open until the client disconnects.

    Each event is one frame:

    ```
    event: <event_type>
    data: {"workflow_id": 1, "timestamp": 1700000000000, "event_type": "job_started", "severity":
    "info", "data": {...}}

    ```

    that is, an `event:` line with the event type, a `data:` line with a JSON object
    `{workflow_id, timestamp, event_type, severity, data}` (`timestamp` in milliseconds since the
    Unix epoch, `severity` one of `debug`, `info`, `warning`, `error`, `data` an object with the
    event's details), and an empty line. When the client reads too slowly and the server has to
    drop events for it, the server sends a frame `event: warning` with the data
    `{"dropped": <number of events dropped>}`.

    Refused with 400 for an unknown `level` and with 404 when the workflow does not exist.

    Args:
        id (int):
        level (StreamWorkflowEventsLevel | Unset):  Default: StreamWorkflowEventsLevel.INFO.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | str
    """

    return sync_detailed(
        id=id,
        client=client,
        level=level,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    level: StreamWorkflowEventsLevel | Unset = StreamWorkflowEventsLevel.INFO,
) -> Response[DefaultErrorResponse | str]:
    """Stream a workflow's events live

     Opens a server-sent events stream (`text/event-stream`) of the events of one workflow as they
    happen: jobs started and completed (`job_started`, `job_completed`, `job_failed`,
    `job_canceled`, `job_terminated`, `job_pending_failed`), compute nodes started and stopped
    (`compute_node_started`, `compute_node_stopped`), allocations created
    (`scheduler_node_created`) and the workflow initialized (`workflow_started`,
    `workflow_reinitialized`), and the events clients store with `create_event` (named by their
    data's `type`, else `category`, else `event`; severity from its `severity`, else `info`).
    A client sees only what happens while it is connected: the first thing the server sends is
    the comment line `: subscribed`, after which every event of the workflow is delivered, in
    the order it was recorded. The stream stays open until the client disconnects.

    Each event is one frame:

    ```
    event: <event_type>
    data: {"workflow_id": 1, "timestamp": 1700000000000, "event_type": "job_started", "severity":
    "info", "data": {...}}

    ```

    that is, an `event:` line with the event type, a `data:` line with a JSON object
    `{workflow_id, timestamp, event_type, severity, data}` (`timestamp` in milliseconds since the
    Unix epoch, `severity` one of `debug`, `info`, `warning`, `error`, `data` an object with the
    event's details), and an empty line. When the client reads too slowly and the server has to
    drop events for it, the server sends a frame `event: warning` with the data
    `{"dropped": <number of events dropped>}`.

    Refused with 400 for an unknown `level` and with 404 when the workflow does not exist.

    Args:
        id (int):
        level (StreamWorkflowEventsLevel | Unset):  Default: StreamWorkflowEventsLevel.INFO.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | str]
    """

    kwargs = _get_kwargs(
        id=id,
        level=level,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    level: StreamWorkflowEventsLevel | Unset = StreamWorkflowEventsLevel.INFO,
) -> DefaultErrorResponse | str | None:
    """Stream a workflow's events live

     Opens a server-sent events stream (`text/event-stream`) of the events of one workflow as they
    happen: jobs started and completed (`job_started`, `job_completed`, `job_failed`,
    `job_canceled`, `job_terminated`, `job_pending_failed`), compute nodes started and stopped
    (`compute_node_started`, `compute_node_stopped`), allocations created
    (`scheduler_node_created`) and the workflow initialized (`workflow_started`,
    `workflow_reinitialized`), and the events clients store with `create_event` (named by their
    data's `type`, else `category`, else `event`; severity from its `severity`, else `info`).
    A client sees only what happens while it is connected: the first thing the server sends is
    the comment line `: subscribed`, after which every event of the workflow is delivered, in
    the order it was recorded. The stream stays open until the client disconnects.

    Each event is one frame:

    ```
    event: <event_type>
    data: {"workflow_id": 1, "timestamp": 1700000000000, "event_type": "job_started", "severity":
    "info", "data": {...}}

    ```

    that is, an `event:` line with the event type, a `data:` line with a JSON object
    `{workflow_id, timestamp, event_type, severity, data}` (`timestamp` in milliseconds since the
    Unix epoch, `severity` one of `debug`, `info`, `warning`, `error`, `data` an object with the
    event's details), and an empty line. When the client reads too slowly and the server has to
    drop events for it, the server sends a frame `event: warning` with the data
    `{"dropped": <number of events dropped>}`.

    Refused with 400 for an unknown `level` and with 404 when the workflow does not exist.

    Args:
        id (int):
        level (StreamWorkflowEventsLevel | Unset):  Default: StreamWorkflowEventsLevel.INFO.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | str
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            level=level,
        )
    ).parsed
