"""Several runner processes claim from one workflow at the same time, through HTTP: every job is
claimed exactly once and none is lost."""

from __future__ import annotations

import multiprocessing
import time
from collections import Counter
from typing import Any

import httpx

from .helpers import create_compute_node, create_jobs, create_workflow, initialize, items, ok

PROCESSES = 4
LIMIT = 5
OFFER = {"num_cpus": LIMIT, "memory_gb": 64.0, "num_gpus": 0, "num_nodes": 1}

# Forked workers inherit nothing they need but the arguments; fork keeps them independent of
# how pytest imported this module.
_CTX = multiprocessing.get_context("fork")


def _claim(client: httpx.Client, wf: int, how: str) -> list[int]:
    if how == "next":
        response = client.post(f"/workflows/{wf}/claim_next_jobs", params={"limit": LIMIT})
    else:
        response = client.post(f"/workflows/{wf}/claim_jobs_based_on_resources/{LIMIT}", json=OFFER)
    response.raise_for_status()
    jobs = response.json()["jobs"]
    assert all(job["status"] == "pending" for job in jobs)
    return [job["id"] for job in jobs]


def _claimer(url: str, wf: int, how: str, barrier: Any, out: Any) -> None:
    """Claim until nothing is left; report every id claimed."""
    claimed: list[int] = []
    try:
        with httpx.Client(base_url=url, timeout=60.0) as client:
            barrier.wait(timeout=60)
            while batch := _claim(client, wf, how):
                claimed.extend(batch)
        out.put(("ok", claimed))
    except Exception as exc:  # reported to the test, which fails with it
        out.put(("error", repr(exc)))


def _runner(url: str, wf: int, how: str, node: int, barrier: Any, out: Any) -> None:
    """Claim, start and complete jobs until the workflow is complete."""
    done: list[int] = []
    try:
        with httpx.Client(base_url=url, timeout=60.0) as client:
            barrier.wait(timeout=60)
            while not client.get(f"/workflows/{wf}/is_complete").json()["is_complete"]:
                claimed = _claim(client, wf, how)
                if not claimed:
                    time.sleep(0.01)  # the next jobs wait for another runner's completions
                for job_id in claimed:
                    client.put(f"/jobs/{job_id}/start_job/0/{node}").raise_for_status()
                    result = {
                        "job_id": job_id,
                        "workflow_id": wf,
                        "run_id": 0,
                        "compute_node_id": node,
                        "return_code": 0,
                        "exec_time_minutes": 0.0,
                        "completion_time": "2024-01-31T12:30:00.000Z",
                        "status": "completed",
                    }
                    client.post(
                        f"/jobs/{job_id}/complete_job/completed/0", json=result
                    ).raise_for_status()
                    done.append(job_id)
        out.put(("ok", done))
    except Exception as exc:
        out.put(("error", repr(exc)))


def _run_all(target: Any, args_per_process: list[tuple[Any, ...]]) -> list[int]:
    """Start one process per argument tuple together; answer every id they report."""
    barrier = _CTX.Barrier(len(args_per_process))
    out = _CTX.Queue()
    procs = [_CTX.Process(target=target, args=(*args, barrier, out)) for args in args_per_process]
    for proc in procs:
        proc.start()
    reports = [out.get(timeout=300) for _ in procs]
    for proc in procs:
        proc.join(timeout=60)
    errors = [detail for kind, detail in reports if kind == "error"]
    assert not errors, errors
    return [job_id for _, ids in reports for job_id in ids]


def _ready_workflow(http: httpx.Client, count: int) -> tuple[int, list[int]]:
    wf = create_workflow(http)["id"]
    created: list[dict[str, Any]] = []
    for start in range(0, count, 100):
        batch = [
            {"workflow_id": wf, "name": f"job{i:04d}", "command": "true"}
            for i in range(start, min(start + 100, count))
        ]
        created += create_jobs(http, batch)
    initialize(http, wf)
    return wf, [job["id"] for job in created]


