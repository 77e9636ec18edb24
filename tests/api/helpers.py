"""Small helpers for the HTTP API tests: create records, read pages, check answers.

Every helper talks to the live server through the `http` fixture (an `httpx.Client` whose base
URL is the API base path), the way any client of the API would.
"""

from __future__ import annotations

import itertools
import os
import uuid
from typing import Any

import httpx

MAX_LIMIT = 10_000
ENVELOPE_KEYS = {"items", "offset", "max_limit", "count", "total_count", "has_more"}
JSON_HEADERS = {"Content-Type": "application/json", "Accept": "application/json"}

_counter = itertools.count(1)


def unique(prefix: str = "t") -> str:
    """A name no other test (in this or another xdist worker) uses."""
    return f"{prefix}-{os.getpid()}-{next(_counter)}-{uuid.uuid4().hex[:8]}"


# ---------------------------------------------------------------------------------------------
# answers


def ok(response: httpx.Response) -> Any:
    """The JSON body of a 200 answer (fails the test with the body otherwise)."""
    assert response.status_code == 200, (
        f"{response.request.method} {response.request.url} -> {response.status_code}: "
        f"{response.text}"
    )
    return response.json()


def error(response: httpx.Response, status: int, *fragments: str) -> str:
    """Check an error answer: the status, the JSON shape `{"error": {"message": ...}}`, and that
    the message mentions every fragment (case-insensitive). Returns the message."""
    assert response.status_code == status, (
        f"{response.request.method} {response.request.url}: expected {status}, got "
        f"{response.status_code}: {response.text}"
    )
    assert response.headers["content-type"].startswith("application/json"), response.text
    body = response.json()
    assert isinstance(body, dict) and isinstance(body.get("error"), dict), body
    message = body["error"].get("message")
    assert isinstance(message, str) and message, body
    for fragment in fragments:
        assert str(fragment).lower() in message.lower(), (
            f"message {message!r} does not mention {fragment!r}"
        )
    return message


def delete_json(http: httpx.Client, url: str, **params: Any) -> httpx.Response:
    """A DELETE as generated clients send it: JSON content type and an empty body."""
    return http.request("DELETE", url, params=params or None, headers=JSON_HEADERS, content=b"")


# ---------------------------------------------------------------------------------------------
# lists


def page(http: httpx.Client, url: str, /, **params: Any) -> dict[str, Any]:
    """One list envelope; checks that it carries the six envelope fields."""
    body = ok(http.get(url, params=_query(params)))
    assert set(body) >= ENVELOPE_KEYS, body
    assert body["count"] == len(body["items"])
    assert body["max_limit"] == MAX_LIMIT
    return body


def items(http: httpx.Client, url: str, /, **params: Any) -> list[dict[str, Any]]:
    """Every item of a list, paging with `offset += count` while `has_more`."""
    collected: list[dict[str, Any]] = []
    offset = 0
    while True:
        body = page(http, url, offset=offset, **params)
        collected.extend(body["items"])
        if not body["has_more"]:
            return collected
        offset += body["count"]


def ids(records: list[dict[str, Any]]) -> list[int]:
    return [record["id"] for record in records]


def total(http: httpx.Client, url: str, /, **params: Any) -> int:
    return page(http, url, limit=1, **params)["total_count"]


def _query(params: dict[str, Any]) -> dict[str, Any]:
    return {k: (str(v).lower() if isinstance(v, bool) else v) for k, v in params.items()}


# ---------------------------------------------------------------------------------------------
# records


def create_workflow(http: httpx.Client, **fields: Any) -> dict[str, Any]:
    body = {"name": unique("wf"), "user": "tester", **fields}
    return ok(http.post("/workflows", json=body))


def default_requirements(http: httpx.Client, workflow_id: int) -> dict[str, Any]:
    (record,) = items(http, "/resource_requirements", workflow_id=workflow_id, name="default")
    return record


def create_job(
    http: httpx.Client, workflow_id: int, name: str | None = None, **fields: Any
) -> dict[str, Any]:
    body = {"workflow_id": workflow_id, "name": name or unique("job"), "command": "true", **fields}
    return ok(http.post("/jobs", json=body))


