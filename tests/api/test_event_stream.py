"""The live event stream (`GET /workflows/{id}/events/stream`) over HTTP: frames, level filtering
and one workflow per stream. (schemathesis cannot call this operation: the stream never ends.)"""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import httpx

from .helpers import (
    create_compute_node,
    create_job,
    create_workflow,
    error,
    initialize,
    ok,
    result_body,
)


class Listener:
    """Reads one stream in a thread until it sees `until` (an event name) or times out."""

    def __init__(self, base_url: str, wf: int, level: str, until: str) -> None:
        self.frames: list[tuple[str, dict[str, Any]]] = []
        self.headers: httpx.Headers | None = None
        self.until = until
        self._open = threading.Event()
        self._thread = threading.Thread(target=self._read, args=(base_url, wf, level), daemon=True)
        self._thread.start()
        assert self._open.wait(10), "the stream did not open"

    def _read(self, base_url: str, wf: int, level: str) -> None:
        timeout = httpx.Timeout(10.0, read=15.0)
        with (
            httpx.Client(base_url=base_url, timeout=timeout) as client,
            client.stream("GET", f"/workflows/{wf}/events/stream", params={"level": level}) as r,
        ):
            self.headers = r.headers
            self._open.set()
            event = None
            for line in r.iter_lines():
                if line.startswith("event:"):
                    event = line.split(":", 1)[1].strip()
                elif line.startswith("data:") and event is not None:
                    self.frames.append((event, json.loads(line.split(":", 1)[1])))
                    if event == self.until:
                        return

    def names(self) -> list[str]:
        self._thread.join(20)
        assert not self._thread.is_alive(), f"never saw {self.until}: {self.frames}"
        return [name for name, _ in self.frames]


def _fail_a_job(http: httpx.Client, wf: int, failing: int) -> None:
    node = create_compute_node(http, wf)["id"]
    ok(http.post(f"/workflows/{wf}/claim_next_jobs", params={"limit": 1}))
    ok(http.put(f"/jobs/{failing}/start_job/0/{node}"))
    body = result_body(failing, wf, 0, node, return_code=2, status="failed")
    ok(http.post(f"/jobs/{failing}/complete_job/failed/0", json=body))


def test_subscribers_see_their_workflow_at_their_level(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    other = create_workflow(http)["id"]
    first = create_job(http, wf, "first")
    create_job(http, wf, "second", depends_on_job_ids=[first["id"]])
    create_job(http, other, "elsewhere")
    base = str(http.base_url)
    listeners = {
        "debug": Listener(base, wf, "debug", until="workflow_canceled"),
        "info": Listener(base, wf, "info", until="workflow_canceled"),
        "warning": Listener(base, wf, "warning", until="workflow_canceled"),
        "error": Listener(base, wf, "error", until="job_failed"),
        "other": Listener(base, other, "debug", until="workflow_started"),
    }
    time.sleep(0.5)  # the server has registered every subscriber

    initialize(http, wf)
    _fail_a_job(http, wf, first["id"])  # `second` is canceled by the failure
    ok(http.put(f"/workflows/{wf}/cancel"))
    initialize(http, other)

    assert listeners["debug"].names() == [
        "workflow_started",
        "compute_node_started",
        "job_started",
        "job_failed",
        "job_canceled",
        "workflow_canceled",
    ]
    assert listeners["info"].names() == listeners["debug"].names()
    assert listeners["warning"].names() == ["job_failed", "job_canceled", "workflow_canceled"]
    assert listeners["error"].names() == ["job_failed"]
    assert listeners["other"].names() == ["workflow_started"]
    assert len(listeners["debug"].names()) > len(listeners["error"].names())

    # Each frame carries the event for its workflow.
    for name, payload in listeners["debug"].frames:
        assert set(payload) == {"workflow_id", "timestamp", "event_type", "severity", "data"}
        assert (payload["workflow_id"], payload["event_type"]) == (wf, name)
        assert isinstance(payload["timestamp"], int)
    failed = dict(listeners["debug"].frames)["job_failed"]
    assert failed["severity"] == "error"
    assert (failed["data"]["job_id"], failed["data"]["return_code"]) == (first["id"], 2)
    ((_, elsewhere),) = listeners["other"].frames
    assert elsewhere["workflow_id"] == other

    headers = listeners["debug"].headers
    assert headers is not None
    assert headers["content-type"].startswith("text/event-stream")
    assert headers["cache-control"] == "no-cache"


def test_stream_refuses_a_missing_workflow_or_an_unknown_level(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    error(http.get("/workflows/999999931/events/stream"), 404, "999999931")
    error(http.get(f"/workflows/{wf}/events/stream", params={"level": "loud"}), 400, "level")
