"""The workflow's live event stream (`GET /workflows/{id}/events/stream`, server-sent events)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

from torc_cli.tui.backend import Connection


class StreamRefused(Exception):
    """The server answered the stream request with an error (no point in retrying soon)."""


async def follow(connection: Connection, workflow_id: int) -> AsyncIterator[dict[str, Any]]:
    """Each event of the workflow as it happens, as the server sends it (`event_type`,
    `timestamp`, `severity`, `data`); ends when the server closes the stream. Connection
    failures raise `httpx.HTTPError`."""
    import httpx

    from torc.api import basic_auth_header
    from torc.errors import error_message

    headers = {"Accept": "text/event-stream"}
    if connection.username:
        headers["Authorization"] = basic_auth_header(connection.username, connection.password or "")
    url = f"{connection.url.rstrip('/')}/workflows/{workflow_id}/events/stream"
    timeout = httpx.Timeout(10.0, read=None)
    async with (
        httpx.AsyncClient(headers=headers, timeout=timeout) as client,
        client.stream("GET", url) as response,
    ):
        if response.status_code != 200:
            body = await response.aread()
            raise StreamRefused(error_message(response.status_code, body))
        name, data = "message", []
        async for line in response.aiter_lines():
            if not line:
                if data:
                    yield _event(name, "\n".join(data))
                name, data = "message", []
            elif line.startswith(":"):
                continue
            elif line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].removeprefix(" "))


def _event(name: str, data: str) -> dict[str, Any]:
    try:
        event = json.loads(data)
    except ValueError:
        return {"event_type": name, "data": data}
    if not isinstance(event, dict):
        return {"event_type": name, "data": event}
    event.setdefault("event_type", name)
    return event
