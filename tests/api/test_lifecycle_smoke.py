"""A light pass through the job lifecycle over HTTP, on the diamond workflow.

preprocess: f1 -> f2, f3;  work1: f2 -> f4;  work2: f3 -> f5;  postprocess: f4, f5 -> f6.
The jobs are wired through files only; the server derives the job dependencies when the
workflow is initialized.
"""

from __future__ import annotations

from typing import Any

import httpx

from .helpers import (
    create_compute_node,
    create_diamond,
    create_job,
    create_workflow,
    error,
    ids,
    initialize,
    items,
    job_statuses,
    ok,
    result_body,
    set_run_id,
)


def _run(
    http: httpx.Client, job: dict[str, Any], run_id: int, node_id: int, **result: Any
) -> dict[str, Any]:
    """Start a claimed job and complete it successfully; answers the completed job."""
    started = ok(http.put(f"/jobs/{job['id']}/start_job/{run_id}/{node_id}"))
    assert started["status"] == "running"
    body = result_body(job["id"], job["workflow_id"], run_id, node_id, **result)
    return ok(http.post(f"/jobs/{job['id']}/complete_job/completed/{run_id}", json=body))


def test_diamond_workflow_runs_to_completion(http: httpx.Client) -> None:
    workflow, jobs, files = create_diamond(http)
    wf = workflow["id"]
    pre, work1, work2, post = (jobs[n] for n in ("preprocess", "work1", "work2", "postprocess"))

    # Created, not initialized.
    assert ok(http.get(f"/workflows/{wf}/is_uninitialized")) == {"is_uninitialized": True}
    assert set(job_statuses(http, wf).values()) == {"uninitialized"}
    assert post["input_file_ids"] == [files["f4"]["id"], files["f5"]["id"]]
    assert "depends_on_job_ids" not in pre or pre["depends_on_job_ids"] == []

    # Initialized: only the job whose inputs nobody produces is ready.
    assert ok(http.post(f"/workflows/{wf}/initialize_jobs")) == {
        "message": "Initialized job status"
    }
    assert job_statuses(http, wf) == {
        "preprocess": "ready",
        "work1": "blocked",
        "work2": "blocked",
        "postprocess": "blocked",
    }
    assert ok(http.get(f"/workflows/{wf}/is_uninitialized")) == {"is_uninitialized": False}
    assert ok(http.get(f"/workflows/{wf}/is_complete")) == {
        "is_canceled": False,
        "is_complete": False,
        "needs_to_run_completion_script": False,
    }
    dependencies = {
        (d["job_name"], d["depends_on_job_name"])
        for d in items(http, f"/workflows/{wf}/job_dependencies")
    }
    assert dependencies == {
        ("work1", "preprocess"),
        ("work2", "preprocess"),
        ("postprocess", "work1"),
        ("postprocess", "work2"),
    }
    assert ok(http.get(f"/jobs/{post['id']}"))["depends_on_job_ids"] == [work1["id"], work2["id"]]

    # A run: bump run_id, register a compute node, claim.
    assert set_run_id(http, wf, 1)["run_id"] == 1
    node = create_compute_node(http, wf)
    claimed = ok(http.post(f"/workflows/{wf}/claim_next_jobs", params={"limit": 10}))["jobs"]
    assert [job["id"] for job in claimed] == [pre["id"]]
    assert claimed[0]["status"] == "pending"
    assert ok(http.post(f"/workflows/{wf}/claim_next_jobs", params={"limit": 10}))["jobs"] == []

    # A stale run id is refused and changes nothing.
    error(http.put(f"/jobs/{pre['id']}/start_job/0/{node['id']}"), 422, "run_id")
    assert ok(http.get(f"/jobs/{pre['id']}"))["status"] == "pending"

    started = ok(http.put(f"/jobs/{pre['id']}/start_job/1/{node['id']}"))
    assert started["status"] == "running"
    assert ids(items(http, "/jobs", workflow_id=wf, status="running")) == [pre["id"]]
    assert ids(items(http, "/jobs", workflow_id=wf, active_compute_node_id=node["id"])) == [
        pre["id"]
    ]
    # Starting it again is refused: it is no longer pending.
    error(http.put(f"/jobs/{pre['id']}/start_job/1/{node['id']}"), 422, "pending")

    stale = result_body(pre["id"], wf, 0, node["id"])
    error(http.post(f"/jobs/{pre['id']}/complete_job/completed/0", json=stale), 422, "run_id")
    assert ok(http.get(f"/jobs/{pre['id']}"))["status"] == "running"
    assert items(http, "/results", workflow_id=wf, all_runs=True) == []

    # Completing releases both dependents at once.
    body = result_body(pre["id"], wf, 1, node["id"], return_code=0, exec_time_minutes=1.5)
    completed = ok(http.post(f"/jobs/{pre['id']}/complete_job/completed/1", json=body))
    assert completed["status"] == "completed"
    assert job_statuses(http, wf) == {
        "preprocess": "completed",
        "work1": "ready",
        "work2": "ready",
        "postprocess": "blocked",
    }
    (result,) = items(http, "/results", workflow_id=wf)
    assert (result["job_id"], result["run_id"], result["status"]) == (pre["id"], 1, "completed")
    assert (result["return_code"], result["exec_time_minutes"]) == (0, 1.5)
    assert result["compute_node_id"] == node["id"]

    # Completing it twice is refused and records nothing more.
    error(http.post(f"/jobs/{pre['id']}/complete_job/completed/1", json=body), 422, "complete")
    assert len(items(http, "/results", workflow_id=wf, all_runs=True)) == 1

    # The rest of the diamond.
    middle = ok(http.post(f"/workflows/{wf}/claim_next_jobs", params={"limit": 10}))["jobs"]
    assert sorted(job["id"] for job in middle) == [work1["id"], work2["id"]]
    for job in middle:
        _run(http, job, 1, node["id"])
    assert job_statuses(http, wf)["postprocess"] == "ready"
    assert ok(http.get(f"/workflows/{wf}/is_complete"))["is_complete"] is False

    (last,) = ok(http.post(f"/workflows/{wf}/claim_next_jobs"))["jobs"]
    assert last["id"] == post["id"]
    assert _run(http, last, 1, node["id"])["status"] == "completed"
    assert set(job_statuses(http, wf).values()) == {"completed"}
    assert ok(http.get(f"/workflows/{wf}/is_complete")) == {
        "is_canceled": False,
        "is_complete": True,
        "needs_to_run_completion_script": False,
    }
    assert len(items(http, "/results", workflow_id=wf)) == 4
    assert ok(http.post(f"/workflows/{wf}/claim_next_jobs"))["jobs"] == []


