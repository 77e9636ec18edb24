"""Impossible resources are refused with 422 naming the field, wherever they come in: resource
requirements created or updated, workflows created or updated, workflow specs."""

from __future__ import annotations

import httpx
import pytest

from .helpers import create_workflow, error, ok, unique


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("num_cpus", -3),
        ("num_cpus", 0),
        ("num_gpus", -2),
        ("num_nodes", 0),
        ("memory", "-1g"),
        ("runtime", "-PT1M"),
    ],
)
def test_impossible_requirements_are_refused(http: httpx.Client, field: str, value: object) -> None:
    wf = create_workflow(http)["id"]
    body = {"workflow_id": wf, "name": "r", field: value}
    error(http.post("/resource_requirements", json=body), 422, field)
    created = ok(http.post("/resource_requirements", json={"workflow_id": wf, "name": "r"}))
    error(http.put(f"/resource_requirements/{created['id']}", json=body), 422, field)
    spec = {
        "name": unique("wf"),
        "user": "tester",
        "jobs": [{"name": "a", "command": "true", "resource_requirements": "r"}],
        "resource_requirements": [{"name": "r", field: value}],
    }
    error(http.post("/workflow_specs", json=spec), 422, field, "'r'")


@pytest.mark.parametrize(
    "field",
    [
        "compute_node_wait_for_new_jobs_seconds",
        "compute_node_expiration_buffer_seconds",
        "compute_node_wait_for_healthy_database_minutes",
        "compute_node_min_time_for_new_jobs_seconds",
    ],
)
def test_negative_runner_settings_are_refused(http: httpx.Client, field: str) -> None:
    body = {"name": unique("wf"), "user": "tester", field: -5}
    error(http.post("/workflows", json=body), 422, field)
    wf = create_workflow(http)["id"]
    error(http.put(f"/workflows/{wf}", json=body), 422, field)
    error(http.post("/workflow_specs", json={**body, "jobs": []}), 422, field)
    assert ok(http.post("/workflows", json={**body, field: 0}))[field] == 0