def _assert_exactly_once(claimed: list[int], expected: list[int]) -> None:
    twice = [job_id for job_id, n in Counter(claimed).items() if n > 1]
    assert twice == [], f"claimed more than once: {twice}"
    assert sorted(claimed) == sorted(expected), "some jobs were never claimed"


def test_processes_claim_every_job_exactly_once(http: httpx.Client) -> None:
    wf, expected = _ready_workflow(http, 300)
    claimed = _run_all(_claimer, [(str(http.base_url), wf, "next")] * PROCESSES)
    _assert_exactly_once(claimed, expected)
    statuses = {job["status"] for job in items(http, "/jobs", workflow_id=wf)}
    assert statuses == {"pending"}


def test_both_claim_operations_together_claim_every_job_exactly_once(http: httpx.Client) -> None:
    wf, expected = _ready_workflow(http, 300)
    url = str(http.base_url)
    hows = ["next", "resources"] * (PROCESSES // 2)
    claimed = _run_all(_claimer, [(url, wf, how) for how in hows])
    _assert_exactly_once(claimed, expected)


def test_runners_complete_a_layered_workflow_each_job_once(http: httpx.Client) -> None:
    # 40 chains of 3: each completion releases the next job of its chain while others claim.
    wf = create_workflow(http)["id"]
    first = create_jobs(
        http, [{"workflow_id": wf, "name": f"a{i:02d}", "command": "true"} for i in range(40)]
    )
    second = create_jobs(
        http,
        [
            {
                "workflow_id": wf,
                "name": f"b{i:02d}",
                "command": "true",
                "depends_on_job_ids": [j["id"]],
            }
            for i, j in enumerate(first)
        ],
    )
    third = create_jobs(
        http,
        [
            {
                "workflow_id": wf,
                "name": f"c{i:02d}",
                "command": "true",
                "depends_on_job_ids": [j["id"]],
            }
            for i, j in enumerate(second)
        ],
    )
    initialize(http, wf)
    node = create_compute_node(http, wf)["id"]
    url = str(http.base_url)
    hows = ["next", "resources"] * (PROCESSES // 2)
    done = _run_all(_runner, [(url, wf, how, node) for how in hows])
    _assert_exactly_once(done, [j["id"] for j in first + second + third])
    assert {job["status"] for job in items(http, "/jobs", workflow_id=wf)} == {"completed"}
    results = items(http, "/results", workflow_id=wf, all_runs="true")
    assert len(results) == 120
    assert ok(http.get(f"/workflows/{wf}/is_complete"))["is_complete"] is True


def _action_claimer(url: str, wf: int, action_id: int, node: int, barrier: Any, out: Any) -> None:
    """Claim one action once; report the answer's status code."""
    try:
        with httpx.Client(base_url=url, timeout=60.0) as client:
            barrier.wait(timeout=60)
            response = client.post(
                f"/workflows/{wf}/actions/{action_id}/claim", json={"compute_node_id": node}
            )
        out.put(("ok", [response.status_code]))
    except Exception as exc:
        out.put(("error", repr(exc)))


def test_a_one_shot_action_is_claimed_by_exactly_one_runner(http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    create_jobs(http, [{"workflow_id": wf, "name": "only", "command": "true"}])
    action = ok(
        http.post(
            f"/workflows/{wf}/actions",
            json={
                "workflow_id": wf,
                "trigger_type": "on_workflow_start",
                "action_type": "run_commands",
                "action_config": {"commands": ["echo once"]},
            },
        )
    )
    initialize(http, wf)
    nodes = [create_compute_node(http, wf, hostname=f"n{i}")["id"] for i in range(PROCESSES * 2)]
    url = str(http.base_url)
    codes = _run_all(_action_claimer, [(url, wf, action["id"], node) for node in nodes])
    assert sorted(codes) == [200] + [409] * (len(nodes) - 1)
    (stored,) = ok(http.get(f"/workflows/{wf}/actions"))
    assert stored["executed"] is True
    assert stored["executed_by"] in nodes
    assert ok(http.get(f"/workflows/{wf}/actions/pending")) == []