def test_claims_and_checks_on_a_missing_workflow_are_404(http: httpx.Client) -> None:
    missing = 999999984
    error(http.post(f"/workflows/{missing}/claim_next_jobs"), 404, str(missing))
    offer = {"num_cpus": 1, "num_gpus": 0, "num_nodes": 1, "memory_gb": 1.0}
    error(
        http.post(f"/workflows/{missing}/claim_jobs_based_on_resources/5", json=offer),
        404,
        str(missing),
    )
    error(http.get(f"/workflows/{missing}/is_complete"), 404, str(missing))
    error(http.get(f"/workflows/{missing}/is_uninitialized"), 404, str(missing))
    error(http.post(f"/workflows/{missing}/initialize_jobs"), 404, str(missing))


def test_lifecycle_on_a_missing_job_is_404(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    node = create_compute_node(http, wf)
    missing = 999999983
    error(http.put(f"/jobs/{missing}/start_job/0/{node['id']}"), 404, str(missing))
    body = result_body(missing, wf, 0, node["id"])
    error(http.post(f"/jobs/{missing}/complete_job/completed/0", json=body), 404, str(missing))


def test_start_on_an_unknown_compute_node_is_404(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    job = create_job(http, wf)
    initialize(http, wf)
    ok(http.post(f"/workflows/{wf}/claim_next_jobs"))
    error(http.put(f"/jobs/{job['id']}/start_job/0/999999982"), 404, "999999982")
    assert ok(http.get(f"/jobs/{job['id']}"))["status"] == "pending"


def test_empty_workflow_answers(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    assert ok(http.get(f"/workflows/{wf}/is_uninitialized")) == {"is_uninitialized": True}
    assert ok(http.get(f"/workflows/{wf}/is_complete"))["is_complete"] is True
    initialize(http, wf)
    assert ok(http.post(f"/workflows/{wf}/claim_next_jobs", params={"limit": 5})) == {"jobs": []}


def test_failed_job_cancels_its_dependents(http: httpx.Client) -> None:
    workflow, _, _ = create_diamond(http)
    wf = workflow["id"]
    initialize(http, wf)
    node = create_compute_node(http, wf)
    (pre,) = ok(http.post(f"/workflows/{wf}/claim_next_jobs"))["jobs"]
    ok(http.put(f"/jobs/{pre['id']}/start_job/0/{node['id']}"))
    body = result_body(pre["id"], wf, 0, node["id"], return_code=1, status="failed")
    assert (
        ok(http.post(f"/jobs/{pre['id']}/complete_job/failed/0", json=body))["status"] == "failed"
    )
    assert job_statuses(http, wf) == {
        "preprocess": "failed",
        "work1": "canceled",
        "work2": "canceled",
        "postprocess": "canceled",
    }
    assert ok(http.get(f"/workflows/{wf}/is_complete"))["is_complete"] is True
