"""The user guide's diamond workflow driven through raw API calls, and requests the lifecycle
cannot honour: each answers 4xx with a message and changes nothing.

preprocess: f1 -> f2, f3;  work1: f2 -> f4;  work2: f3 -> f5;  postprocess: f4, f5 -> f6.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from .helpers import (
    create_compute_node,
    create_diamond,
    create_user_data,
    error,
    initialize,
    items,
    job_statuses,
    ok,
    result_body,
    set_run_id,
)

OFFER = {"num_cpus": 8, "memory_gb": 16.0, "num_gpus": 0, "num_nodes": 1}


def claim(http: httpx.Client, wf: int, how: str = "next", limit: int = 10) -> list[dict[str, Any]]:
    if how == "next":
        answer = http.post(f"/workflows/{wf}/claim_next_jobs", params={"limit": limit})
    else:
        answer = http.post(f"/workflows/{wf}/claim_jobs_based_on_resources/{limit}", json=OFFER)
    return ok(answer)["jobs"]


def start(http: httpx.Client, job_id: int, run_id: int, node: int) -> dict[str, Any]:
    return ok(http.put(f"/jobs/{job_id}/start_job/{run_id}/{node}"))


def finish(
    http: httpx.Client, wf: int, job_id: int, run_id: int, node: int, status: str = "completed"
) -> dict[str, Any]:
    code = 0 if status == "completed" else 1
    body = result_body(job_id, wf, run_id, node, return_code=code, status=status)
    return ok(http.post(f"/jobs/{job_id}/complete_job/{status}/{run_id}", json=body))


def names(jobs: list[dict[str, Any]]) -> list[str]:
    return sorted(job["name"] for job in jobs)


def state(http: httpx.Client, wf: int) -> dict[str, Any]:
    """Everything a lifecycle request could change, re-read through the API."""
    return {
        "jobs": items(http, "/jobs", workflow_id=wf),
        "status": ok(http.get(f"/workflows/{wf}/status")),
        "results": items(http, "/results", workflow_id=wf, all_runs="true"),
        "events": items(http, "/events", workflow_id=wf),
        "actions": ok(http.get(f"/workflows/{wf}/actions")),
        "complete": ok(http.get(f"/workflows/{wf}/is_complete")),
    }


# ---------------------------------------------------------------------------------------------
# the diamond


@pytest.mark.parametrize("how", ["next", "resources"])
def test_the_diamond_runs_fails_and_reruns_only_what_failed(http: httpx.Client, how: str) -> None:
    workflow, jobs, _ = create_diamond(http)
    wf = workflow["id"]
    ids = {name: job["id"] for name, job in jobs.items()}
    node = create_compute_node(http, wf)["id"]
    assert set_run_id(http, wf, 1)["run_id"] == 1

    # After initialization only preprocess is ready.
    initialize(http, wf)
    assert job_statuses(http, wf) == {
        "preprocess": "ready",
        "work1": "blocked",
        "work2": "blocked",
        "postprocess": "blocked",
    }
    assert names(claim(http, wf, how)) == ["preprocess"]
    assert claim(http, wf, how) == []
    start(http, ids["preprocess"], 1, node)
    assert finish(http, wf, ids["preprocess"], 1, node)["status"] == "completed"

    # Completing it makes work1 and work2 claimable in the very next request.
    middle = claim(http, wf, how)
    assert names(middle) == ["work1", "work2"]
    assert {job["status"] for job in middle} == {"pending"}

    # work1 fails: postprocess can no longer run and is canceled at once, while work2 runs.
    for job in middle:
        start(http, job["id"], 1, node)
    assert finish(http, wf, ids["work1"], 1, node, "failed")["status"] == "failed"
    assert job_statuses(http, wf)["postprocess"] == "canceled"
    assert ok(http.get(f"/workflows/{wf}/is_complete"))["is_complete"] is False  # work2 runs
    finish(http, wf, ids["work2"], 1, node)
    assert job_statuses(http, wf) == {
        "preprocess": "completed",
        "work1": "failed",
        "work2": "completed",
        "postprocess": "canceled",
    }
    assert ok(http.get(f"/workflows/{wf}/is_complete"))["is_complete"] is True
    assert claim(http, wf, how) == []
    recorded = [e["data"] for e in items(http, "/events", workflow_id=wf, category="job")]
    assert [(e["type"], e["job_id"]) for e in recorded if e["type"] != "job_started"] == [
        ("job_completed", ids["preprocess"]),
        ("job_failed", ids["work1"]),
        ("job_canceled", ids["postprocess"]),
        ("job_completed", ids["work2"]),
    ]

    # Reset what failed (and what is below it), start run 2, reinitialize.
    reset = ok(http.post(f"/workflows/{wf}/reset_job_status", params={"failed_only": "true"}))
    assert (reset["updated_count"], reset["reset_type"]) == (2, "failed_only")
    set_run_id(http, wf, 2)
    ok(http.post(f"/workflows/{wf}/reset_status"))
    ok(http.post(f"/workflows/{wf}/initialize_jobs", params={"only_uninitialized": "true"}))
    assert job_statuses(http, wf) == {
        "preprocess": "completed",
        "work1": "ready",
        "work2": "completed",
        "postprocess": "blocked",
    }

    # Run 2 runs only work1, then postprocess.
    (again,) = claim(http, wf, how)
    assert again["name"] == "work1"
    start(http, again["id"], 2, node)
    finish(http, wf, again["id"], 2, node)
    (last,) = claim(http, wf, how)
    assert last["name"] == "postprocess"
    start(http, last["id"], 2, node)
    finish(http, wf, last["id"], 2, node)
    assert set(job_statuses(http, wf).values()) == {"completed"}
    assert ok(http.get(f"/workflows/{wf}/is_complete"))["is_complete"] is True

    current = {r["job_id"]: r["run_id"] for r in items(http, "/results", workflow_id=wf)}
    assert current == {
        ids["preprocess"]: 1,
        ids["work1"]: 2,
        ids["work2"]: 1,
        ids["postprocess"]: 2,
    }
    history = items(http, "/results", workflow_id=wf, all_runs="true")
    assert sorted((r["job_id"], r["run_id"], r["status"]) for r in history) == sorted(
        [
            (ids["preprocess"], 1, "completed"),
            (ids["work1"], 1, "failed"),
            (ids["work2"], 1, "completed"),
            (ids["work1"], 2, "completed"),
            (ids["postprocess"], 2, "completed"),
        ]
    )


def test_changed_inputs_rerun_only_the_changed_job_and_what_is_below(http: httpx.Client) -> None:
    workflow, jobs, _ = create_diamond(http)
    wf = workflow["id"]
    knob = create_user_data(
        http, wf, "knob", params={"consumer_job_id": jobs["work2"]["id"]}, data={"n": 1}
    )
    node = create_compute_node(http, wf)["id"]
    initialize(http, wf)
    while batch := claim(http, wf):
        for job in batch:
            start(http, job["id"], 0, node)
            finish(http, wf, job["id"], 0, node)
    assert set(job_statuses(http, wf).values()) == {"completed"}

    url = f"/workflows/{wf}/process_changed_job_inputs"
    assert ok(http.post(url, params={"dry_run": "true"})) == {"reinitialized_jobs": []}
    ok(http.put(f"/user_data/{knob['id']}", json={**knob, "data": {"n": 2}}))
    before = job_statuses(http, wf)
    assert ok(http.post(url, params={"dry_run": "true"})) == {"reinitialized_jobs": ["work2"]}
    assert job_statuses(http, wf) == before
    assert ok(http.post(url)) == {"reinitialized_jobs": ["work2"]}
    assert job_statuses(http, wf)["work2"] == "uninitialized"

    ok(http.post(f"/workflows/{wf}/initialize_jobs", params={"only_uninitialized": "true"}))
    assert job_statuses(http, wf) == {
        "preprocess": "completed",
        "work1": "completed",
        "work2": "ready",
        "postprocess": "blocked",
    }
    rerun = []
    while batch := claim(http, wf):
        for job in batch:
            start(http, job["id"], 0, node)
            finish(http, wf, job["id"], 0, node)
        rerun += names(batch)
    assert rerun == ["work2", "postprocess"]
    assert ok(http.post(url, params={"dry_run": "true"})) == {"reinitialized_jobs": []}


# ---------------------------------------------------------------------------------------------
# impossible requests


@pytest.fixture
def running(http: httpx.Client) -> dict[str, Any]:
    """The diamond in run 1: preprocess completed, work1 running, work2 claimed (pending),
    postprocess blocked; with a one-shot action already claimed."""
    workflow, jobs, _ = create_diamond(http)
    wf = workflow["id"]
    ids = {name: job["id"] for name, job in jobs.items()}
    node = create_compute_node(http, wf)["id"]
    action = ok(
        http.post(
            f"/workflows/{wf}/actions",
            json={
                "workflow_id": wf,
                "trigger_type": "on_workflow_start",
                "action_type": "run_commands",
                "action_config": {"commands": ["echo start"]},
            },
        )
    )
    set_run_id(http, wf, 1)
    initialize(http, wf)
    ok(http.post(f"/workflows/{wf}/actions/{action['id']}/claim", json={"compute_node_id": node}))
    claim(http, wf)
    start(http, ids["preprocess"], 1, node)
    finish(http, wf, ids["preprocess"], 1, node)
    assert names(claim(http, wf)) == ["work1", "work2"]
    start(http, ids["work1"], 1, node)
    return {"wf": wf, "ids": ids, "node": node, "action": action["id"]}


def _impossible(ctx: dict[str, Any]) -> list[tuple[str, str, dict[str, Any], int, str]]:
    """(method, url, request options, expected status, message fragment)."""
    wf, ids, node = ctx["wf"], ctx["ids"], ctx["node"]
    pre, w1, w2, post = (ids[n] for n in ("preprocess", "work1", "work2", "postprocess"))

    def result(job_id: int, run_id: int = 1, **fields: Any) -> dict[str, Any]:
        return {"json": result_body(job_id, wf, run_id, node, **fields)}

    missing = 999_999_901
    return [
        # starting a job that is not pending
        ("PUT", f"/jobs/{w1}/start_job/1/{node}", {}, 422, "running"),
        ("PUT", f"/jobs/{post}/start_job/1/{node}", {}, 422, "blocked"),
        ("PUT", f"/jobs/{pre}/start_job/1/{node}", {}, 422, "completed"),
        ("PUT", f"/jobs/{w2}/start_job/1/{missing}", {}, 404, str(missing)),
        # completing a job twice, or with a status that is not final
        ("POST", f"/jobs/{pre}/complete_job/completed/1", result(pre), 422, "already complete"),
        ("POST", f"/jobs/{pre}/complete_job/failed/1", result(pre), 422, "already complete"),
        ("POST", f"/jobs/{w1}/complete_job/running/1", result(w1), 422, "running"),
        (
            "POST",
            f"/jobs/{w1}/complete_job/completed/1",
            {"json": result_body(w1, wf, 1, missing)},
            404,
            str(missing),
        ),
        # a stale run id
        ("PUT", f"/jobs/{w2}/start_job/0/{node}", {}, 422, "run_id"),
        ("POST", f"/jobs/{w1}/complete_job/completed/0", result(w1, 0), 422, "run_id"),
        ("PUT", f"/jobs/{pre}/manage_status_change/uninitialized/2", {}, 422, "run_id"),
        ("POST", f"/jobs/{w1}/retry/0", {}, 422, "run_id"),
        # other refusals
        ("PUT", f"/jobs/{pre}/manage_status_change/completed/1", {}, 422, "complete_job"),
        ("POST", f"/jobs/{pre}/retry/1", {}, 422, "completed"),
        ("POST", f"/jobs/{w1}/retry/1", {"params": {"max_retries": 1}}, 422, "1 of 1"),
        (
            "POST",
            f"/workflows/{wf}/complete_jobs/1",
            {
                "json": {
                    "completions": [
                        {
                            "job_id": w1,
                            "status": "completed",
                            "result": result_body(w1, wf, 1, node),
                        },
                        {
                            "job_id": pre,
                            "status": "completed",
                            "result": result_body(pre, wf, 1, node),
                        },
                    ]
                }
            },
            422,
            "already complete",
        ),
        (
            "POST",
            f"/workflows/{wf}/start_jobs/1/{node}",
            {"json": {"job_ids": [w2, post]}},
            422,
            "blocked",
        ),
        ("POST", f"/workflows/{wf}/reset_status", {}, 422, "pending or running"),
        (
            "POST",
            f"/workflows/{wf}/claim_jobs_based_on_resources/5",
            {"json": {**OFFER, "time_limit": "two hours"}},
            422,
            "two hours",
        ),
        ("POST", f"/workflows/{wf}/actions/{ctx['action']}/claim", {"json": {}}, 409, "claimed"),
        # a missing workflow
        ("POST", f"/workflows/{missing}/claim_next_jobs", {}, 404, str(missing)),
        (
            "POST",
            f"/workflows/{missing}/claim_jobs_based_on_resources/5",
            {"json": OFFER},
            404,
            str(missing),
        ),
        ("POST", f"/workflows/{missing}/reset_job_status", {}, 404, str(missing)),
        ("PUT", f"/workflows/{missing}/cancel", {}, 404, str(missing)),
    ]


def test_impossible_requests_answer_4xx_and_change_nothing(
    http: httpx.Client, running: dict[str, Any]
) -> None:
    wf = running["wf"]
    before = state(http, wf)
    assert job_statuses(http, wf) == {
        "preprocess": "completed",
        "work1": "running",
        "work2": "pending",
        "postprocess": "blocked",
    }
    for method, url, options, status, fragment in _impossible(running):
        error(http.request(method, url, **options), status, fragment)
        assert state(http, wf) == before, f"{method} {url} changed the workflow"


def test_an_archived_workflow_refuses_a_reset(http: httpx.Client, running: dict[str, Any]) -> None:
    wf = running["wf"]
    ok(http.put(f"/workflows/{wf}/cancel"))
    status = ok(http.get(f"/workflows/{wf}/status"))
    ok(http.put(f"/workflows/{wf}/status", json={**status, "is_archived": True}))
    before = state(http, wf)
    for params in ({}, {"force": "true"}):
        error(
            http.post(f"/workflows/{wf}/reset_status", params=params),
            422,
            "Cannot reset archived workflow status. Unarchive the workflow first.",
        )
        assert state(http, wf) == before
    ok(http.put(f"/workflows/{wf}/status", json={**status, "is_archived": False}))
    assert (
        ok(http.post(f"/workflows/{wf}/reset_status", params={"force": "true"}))["is_canceled"]
        is False
    )


def test_a_canceled_workflow_claims_nothing_with_a_reason(
    http: httpx.Client, running: dict[str, Any]
) -> None:
    wf = running["wf"]
    canceled = ok(http.put(f"/workflows/{wf}/cancel"))
    assert canceled["is_canceled"] is True
    assert job_statuses(http, wf) == {
        "preprocess": "completed",
        "work1": "canceled",
        "work2": "canceled",
        "postprocess": "blocked",
    }
    assert ok(http.post(f"/workflows/{wf}/claim_next_jobs", params={"limit": 5})) == {"jobs": []}
    answer = ok(http.post(f"/workflows/{wf}/claim_jobs_based_on_resources/5", json=OFFER))
    assert answer == {"jobs": [], "reason": "Workflow is canceled"}
    assert ok(http.get(f"/workflows/{wf}/is_complete"))["is_canceled"] is True
