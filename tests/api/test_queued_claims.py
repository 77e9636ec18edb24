"""complete_jobs for a runner that queues claimed jobs: `claim.start` false leaves them pending,
`started` reports them running, and a job may be reported started and finished at once."""

from __future__ import annotations

import httpx

from .helpers import (
    create_compute_node,
    create_job,
    create_workflow,
    error,
    initialize,
    job_statuses,
    ok,
    result_body,
    set_run_id,
)


def three_jobs(http: httpx.Client) -> tuple[int, int, dict[str, int]]:
    wf = create_workflow(http)["id"]
    jobs = {name: create_job(http, wf, name=name)["id"] for name in ("a", "b", "c")}
    initialize(http, wf)
    set_run_id(http, wf, 1)
    return wf, create_compute_node(http, wf)["id"], jobs


def test_a_queued_claim_stays_pending_until_reported_started(http: httpx.Client) -> None:
    wf, node, jobs = three_jobs(http)
    claim = {"compute_node_id": node, "limit": 2, "start": False}
    answer = ok(
        http.post(f"/workflows/{wf}/complete_jobs/1", json={"completions": [], "claim": claim})
    )
    claimed = [job["id"] for job in answer["claimed"]]
    assert claimed == [jobs["a"], jobs["b"]]
    assert [job["status"] for job in answer["claimed"]] == ["pending", "pending"]
    assert job_statuses(http, wf) == {"a": "pending", "b": "pending", "c": "ready"}
    # a started and finished, b started, all reported in one request.
    body = {
        "started": claimed,
        "compute_node_id": node,
        "completions": [
            {
                "job_id": jobs["a"],
                "status": "completed",
                "result": result_body(jobs["a"], wf, 1, node),
            }
        ],
    }
    answer = ok(http.post(f"/workflows/{wf}/complete_jobs/1", json=body))
    assert [(job["id"], job["status"]) for job in answer["jobs"]] == [(jobs["a"], "completed")]
    assert job_statuses(http, wf) == {"a": "completed", "b": "running", "c": "ready"}
    b = ok(http.get(f"/jobs/{jobs['b']}"))
    assert b["status"] == "running"
    events = ok(http.get("/events", params={"workflow_id": wf, "limit": 100}))["items"]
    started = sorted(e["data"]["job_id"] for e in events if e["data"].get("type") == "job_started")
    assert started == sorted(claimed)


def test_started_without_a_compute_node_is_refused_and_changes_nothing(
    http: httpx.Client,
) -> None:
    wf, node, jobs = three_jobs(http)
    claim = {"compute_node_id": node, "limit": 1, "start": False}
    ok(http.post(f"/workflows/{wf}/complete_jobs/1", json={"completions": [], "claim": claim}))
    error(
        http.post(
            f"/workflows/{wf}/complete_jobs/1", json={"completions": [], "started": [jobs["a"]]}
        ),
        422,
        "compute_node_id",
    )
    assert job_statuses(http, wf)["a"] == "pending"


def test_starting_a_job_that_was_not_claimed_refuses_the_whole_request(
    http: httpx.Client,
) -> None:
    wf, node, jobs = three_jobs(http)
    claim = {"compute_node_id": node, "limit": 1, "start": False}
    ok(http.post(f"/workflows/{wf}/complete_jobs/1", json={"completions": [], "claim": claim}))
    body = {
        "started": [jobs["a"], jobs["c"]],
        "compute_node_id": node,
        "completions": [],
        "claim": {"compute_node_id": node, "limit": 5},
    }
    error(http.post(f"/workflows/{wf}/complete_jobs/1", json=body), 422, str(jobs["c"]))
    assert job_statuses(http, wf) == {"a": "pending", "b": "ready", "c": "ready"}


def test_per_job_bounds_each_claimed_job_while_resources_bound_them_together(
    http: httpx.Client,
) -> None:
    """A runner claiming ahead offers several machines' worth; a job bigger than one machine
    stays ready for a runner that can run it."""
    wf = create_workflow(http)["id"]
    big = ok(
        http.post(
            "/resource_requirements",
            json={"workflow_id": wf, "name": "big", "num_cpus": 8, "memory": "1g"},
        )
    )["id"]
    small = [create_job(http, wf, name=f"small{i}")["id"] for i in range(3)]
    create_job(http, wf, name="huge", resource_requirements_id=big)
    initialize(http, wf)
    set_run_id(http, wf, 1)
    node = create_compute_node(http, wf)["id"]
    machine = {"num_cpus": 2, "memory_gb": 4.0, "num_gpus": 0, "num_nodes": 1}
    claim = {
        "compute_node_id": node,
        "limit": 16,
        "resources": {**machine, "num_cpus": 16, "memory_gb": 32.0},
        "per_job": machine,
        "start": False,
    }
    answer = ok(
        http.post(f"/workflows/{wf}/complete_jobs/1", json={"completions": [], "claim": claim})
    )
    assert sorted(job["id"] for job in answer["claimed"]) == small
    assert job_statuses(http, wf)["huge"] == "ready"
    # without per_job, the same offer takes the big job too
    del claim["per_job"]
    answer = ok(
        http.post(f"/workflows/{wf}/complete_jobs/1", json={"completions": [], "claim": claim})
    )
    assert [job["name"] for job in answer["claimed"]] == ["huge"]


def test_answer_jobs_false_leaves_the_finished_jobs_out(http: httpx.Client) -> None:
    wf, node, jobs = three_jobs(http)
    claim = {"compute_node_id": node, "limit": 2, "start": True}
    ok(http.post(f"/workflows/{wf}/complete_jobs/1", json={"completions": [], "claim": claim}))
    done = {
        "job_id": jobs["a"],
        "status": "completed",
        "result": result_body(jobs["a"], wf, 1, node),
    }
    answer = ok(
        http.post(
            f"/workflows/{wf}/complete_jobs/1",
            json={"completions": [done], "answer_jobs": False, "claim": claim},
        )
    )
    assert answer["jobs"] == []
    assert [job["id"] for job in answer["claimed"]] == [jobs["c"]]
    assert job_statuses(http, wf) == {"a": "completed", "b": "running", "c": "running"}
    done = {**done, "job_id": jobs["b"], "result": result_body(jobs["b"], wf, 1, node)}
    answer = ok(http.post(f"/workflows/{wf}/complete_jobs/1", json={"completions": [done]}))
    assert [(job["id"], job["status"]) for job in answer["jobs"]] == [(jobs["b"], "completed")]