def create_jobs(http: httpx.Client, jobs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return ok(http.post("/bulk_jobs", json={"jobs": jobs}))["jobs"]


def create_file(
    http: httpx.Client, workflow_id: int, name: str | None = None, **fields: Any
) -> dict[str, Any]:
    name = name or unique("file")
    body = {"workflow_id": workflow_id, "name": name, "path": f"/data/{name}", **fields}
    return ok(http.post("/files", json=body))


def create_user_data(
    http: httpx.Client,
    workflow_id: int,
    name: str | None = None,
    params: dict[str, Any] | None = None,
    **fields: Any,
) -> dict[str, Any]:
    body = {"workflow_id": workflow_id, "name": name or unique("ud"), **fields}
    return ok(http.post("/user_data", json=body, params=params))


def create_requirements(http: httpx.Client, workflow_id: int, **fields: Any) -> dict[str, Any]:
    body = {"workflow_id": workflow_id, "name": unique("rr"), **fields}
    return ok(http.post("/resource_requirements", json=body))


def compute_node_body(workflow_id: int, **fields: Any) -> dict[str, Any]:
    return {
        "workflow_id": workflow_id,
        "hostname": "node-1",
        "pid": 4242,
        "start_time": "2024-01-31T12:00:00.000Z",
        "is_active": True,
        "num_cpus": 8,
        "memory_gb": 16.0,
        "num_gpus": 0,
        "num_nodes": 1,
        "compute_node_type": "local",
        **fields,
    }


def create_compute_node(http: httpx.Client, workflow_id: int, **fields: Any) -> dict[str, Any]:
    return ok(http.post("/compute_nodes", json=compute_node_body(workflow_id, **fields)))


def result_body(
    job_id: int, workflow_id: int, run_id: int, compute_node_id: int, **fields: Any
) -> dict[str, Any]:
    return {
        "job_id": job_id,
        "workflow_id": workflow_id,
        "run_id": run_id,
        "compute_node_id": compute_node_id,
        "return_code": 0,
        "exec_time_minutes": 0.5,
        "completion_time": "2024-01-31T12:30:00.000Z",
        "status": "completed",
        **fields,
    }


def set_run_id(http: httpx.Client, workflow_id: int, run_id: int) -> dict[str, Any]:
    status = ok(http.get(f"/workflows/{workflow_id}/status"))
    return ok(http.put(f"/workflows/{workflow_id}/status", json={**status, "run_id": run_id}))


def initialize(http: httpx.Client, workflow_id: int) -> None:
    ok(http.post(f"/workflows/{workflow_id}/initialize_jobs"))


def job_statuses(http: httpx.Client, workflow_id: int) -> dict[str, str]:
    """Job name -> status for every job of the workflow."""
    return {job["name"]: job["status"] for job in items(http, "/jobs", workflow_id=workflow_id)}


def create_diamond(http: httpx.Client) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The diamond workflow, wired through files only:

    preprocess: f1 -> f2, f3;  work1: f2 -> f4;  work2: f3 -> f5;  postprocess: f4, f5 -> f6.

    Returns (workflow, jobs by name, files by name).
    """
    workflow = create_workflow(http, description="diamond")
    wf = workflow["id"]
    files = {name: create_file(http, wf, name) for name in ("f1", "f2", "f3", "f4", "f5", "f6")}

    def fid(*names: str) -> list[int]:
        return [files[n]["id"] for n in names]

    created = create_jobs(
        http,
        [
            {
                "workflow_id": wf,
                "name": "preprocess",
                "command": "pre",
                "input_file_ids": fid("f1"),
                "output_file_ids": fid("f2", "f3"),
            },
            {
                "workflow_id": wf,
                "name": "work1",
                "command": "w1",
                "input_file_ids": fid("f2"),
                "output_file_ids": fid("f4"),
            },
            {
                "workflow_id": wf,
                "name": "work2",
                "command": "w2",
                "input_file_ids": fid("f3"),
                "output_file_ids": fid("f5"),
            },
            {
                "workflow_id": wf,
                "name": "postprocess",
                "command": "post",
                "input_file_ids": fid("f4", "f5"),
                "output_file_ids": fid("f6"),
            },
        ],
    )
    return workflow, {job["name"]: job for job in created}, files
