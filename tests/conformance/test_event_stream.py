"""`stream_workflow_events` (GET /workflows/{id}/events/stream), tested directly.

The stream never ends, so schemathesis cannot call it. Here a client opens the stream, another
one makes the server emit events, and the frames are checked against the operation's description:
`event: <event_type>` then `data: {workflow_id, timestamp, event_type, severity, data}`.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from .seed import unique

SEVERITIES = {"debug", "info", "warning", "error"}


def _workflow(http: httpx.Client) -> int:
    response = http.post("/workflows", json={"name": unique("stream"), "user": "alice"})
    assert response.status_code == 200, response.text
    return response.json()["id"]


def _start_compute_node(http: httpx.Client, workflow_id: int) -> None:
    response = http.post(
        "/compute_nodes",
        json={
            "workflow_id": workflow_id,
            "hostname": "node1",
            "pid": 1234,
            "start_time": "2024-01-01T00:00:00Z",
            "num_cpus": 2,
            "memory_gb": 4.0,
            "num_gpus": 0,
            "num_nodes": 1,
            "compute_node_type": "local",
            "is_active": True,
        },
    )
    assert response.status_code == 200, response.text


def _frames(lines: Iterator[str]) -> Iterator[dict[str, str]]:
    """Server-sent event frames: the fields of each block of lines ended by an empty line."""
    frame: dict[str, str] = {}
    for line in lines:
        if not line:
            if frame:
                yield frame
            frame = {}
        elif not line.startswith(":"):  # a comment line (keep-alive)
            name, _, value = line.partition(":")
            frame[name] = value.removeprefix(" ")


@pytest.fixture
def http(server: Any) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=10.0) as client:
        yield client


def test_stream_delivers_the_workflows_events(server: Any, http: httpx.Client) -> None:
    workflow_id = _workflow(http)
    other_id = _workflow(http)
    stop = threading.Event()

    def trigger() -> None:
        # The subscription starts when the server begins the body, a little after the headers
        # arrive: keep causing events (also in another workflow) until a frame is read.
        with httpx.Client(base_url=server.url, timeout=10.0) as client:
            while not stop.is_set():
                _start_compute_node(client, other_id)
                _start_compute_node(client, workflow_id)
                stop.wait(0.2)

    timeout = httpx.Timeout(10.0, read=10.0)
    with http.stream("GET", f"/workflows/{workflow_id}/events/stream", timeout=timeout) as stream:
        assert stream.status_code == 200
        assert stream.headers["content-type"].startswith("text/event-stream")
        thread = threading.Thread(target=trigger, daemon=True)
        thread.start()
        try:
            frames = _frames(stream.iter_lines())
            frame = next(frames)
            second = next(frames)
        finally:
            stop.set()
            thread.join(timeout=10)

    for received in (frame, second):
        assert set(received) == {"event", "data"}, received
        payload = json.loads(received["data"])
        assert payload["workflow_id"] == workflow_id, payload  # never the other workflow's
        assert payload["event_type"] == received["event"] == "compute_node_started"
        assert set(payload) == {"workflow_id", "timestamp", "event_type", "severity", "data"}
        assert payload["severity"] in SEVERITIES
        assert isinstance(payload["data"], dict)
        assert abs(payload["timestamp"] - time.time() * 1000) < 60_000, payload


def _assert_json_error(response: httpx.Response, status: int) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]


def test_stream_of_a_missing_workflow_is_404(http: httpx.Client) -> None:
    _assert_json_error(http.get("/workflows/999999999/events/stream"), 404)


def test_stream_with_an_unknown_level_is_400(http: httpx.Client) -> None:
    workflow_id = _workflow(http)
    _assert_json_error(http.get(f"/workflows/{workflow_id}/events/stream?level=loud"), 400)
